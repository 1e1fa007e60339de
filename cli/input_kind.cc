#include "cli/input_kind.h"

#include "core/cms/signed_data.h"
#include "core/der/ber.h"
#include "core/der/reader.h"
#include "core/der/tag.h"

namespace tinysign::cli {

namespace {

namespace tag = der::tag;

// DetectSignedKind distinguishes a certificate from a CRL by the field after
// the issuer in the signed part: validity is a SEQUENCE, thisUpdate a time.
InputKind DetectSignedKind(der::Reader tbs) {
  if (tbs.PeekTag(tag::ContextConstructed(0))) {
    if (!tbs.ReadElement().has_value()) {
      return InputKind::kUnknown;
    }
  }
  if (tbs.PeekTag(tag::kInteger) && !tbs.ReadElement().has_value()) {
    return InputKind::kUnknown;
  }
  for (int i = 0; i < 2; ++i) {
    if (!tbs.Read(tag::kSequence).has_value()) {
      return InputKind::kUnknown;
    }
  }
  if (tbs.PeekTag(tag::kSequence)) {
    return InputKind::kCertificate;
  }
  if (tbs.PeekTag(tag::kUtcTime) || tbs.PeekTag(tag::kGeneralizedTime)) {
    return InputKind::kCrl;
  }
  return InputKind::kUnknown;
}

// DetectContentInfoKind distinguishes a timestamp token from other
// SignedData.
InputKind DetectContentInfoKind(der::Input der) {
  auto signed_data = cms::ParseSignedData(der);
  if (signed_data.has_value() &&
      cms::kIdCtTstInfo == (*signed_data)->encapsulated_content_type()) {
    return InputKind::kTimestampToken;
  }
  // A damaged SignedData is still reported as CMS, so that the CMS parser
  // explains what is wrong with it.
  return InputKind::kCms;
}

InputKind DetectDerKind(der::Input der) {
  der::Reader outer(der);
  auto top = outer.ReadSequence();
  if (!top.has_value()) {
    return InputKind::kUnknown;
  }
  if (top->PeekTag(tag::kOid)) {
    return DetectContentInfoKind(der);
  }
  if (top->PeekTag(tag::kEnumerated)) {
    return InputKind::kOcspResponse;
  }
  auto first = top->ReadSequence();
  if (!first.has_value()) {
    return InputKind::kUnknown;
  }
  if (top->PeekTag(tag::kSequence)) {
    // Certificate and CRL: the signature algorithm, then a BIT STRING.
    // TimeStampResp: the token's ContentInfo, which starts with an OID.
    der::Reader probe = *top;
    auto second = probe.ReadSequence();
    if (second.has_value() && second->PeekTag(tag::kOid) &&
        probe.PeekTag(tag::kBitString)) {
      return DetectSignedKind(*first);
    }
    return InputKind::kTimestampResponse;
  }
  if (top->AtEnd() && first->PeekTag(tag::kInteger)) {
    // A TimeStampResp without a token, as a TSA sends with a rejection.
    return InputKind::kTimestampResponse;
  }
  return InputKind::kUnknown;
}

}  // namespace

InputKind DetectInputKind(der::Input der) {
  InputKind kind = DetectDerKind(der);
  if (kind != InputKind::kUnknown) {
    return kind;
  }
  // CMS may be BER; the DER reader cannot walk indefinite lengths.
  auto converted = der::ConvertBerToDer(der);
  if (converted.has_value() && *converted != der.ToBytes()) {
    return DetectDerKind(*converted);
  }
  return kind;
}

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kCertificate:
      return "certificate";
    case InputKind::kCrl:
      return "CRL";
    case InputKind::kCms:
      return "CMS SignedData";
    case InputKind::kTimestampToken:
      return "timestamp token";
    case InputKind::kTimestampResponse:
      return "timestamp response";
    case InputKind::kOcspResponse:
      return "OCSP response";
    case InputKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace tinysign::cli
