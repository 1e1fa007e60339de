#include "core/crypto/algorithm.h"

#include <string>

#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::crypto {

namespace {

using Digest = DigestAlgorithm;

// Longest RSASSA-PSS salt accepted, in bytes: the encoded message of a
// 16384-bit key has 2048 bytes, and the salt must fit inside it.
constexpr int64_t kMaxPssSaltBytes = 2048;

// RFC 4055 section 3.1 defaults of RSASSA-PSS-params.
constexpr Digest kPssDefaultDigest = Digest::kSha1;
constexpr int64_t kPssDefaultSaltBytes = 20;
constexpr int64_t kPssTrailerFieldBc = 1;

struct SignatureEntry {
  const der::Oid* oid;
  SignatureAlgorithm algorithm;
  std::optional<Digest> digest;
  // True for key OIDs that only a SignerInfo may use as its
  // signatureAlgorithm.
  bool signer_info_only;
};

constexpr SignatureEntry kSignatureEntries[] = {
    {&oid::kKzGost2004Signature, SignatureAlgorithm::kGost34310_2004,
     Digest::kGost34311, false},
    // Kalkan and NCALayer write the key OID in SignerInfo.
    {&oid::kKzGost2004Key, SignatureAlgorithm::kGost34310_2004,
     Digest::kGost34311, true},
    {&oid::kKzGost2015Signature256, SignatureAlgorithm::kGost2015_256,
     Digest::kStreebog256, false},
    {&oid::kKzGost2015Signature512, SignatureAlgorithm::kGost2015_512,
     Digest::kStreebog512, false},
    {&oid::kTc26SignWithDigest256, SignatureAlgorithm::kGost2015_256,
     Digest::kStreebog256, false},
    {&oid::kTc26SignWithDigest512, SignatureAlgorithm::kGost2015_512,
     Digest::kStreebog512, false},
    {&oid::kSha1WithRsa, SignatureAlgorithm::kRsaPkcs1, Digest::kSha1, false},
    {&oid::kSha224WithRsa, SignatureAlgorithm::kRsaPkcs1, Digest::kSha224,
     false},
    {&oid::kSha256WithRsa, SignatureAlgorithm::kRsaPkcs1, Digest::kSha256,
     false},
    {&oid::kSha384WithRsa, SignatureAlgorithm::kRsaPkcs1, Digest::kSha384,
     false},
    {&oid::kSha512WithRsa, SignatureAlgorithm::kRsaPkcs1, Digest::kSha512,
     false},
    // RFC 3370 section 3.2: a SignerInfo may name plain rsaEncryption; the
    // digest is then SignerInfo.digestAlgorithm.
    {&oid::kRsaEncryption, SignatureAlgorithm::kRsaPkcs1, std::nullopt, true},
};

struct DigestEntry {
  const der::Oid* oid;
  Digest digest;
};

// The first entry for each digest is the OID that TinySign writes.
constexpr DigestEntry kDigestEntries[] = {
    {&oid::kKzGost34311, Digest::kGost34311},
    {&oid::kKzStreebog256, Digest::kStreebog256},
    {&oid::kKzStreebog512, Digest::kStreebog512},
    // The Russian OIDs name the same functions; OpenSSL's gost engine
    // writes them.
    {&oid::kTc26Streebog256, Digest::kStreebog256},
    {&oid::kTc26Streebog512, Digest::kStreebog512},
    {&oid::kSha1, Digest::kSha1},
    {&oid::kSha224, Digest::kSha224},
    {&oid::kSha256, Digest::kSha256},
    {&oid::kSha384, Digest::kSha384},
    {&oid::kSha512, Digest::kSha512},
};

bool IsShaFamily(Digest digest) {
  switch (digest) {
    case Digest::kSha1:
    case Digest::kSha224:
    case Digest::kSha256:
    case Digest::kSha384:
    case Digest::kSha512:
      return true;
    case Digest::kGost34311:
    case Digest::kStreebog256:
    case Digest::kStreebog512:
      return false;
  }
  return false;
}

Error Unsupported(std::string_view role, der::Input oid) {
  return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
              std::string(role) + " " + der::OidToString(oid));
}

// ParsedIdentifier is an AlgorithmIdentifier split into its OID and a
// reader over what follows it inside the SEQUENCE.
struct ParsedIdentifier {
  der::Input oid;
  der::Reader parameters;
};

Result<ParsedIdentifier> ParseIdentifier(der::Input tlv) {
  der::Reader outer(tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("AlgorithmIdentifier"));
  TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, sequence.ReadOid());
  return ParsedIdentifier{oid, sequence};
}

// ExpectNullOrAbsent accepts parameters that are absent or an explicit
// NULL. RFC 4055 requires NULL with the RSA OIDs and RFC 5754 for absent
// SHA-2 parameters; producers write both, and Kalkan writes NULL
// everywhere.
Status ExpectNullOrAbsent(der::Reader& parameters, der::Input oid) {
  if (parameters.AtEnd()) {
    return OkStatus();
  }
  if (!parameters.PeekTag(der::tag::kNull)) {
    return Fail(
        ErrorCode::kCryptoBadParameters,
        "parameters of " + der::OidToString(oid) + " must be NULL or absent");
  }
  TINYSIGN_TRY(parameters.ReadNull());
  return parameters.ExpectEnd("AlgorithmIdentifier.parameters");
}

// ParsePssHash reads a HashAlgorithm inside RSASSA-PSS-params; only SHA-1
// and SHA-2 are defined for RSASSA-PSS.
Result<Digest> ParsePssHash(der::Input algorithm_identifier_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(Digest digest,
                            ParseDigestAlgorithm(algorithm_identifier_tlv));
  if (!IsShaFamily(digest)) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "RSASSA-PSS with digest " + std::string(DigestName(digest)));
  }
  return digest;
}

// ReadExplicitField returns the one element inside `[number] EXPLICIT`, or
// nothing when the optional field is absent.
Result<std::optional<der::Element>> ReadExplicitField(der::Reader& reader,
                                                      uint8_t number,
                                                      std::string_view what) {
  const uint8_t tag = der::tag::ContextConstructed(number);
  if (!reader.PeekTag(tag)) {
    return std::optional<der::Element>();
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader field, reader.ReadConstructed(tag));
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element, field.ReadElement());
  TINYSIGN_TRY(field.ExpectEnd(what));
  return std::optional<der::Element>(element);
}

// ParseMaskGenAlgorithm reads MaskGenAlgorithm, which must be MGF1 with a
// SHA hash: SEQUENCE { id-mgf1, HashAlgorithm }.
Result<Digest> ParseMaskGenAlgorithm(const der::Element& element) {
  if (element.tag != der::tag::kSequence) {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "RSASSA-PSS-params.maskGenAlgorithm");
  }
  TINYSIGN_ASSIGN_OR_RETURN(ParsedIdentifier mask,
                            ParseIdentifier(element.tlv));
  if (!(oid::kMgf1 == mask.oid)) {
    return Unsupported("RSASSA-PSS mask generation function", mask.oid);
  }
  TINYSIGN_ASSIGN_OR_RETURN(der::Input hash_tlv,
                            mask.parameters.ReadTlv(der::tag::kSequence));
  TINYSIGN_TRY(mask.parameters.ExpectEnd("MaskGenAlgorithm"));
  return ParsePssHash(hash_tlv);
}

Result<int64_t> ReadExplicitInteger(const std::optional<der::Element>& element,
                                    int64_t default_value,
                                    std::string_view what) {
  if (!element.has_value()) {
    return default_value;
  }
  der::Reader reader(element->tlv);
  TINYSIGN_ASSIGN_OR_RETURN(int64_t value, reader.ReadSmallInteger());
  TINYSIGN_TRY(reader.ExpectEnd(what));
  return value;
}

// ParsePssParameters reads RSASSA-PSS-params (RFC 4055 section 3.1):
//   RSASSA-PSS-params ::= SEQUENCE {
//     hashAlgorithm     [0] HashAlgorithm DEFAULT sha1Identifier,
//     maskGenAlgorithm  [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
//     saltLength        [2] INTEGER DEFAULT 20,
//     trailerField      [3] INTEGER DEFAULT trailerFieldBC }
// Fields equal to their default are accepted even though DER omits them,
// because some producers write them out.
Result<SignatureAlgorithmId> ParsePssParameters(der::Reader& parameters) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader fields, parameters.ReadSequence());
  TINYSIGN_TRY(parameters.ExpectEnd("RSASSA-PSS AlgorithmIdentifier"));
  SignatureAlgorithmId id;
  id.algorithm = SignatureAlgorithm::kRsaPss;
  id.digest = kPssDefaultDigest;
  id.pss.mgf1_digest = kPssDefaultDigest;

  TINYSIGN_ASSIGN_OR_RETURN(
      auto hash, ReadExplicitField(fields, 0, "RSASSA-PSS-params.hash"));
  if (hash.has_value()) {
    TINYSIGN_ASSIGN_OR_RETURN(id.digest, ParsePssHash(hash->tlv));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      auto mask, ReadExplicitField(fields, 1, "RSASSA-PSS-params.mgf"));
  if (mask.has_value()) {
    TINYSIGN_ASSIGN_OR_RETURN(id.pss.mgf1_digest, ParseMaskGenAlgorithm(*mask));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      auto salt, ReadExplicitField(fields, 2, "RSASSA-PSS-params.salt"));
  TINYSIGN_ASSIGN_OR_RETURN(
      int64_t salt_length,
      ReadExplicitInteger(salt, kPssDefaultSaltBytes, "saltLength"));
  if (salt_length < 0 || salt_length > kMaxPssSaltBytes) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "RSASSA-PSS saltLength " + std::to_string(salt_length));
  }
  id.pss.salt_length = static_cast<size_t>(salt_length);
  TINYSIGN_ASSIGN_OR_RETURN(
      auto trailer, ReadExplicitField(fields, 3, "RSASSA-PSS-params.trailer"));
  TINYSIGN_ASSIGN_OR_RETURN(
      int64_t trailer_field,
      ReadExplicitInteger(trailer, kPssTrailerFieldBc, "trailerField"));
  if (trailer_field != kPssTrailerFieldBc) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "RSASSA-PSS trailerField " + std::to_string(trailer_field) +
                    " (only 1 is defined)");
  }
  TINYSIGN_TRY(fields.ExpectEnd("RSASSA-PSS-params"));
  return id;
}

const der::Oid* FindDigestOid(Digest digest) {
  for (const DigestEntry& entry : kDigestEntries) {
    if (entry.digest == digest) {
      return entry.oid;
    }
  }
  return nullptr;
}

const der::Oid* FindSignatureOid(SignatureAlgorithm algorithm, Digest digest) {
  for (const SignatureEntry& entry : kSignatureEntries) {
    if (entry.algorithm == algorithm && entry.digest == digest &&
        !entry.signer_info_only) {
      return entry.oid;
    }
  }
  return nullptr;
}

void AddExplicit(der::Writer& out, uint8_t number, const der::Writer& inner) {
  out.AddConstructed(der::tag::ContextConstructed(number), inner);
}

// EncodePssParameters writes RSASSA-PSS-params, leaving out fields equal to
// their DEFAULT as DER requires.
der::Writer EncodePssParameters(Digest digest, const RsaPssParameters& pss) {
  der::Writer fields;
  if (digest != kPssDefaultDigest) {
    der::Writer hash;
    hash.AddRaw(EncodeDigestAlgorithm(digest));
    AddExplicit(fields, 0, hash);
  }
  if (pss.mgf1_digest != kPssDefaultDigest) {
    der::Writer mask_contents;
    mask_contents.AddOid(oid::kMgf1);
    mask_contents.AddRaw(EncodeDigestAlgorithm(pss.mgf1_digest));
    der::Writer mask;
    mask.AddConstructed(der::tag::kSequence, mask_contents);
    AddExplicit(fields, 1, mask);
  }
  if (pss.salt_length != static_cast<size_t>(kPssDefaultSaltBytes)) {
    der::Writer salt;
    salt.AddSmallInteger(static_cast<int64_t>(pss.salt_length));
    AddExplicit(fields, 2, salt);
  }
  der::Writer parameters;
  parameters.AddConstructed(der::tag::kSequence, fields);
  return parameters;
}

}  // namespace

Result<SignatureAlgorithmId> ParseSignatureAlgorithm(
    der::Input algorithm_identifier_tlv, AlgorithmContext context) {
  TINYSIGN_ASSIGN_OR_RETURN(ParsedIdentifier identifier,
                            ParseIdentifier(algorithm_identifier_tlv));
  if (oid::kRsaPss == identifier.oid) {
    // RFC 4055 section 3.1: the parameters MUST be present when the OID
    // identifies a signature.
    if (identifier.parameters.AtEnd()) {
      return Fail(ErrorCode::kCryptoBadParameters,
                  "RSASSA-PSS parameters are missing");
    }
    return ParsePssParameters(identifier.parameters);
  }
  for (const SignatureEntry& entry : kSignatureEntries) {
    if (!(*entry.oid == identifier.oid)) {
      continue;
    }
    if (entry.signer_info_only && context != AlgorithmContext::kSignerInfo) {
      return Unsupported(
          "key algorithm used as a signature algorithm outside "
          "a SignerInfo:",
          identifier.oid);
    }
    TINYSIGN_TRY(ExpectNullOrAbsent(identifier.parameters, identifier.oid));
    return SignatureAlgorithmId{entry.algorithm, entry.digest, {}};
  }
  return Unsupported("signature algorithm", identifier.oid);
}

Result<DigestAlgorithm> ParseDigestAlgorithm(
    der::Input algorithm_identifier_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(ParsedIdentifier identifier,
                            ParseIdentifier(algorithm_identifier_tlv));
  for (const DigestEntry& entry : kDigestEntries) {
    if (*entry.oid == identifier.oid) {
      TINYSIGN_TRY(ExpectNullOrAbsent(identifier.parameters, identifier.oid));
      return entry.digest;
    }
  }
  return Unsupported("digest algorithm", identifier.oid);
}

Result<SignatureAlgorithmId> ResolveSignerDigest(
    const SignatureAlgorithmId& signature, DigestAlgorithm signer_digest) {
  SignatureAlgorithmId resolved = signature;
  if (!resolved.digest.has_value()) {
    if (!IsShaFamily(signer_digest)) {
      return Fail(ErrorCode::kCmsDigestAlgorithmMismatch,
                  "RSA signature with digestAlgorithm " +
                      std::string(DigestName(signer_digest)));
    }
    resolved.digest = signer_digest;
    return resolved;
  }
  if (*resolved.digest != signer_digest) {
    return Fail(ErrorCode::kCmsDigestAlgorithmMismatch,
                SignatureAlgorithmName(signature) + " with digestAlgorithm " +
                    std::string(DigestName(signer_digest)));
  }
  return resolved;
}

std::string SignatureAlgorithmName(const SignatureAlgorithmId& algorithm) {
  switch (algorithm.algorithm) {
    case SignatureAlgorithm::kGost34310_2004:
      return "gost34310-2004";
    case SignatureAlgorithm::kGost2015_256:
      return "gost3410-2015-256";
    case SignatureAlgorithm::kGost2015_512:
      return "gost3410-2015-512";
    case SignatureAlgorithm::kRsaPkcs1:
    case SignatureAlgorithm::kRsaPss:
      break;
  }
  std::string name =
      algorithm.algorithm == SignatureAlgorithm::kRsaPss ? "rsa-pss" : "rsa";
  if (algorithm.digest.has_value()) {
    name += "-";
    name += DigestName(*algorithm.digest);
  }
  return name;
}

bool IsGost(SignatureAlgorithm algorithm) {
  return RequiredGostDigest(algorithm).has_value();
}

std::optional<DigestAlgorithm> RequiredGostDigest(
    SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kGost34310_2004:
      return Digest::kGost34311;
    case SignatureAlgorithm::kGost2015_256:
      return Digest::kStreebog256;
    case SignatureAlgorithm::kGost2015_512:
      return Digest::kStreebog512;
    case SignatureAlgorithm::kRsaPkcs1:
    case SignatureAlgorithm::kRsaPss:
      return std::nullopt;
  }
  return std::nullopt;
}

Result<Bytes> EncodeSignatureAlgorithm(const SignatureAlgorithmId& algorithm) {
  if (!algorithm.digest.has_value()) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "signature algorithm without a digest");
  }
  der::Writer contents;
  if (algorithm.algorithm == SignatureAlgorithm::kRsaPss) {
    if (!IsShaFamily(*algorithm.digest) ||
        !IsShaFamily(algorithm.pss.mgf1_digest)) {
      return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                  "RSASSA-PSS needs SHA-1 or SHA-2 digests");
    }
    contents.AddOid(oid::kRsaPss);
    contents.AddRaw(
        EncodePssParameters(*algorithm.digest, algorithm.pss).bytes());
  } else {
    const der::Oid* oid =
        FindSignatureOid(algorithm.algorithm, *algorithm.digest);
    if (oid == nullptr) {
      return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                  SignatureAlgorithmName(algorithm));
    }
    contents.AddOid(*oid);
    contents.AddNull();
  }
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, contents);
  return out.Take();
}

Bytes EncodeDigestAlgorithm(DigestAlgorithm digest) {
  der::Writer contents;
  const der::Oid* oid = FindDigestOid(digest);
  if (oid != nullptr) {
    contents.AddOid(*oid);
    contents.AddNull();
  }
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, contents);
  return out.Take();
}

}  // namespace tinysign::crypto
