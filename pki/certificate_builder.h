// Real, signed X.509 v3 certificates and CMS SignedData for the test PKI,
// built with der::Writer and the core's signing code.
//
// Keys are GOST 34.10-2015 512-bit and GOST 34.310-2004 with NUC's OIDs,
// or RSA-2048. Every key, serial number and GOST nonce comes from a
// deterministic source, so the same seed gives the same bytes on every run.
// Nothing here is secure: the seed determines every private key.
//
// Example:
//   TINYSIGN_ASSIGN_OR_RETURN(TestKey root_key,
//                             GenerateTestKey(KeyType::kRsa2048, "root"));
//   TINYSIGN_ASSIGN_OR_RETURN(
//       IssuedCertificate root,
//       IssueCertificate(RootSpec("Root"), root_key, root_key));
//
// Like the core, this file does no I/O and never reads the clock: every
// time is a parameter.
#ifndef TINYSIGN_PKI_CERTIFICATE_BUILDER_H_
#define TINYSIGN_PKI_CERTIFICATE_BUILDER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/public_key.h"
#include "core/crypto/random.h"
#include "core/crypto/signature.h"
#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::pki {

// DeterministicRandom is a seeded byte stream for reproducible keys and
// nonces: block i is SHA-256(seed || i), with i as 8 big-endian bytes. It
// is NOT secure.
class DeterministicRandom : public crypto::RandomSource {
 public:
  explicit DeterministicRandom(der::Input seed) : seed_(seed.ToBytes()) {}
  explicit DeterministicRandom(std::string_view seed)
      : DeterministicRandom(der::Input(seed)) {}

  Status Generate(std::span<uint8_t> out) override;

 private:
  Bytes seed_;
  uint64_t counter_ = 0;
  Bytes block_;
  size_t block_offset_ = 0;
};

// KeyType is a key algorithm the builder can issue and sign with.
enum class KeyType {
  // GOST 34.10-2015 512-bit on tc26-512-paramSetA, signing with
  // Streebog-512 (NUC OIDs 1.2.398.3.10.1.1.2.2 and 1.2.398.3.10.1.1.2.3.2).
  kGost2015_512,
  // GOST 34.310-2004 on CryptoPro-A, signing with GOST 34.311-95 (NUC OIDs
  // 1.2.398.3.10.1.1.1.1 and 1.2.398.3.10.1.1.1.2).
  kGost2004,
  // RSA-2048 with e = 65537, signing RSASSA-PKCS1-v1_5 with SHA-256.
  kRsa2048,
};

// TestKey is a key pair and its DER SubjectPublicKeyInfo.
struct TestKey {
  KeyType type = KeyType::kRsa2048;
  crypto::PrivateKey private_key;
  crypto::PublicKey public_key;
  Bytes spki;
};

// SignatureAlgorithmFor returns the algorithm a `type` key signs with.
crypto::SignatureAlgorithmId SignatureAlgorithmFor(KeyType type);

// GenerateTestKey derives a key of `type` from `seed`. An RSA key takes
// a noticeable time (about a second), so callers keep the keys they reuse.
Result<TestKey> GenerateTestKey(KeyType type, std::string_view seed);

// ComputeKeyIdentifier returns the SHA-1 of the subjectPublicKey BIT STRING
// value, method (1) of RFC 5280 section 4.2.1.2. It fails with DER errors
// when `key.spki` is not a SubjectPublicKeyInfo.
Result<Bytes> ComputeKeyIdentifier(const TestKey& key);

// SignWithKey signs `message` with the algorithm `SignatureAlgorithmFor`
// gives for `key`. The GOST nonce comes from a stream seeded with the
// message, so equal input gives an equal signature. It fails with the
// errors of `crypto::SignMessage`.
Result<Bytes> SignWithKey(const TestKey& key, der::Input message);

// EncodeSignatureAlgorithmOf returns the DER AlgorithmIdentifier that a
// `type` key signs with.
Result<Bytes> EncodeSignatureAlgorithmOf(KeyType type);

// MakeTime returns midnight UTC of a calendar date, or `time.invalid` for
// a date that does not exist.
Result<Time> MakeTime(int year, int month, int day);

// AddTime appends `time` as a certificate or CMS time: UTCTime before 2050,
// GeneralizedTime from 2050 on (RFC 5280 section 4.1.2.5, RFC 5652
// section 11.3).
void AddTime(der::Writer& out, Time time);

// AddGeneralizedTime appends `time` as a GeneralizedTime, the only time
// type of CRL entry extensions, OCSP and TSTInfo.
void AddGeneralizedTime(der::Writer& out, Time time);

// AddExtension appends an Extension to `list` (RFC 5280 section 4.1),
// leaving out `critical` when false, as DER requires for a DEFAULT.
void AddExtension(der::Writer& list, const der::Oid& oid, bool critical,
                  der::Input value);

// EncodeAuthorityKeyIdentifier returns an AuthorityKeyIdentifier with only
// the keyIdentifier field.
Bytes EncodeAuthorityKeyIdentifier(der::Input key_identifier);

// NameAttribute is one RDN of a built Name. The value is UTF-8 text,
// written with `value_tag`: PrintableString for C and SERIALNUMBER, as
// X.520 requires, and UTF8String otherwise.
struct NameAttribute {
  der::Oid type;
  std::string value;
  uint8_t value_tag = der::tag::kUtf8String;
};

// TestName returns O=TinySign Test, CN=`common_name`.
std::vector<NameAttribute> TestName(std::string_view common_name);

// EncodeName returns the DER Name with one RDN per attribute, in order.
Bytes EncodeName(const std::vector<NameAttribute>& name);

// BasicConstraintsSpec is the value of basicConstraints (RFC 5280 4.2.1.9).
struct BasicConstraintsSpec {
  bool is_ca = true;
  std::optional<int64_t> path_len_constraint;
  bool critical = true;
};

// ExtensionSpec is an extension written as given, such as an unknown
// critical one.
struct ExtensionSpec {
  der::Oid oid;
  bool critical = false;
  // The DER that goes inside the extnValue OCTET STRING.
  Bytes value;
};

// CertificateSpec is everything of a certificate but its keys. An empty
// optional or list leaves the extension out.
struct CertificateSpec {
  std::vector<NameAttribute> subject;
  // When empty, the issuer is the subject: a self-issued certificate.
  std::vector<NameAttribute> issuer;
  // Magnitude of serialNumber. When empty, the builder derives 8 bytes
  // from the other fields.
  Bytes serial;
  Time not_before;
  Time not_after;
  std::optional<BasicConstraintsSpec> basic_constraints;
  // Key usage mask, bit n being named bit n (see `x509::KeyUsageMask`).
  // The extension is critical, as RFC 5280 4.2.1.3 recommends.
  std::optional<uint16_t> key_usage;
  std::vector<der::Oid> ext_key_usage;
  // certificatePolicies policy identifiers, without qualifiers.
  std::vector<der::Oid> policies;
  // When empty, `SignCertificate` writes `ComputeKeyIdentifier` of the subject
  // key, unless `omit_subject_key_identifier` is set.
  Bytes subject_key_identifier;
  bool omit_subject_key_identifier = false;
  // keyIdentifier of authorityKeyIdentifier. An empty one leaves the
  // extension out.
  Bytes authority_key_identifier;
  // Appended after the other extensions.
  std::vector<ExtensionSpec> extra_extensions;
};

// IssuedCertificate is a built certificate with what tests need to issue
// below it or to name it in a CMS.
struct IssuedCertificate {
  Bytes der;
  // Key of the subject, not owned.
  const TestKey* key = nullptr;
  std::vector<NameAttribute> subject;
  Bytes issuer_name;  // DER Name.
  Bytes serial;       // Magnitude, as in the certificate.
  // Empty when the certificate has none.
  Bytes subject_key_identifier;
};

// SignCertificate encodes `spec` as tbsCertificate with the SPKI of
// `subject_key` and signs it with `signing_key`, using the algorithm that
// `SignatureAlgorithmFor` gives for the signing key. Validity times before
// 2050 are UTCTime, later ones GeneralizedTime (RFC 5280 4.1.2.5). It
// fails when a key cannot sign or has an invalid SPKI.
Result<Bytes> SignCertificate(const CertificateSpec& spec,
                              const TestKey& subject_key,
                              const TestKey& signing_key);

// IssueCertificate builds a certificate with `SignCertificate` and returns it
// with its subject key, names, serial number and key identifier. The result
// points at `subject_key`, which must outlive it.
Result<IssuedCertificate> IssueCertificate(CertificateSpec spec,
                                           const TestKey& subject_key,
                                           const TestKey& signing_key);

// Default validity of the specs below: 2020-01-01 to 2040-01-01.
Time DefaultNotBefore();
Time DefaultNotAfter();

// RootSpec is a self-issued CA: basicConstraints cA, keyUsage keyCertSign
// and cRLSign.
CertificateSpec RootSpec(std::string_view common_name);

// CaSpec is a CA issued by `issuer`: like `RootSpec`, with the issuer's
// name and key identifier.
CertificateSpec CaSpec(std::string_view common_name,
                       const IssuedCertificate& issuer);

// LeafSpec is an end-entity certificate issued by `issuer`, shaped like an
// NUC signing certificate: keyUsage digitalSignature and nonRepudiation,
// extKeyUsage emailProtection, no basicConstraints.
CertificateSpec LeafSpec(std::string_view common_name,
                         const IssuedCertificate& issuer);

// SignerSpec is one SignerInfo of a built CMS. By default its signed
// attributes are contentType (the eContentType), signingTime,
// messageDigest and signingCertificateV2 (SHA-256 of the signer's
// certificate), and the signer is named by issuerAndSerialNumber.
struct SignerSpec {
  const IssuedCertificate* certificate = nullptr;
  // Signing key, or null for the certificate's key.
  const TestKey* key = nullptr;
  Time signing_time;
  bool add_signing_time = true;
  bool add_signing_certificate_v2 = true;
  // The certificate that signingCertificateV2 names, when not the signer's.
  const IssuedCertificate* signing_certificate = nullptr;
  // The contentType attribute's value, when not eContentType.
  std::optional<der::Oid> content_type_attribute;
  bool add_message_digest = true;
  // Adds a second, identical messageDigest attribute.
  bool duplicate_message_digest = false;
  // DER AlgorithmIdentifiers that replace the key's own in
  // digestAlgorithm and signatureAlgorithm. The message digest and the
  // signature are still made with the key's own algorithm.
  std::optional<Bytes> digest_algorithm;
  std::optional<Bytes> signature_algorithm;
  // Flips one bit of the signature value.
  bool corrupt_signature = false;
};

// CmsSpec is a SignedData over `content`.
struct CmsSpec {
  Bytes content;
  der::Oid content_type = cms::kIdData;
  bool detached = false;
  std::vector<SignerSpec> signers;
  // Certificates for SignedData.certificates. An empty list leaves the
  // field out.
  std::vector<Bytes> certificates;
};

// SignCms returns the DER ContentInfo of a SignedData (RFC 5652
// section 5). SignerInfos keep the order of `spec.signers`, so report
// signer i is spec signer i. It fails when a signer's key cannot sign.
Result<Bytes> SignCms(const CmsSpec& spec);

// ToPem returns `der` as PEM with the given label, such as "CERTIFICATE".
std::string ToPem(der::Input der, std::string_view label);

}  // namespace tinysign::pki

#endif  // TINYSIGN_PKI_CERTIFICATE_BUILDER_H_
