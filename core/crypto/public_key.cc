#include "core/crypto/public_key.h"

#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/gost_curve.h"
#include "core/crypto/gost_encoding.h"
#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::crypto {

namespace {

// GostKeyType describes one GOST key OID: the key algorithm, its size,
// the digest parameter OID that may follow the curve, and whether a third
// OID (the 2001 encryptionParamSet) may follow.
struct GostKeyType {
  const der::Oid* oid;
  KeyAlgorithm algorithm;
  size_t coordinate_bytes;
  const der::Oid* digest_parameter;
  bool allows_encryption_parameters;
};

const GostKeyType kGostKeyTypes[] = {
    {&oid::kKzGost2004Key, KeyAlgorithm::kGost2004, 32,
     &oid::kKzGost34311TestParamSet, false},
    {&oid::kKzGost2015Key256, KeyAlgorithm::kGost2015_256, 32,
     &oid::kKzStreebog256, false},
    {&oid::kKzGost2015Key512, KeyAlgorithm::kGost2015_512, 64,
     &oid::kKzStreebog512, false},
    // OpenSSL's gost engine writes id-GostR3411-94-CryptoProParamSet.
    {&oid::kGostR3410_2001, KeyAlgorithm::kGost2004, 32,
     &oid::kGostR3411_94CryptoProParamSet, true},
    {&oid::kTc26Gost3410_12_256, KeyAlgorithm::kGost2015_256, 32,
     &oid::kTc26Streebog256, false},
    {&oid::kTc26Gost3410_12_512, KeyAlgorithm::kGost2015_512, 64,
     &oid::kTc26Streebog512, false},
};

const GostKeyType* FindGostKeyType(der::Input oid) {
  for (const GostKeyType& type : kGostKeyTypes) {
    if (*type.oid == oid) {
      return &type;
    }
  }
  return nullptr;
}

// ParseGostKeyParameters reads
//   SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL,
//              encryptionParamSet OID OPTIONAL }
// and returns the curve, checked against the key type.
Result<GostCurveId> ParseGostKeyParameters(der::Reader& parameters,
                                           const GostKeyType& type) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, parameters.ReadSequence());
  TINYSIGN_TRY(parameters.ExpectEnd("GOST public key AlgorithmIdentifier"));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input curve_oid, fields.ReadOid());
  const std::optional<GostCurveId> curve = FindGostCurveByOid(curve_oid);
  if (!curve.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "GOST curve " + der::OidToString(curve_oid));
  }
  if (GetGostCurveParams(*curve).coordinate_bytes != type.coordinate_bytes) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "curve " + der::OidToString(curve_oid) +
                    " does not fit key algorithm " +
                    der::OidToString(type.oid->bytes()));
  }
  if (!fields.AtEnd()) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input digest_oid, fields.ReadOid());
    if (!(*type.digest_parameter == digest_oid)) {
      return Fail(ErrorCode::kCryptoBadParameters,
                  "digest parameter " + der::OidToString(digest_oid) +
                      " does not fit key algorithm " +
                      der::OidToString(type.oid->bytes()));
    }
  }
  if (type.allows_encryption_parameters && !fields.AtEnd()) {
    // Only used for key agreement; signatures ignore it.
    TINYSIGN_TRY(fields.ReadOid());
  }
  TINYSIGN_TRY(fields.ExpectEnd("GOST public key parameters"));
  return *curve;
}

Result<PublicKey> ParseGostPublicKey(der::Reader& parameters,
                                     der::Input subject_public_key,
                                     const GostKeyType& type) {
  TINYSIGN_ASSIGN_OR_RETURN(GostCurveId curve,
                            ParseGostKeyParameters(parameters, type));
  TINYSIGN_ASSIGN_OR_RETURN(GostPublicKey key,
                            DecodeGostPublicKey(curve, subject_public_key));
  TINYSIGN_TRY(ValidateGostPublicKey(key));
  return PublicKey{type.algorithm, std::move(key)};
}

Result<PublicKey> ParseRsaKeyInfo(der::Reader& parameters,
                                  der::Input subject_public_key) {
  // RFC 3279 section 2.3.1 requires NULL parameters; some producers omit
  // them.
  if (!parameters.AtEnd()) {
    TINYSIGN_TRY(parameters.ReadNull());
    TINYSIGN_TRY(parameters.ExpectEnd("rsaEncryption AlgorithmIdentifier"));
  }
  TINYSIGN_ASSIGN_OR_RETURN(RsaPublicKey key,
                            ParseRsaPublicKey(subject_public_key));
  return PublicKey{KeyAlgorithm::kRsa, std::move(key)};
}

// NucGostOids returns NUC's key OID, curve OID and digest parameter OID
// for a GOST key, or nulls when NUC has no OID for its curve.
struct NucGostOids {
  const der::Oid* key = nullptr;
  const der::Oid* curve = nullptr;
  const der::Oid* digest = nullptr;
};

NucGostOids FindNucGostOids(KeyAlgorithm algorithm, GostCurveId curve) {
  if (algorithm == KeyAlgorithm::kGost2004 &&
      curve == GostCurveId::kCryptoProA) {
    return {&oid::kKzGost2004Key, &oid::kKzGost2004Curve,
            &oid::kKzGost34311TestParamSet};
  }
  if (algorithm == KeyAlgorithm::kGost2015_512 &&
      curve == GostCurveId::kTc26Gost512ParamSetA) {
    return {&oid::kKzGost2015Key512, &oid::kKzGost2015Curve512,
            &oid::kKzStreebog512};
  }
  if (algorithm == KeyAlgorithm::kGost2015_256 &&
      curve == GostCurveId::kTc26Gost256ParamSetA) {
    return {&oid::kKzGost2015Key256, &oid::kKzGost2015Curve256,
            &oid::kKzStreebog256};
  }
  return {};
}

}  // namespace

Result<PublicKey> ParsePublicKey(der::Input subject_public_key_info_tlv) {
  der::Reader outer(subject_public_key_info_tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader spki, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("SubjectPublicKeyInfo"));
  //   algorithm AlgorithmIdentifier,
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader algorithm, spki.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input key_oid, algorithm.ReadOid());
  //   subjectPublicKey BIT STRING
  TINYSIGN_ASSIGN_OR_RETURN(der::Input subject_public_key,
                            spki.ReadBitStringBytes());
  TINYSIGN_TRY(spki.ExpectEnd("SubjectPublicKeyInfo"));

  if (oid::kRsaEncryption == key_oid) {
    return ParseRsaKeyInfo(algorithm, subject_public_key);
  }
  const GostKeyType* gost = FindGostKeyType(key_oid);
  if (gost == nullptr) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "public key algorithm " + der::OidToString(key_oid));
  }
  return ParseGostPublicKey(algorithm, subject_public_key, *gost);
}

Result<Bytes> EncodeSubjectPublicKeyInfo(const PublicKey& key) {
  der::Writer algorithm;
  Bytes subject_public_key;
  if (const RsaPublicKey* rsa = key.rsa()) {
    algorithm.AddOid(oid::kRsaEncryption);
    algorithm.AddNull();
    subject_public_key = EncodeRsaPublicKey(*rsa);
  } else {
    const GostPublicKey& gost = *key.gost();
    const NucGostOids oids = FindNucGostOids(key.algorithm, gost.curve);
    if (oids.key == nullptr) {
      return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                  "no NUC OID for " +
                      std::string(KeyAlgorithmName(key.algorithm)) + " on " +
                      std::string(GetGostCurveParams(gost.curve).name));
    }
    der::Writer parameters;
    parameters.AddOid(*oids.curve);
    parameters.AddOid(*oids.digest);
    algorithm.AddOid(*oids.key);
    algorithm.AddConstructed(der::tag::kSequence, parameters);
    subject_public_key = EncodeGostPublicKey(gost);
  }
  der::Writer spki;
  spki.AddConstructed(der::tag::kSequence, algorithm);
  spki.AddBitString(subject_public_key);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, spki);
  return out.Take();
}

std::string_view KeyAlgorithmName(KeyAlgorithm algorithm) {
  switch (algorithm) {
    case KeyAlgorithm::kGost2004:
      return "gost34310-2004";
    case KeyAlgorithm::kGost2015_256:
      return "gost3410-2015-256";
    case KeyAlgorithm::kGost2015_512:
      return "gost3410-2015-512";
    case KeyAlgorithm::kRsa:
      return "rsa";
  }
  return "";
}

}  // namespace tinysign::crypto
