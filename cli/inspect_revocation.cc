#include "cli/inspect_revocation.h"

#include <string>

#include "cli/inspect_certificate.h"
#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/ocsp/responder.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"

namespace tinysign::cli {

namespace {

void PrintIssuer(der::Input name_tlv, std::string_view label,
                 InspectWriter& writer) {
  auto name = x509::ParseName(name_tlv);
  if (name.has_value()) {
    PrintName(label, *name, writer);
  } else {
    writer.Field(label, "unreadable (" + name.error().ToString() + ")");
  }
}

std::string RevokedEntryText(const crl::RevokedCertificate& entry) {
  std::string text = (entry.negative_serial ? "negative serial " : "") +
                     encoding::HexEncode(entry.serial_number) +
                     ": revoked at " + FormatRfc3339(entry.revocation_date);
  if (entry.reason.has_value()) {
    text += ", reason " + std::string(crl::ReasonCodeName(*entry.reason));
  }
  if (entry.invalidity_date.has_value()) {
    text += ", invalid since " + FormatRfc3339(*entry.invalidity_date);
  }
  return text;
}

void PrintCrlExtensions(const crl::Crl& crl, InspectWriter& writer) {
  if (crl.crl_number().has_value()) {
    writer.Field("CRL number", encoding::HexEncode(*crl.crl_number()));
  }
  if (crl.base_crl_number().has_value()) {
    writer.Field("Delta CRL of base CRL number",
                 encoding::HexEncode(*crl.base_crl_number()));
  }
  if (crl.authority_key_identifier().has_value()) {
    writer.Field("Authority key identifier",
                 encoding::HexEncode(*crl.authority_key_identifier()));
  }
  if (crl.issuing_distribution_point().has_value()) {
    writer.HexField("Issuing distribution point",
                    *crl.issuing_distribution_point());
  }
  if (crl.freshest_crl().has_value()) {
    writer.HexField("Freshest CRL", *crl.freshest_crl());
  }
}

std::string CertStatusText(const ocsp::SingleResponse& response) {
  switch (response.status) {
    case ocsp::CertStatus::kGood:
      return "good";
    case ocsp::CertStatus::kUnknown:
      return "unknown";
    case ocsp::CertStatus::kRevoked:
      break;
  }
  std::string text = "revoked at " + FormatRfc3339(response.revocation_time);
  if (response.revocation_reason.has_value()) {
    text += ", reason " +
            std::string(crl::ReasonCodeName(*response.revocation_reason));
  }
  return text;
}

void PrintSingleResponse(size_t index, const ocsp::SingleResponse& response,
                         InspectWriter& writer) {
  writer.Section("Response " + std::to_string(index + 1));
  const ocsp::CertId& id = response.cert_id;
  writer.Field("Hash algorithm",
               DescribeDigestAlgorithm(id.hash_algorithm_tlv));
  writer.Field("Issuer name hash", encoding::HexEncode(id.issuer_name_hash));
  writer.Field("Issuer key hash", encoding::HexEncode(id.issuer_key_hash));
  writer.Field("Serial number", encoding::HexEncode(id.serial_number));
  writer.Field("Certificate status", CertStatusText(response));
  writer.Field("This update", FormatRfc3339(response.this_update));
  if (response.next_update.has_value()) {
    writer.Field("Next update", FormatRfc3339(*response.next_update));
  }
  writer.EndSection();
}

void PrintResponderId(const ocsp::ResponderId& id, InspectWriter& writer) {
  if (id.kind == ocsp::ResponderId::Kind::kByKey) {
    writer.Field("Responder key hash", encoding::HexEncode(id.key_hash));
    return;
  }
  PrintIssuer(id.name_tlv, "Responder", writer);
}

void PrintResponseCertificates(const ocsp::BasicResponse& basic,
                               InspectWriter& writer) {
  writer.Section("Certificates (" + std::to_string(basic.certificates.size()) +
                 ")");
  for (size_t i = 0; i < basic.certificates.size(); ++i) {
    auto certificate = x509::ParseCertificate(basic.certificates[i]);
    if (!certificate.has_value()) {
      writer.Field("Certificate " + std::to_string(i + 1),
                   "not parsed (" + certificate.error().ToString() + ")");
      continue;
    }
    PrintCertificate(**certificate, writer);
  }
  writer.EndSection();
}

void PrintBasicResponse(const ocsp::BasicResponse& basic,
                        InspectWriter& writer) {
  writer.Field("Version", std::to_string(basic.version));
  PrintResponderId(basic.responder_id, writer);
  writer.Field("Produced at", FormatRfc3339(basic.produced_at));
  writer.Section("Responses (" + std::to_string(basic.responses.size()) + ")");
  for (size_t i = 0; i < basic.responses.size(); ++i) {
    PrintSingleResponse(i, basic.responses[i], writer);
  }
  writer.EndSection();
  if (basic.nonce.has_value()) {
    writer.Field("Nonce", encoding::HexEncode(*basic.nonce));
  }
  writer.Field(
      "Signature algorithm",
      DescribeSignatureAlgorithm(basic.signature_algorithm_tlv,
                                 crypto::AlgorithmContext::kCertificate));
  writer.HexField("Signature value", basic.signature_value);
  auto responder = ocsp::FindResponderCertificate(basic, {});
  writer.Field("Responder certificate",
               responder.has_value() ? (*responder)->subject().ToRfc4514()
                                     : "not included in the response");
  PrintResponseCertificates(basic, writer);
}

}  // namespace

void PrintCrl(const crl::Crl& crl, InspectWriter& writer) {
  writer.Section(crl.is_delta() ? "Delta CRL" : "CRL");
  writer.Field("Version", std::to_string(crl.version()));
  writer.Field(
      "Signature algorithm",
      DescribeSignatureAlgorithm(crl.signature_algorithm_tlv(),
                                 crypto::AlgorithmContext::kCertificate));
  PrintIssuer(crl.issuer_tlv(), "Issuer", writer);
  writer.Field("This update", FormatRfc3339(crl.this_update()));
  writer.Field("Next update", crl.next_update().has_value()
                                  ? FormatRfc3339(*crl.next_update())
                                  : "none");
  PrintCrlExtensions(crl, writer);
  writer.Section("Revoked certificates (" + std::to_string(crl.num_entries()) +
                 ")");
  for (size_t i = 0; i < crl.num_entries(); ++i) {
    writer.Line(RevokedEntryText(crl.entry(i)));
  }
  writer.EndSection();
  writer.HexField("Signature value", crl.signature_value());
  writer.Field("SHA-256", encoding::HexEncode(crypto::ComputeDigest(
                              crypto::DigestAlgorithm::kSha256, crl.der())));
  writer.EndSection();
}

void PrintOcspResponse(const ocsp::OcspResponse& response,
                       InspectWriter& writer) {
  writer.Section("OCSP response");
  writer.Field(
      "Response status",
      std::string(ocsp::ResponseStatusName(response.response_status())));
  auto basic = response.basic_response();
  if (basic.has_value()) {
    writer.Field("Response type", "id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1)");
    PrintBasicResponse(**basic, writer);
  }
  writer.EndSection();
}

}  // namespace tinysign::cli
