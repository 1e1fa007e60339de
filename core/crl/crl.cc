#include "core/crl/crl.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "core/crl/internal/extension_list.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::crl {

namespace {

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kCrlMalformed, std::move(detail));
}

// ReadTime reads Time ::= CHOICE { utcTime UTCTime, generalTime
// GeneralizedTime } (RFC 5280 section 4.1).
Result<Time> ReadTime(der::Reader& reader, std::string_view what) {
  if (reader.AtEnd()) {
    return Fail(ErrorCode::kDerTruncated, std::string(what) + " is missing");
  }
  if (reader.PeekTag(der::tag::kUtcTime)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input text, reader.Read(der::tag::kUtcTime));
    return ParseUtcTime(text);
  }
  if (reader.PeekTag(der::tag::kGeneralizedTime)) {
    TINYSIGN_ASSIGN_OR_RETURN(der::Input text,
                              reader.Read(der::tag::kGeneralizedTime));
    return ParseGeneralizedTime(text);
  }
  return Fail(ErrorCode::kDerUnexpectedTag,
              std::string(what) + ": expected UTCTime or GeneralizedTime");
}

bool PeekTime(const der::Reader& reader) {
  return reader.PeekTag(der::tag::kUtcTime) ||
         reader.PeekTag(der::tag::kGeneralizedTime);
}

Error UnknownCritical(const internal::RawExtension& extension,
                      std::string_view what) {
  return Fail(ErrorCode::kCrlUnknownCriticalExtension,
              std::string(what) + ": " + der::OidToString(extension.oid));
}

// ReadExtensionInteger reads an extnValue that is one non-negative INTEGER,
// such as CRLNumber ::= INTEGER (0..MAX), and returns its magnitude.
Result<der::Input> ReadExtensionInteger(der::Input value,
                                        std::string_view what) {
  der::Reader reader(value);
  TINYSIGN_ASSIGN_OR_RETURN(der::Input number, reader.ReadUnsignedInteger());
  TINYSIGN_TRY(reader.ExpectEnd(what));
  return number;
}

// ReadKeyIdentifier reads the keyIdentifier of
//   AuthorityKeyIdentifier ::= SEQUENCE {
//     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
//     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
//     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
// The two other fields are skipped.
Result<std::optional<der::Input>> ReadKeyIdentifier(der::Input value) {
  der::Reader outer(value);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, outer.ReadSequence());
  TINYSIGN_TRY(outer.ExpectEnd("AuthorityKeyIdentifier"));
  return seq.ReadOptional(der::tag::ContextSpecific(0));
}

// ReadRawValue checks that `value` contains one SEQUENCE and returns `value`
// itself, for extensions kept as raw DER.
Result<der::Input> ReadRawValue(der::Input value, std::string_view what) {
  TINYSIGN_TRY(internal::ReadSingleElement(value, der::tag::kSequence, what));
  return value;
}

// ParseReason reads CRLReason ::= ENUMERATED (RFC 5280 section 5.3.1).
Result<ReasonCode> ParseReason(der::Input value) {
  der::Reader reader(value);
  TINYSIGN_ASSIGN_OR_RETURN(const int64_t code, reader.ReadEnumerated());
  TINYSIGN_TRY(reader.ExpectEnd("CRLReason"));
  const std::optional<ReasonCode> reason = ReasonCodeFromValue(code);
  if (!reason.has_value()) {
    return Malformed("CRLReason " + std::to_string(code) +
                     " is not a defined reason");
  }
  return *reason;
}

// IsAbsentOrNull is true for AlgorithmIdentifier parameters that are
// missing or NULL.
bool IsAbsentOrNull(der::Input parameters) {
  static constexpr uint8_t kNullTlv[] = {der::tag::kNull, 0x00};
  return parameters.empty() || parameters == der::Input(kNullTlv, 2);
}

// SplitAlgorithm returns the OID contents and the raw parameters of an
// AlgorithmIdentifier.
Result<std::pair<der::Input, der::Input>> SplitAlgorithm(der::Input tlv) {
  der::Reader outer(tlv);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input oid, seq.ReadOid());
  return std::make_pair(oid, seq.Remaining());
}

// CheckSameAlgorithm enforces RFC 5280 section 5.1.1.2: signatureAlgorithm
// "MUST contain the same algorithm identifier as the signature field in the
// sequence tbsCertList". The encodings must match byte for byte, except that
// absent and NULL parameters count as the same. RFC 4055 section 5 requires
// readers of sha*WithRSAEncryption to accept both forms, and some CAs write
// one form in each place.
Status CheckSameAlgorithm(der::Input inner_tlv, der::Input outer_tlv) {
  if (inner_tlv == outer_tlv) {
    return OkStatus();
  }
  TINYSIGN_ASSIGN_OR_RETURN(auto inner, SplitAlgorithm(inner_tlv));
  TINYSIGN_ASSIGN_OR_RETURN(auto outer, SplitAlgorithm(outer_tlv));
  const bool same_parameters =
      inner.second == outer.second ||
      (IsAbsentOrNull(inner.second) && IsAbsentOrNull(outer.second));
  if (inner.first == outer.first && same_parameters) {
    return OkStatus();
  }
  return Fail(ErrorCode::kCrlAlgorithmMismatch,
              "tbsCertList.signature " + der::OidToString(inner.first) +
                  ", signatureAlgorithm " + der::OidToString(outer.first));
}

// LessSerial orders entries by (sign, length, bytes), which for magnitudes
// without leading zeros is numeric order.
bool LessSerial(bool a_negative, der::Input a, bool b_negative, der::Input b) {
  if (a_negative != b_negative) {
    return a_negative < b_negative;
  }
  if (a.size() != b.size()) {
    return a.size() < b.size();
  }
  return a.size() != 0 && std::memcmp(a.data(), b.data(), a.size()) < 0;
}

}  // namespace

// CrlParser fills a `Crl` from its own `der_` buffer, one RFC 5280
// structure per method.
class CrlParser {
 public:
  explicit CrlParser(Crl& crl) : crl_(crl) {}

  Status Parse();

 private:
  Status ParseTbsCertList(der::Input tbs_cert_list_tlv);
  Status ParseRevokedCertificates(der::Reader& tbs);
  Status ParseEntry(der::Reader& list);
  Status ParseEntryExtensions(der::Reader& entry_reader, Crl::Entry& entry);
  Status ParseCrlExtensions(der::Reader& tbs);

  Crl& crl_;
  der::Input inner_signature_algorithm_;
};

Status CrlParser::Parse() {
  // CertificateList ::= SEQUENCE {
  //   tbsCertList        TBSCertList,
  //   signatureAlgorithm AlgorithmIdentifier,
  //   signatureValue     BIT STRING }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element list,
      der::ParseSingle(crl_.der(), der::tag::kSequence, "CertificateList"));
  der::Reader seq(list.value, 1);
  TINYSIGN_ASSIGN_OR_RETURN(crl_.tbs_cert_list_tlv_,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(crl_.signature_algorithm_,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(crl_.signature_value_, seq.ReadBitStringBytes());
  TINYSIGN_TRY(seq.ExpectEnd("CertificateList"));
  TINYSIGN_TRY(ParseTbsCertList(crl_.tbs_cert_list_tlv_));
  return CheckSameAlgorithm(inner_signature_algorithm_,
                            crl_.signature_algorithm_);
}

Status CrlParser::ParseTbsCertList(der::Input tbs_cert_list_tlv) {
  der::Reader outer(tbs_cert_list_tlv, 1);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader tbs, outer.ReadSequence());

  // version Version OPTIONAL -- if present, MUST be v2
  if (tbs.PeekTag(der::tag::kInteger)) {
    TINYSIGN_ASSIGN_OR_RETURN(const int64_t version, tbs.ReadSmallInteger());
    if (version != 1) {
      return Fail(ErrorCode::kCrlBadVersion,
                  "version field " + std::to_string(version) +
                      " (only v2, encoded as 1, may be present)");
    }
    crl_.version_ = 2;
  }

  // signature AlgorithmIdentifier
  TINYSIGN_ASSIGN_OR_RETURN(inner_signature_algorithm_,
                            tbs.ReadTlv(der::tag::kSequence));

  // issuer Name, which RFC 5280 section 5.1.2.3 requires to be non-empty
  TINYSIGN_ASSIGN_OR_RETURN(der::Element issuer, tbs.ReadElement());
  if (issuer.tag != der::tag::kSequence) {
    return Fail(ErrorCode::kDerUnexpectedTag,
                "tbsCertList.issuer: expected SEQUENCE, found " +
                    der::TagName(issuer.tag));
  }
  if (issuer.value.empty()) {
    return Malformed("tbsCertList.issuer is an empty Name");
  }
  crl_.issuer_ = issuer.tlv;

  // thisUpdate Time, nextUpdate Time OPTIONAL
  TINYSIGN_ASSIGN_OR_RETURN(crl_.this_update_,
                            ReadTime(tbs, "tbsCertList.thisUpdate"));
  if (PeekTime(tbs)) {
    TINYSIGN_ASSIGN_OR_RETURN(crl_.next_update_,
                              ReadTime(tbs, "tbsCertList.nextUpdate"));
  }

  // revokedCertificates SEQUENCE OF SEQUENCE { ... } OPTIONAL
  if (tbs.PeekTag(der::tag::kSequence)) {
    TINYSIGN_TRY(ParseRevokedCertificates(tbs));
  }

  // crlExtensions [0] EXPLICIT Extensions OPTIONAL -- if present, version
  // MUST be v2
  if (tbs.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_TRY(ParseCrlExtensions(tbs));
  }
  TINYSIGN_TRY(tbs.ExpectEnd("tbsCertList"));
  return outer.ExpectEnd("tbsCertList");
}

Status CrlParser::ParseRevokedCertificates(der::Reader& tbs) {
  // RFC 5280 section 5.1.2.6 wants the list absent rather than empty; an
  // empty one is accepted because it carries the same meaning.
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader list, tbs.ReadSequence());
  // Counting the entries first, which reads only their headers, reserves
  // the exact space and rejects an oversized list before parsing it.
  der::Reader counter = list;
  size_t num_entries = 0;
  while (!counter.AtEnd()) {
    if (num_entries == limits::kMaxCrlEntries) {
      return Fail(ErrorCode::kDerTooManyElements,
                  "revokedCertificates has more than " +
                      std::to_string(limits::kMaxCrlEntries) + " entries");
    }
    TINYSIGN_TRY(counter.ReadTlv(der::tag::kSequence));
    ++num_entries;
  }
  crl_.entries_.reserve(num_entries);
  while (!list.AtEnd()) {
    TINYSIGN_TRY(ParseEntry(list));
  }
  return OkStatus();
}

Status CrlParser::ParseEntry(der::Reader& list) {
  // SEQUENCE {
  //   userCertificate    CertificateSerialNumber,
  //   revocationDate     Time,
  //   crlEntryExtensions Extensions OPTIONAL }
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, list.ReadSequence());
  Crl::Entry entry;
  // Read the serial as a magnitude and, only when that fails, once more as
  // a signed INTEGER: a negative serial is kept, and any other defect
  // fails the second read with the same error.
  der::Reader probe = seq;
  auto magnitude = probe.ReadUnsignedInteger();
  if (magnitude.has_value()) {
    entry.serial_number = *magnitude;
    seq = probe;
  } else {
    TINYSIGN_ASSIGN_OR_RETURN(entry.serial_number, seq.ReadInteger());
    entry.flags |= Crl::kNegativeSerial;
  }
  TINYSIGN_ASSIGN_OR_RETURN(const Time revocation_date,
                            ReadTime(seq, "revocationDate"));
  entry.revocation_date = revocation_date.unix_seconds;
  if (!seq.AtEnd()) {
    TINYSIGN_TRY(ParseEntryExtensions(seq, entry));
  }
  TINYSIGN_TRY(seq.ExpectEnd("revokedCertificates entry"));
  crl_.entries_.push_back(entry);
  return OkStatus();
}

Status CrlParser::ParseEntryExtensions(der::Reader& entry_reader,
                                       Crl::Entry& entry) {
  if (crl_.version_ != 2) {
    return Fail(ErrorCode::kCrlBadVersion,
                "a v1 CRL has crlEntryExtensions (they require v2)");
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      std::vector<internal::RawExtension> extensions,
      internal::ReadExtensionList(entry_reader, "crlEntryExtensions",
                                  ErrorCode::kCrlMalformed));
  for (const internal::RawExtension& extension : extensions) {
    if (extension.oid == kIdCeCrlReasons.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(const ReasonCode reason,
                                ParseReason(extension.value));
      entry.reason = static_cast<uint8_t>(reason);
      entry.flags |= Crl::kHasReason;
    } else if (extension.oid == kIdCeInvalidityDate.bytes()) {
      // InvalidityDate ::= GeneralizedTime
      TINYSIGN_ASSIGN_OR_RETURN(
          der::Input date,
          internal::ReadSingleElement(
              extension.value, der::tag::kGeneralizedTime, "invalidityDate"));
      TINYSIGN_ASSIGN_OR_RETURN(const Time time, ParseGeneralizedTime(date));
      entry.invalidity_date = time.unix_seconds;
      entry.flags |= Crl::kHasInvalidityDate;
    } else if (extension.oid == kIdCeCertificateIssuer.bytes()) {
      // Entries of an indirect CRL belong to the CA this extension names,
      // so reading on would attribute them to the wrong issuer.
      return Fail(ErrorCode::kCrlUnknownCriticalExtension,
                  "certificateIssuer: indirect CRLs are not supported");
    } else if (extension.critical) {
      return UnknownCritical(extension, "crlEntryExtensions");
    }
  }
  return OkStatus();
}

Status CrlParser::ParseCrlExtensions(der::Reader& tbs) {
  if (crl_.version_ != 2) {
    return Fail(ErrorCode::kCrlBadVersion,
                "a v1 CRL has crlExtensions (they require v2)");
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader wrapper,
      tbs.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(
      std::vector<internal::RawExtension> extensions,
      internal::ReadExtensionList(wrapper, "crlExtensions",
                                  ErrorCode::kCrlMalformed));
  TINYSIGN_TRY(wrapper.ExpectEnd("crlExtensions"));
  for (const internal::RawExtension& extension : extensions) {
    const der::Input oid = extension.oid;
    if (oid == kIdCeCrlNumber.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(
          crl_.crl_number_, ReadExtensionInteger(extension.value, "cRLNumber"));
    } else if (oid == kIdCeDeltaCrlIndicator.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(
          crl_.base_crl_number_,
          ReadExtensionInteger(extension.value, "deltaCRLIndicator"));
    } else if (oid == kIdCeAuthorityKeyIdentifier.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(crl_.authority_key_identifier_,
                                ReadKeyIdentifier(extension.value));
    } else if (oid == kIdCeIssuingDistributionPoint.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(
          crl_.issuing_distribution_point_,
          ReadRawValue(extension.value, "issuingDistributionPoint"));
    } else if (oid == kIdCeFreshestCrl.bytes()) {
      TINYSIGN_ASSIGN_OR_RETURN(crl_.freshest_crl_,
                                ReadRawValue(extension.value, "freshestCRL"));
    } else if (extension.critical) {
      return UnknownCritical(extension, "crlExtensions");
    }
  }
  return OkStatus();
}

std::optional<ReasonCode> ReasonCodeFromValue(int64_t value) {
  if (value < 0 || value > 10 || value == 7) {
    return std::nullopt;
  }
  return static_cast<ReasonCode>(value);
}

std::string_view ReasonCodeName(ReasonCode reason) {
  switch (reason) {
    case ReasonCode::kUnspecified:
      return "unspecified";
    case ReasonCode::kKeyCompromise:
      return "keyCompromise";
    case ReasonCode::kCaCompromise:
      return "cACompromise";
    case ReasonCode::kAffiliationChanged:
      return "affiliationChanged";
    case ReasonCode::kSuperseded:
      return "superseded";
    case ReasonCode::kCessationOfOperation:
      return "cessationOfOperation";
    case ReasonCode::kCertificateHold:
      return "certificateHold";
    case ReasonCode::kRemoveFromCrl:
      return "removeFromCRL";
    case ReasonCode::kPrivilegeWithdrawn:
      return "privilegeWithdrawn";
    case ReasonCode::kAaCompromise:
      return "aACompromise";
  }
  return "";
}

RevokedCertificate Crl::ToRevokedCertificate(const Entry& entry) {
  RevokedCertificate revoked;
  revoked.serial_number = entry.serial_number;
  revoked.negative_serial = (entry.flags & kNegativeSerial) != 0;
  revoked.revocation_date = Time{entry.revocation_date};
  if ((entry.flags & kHasReason) != 0) {
    revoked.reason = static_cast<ReasonCode>(entry.reason);
  }
  if ((entry.flags & kHasInvalidityDate) != 0) {
    revoked.invalidity_date = Time{entry.invalidity_date};
  }
  return revoked;
}

RevokedCertificate Crl::entry(size_t index) const {
  return ToRevokedCertificate(entries_[index]);
}

void Crl::BuildIndex() {
  sorted_.resize(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    sorted_[i] = static_cast<uint32_t>(i);
  }
  // A stable sort keeps repeated serials in CRL order, so `FindRevoked`
  // returns the first of them.
  std::stable_sort(
      sorted_.begin(), sorted_.end(), [this](uint32_t a, uint32_t b) {
        const Entry& x = entries_[a];
        const Entry& y = entries_[b];
        return LessSerial((x.flags & kNegativeSerial) != 0, x.serial_number,
                          (y.flags & kNegativeSerial) != 0, y.serial_number);
      });
}

std::optional<RevokedCertificate> Crl::FindRevoked(
    der::Input serial_number) const {
  auto it =
      std::lower_bound(sorted_.begin(), sorted_.end(), serial_number,
                       [this](uint32_t index, der::Input serial) {
                         const Entry& entry = entries_[index];
                         return LessSerial((entry.flags & kNegativeSerial) != 0,
                                           entry.serial_number, false, serial);
                       });
  if (it == sorted_.end()) {
    return std::nullopt;
  }
  const Entry& found = entries_[*it];
  if ((found.flags & kNegativeSerial) != 0 ||
      !(found.serial_number == serial_number)) {
    return std::nullopt;
  }
  return ToRevokedCertificate(found);
}

Result<std::shared_ptr<const Crl>> ParseCrl(der::Input input) {
  if (input.size() > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                "CRL of " + std::to_string(input.size()) +
                    " bytes; the maximum is " +
                    std::to_string(limits::kMaxInputBytes));
  }
  std::shared_ptr<Crl> crl(new Crl());
  crl->der_ = input.ToBytes();
  CrlParser parser(*crl);
  TINYSIGN_TRY(parser.Parse());
  crl->BuildIndex();
  return std::shared_ptr<const Crl>(std::move(crl));
}

Status VerifyCrlSignature(const Crl& crl, const x509::Certificate& issuer) {
  TINYSIGN_ASSIGN_OR_RETURN(const x509::Name crl_issuer,
                            x509::ParseName(crl.issuer_tlv()));
  if (!x509::NamesMatch(crl_issuer, issuer.subject())) {
    return Fail(ErrorCode::kCrlIssuerMismatch,
                "CRL issuer \"" + crl_issuer.ToRfc4514() +
                    "\", certificate subject \"" +
                    issuer.subject().ToRfc4514() + "\"");
  }
  const auto& key_id = crl.authority_key_identifier();
  const auto& subject_key_id = issuer.subject_key_identifier();
  if (key_id.has_value() && subject_key_id.has_value() &&
      !(*key_id == *subject_key_id)) {
    return Fail(ErrorCode::kCrlIssuerMismatch,
                "CRL authorityKeyIdentifier " + encoding::HexEncode(*key_id) +
                    ", certificate subjectKeyIdentifier " +
                    encoding::HexEncode(*subject_key_id));
  }
  TINYSIGN_ASSIGN_OR_RETURN(
      const crypto::SignatureAlgorithmId algorithm,
      crypto::ParseSignatureAlgorithm(crl.signature_algorithm_tlv(),
                                      crypto::AlgorithmContext::kCertificate));
  TINYSIGN_ASSIGN_OR_RETURN(const crypto::PublicKey key,
                            crypto::ParsePublicKey(issuer.spki_tlv()));
  return crypto::VerifySignature(algorithm, key, crl.tbs_cert_list_tlv(),
                                 crl.signature_value());
}

}  // namespace tinysign::crl
