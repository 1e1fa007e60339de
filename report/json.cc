#include "report/json.h"

#include <string_view>

#include "core/encoding/input_form.h"
#include "report/pretty_json.h"

namespace tinysign::report {

namespace {

using boost::json::array;
using boost::json::object;

boost::json::string_view View(std::string_view text) {
  return boost::json::string_view(text.data(), text.size());
}

// PutIfNotEmpty adds `key` only when `text` is not empty, because the report
// leaves out absent values rather than writing empty strings.
void PutIfNotEmpty(object& out, std::string_view key, const std::string& text) {
  if (!text.empty()) {
    out[View(key)] = text;
  }
}

array StringsToJson(const std::vector<std::string>& texts) {
  array out;
  for (const std::string& text : texts) {
    out.emplace_back(text);
  }
  return out;
}

array ReasonsToJson(const std::vector<verify::Reason>& reasons) {
  array out;
  for (const verify::Reason& reason : reasons) {
    object entry;
    entry["code"] = View(ErrorId(reason.code));
    // A reason without its own message still gets the code's message, so a
    // reader never sees an empty explanation.
    entry["message"] =
        reason.message.empty()
            ? boost::json::string(View(ErrorMessage(reason.code)))
            : boost::json::string(reason.message);
    out.emplace_back(std::move(entry));
  }
  return out;
}

object PolicyToJson(const verify::Policy& policy) {
  object out;
  out["revocation"] = View(verify::RevocationPolicyName(policy.revocation));
  out["purpose"] = View(verify::KeyPurposeName(policy.purpose));
  return out;
}

object DocumentToJson(const verify::DocumentSummary& document) {
  object out;
  out["attached"] = document.attached;
  PutIfNotEmpty(out, "source", document.source);
  PutIfNotEmpty(out, "digestAlgorithm", document.digest_algorithm);
  if (document.size.has_value()) {
    out["size"] = *document.size;
  }
  return out;
}

object ChecksToJson(const verify::Checks& checks) {
  object out;
  out["digest"] = View(verify::CheckResultName(checks.digest));
  out["signature"] = View(verify::CheckResultName(checks.signature));
  out["chain"] = View(verify::CheckResultName(checks.chain));
  out["timestamp"] = View(verify::CheckResultName(checks.timestamp));
  out["revocation"] = View(verify::RevocationStatusName(checks.revocation));
  out["keyUsage"] = View(verify::CheckResultName(checks.key_usage));
  return out;
}

object TimestampToJson(const verify::TimestampSummary& timestamp) {
  object out;
  out["genTime"] = FormatRfc3339(timestamp.gen_time);
  PutIfNotEmpty(out, "policy", timestamp.policy);
  PutIfNotEmpty(out, "tsa", timestamp.tsa);
  PutIfNotEmpty(out, "source", timestamp.source);
  out["result"] = View(verify::CheckResultName(timestamp.result));
  return out;
}

// RevocationToJson writes the evidence that decided the revocation status,
// with its DER as base64 so that a site can keep it with the signature.
object RevocationToJson(const verify::RevocationSummary& revocation) {
  object out;
  out["source"] = revocation.source;
  out["status"] = View(verify::RevocationStatusName(revocation.status));
  if (revocation.revocation_time.has_value()) {
    out["revocationTime"] = FormatRfc3339(*revocation.revocation_time);
  }
  PutIfNotEmpty(out, "reason", revocation.revocation_reason);
  out["thisUpdate"] = FormatRfc3339(revocation.this_update);
  if (revocation.next_update.has_value()) {
    out["nextUpdate"] = FormatRfc3339(*revocation.next_update);
  }
  if (revocation.produced_at.has_value()) {
    out["producedAt"] = FormatRfc3339(*revocation.produced_at);
  }
  PutIfNotEmpty(out, "responder", revocation.responder);
  PutIfNotEmpty(out, "crlNumber", revocation.crl_number);
  if (!revocation.evidence.empty()) {
    out["evidence"] = encoding::EncodeBase64(revocation.evidence);
  }
  return out;
}

object CertificateToJson(const verify::CertificateSummary& certificate) {
  object out;
  PutIfNotEmpty(out, "serialNumber", certificate.serial_number);
  out["notBefore"] = FormatRfc3339(certificate.not_before);
  out["notAfter"] = FormatRfc3339(certificate.not_after);
  PutIfNotEmpty(out, "issuer", certificate.issuer);
  PutIfNotEmpty(out, "subject", certificate.subject);
  PutIfNotEmpty(out, "iin", certificate.iin);
  PutIfNotEmpty(out, "bin", certificate.bin);
  PutIfNotEmpty(out, "commonName", certificate.common_name);
  PutIfNotEmpty(out, "surname", certificate.surname);
  PutIfNotEmpty(out, "givenName", certificate.given_name);
  PutIfNotEmpty(out, "patronymic", certificate.patronymic);
  PutIfNotEmpty(out, "organization", certificate.organization);
  PutIfNotEmpty(out, "email", certificate.email);
  out["keyPurpose"] = StringsToJson(certificate.key_purposes);
  out["roles"] = StringsToJson(certificate.roles);
  PutIfNotEmpty(out, "sha256", certificate.sha256);
  return out;
}

array ChainToJson(const std::vector<verify::ChainEntry>& chain) {
  array out;
  for (const verify::ChainEntry& entry : chain) {
    object item;
    item["subject"] = entry.subject;
    PutIfNotEmpty(item, "serialNumber", entry.serial_number);
    PutIfNotEmpty(item, "sha256", entry.sha256);
    item["trustAnchor"] = entry.trust_anchor;
    out.emplace_back(std::move(item));
  }
  return out;
}

object SignerToJson(const verify::SignerReport& signer) {
  object out;
  out["verdict"] = View(verify::VerdictName(signer.verdict));
  out["reasons"] = ReasonsToJson(signer.reasons);
  out["checks"] = ChecksToJson(signer.checks);
  PutIfNotEmpty(out, "signatureAlgorithm", signer.signature_algorithm);
  PutIfNotEmpty(out, "digestAlgorithm", signer.digest_algorithm);
  if (signer.signing_time.has_value()) {
    out["signingTime"] = FormatRfc3339(*signer.signing_time);
  }
  if (signer.timestamp.has_value()) {
    out["timestamp"] = TimestampToJson(*signer.timestamp);
  }
  out["controlTime"] = FormatRfc3339(signer.control_time);
  if (signer.revocation.has_value()) {
    out["revocation"] = RevocationToJson(*signer.revocation);
  }
  PutIfNotEmpty(out, "keyUsageRule", signer.key_usage_rule);
  if (signer.certificate.has_value()) {
    out["certificate"] = CertificateToJson(*signer.certificate);
  }
  out["chain"] = ChainToJson(signer.chain);
  return out;
}

}  // namespace

object ReportToJsonObject(const verify::Report& report) {
  object out;
  out["verdict"] = View(verify::VerdictName(report.verdict));
  out["validationTime"] = FormatRfc3339(report.validation_time);
  out["policy"] = PolicyToJson(report.policy);
  out["document"] = DocumentToJson(report.document);
  array signers;
  for (const verify::SignerReport& signer : report.signers) {
    signers.emplace_back(SignerToJson(signer));
  }
  out["signers"] = std::move(signers);
  out["reasons"] = ReasonsToJson(report.reasons);
  return out;
}

std::string ReportToJson(const verify::Report& report) {
  return PrettyPrintJson(ReportToJsonObject(report));
}

object CertificateReportToJsonObject(const verify::CertificateReport& report) {
  object out;
  out["verdict"] = View(verify::VerdictName(report.verdict));
  out["validationTime"] = FormatRfc3339(report.validation_time);
  out["policy"] = PolicyToJson(report.policy);
  object checks;
  checks["chain"] = View(verify::CheckResultName(report.chain));
  checks["revocation"] = View(verify::RevocationStatusName(report.revocation));
  checks["keyUsage"] = View(verify::CheckResultName(report.key_usage));
  out["checks"] = std::move(checks);
  if (report.revocation_evidence.has_value()) {
    out["revocation"] = RevocationToJson(*report.revocation_evidence);
  }
  PutIfNotEmpty(out, "keyUsageRule", report.key_usage_rule);
  out["certificate"] = CertificateToJson(report.certificate);
  out["chain"] = ChainToJson(report.chain_entries);
  out["reasons"] = ReasonsToJson(report.reasons);
  return out;
}

std::string CertificateReportToJson(const verify::CertificateReport& report) {
  return PrettyPrintJson(CertificateReportToJsonObject(report));
}

}  // namespace tinysign::report
