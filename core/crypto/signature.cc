#include "core/crypto/signature.h"

#include <string>

#include "core/crypto/digest.h"
#include "core/crypto/gost_curve.h"
#include "core/crypto/gost_encoding.h"

namespace tinysign::crypto {

namespace {

// GostKeyAlgorithmFor returns the key algorithm that `algorithm` signatures
// need, or nothing for RSA, which any RSA key fits.
std::optional<KeyAlgorithm> GostKeyAlgorithmFor(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::kGost34310_2004:
      return KeyAlgorithm::kGost2004;
    case SignatureAlgorithm::kGost2015_256:
      return KeyAlgorithm::kGost2015_256;
    case SignatureAlgorithm::kGost2015_512:
      return KeyAlgorithm::kGost2015_512;
    case SignatureAlgorithm::kRsaPkcs1:
    case SignatureAlgorithm::kRsaPss:
      return std::nullopt;
  }
  return std::nullopt;
}

Error Mismatch(const SignatureAlgorithmId& algorithm,
               std::string_view key_name) {
  return Fail(ErrorCode::kCryptoAlgorithmMismatch,
              SignatureAlgorithmName(algorithm) + " signature with a " +
                  std::string(key_name) + " key");
}

Status CheckKeyFits(const SignatureAlgorithmId& algorithm,
                    const PublicKey& key) {
  const std::optional<KeyAlgorithm> gost =
      GostKeyAlgorithmFor(algorithm.algorithm);
  const KeyAlgorithm required = gost.value_or(KeyAlgorithm::kRsa);
  if (key.algorithm != required) {
    return Mismatch(algorithm, KeyAlgorithmName(key.algorithm));
  }
  return OkStatus();
}

Result<DigestAlgorithm> DigestOf(const SignatureAlgorithmId& algorithm) {
  if (!algorithm.digest.has_value()) {
    return Fail(ErrorCode::kInternal,
                "signature algorithm without a digest: call "
                "ResolveSignerDigest first");
  }
  return *algorithm.digest;
}

Status CheckDigestLength(DigestAlgorithm digest_algorithm, der::Input digest) {
  if (digest.size() != DigestLength(digest_algorithm)) {
    return Fail(ErrorCode::kCryptoBadParameters,
                "digest has " + std::to_string(digest.size()) + " bytes, " +
                    std::string(DigestName(digest_algorithm)) + " has " +
                    std::to_string(DigestLength(digest_algorithm)));
  }
  return OkStatus();
}

Status VerifyGost(const GostPublicKey& key, der::Input digest,
                  der::Input signature_value) {
  TINYSIGN_ASSIGN_OR_RETURN(GostSignature signature,
                            DecodeGostSignature(key.curve, signature_value));
  return VerifyGostSignature(key, GostDigestToInteger(digest), signature);
}

Result<Bytes> SignGostDigest(const SignatureAlgorithmId& algorithm,
                             const GostPrivateKey& key, der::Input digest,
                             RandomSource& random) {
  // Every GOST algorithm signs with a curve of its own size: 32-byte
  // coordinates for 2004 and 2015-256, 64-byte ones for 2015-512.
  const size_t required_bytes =
      algorithm.algorithm == SignatureAlgorithm::kGost2015_512 ? 64 : 32;
  const GostCurveParams& curve = GetGostCurveParams(key.curve);
  if (!IsGost(algorithm.algorithm) ||
      curve.coordinate_bytes != required_bytes) {
    return Mismatch(algorithm, curve.name);
  }
  TINYSIGN_ASSIGN_OR_RETURN(GostSignature signature,
                            SignGost(key, GostDigestToInteger(digest), random));
  return EncodeGostSignature(key.curve, signature);
}

Result<Bytes> SignRsaDigest(const SignatureAlgorithmId& algorithm,
                            const RsaPrivateKey& key,
                            DigestAlgorithm digest_algorithm, der::Input digest,
                            RandomSource& random) {
  if (algorithm.algorithm == SignatureAlgorithm::kRsaPss) {
    return Fail(ErrorCode::kCryptoUnsupportedAlgorithm,
                "RSASSA-PSS signing is not implemented");
  }
  if (algorithm.algorithm != SignatureAlgorithm::kRsaPkcs1) {
    return Mismatch(algorithm, "rsa");
  }
  return SignRsaPkcs1(key, digest_algorithm, digest, random);
}

}  // namespace

Status VerifySignature(const SignatureAlgorithmId& algorithm,
                       const PublicKey& key, der::Input message,
                       der::Input signature_value) {
  TINYSIGN_ASSIGN_OR_RETURN(DigestAlgorithm digest_algorithm,
                            DigestOf(algorithm));
  TINYSIGN_TRY(CheckKeyFits(algorithm, key));
  const Bytes digest = ComputeDigest(digest_algorithm, message);
  return VerifyDigestSignature(algorithm, key, digest, signature_value);
}

Status VerifyDigestSignature(const SignatureAlgorithmId& algorithm,
                             const PublicKey& key, der::Input digest,
                             der::Input signature_value) {
  TINYSIGN_ASSIGN_OR_RETURN(DigestAlgorithm digest_algorithm,
                            DigestOf(algorithm));
  TINYSIGN_TRY(CheckKeyFits(algorithm, key));
  TINYSIGN_TRY(CheckDigestLength(digest_algorithm, digest));
  if (const GostPublicKey* gost = key.gost()) {
    return VerifyGost(*gost, digest, signature_value);
  }
  const RsaPublicKey& rsa = *key.rsa();
  if (algorithm.algorithm == SignatureAlgorithm::kRsaPss) {
    return VerifyRsaPss(rsa, digest_algorithm, algorithm.pss, digest,
                        signature_value);
  }
  return VerifyRsaPkcs1(rsa, digest_algorithm, digest, signature_value);
}

Result<Bytes> SignDigest(const SignatureAlgorithmId& algorithm,
                         const PrivateKey& key, der::Input digest,
                         RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(DigestAlgorithm digest_algorithm,
                            DigestOf(algorithm));
  TINYSIGN_TRY(CheckDigestLength(digest_algorithm, digest));
  if (const auto* gost = std::get_if<GostPrivateKey>(&key)) {
    return SignGostDigest(algorithm, *gost, digest, random);
  }
  return SignRsaDigest(algorithm, std::get<RsaPrivateKey>(key),
                       digest_algorithm, digest, random);
}

Result<Bytes> SignMessage(const SignatureAlgorithmId& algorithm,
                          const PrivateKey& key, der::Input message,
                          RandomSource& random) {
  TINYSIGN_ASSIGN_OR_RETURN(DigestAlgorithm digest_algorithm,
                            DigestOf(algorithm));
  const Bytes digest = ComputeDigest(digest_algorithm, message);
  return SignDigest(algorithm, key, digest, random);
}

}  // namespace tinysign::crypto
