#include "core/crypto/rsa.h"

#include <mbedtls/md.h>
#include <mbedtls/rsa.h>

#include <cstdio>
#include <optional>
#include <string>

#include "core/crypto/internal/mpi.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::crypto {

namespace {

using internal::Mpi;

constexpr int kRsaPublicExponent = 65537;

// RsaContext owns an `mbedtls_rsa_context`.
class RsaContext {
 public:
  RsaContext() { mbedtls_rsa_init(&context_, MBEDTLS_RSA_PKCS_V15, 0); }
  ~RsaContext() { mbedtls_rsa_free(&context_); }
  RsaContext(const RsaContext&) = delete;
  RsaContext& operator=(const RsaContext&) = delete;

  mbedtls_rsa_context* get() { return &context_; }

 private:
  mbedtls_rsa_context context_;
};

std::optional<mbedtls_md_type_t> MbedtlsDigest(DigestAlgorithm digest) {
  switch (digest) {
    case DigestAlgorithm::kSha1:
      return MBEDTLS_MD_SHA1;
    case DigestAlgorithm::kSha224:
      return MBEDTLS_MD_SHA224;
    case DigestAlgorithm::kSha256:
      return MBEDTLS_MD_SHA256;
    case DigestAlgorithm::kSha384:
      return MBEDTLS_MD_SHA384;
    case DigestAlgorithm::kSha512:
      return MBEDTLS_MD_SHA512;
    case DigestAlgorithm::kGost34311:
    case DigestAlgorithm::kStreebog256:
    case DigestAlgorithm::kStreebog512:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<mbedtls_md_type_t> CheckDigest(DigestAlgorithm digest_algorithm,
                                      der::Input digest) {
  const std::optional<mbedtls_md_type_t> md = MbedtlsDigest(digest_algorithm);
  if (!md.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "RSA with digest " + std::string(DigestName(digest_algorithm)));
  }
  if (digest.size() != DigestLength(digest_algorithm)) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "digest has " + std::to_string(digest.size()) + " bytes, " +
                    std::string(DigestName(digest_algorithm)) + " has " +
                    std::to_string(DigestLength(digest_algorithm)));
  }
  return *md;
}

// ImportPublicKey loads (n, e) into `context`, which Mbed TLS then checks.
Status ImportPublicKey(const RsaPublicKey& key, RsaContext& context) {
  int rc = mbedtls_rsa_import_raw(context.get(), key.modulus.data(),
                                  key.modulus.size(), nullptr, 0, nullptr, 0,
                                  nullptr, 0, key.public_exponent.data(),
                                  key.public_exponent.size());
  if (rc == 0) {
    rc = mbedtls_rsa_complete(context.get());
  }
  if (rc == 0) {
    rc = mbedtls_rsa_check_pubkey(context.get());
  }
  if (rc != 0) {
    return internal::MbedtlsFailure("loading an RSA public key", rc);
  }
  return OkStatus();
}

Status ImportPrivateKey(const RsaPrivateKey& key, RsaContext& context) {
  int rc = mbedtls_rsa_import_raw(
      context.get(), key.modulus.data(), key.modulus.size(), key.prime1.data(),
      key.prime1.size(), key.prime2.data(), key.prime2.size(),
      key.private_exponent.data(), key.private_exponent.size(),
      key.public_exponent.data(), key.public_exponent.size());
  if (rc == 0) {
    rc = mbedtls_rsa_complete(context.get());
  }
  if (rc == 0) {
    rc = mbedtls_rsa_check_privkey(context.get());
  }
  if (rc != 0) {
    char code[16];
    std::snprintf(code, sizeof(code), "-0x%04x", static_cast<unsigned>(-rc));
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                std::string("Mbed TLS rejects the RSA private key: ") + code);
  }
  return OkStatus();
}

Status CheckSignatureLength(RsaContext& context, der::Input signature) {
  const size_t modulus_bytes = mbedtls_rsa_get_len(context.get());
  if (signature.size() != modulus_bytes) {
    // RFC 8017 section 8.2.2 step 1: a signature of another length is
    // invalid.
    return Fail(ErrorCode::kCryptoBadSignatureEncoding,
                "RSA signature has " + std::to_string(signature.size()) +
                    " bytes, the modulus " + std::to_string(modulus_bytes));
  }
  return OkStatus();
}

// VerificationResult maps an Mbed TLS verification return code. A
// signature representative not below n (PUBLIC_FAILED), bad padding and a
// salt that cannot fit (BAD_INPUT_DATA) all mean the signature is invalid.
Status VerificationResult(int rc, std::string_view scheme) {
  switch (rc) {
    case 0:
      return OkStatus();
    case MBEDTLS_ERR_RSA_VERIFY_FAILED:
    case MBEDTLS_ERR_RSA_INVALID_PADDING:
    case MBEDTLS_ERR_RSA_BAD_INPUT_DATA:
      return Fail(ErrorCode::kCryptoSignatureMismatch, std::string(scheme));
    default:
      if ((-rc & 0xff80) == -MBEDTLS_ERR_RSA_PUBLIC_FAILED) {
        return Fail(ErrorCode::kCryptoSignatureMismatch,
                    std::string(scheme) + ": signature is not below n");
      }
      return internal::MbedtlsFailure(scheme, rc);
  }
}

Result<Bytes> ReadInteger(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Input value, reader.ReadUnsignedInteger());
  return value.ToBytes();
}

// ParseRsaPrivateKeyPkcs1 reads (RFC 8017 appendix A.1.2):
//   RSAPrivateKey ::= SEQUENCE {
//     version Version, modulus INTEGER, publicExponent INTEGER,
//     privateExponent INTEGER, prime1 INTEGER, prime2 INTEGER,
//     exponent1 INTEGER, exponent2 INTEGER, coefficient INTEGER,
//     otherPrimeInfos OtherPrimeInfos OPTIONAL }
Result<RsaPrivateKey> ParseRsaPrivateKeyPkcs1(der::Input tlv) {
  der::Reader outer(tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("RSAPrivateKey"));
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, fields.ReadSmallInteger());
  if (version != 0) {
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                "only two-prime RSA keys (version 0) are supported");
  }
  RsaPrivateKey key;
  TINYSIGN_ASSIGN_OR_RETURN(key.modulus, ReadInteger(fields));
  TINYSIGN_ASSIGN_OR_RETURN(key.public_exponent, ReadInteger(fields));
  TINYSIGN_ASSIGN_OR_RETURN(key.private_exponent, ReadInteger(fields));
  TINYSIGN_ASSIGN_OR_RETURN(key.prime1, ReadInteger(fields));
  TINYSIGN_ASSIGN_OR_RETURN(key.prime2, ReadInteger(fields));
  // exponent1, exponent2 and coefficient follow from the others; Mbed TLS
  // recomputes them.
  for (int i = 0; i < 3; ++i) {
    TINYSIGN_TRY(fields.ReadUnsignedInteger());
  }
  TINYSIGN_TRY(fields.ExpectEnd("RSAPrivateKey"));
  RsaContext context;
  TINYSIGN_TRY(ImportPrivateKey(key, context));
  return key;
}

// UnwrapPkcs8 returns the RSAPrivateKey inside (RFC 5208 section 5):
//   PrivateKeyInfo ::= SEQUENCE {
//     version Version, privateKeyAlgorithm AlgorithmIdentifier,
//     privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL }
Result<der::Input> UnwrapPkcs8(der::Input tlv) {
  der::Reader outer(tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("PrivateKeyInfo"));
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, fields.ReadSmallInteger());
  if (version != 0) {
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                "PrivateKeyInfo version " + std::to_string(version));
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader algorithm, fields.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, algorithm.ReadOid());
  if (!(oid::kRsaEncryption == oid)) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "private key algorithm " + der::OidToString(oid));
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input private_key, fields.ReadOctetString());
  TINYSIGN_TRY(fields.ReadOptional(der::tag::ContextConstructed(0)));
  TINYSIGN_TRY(fields.ExpectEnd("PrivateKeyInfo"));
  return private_key;
}

// IsPkcs8 distinguishes PrivateKeyInfo (INTEGER, SEQUENCE, ...) from
// RSAPrivateKey (INTEGER, INTEGER, ...) by the second element.
bool IsPkcs8(der::Input tlv) {
  der::Reader outer(tlv);
  auto fields = outer.ReadSequence();
  if (!fields.has_value() || !fields->ReadInteger().has_value()) {
    return false;
  }
  return fields->PeekTag(der::tag::kSequence);
}

}  // namespace

Result<RsaPublicKey> ParseRsaPublicKey(der::Input rsa_public_key_tlv) {
  der::Reader outer(rsa_public_key_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("RSAPublicKey"));
  RsaPublicKey key;
  TINYSIGN_ASSIGN_OR_RETURN(key.modulus, ReadInteger(fields));
  TINYSIGN_ASSIGN_OR_RETURN(key.public_exponent, ReadInteger(fields));
  TINYSIGN_TRY(fields.ExpectEnd("RSAPublicKey"));

  TINYSIGN_ASSIGN_OR_RETURN(Mpi n, internal::MpiFromBigEndian(key.modulus));
  TINYSIGN_ASSIGN_OR_RETURN(Mpi e,
                            internal::MpiFromBigEndian(key.public_exponent));
  key.modulus_bits = n.BitLength();
  if (key.modulus_bits < kMinRsaModulusBits ||
      key.modulus_bits > kMaxRsaModulusBits) {
    return Fail(ErrorCode::kCryptoBadPublicKey,
                "RSA modulus has " + std::to_string(key.modulus_bits) +
                    " bits, supported are " +
                    std::to_string(kMinRsaModulusBits) + " to " +
                    std::to_string(kMaxRsaModulusBits));
  }
  if (mbedtls_mpi_get_bit(n.get(), 0) == 0) {
    return Fail(ErrorCode::kCryptoBadPublicKey, "RSA modulus is even");
  }
  if (mbedtls_mpi_get_bit(e.get(), 0) == 0 ||
      mbedtls_mpi_cmp_int(e.get(), 3) < 0 || e.Compare(n) >= 0) {
    return Fail(ErrorCode::kCryptoBadPublicKey,
                "RSA public exponent must be odd, at least 3 and below n");
  }
  return key;
}

Bytes EncodeRsaPublicKey(const RsaPublicKey& key) {
  der::Writer fields;
  fields.AddUnsignedInteger(key.modulus);
  fields.AddUnsignedInteger(key.public_exponent);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

Status VerifyRsaPkcs1(const RsaPublicKey& key, DigestAlgorithm digest_algorithm,
                      der::Input digest, der::Input signature) {
  TINYSIGN_ASSIGN_OR_RETURN(mbedtls_md_type_t md,
                            CheckDigest(digest_algorithm, digest));
  RsaContext context;
  TINYSIGN_TRY(ImportPublicKey(key, context));
  TINYSIGN_TRY(CheckSignatureLength(context, signature));
  const int rc = mbedtls_rsa_rsassa_pkcs1_v15_verify(
      context.get(), nullptr, nullptr, MBEDTLS_RSA_PUBLIC, md,
      static_cast<unsigned int>(digest.size()), digest.data(),
      signature.data());
  return VerificationResult(rc, "RSASSA-PKCS1-v1_5");
}

Status VerifyRsaPss(const RsaPublicKey& key, DigestAlgorithm digest_algorithm,
                    const RsaPssParameters& pss, der::Input digest,
                    der::Input signature) {
  TINYSIGN_ASSIGN_OR_RETURN(mbedtls_md_type_t md,
                            CheckDigest(digest_algorithm, digest));
  const std::optional<mbedtls_md_type_t> mgf1_md =
      MbedtlsDigest(pss.mgf1_digest);
  if (!mgf1_md.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "MGF1 with digest " + std::string(DigestName(pss.mgf1_digest)));
  }
  if (pss.mgf1_digest != digest_algorithm) {
    // Mbed TLS 2.28 computes the PSS hash H' with the MGF1 digest, so it
    // can only verify signatures that use one digest for both.
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "RSASSA-PSS with message digest " +
                    std::string(DigestName(digest_algorithm)) +
                    " and MGF1 digest " +
                    std::string(DigestName(pss.mgf1_digest)));
  }
  RsaContext context;
  TINYSIGN_TRY(ImportPublicKey(key, context));
  TINYSIGN_TRY(CheckSignatureLength(context, signature));
  const int rc = mbedtls_rsa_rsassa_pss_verify_ext(
      context.get(), nullptr, nullptr, MBEDTLS_RSA_PUBLIC, md,
      static_cast<unsigned int>(digest.size()), digest.data(), *mgf1_md,
      static_cast<int>(pss.salt_length), signature.data());
  return VerificationResult(rc, "RSASSA-PSS");
}

Result<RsaPrivateKey> ParseRsaPrivateKey(der::Input private_key_tlv) {
  if (IsPkcs8(private_key_tlv)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input inner, UnwrapPkcs8(private_key_tlv));
    return ParseRsaPrivateKeyPkcs1(inner);
  }
  return ParseRsaPrivateKeyPkcs1(private_key_tlv);
}

Result<RsaPrivateKey> GenerateRsaPrivateKey(size_t modulus_bits,
                                            RandomSource& random) {
  if (modulus_bits < kMinRsaModulusBits || modulus_bits > kMaxRsaModulusBits) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "RSA key size " + std::to_string(modulus_bits) + " bits");
  }
  RsaContext context;
  internal::RandomAdapter adapter{&random};
  const int rc = mbedtls_rsa_gen_key(
      context.get(), &internal::MbedtlsRandom, &adapter,
      static_cast<unsigned int>(modulus_bits), kRsaPublicExponent);
  if (adapter.failed) {
    return Fail(ErrorCode::kCryptoRandomFailed, "RSA key generation");
  }
  if (rc != 0) {
    return internal::MbedtlsFailure("mbedtls_rsa_gen_key", rc);
  }
  Mpi n;
  Mpi p;
  Mpi q;
  Mpi d;
  Mpi e;
  const int export_rc = mbedtls_rsa_export(context.get(), n.get(), p.get(),
                                           q.get(), d.get(), e.get());
  if (export_rc != 0) {
    return internal::MbedtlsFailure("mbedtls_rsa_export", export_rc);
  }
  RsaPrivateKey key;
  TINYSIGN_ASSIGN_OR_RETURN(key.modulus, internal::MpiToBigEndian(n));
  TINYSIGN_ASSIGN_OR_RETURN(key.public_exponent, internal::MpiToBigEndian(e));
  TINYSIGN_ASSIGN_OR_RETURN(key.private_exponent, internal::MpiToBigEndian(d));
  TINYSIGN_ASSIGN_OR_RETURN(key.prime1, internal::MpiToBigEndian(p));
  TINYSIGN_ASSIGN_OR_RETURN(key.prime2, internal::MpiToBigEndian(q));
  return key;
}

RsaPublicKey RsaPublicKeyOf(const RsaPrivateKey& key) {
  RsaPublicKey public_key;
  public_key.modulus = key.modulus;
  public_key.public_exponent = key.public_exponent;
  auto n = internal::MpiFromBigEndian(key.modulus);
  public_key.modulus_bits = n.has_value() ? n->BitLength() : 0;
  return public_key;
}

Result<Bytes> SignRsaPkcs1(const RsaPrivateKey& key,
                           DigestAlgorithm digest_algorithm, der::Input digest,
                           RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(mbedtls_md_type_t md,
                            CheckDigest(digest_algorithm, digest));
  RsaContext context;
  TINYSIGN_TRY(ImportPrivateKey(key, context));
  Bytes signature(mbedtls_rsa_get_len(context.get()));
  internal::RandomAdapter adapter{&random};
  const int rc = mbedtls_rsa_rsassa_pkcs1_v15_sign(
      context.get(), &internal::MbedtlsRandom, &adapter, MBEDTLS_RSA_PRIVATE,
      md, static_cast<unsigned int>(digest.size()), digest.data(),
      signature.data());
  if (adapter.failed) {
    return Fail(ErrorCode::kCryptoRandomFailed, "RSA signing");
  }
  if (rc != 0) {
    return internal::MbedtlsFailure("mbedtls_rsa_rsassa_pkcs1_v15_sign", rc);
  }
  return signature;
}

}  // namespace tinysign::crypto
