// CMS SignedData (RFC 5652 section 5), as Kalkan and NCALayer produce it and
// as RFC 3161 timestamp tokens carry it.
//
// `ParseSignedData` accepts a ContentInfo holding SignedData, in DER or BER.
// BER input is converted to DER first, so the signed attributes and the
// certificates keep their exact bytes when they were DER to begin with.
//
// Not supported: certificate choices other than Certificate (extended, v1
// and v2 attribute certificates, other) and revocation choices other than
// CertificateList are skipped, because no NUC producer emits them.
#ifndef TINYSIGN_CORE_CMS_SIGNED_DATA_H_
#define TINYSIGN_CORE_CMS_SIGNED_DATA_H_

#include <memory>
#include <optional>
#include <vector>

#include "core/der/input.h"
#include "core/der/oid.h"
#include "core/result.h"

namespace tinysign::cms {

// id-signedData 1.2.840.113549.1.7.2 (RFC 5652 section 5.1).
inline constexpr der::Oid kIdSignedData("1.2.840.113549.1.7.2");
// id-data 1.2.840.113549.1.7.1 (RFC 5652 section 4).
inline constexpr der::Oid kIdData("1.2.840.113549.1.7.1");
// id-ct-TSTInfo 1.2.840.113549.1.9.16.1.4 (RFC 3161 section 2.4.2).
inline constexpr der::Oid kIdCtTstInfo("1.2.840.113549.1.9.16.1.4");

// Attribute is one CMS attribute: its type and the encodings of its values.
struct Attribute {
  der::Input type;                 // OID contents.
  std::vector<der::Input> values;  // Each value's whole encoding.
};

// SignerIdentifier names the signer's certificate (RFC 5652 section 5.3).
struct SignerIdentifier {
  enum class Kind { kIssuerAndSerialNumber, kSubjectKeyIdentifier };
  Kind kind = Kind::kIssuerAndSerialNumber;
  der::Input issuer_tlv;              // Name, for kIssuerAndSerialNumber.
  der::Input serial_number;           // Unsigned big-endian bytes.
  der::Input subject_key_identifier;  // For kSubjectKeyIdentifier.
};

struct SignerInfo {
  int64_t version = 0;
  SignerIdentifier sid;
  der::Input digest_algorithm_tlv;
  // The `[0] IMPLICIT` signed attributes exactly as stored, tag included.
  std::optional<der::Input> signed_attributes_tlv;
  std::vector<Attribute> signed_attributes;
  der::Input signature_algorithm_tlv;
  der::Input signature;  // OCTET STRING contents.
  std::vector<Attribute> unsigned_attributes;
};

// SignedData owns its bytes; every `der::Input` inside points into them, so
// it is shared, never copied.
class SignedData {
 public:
  SignedData(const SignedData&) = delete;
  SignedData& operator=(const SignedData&) = delete;

  int64_t version() const { return version_; }
  const std::vector<der::Input>& digest_algorithm_tlvs() const {
    return digest_algorithms_;
  }
  der::Input encapsulated_content_type() const { return content_type_; }
  // EncapsulatedContent is absent for a detached signature.
  const std::optional<der::Input>& encapsulated_content() const {
    return content_;
  }
  const std::vector<der::Input>& certificates() const { return certificates_; }
  const std::vector<der::Input>& crls() const { return crls_; }
  const std::vector<SignerInfo>& signers() const { return signers_; }
  // WasBer is true when the input needed BER to DER conversion.
  bool was_ber() const { return was_ber_; }
  der::Input der() const { return der::Input(der_); }

 private:
  friend Result<std::shared_ptr<const SignedData>> ParseSignedData(
      der::Input input);
  SignedData() = default;

  Bytes der_;
  bool was_ber_ = false;
  int64_t version_ = 0;
  std::vector<der::Input> digest_algorithms_;
  der::Input content_type_;
  std::optional<der::Input> content_;
  std::vector<der::Input> certificates_;
  std::vector<der::Input> crls_;
  std::vector<SignerInfo> signers_;
};

// ParseSignedData parses a ContentInfo that contains SignedData. It fails with
// `cms.not_signed_data` when `input` is some other DER structure (a
// certificate, say), and with a DER error when it is not DER or BER at all.
Result<std::shared_ptr<const SignedData>> ParseSignedData(der::Input input);

// SignedAttributesToVerify returns the bytes a signature with signed
// attributes covers: the stored attributes with the `[0]` tag replaced by
// the SET OF tag (RFC 5652 section 5.4).
Bytes SignedAttributesToVerify(der::Input signed_attributes_tlv);

// FindAttribute returns the values of the attribute of type `type`, or
// nullptr when absent; two attributes of the same type are an error
// (RFC 5652 section 5.3: a type occurs at most once in signed attributes).
Result<const Attribute*> FindAttribute(const std::vector<Attribute>& attributes,
                                       const der::Oid& type);

}  // namespace tinysign::cms

#endif  // TINYSIGN_CORE_CMS_SIGNED_DATA_H_
