#include "core/crypto/rsa_private_key.h"

#include "core/crypto/internal/mpi.h"
#include "core/der/writer.h"

namespace tinysign::crypto {

using internal::Mpi;
using internal::MpiFromBigEndian;
using internal::MpiStatus;
using internal::MpiToBigEndian;

Result<Bytes> EncodeRsaPrivateKey(const RsaPrivateKey& key) {
  TINYSIGN_ASSIGN_OR_RETURN(Mpi d, MpiFromBigEndian(key.private_exponent));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi p, MpiFromBigEndian(key.prime1));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi q, MpiFromBigEndian(key.prime2));
  Mpi p_minus_1;
  Mpi q_minus_1;
  Mpi exponent1;
  Mpi exponent2;
  Mpi coefficient;
  MpiStatus status;
  status.Check(mbedtls_mpi_sub_int(p_minus_1.get(), p.get(), 1));
  status.Check(mbedtls_mpi_sub_int(q_minus_1.get(), q.get(), 1));
  status.Check(mbedtls_mpi_mod_mpi(exponent1.get(), d.get(), p_minus_1.get()));
  status.Check(mbedtls_mpi_mod_mpi(exponent2.get(), d.get(), q_minus_1.get()));
  if (!status.ok()) {
    return status.ToStatus("RSA CRT exponents").error();
  }
  if (mbedtls_mpi_inv_mod(coefficient.get(), q.get(), p.get()) != 0) {
    return Fail(ErrorCode::kCryptoBadPrivateKey, "q has no inverse mod p");
  }
  TINYSIGN_ASSIGN_OR_RETURN(Bytes exponent1_bytes, MpiToBigEndian(exponent1));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes exponent2_bytes, MpiToBigEndian(exponent2));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes coefficient_bytes,
                            MpiToBigEndian(coefficient));
  // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent,
  //   privateExponent, prime1, prime2, exponent1, exponent2, coefficient }
  der::Writer fields;
  fields.AddSmallInteger(0);
  fields.AddUnsignedInteger(key.modulus);
  fields.AddUnsignedInteger(key.public_exponent);
  fields.AddUnsignedInteger(key.private_exponent);
  fields.AddUnsignedInteger(key.prime1);
  fields.AddUnsignedInteger(key.prime2);
  fields.AddUnsignedInteger(exponent1_bytes);
  fields.AddUnsignedInteger(exponent2_bytes);
  fields.AddUnsignedInteger(coefficient_bytes);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

}  // namespace tinysign::crypto
