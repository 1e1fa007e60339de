#include "core/pkcs12/private_key_info.h"

#include <optional>
#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/gost_curve.h"
#include "core/crypto/gost_encoding.h"
#include "core/crypto/rsa_private_key.h"
#include "core/der/reader.h"
#include "core/der/writer.h"

namespace tinysign::pkcs12 {
namespace {

std::optional<crypto::KeyAlgorithm> FindGostKeyAlgorithm(der::Input oid) {
  if (crypto::oid::kKzGost2004Key == oid) {
    return crypto::KeyAlgorithm::kGost2004;
  }
  if (crypto::oid::kKzGost2015Key256 == oid) {
    return crypto::KeyAlgorithm::kGost2015_256;
  }
  if (crypto::oid::kKzGost2015Key512 == oid) {
    return crypto::KeyAlgorithm::kGost2015_512;
  }
  return std::nullopt;
}

size_t GostKeyBytes(crypto::KeyAlgorithm algorithm) {
  return algorithm == crypto::KeyAlgorithm::kGost2015_512 ? 64 : 32;
}

// ReadGostCurve reads NUC's GOST key parameters
// SEQUENCE { curve OID, digest parameter OID } and returns the curve, which
// must have the key's size. The digest parameter is fixed by the key OID and
// not checked here; the certificate's copy is checked when it is parsed.
Result<crypto::GostCurveId> ReadGostCurve(der::Reader& algorithm,
                                          crypto::KeyAlgorithm key_algorithm) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader parameters, algorithm.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input curve_oid, parameters.ReadOid());
  std::optional<crypto::GostCurveId> curve =
      crypto::FindGostCurveByOid(curve_oid);
  if (!curve.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "GOST curve " + der::OidToString(curve_oid));
  }
  if (crypto::GetGostCurveParams(*curve).coordinate_bytes !=
      GostKeyBytes(key_algorithm)) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "curve size does not match the key OID");
  }
  return *curve;
}

// DecodeGostScalar reads the contents of privateKey for a GOST key.
Result<crypto::GostPrivateKey> DecodeGostScalar(crypto::KeyAlgorithm algorithm,
                                                crypto::GostCurveId curve,
                                                der::Input private_key) {
  const size_t num_bytes = GostKeyBytes(algorithm);
  der::Reader reader(private_key);
  if (algorithm == crypto::KeyAlgorithm::kGost2004) {
    // NUC GOST 2004: INTEGER d, big-endian.
    TINYSIGN_ASSIGN_OR_RETURN(der::Input d, reader.ReadUnsignedInteger());
    TINYSIGN_TRY(reader.ExpectEnd("GOST 2004 private key"));
    if (d.size() > num_bytes) {
      return Fail(ErrorCode::kCryptoBadPrivateKey, "GOST scalar too long");
    }
    Bytes padded(num_bytes - d.size(), 0);
    padded.insert(padded.end(), d.begin(), d.end());
    return crypto::GostPrivateKey{curve, std::move(padded)};
  }
  // NUC GOST 2015: OCTET STRING of d, little-endian.
  TINYSIGN_ASSIGN_OR_RETURN(der::Input little_endian, reader.ReadOctetString());
  TINYSIGN_TRY(reader.ExpectEnd("GOST 2015 private key"));
  return crypto::DecodeGostPrivateKey(curve, little_endian);
}

// AlgorithmIdentifierOf returns the AlgorithmIdentifier that NUC
// certificates give `public_key`: the first element of its
// SubjectPublicKeyInfo.
Result<Bytes> AlgorithmIdentifierOf(const crypto::PublicKey& public_key) {
  TINYSIGN_ASSIGN_OR_RETURN(Bytes spki,
                            crypto::EncodeSubjectPublicKeyInfo(public_key));
  der::Reader outer(spki);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input algorithm,
                            fields.ReadTlv(der::tag::kSequence));
  return algorithm.ToBytes();
}

Result<Bytes> EncodeGostScalar(crypto::KeyAlgorithm algorithm,
                               const crypto::GostPrivateKey& key) {
  der::Writer out;
  if (algorithm == crypto::KeyAlgorithm::kGost2004) {
    out.AddUnsignedInteger(key.d);
  } else {
    // NOTE: no NUC GOST 2015-256 key file was available; it gets the
    // 2015-512 layout.
    out.AddOctetString(Bytes(key.d.rbegin(), key.d.rend()));
  }
  return out.Take();
}

}  // namespace

Result<ParsedPrivateKey> ParsePrivateKeyInfo(der::Input private_key_info_tlv) {
  der::Reader outer(private_key_info_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader info, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("PrivateKeyInfo"));
  // version INTEGER, 0 in RFC 5208.
  TINYSIGN_ASSIGN_OR_RETURN(int64_t version, info.ReadSmallInteger());
  if (version != 0) {
    return Fail(ErrorCode::kCryptoBadPrivateKey,
                "PrivateKeyInfo version " + std::to_string(version));
  }
  // privateKeyAlgorithm AlgorithmIdentifier
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader algorithm, info.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input key_oid, algorithm.ReadOid());
  // privateKey OCTET STRING; attributes are ignored.
  TINYSIGN_ASSIGN_OR_RETURN(der::Input private_key, info.ReadOctetString());
  ParsedPrivateKey parsed;
  if (crypto::oid::kRsaEncryption == key_oid) {
    parsed.algorithm = crypto::KeyAlgorithm::kRsa;
    TINYSIGN_ASSIGN_OR_RETURN(parsed.key,
                              crypto::ParseRsaPrivateKey(private_key));
    return parsed;
  }
  std::optional<crypto::KeyAlgorithm> gost = FindGostKeyAlgorithm(key_oid);
  if (!gost.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "private key " + der::OidToString(key_oid));
  }
  parsed.algorithm = *gost;
  TINYSIGN_ASSIGN_OR_RETURN(crypto::GostCurveId curve,
                            ReadGostCurve(algorithm, *gost));
  TINYSIGN_ASSIGN_OR_RETURN(parsed.key,
                            DecodeGostScalar(*gost, curve, private_key));
  return parsed;
}

Result<crypto::PublicKey> PublicKeyOf(const ParsedPrivateKey& key) {
  crypto::PublicKey public_key;
  public_key.algorithm = key.algorithm;
  if (const auto* rsa = std::get_if<crypto::RsaPrivateKey>(&key.key)) {
    public_key.key = crypto::RsaPublicKeyOf(*rsa);
    return public_key;
  }
  const auto& gost = std::get<crypto::GostPrivateKey>(key.key);
  TINYSIGN_ASSIGN_OR_RETURN(public_key.key, crypto::DeriveGostPublicKey(gost));
  return public_key;
}

Result<Bytes> EncodePrivateKeyInfo(const ParsedPrivateKey& key) {
  TINYSIGN_ASSIGN_OR_RETURN(crypto::PublicKey public_key, PublicKeyOf(key));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes algorithm, AlgorithmIdentifierOf(public_key));
  Bytes private_key;
  if (const auto* rsa = std::get_if<crypto::RsaPrivateKey>(&key.key)) {
    TINYSIGN_ASSIGN_OR_RETURN(private_key, crypto::EncodeRsaPrivateKey(*rsa));
  } else {
    TINYSIGN_ASSIGN_OR_RETURN(
        private_key,
        EncodeGostScalar(key.algorithm,
                         std::get<crypto::GostPrivateKey>(key.key)));
  }
  der::Writer fields;
  fields.AddSmallInteger(0);
  fields.AddRaw(algorithm);
  fields.AddOctetString(private_key);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

}  // namespace tinysign::pkcs12
