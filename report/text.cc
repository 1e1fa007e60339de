#include "report/text.h"

#include <string_view>
#include <vector>

#include "report/control_characters.h"

namespace tinysign::report {

namespace {

using verify::CheckResult;
using verify::Verdict;

// Labels are padded to this width so that values line up in one column.
constexpr size_t kLabelWidth = 15;
constexpr std::string_view kFieldIndent = "  ";
// Lists of checks wrap before this column, to fit an 80-column terminal.
constexpr size_t kMaxLineWidth = 79;
constexpr std::string_view kDigestHint =
    "pass --document FILE or --digest ALG:HEX";

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

std::string ReasonText(const verify::Reason& reason) {
  std::string text = reason.message.empty()
                         ? std::string(ErrorMessage(reason.code))
                         : reason.message;
  return text + " (" + std::string(ErrorId(reason.code)) + ")";
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += sep;
    }
    out += item;
  }
  return out;
}

// AppendField writes "  Label:   value", and nothing when `value` is empty:
// the summary leaves out what the certificate does not state.
void AppendField(std::string& out, std::string_view label,
                 std::string_view value) {
  if (value.empty()) {
    return;
  }
  std::string head = std::string(label) + ":";
  if (head.size() < kLabelWidth) {
    head.append(kLabelWidth - head.size(), ' ');
  } else {
    head.push_back(' ');
  }
  out += kFieldIndent;
  out += head;
  out += EscapeControlCharacters(value);
  out.push_back('\n');
}

// AppendListField writes `items` separated by ", " after `label`, starting
// a new line, indented to the value column, before a line would pass
// `kMaxLineWidth`.
void AppendListField(std::string& out, std::string_view label,
                     const std::vector<std::string>& items) {
  std::string line;
  const std::string indent(kFieldIndent.size() + kLabelWidth, ' ');
  bool first_line = true;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
    if (!line.empty() &&
        indent.size() + line.size() + 1 + item.size() > kMaxLineWidth) {
      if (first_line) {
        AppendField(out, label, line);
        first_line = false;
      } else {
        out += indent + line + "\n";
      }
      line.clear();
    }
    line += (line.empty() ? "" : " ") + item;
  }
  if (first_line) {
    AppendField(out, label, line);
  } else if (!line.empty()) {
    out += indent + line + "\n";
  }
}

void AppendReasons(std::string& out, std::string_view indent,
                   const std::vector<verify::Reason>& reasons) {
  for (const verify::Reason& reason : reasons) {
    out += indent;
    out += ErrorId(reason.code);
    out += ": ";
    out += reason.message.empty() ? std::string(ErrorMessage(reason.code))
                                  : EscapeControlCharacters(reason.message);
    out.push_back('\n');
  }
}

std::string SignerCountText(size_t num_signers) {
  if (num_signers == 1) {
    return "the only signer is valid";
  }
  return "all " + std::to_string(num_signers) + " signers are valid";
}

// MainReason returns the reason that best explains a verdict. A timestamp
// that cannot be used only changes the time that certificates are judged
// at, so a timestamp reason is chosen only when there is no other.
const verify::Reason& MainReason(const std::vector<verify::Reason>& reasons) {
  for (const verify::Reason& reason : reasons) {
    if (!ErrorId(reason.code).starts_with("timestamp.")) {
      return reason;
    }
  }
  return reasons.front();
}

std::string SignerReasonText(size_t index, const verify::SignerReport& signer) {
  return "signer " + std::to_string(index + 1) + ": " +
         ReasonText(MainReason(signer.reasons));
}

// Headline returns the first line: the verdict and the reason that decided
// it. A signer whose verdict equals the overall one explains it best, so its
// reason comes before the reasons about the whole signature.
std::string Headline(const verify::Report& report) {
  std::string line = UpperAscii(verify::VerdictName(report.verdict)) + ": ";
  if (report.verdict == Verdict::kValid) {
    return line + SignerCountText(report.signers.size());
  }
  for (size_t i = 0; i < report.signers.size(); ++i) {
    const verify::SignerReport& signer = report.signers[i];
    if (signer.verdict == report.verdict && !signer.reasons.empty()) {
      return line + SignerReasonText(i, signer);
    }
  }
  if (!report.reasons.empty()) {
    return line + ReasonText(MainReason(report.reasons));
  }
  for (size_t i = 0; i < report.signers.size(); ++i) {
    if (!report.signers[i].reasons.empty()) {
      return line + SignerReasonText(i, report.signers[i]);
    }
  }
  return line + "no reason was recorded";
}

bool DigestWasNotChecked(const verify::Report& report) {
  for (const verify::SignerReport& signer : report.signers) {
    if (signer.checks.digest == CheckResult::kNotChecked) {
      return true;
    }
  }
  return report.document.source == "missing";
}

void AppendDocument(std::string& out, const verify::Report& report) {
  const verify::DocumentSummary& document = report.document;
  std::vector<std::string> parts;
  parts.push_back(document.attached ? "attached" : "detached");
  if (!document.source.empty() && document.source != "attached") {
    parts.push_back(document.source == "digest" ? "digest supplied"
                                                : document.source);
  }
  if (document.size.has_value()) {
    parts.push_back(std::to_string(*document.size) + " bytes");
  }
  if (!document.digest_algorithm.empty()) {
    parts.push_back(document.digest_algorithm);
  }
  AppendField(out, "Document", Join(parts, ", "));
  if (DigestWasNotChecked(report)) {
    AppendField(out, "Digest",
                "not checked: " + std::string(kDigestHint) +
                    " to check the signed document");
  }
}

void AppendIdentity(std::string& out,
                    const verify::CertificateSummary& certificate) {
  AppendField(out, "Name",
              certificate.common_name.empty() ? certificate.subject
                                              : certificate.common_name);
  AppendField(out, "IIN", certificate.iin);
  AppendField(out, "BIN", certificate.bin);
  AppendField(out, "Organisation", certificate.organization);
  AppendField(out, "E-mail", certificate.email);
  AppendField(out, "Roles", Join(certificate.roles, ", "));
  AppendField(out, "Key purpose", Join(certificate.key_purposes, ", "));
}

void AppendCertificateDetails(std::string& out,
                              const verify::CertificateSummary& certificate) {
  AppendField(out, "Subject", certificate.subject);
  AppendField(out, "Issuer", certificate.issuer);
  AppendField(out, "Serial", certificate.serial_number);
  AppendField(out, "Valid",
              FormatRfc3339(certificate.not_before) + " to " +
                  FormatRfc3339(certificate.not_after));
  AppendField(out, "SHA-256", certificate.sha256);
}

std::string ChainEntryText(const verify::ChainEntry& entry) {
  return entry.trust_anchor ? entry.subject + " (trust anchor)" : entry.subject;
}

// AppendChain writes the path signer first, one certificate per line, each
// after the first marked with "->".
void AppendChain(std::string& out,
                 const std::vector<verify::ChainEntry>& chain) {
  if (chain.empty()) {
    AppendField(out, "Chain", "none built");
    return;
  }
  AppendField(out, "Chain", ChainEntryText(chain.front()));
  const std::string continuation =
      std::string(kFieldIndent) + std::string(kLabelWidth - 3, ' ') + "-> ";
  for (size_t i = 1; i < chain.size(); ++i) {
    out +=
        continuation + EscapeControlCharacters(ChainEntryText(chain[i])) + "\n";
  }
}

std::string TimestampStatus(CheckResult result) {
  switch (result) {
    case CheckResult::kPassed:
      return "verified";
    case CheckResult::kFailed:
      return "failed";
    default:
      return "not verified";
  }
}

void AppendTimes(std::string& out, const verify::SignerReport& signer) {
  const bool proven = signer.timestamp.has_value() &&
                      signer.checks.timestamp == CheckResult::kPassed;
  if (signer.signing_time.has_value()) {
    AppendField(out, "Signing time",
                FormatRfc3339(*signer.signing_time) + " (claimed by signer)");
  }
  if (!signer.timestamp.has_value()) {
    // The verifier may find a timestamp token that it cannot summarise.
    AppendField(
        out, "Timestamp",
        signer.checks.timestamp == CheckResult::kAbsent
            ? "none"
            : "present (" + TimestampStatus(signer.checks.timestamp) + ")");
    return;
  }
  const verify::TimestampSummary& timestamp = *signer.timestamp;
  std::string text = FormatRfc3339(timestamp.gen_time) + " (" +
                     TimestampStatus(signer.checks.timestamp) +
                     (proven ? ", proves the signing time" : "") + ")";
  AppendField(out, "Timestamp", text);
  AppendField(out, "TSA policy", timestamp.policy);
  AppendField(out, "TSA", timestamp.tsa);
}

// RevocationText describes the evidence behind a revocation status in
// one line, such as "revoked 2022-07-27T10:28:10Z (certificateHold), CRL 4
// of CN=..., thisUpdate 2022-07-27T11:26:06Z".
std::string RevocationText(const verify::RevocationSummary& revocation) {
  std::string text(verify::RevocationStatusName(revocation.status));
  if (revocation.revocation_time.has_value()) {
    // A good status with a revocation time is a revocation after the
    // control time.
    text += revocation.status == verify::RevocationStatus::kGood
                ? " (revoked later, at " +
                      FormatRfc3339(*revocation.revocation_time) + ")"
                : " " + FormatRfc3339(*revocation.revocation_time);
  }
  if (!revocation.revocation_reason.empty()) {
    text += " (" + revocation.revocation_reason + ")";
  }
  text += revocation.source == "ocsp" ? ", OCSP response of "
          : revocation.crl_number.empty()
              ? ", CRL of "
              : ", CRL " + revocation.crl_number + " of ";
  text += revocation.responder + ", thisUpdate " +
          FormatRfc3339(revocation.this_update);
  return text;
}

void AppendRevocation(
    std::string& out,
    const std::optional<verify::RevocationSummary>& revocation) {
  if (revocation.has_value()) {
    AppendField(out, "Revocation", RevocationText(*revocation));
  }
}

void AppendChecks(std::string& out, const verify::Checks& checks) {
  std::vector<std::string> parts = {
      "digest " + std::string(verify::CheckResultName(checks.digest)),
      "signature " + std::string(verify::CheckResultName(checks.signature)),
      "chain " + std::string(verify::CheckResultName(checks.chain)),
      "timestamp " + std::string(verify::CheckResultName(checks.timestamp)),
      "revocation " +
          std::string(verify::RevocationStatusName(checks.revocation)),
      "key usage " + std::string(verify::CheckResultName(checks.key_usage)),
  };
  AppendListField(out, "Checks", parts);
}

void AppendSigner(std::string& out, size_t index,
                  const verify::SignerReport& signer) {
  out += "\nSigner " + std::to_string(index + 1) + ": " +
         UpperAscii(verify::VerdictName(signer.verdict)) + "\n";
  if (signer.certificate.has_value()) {
    AppendIdentity(out, *signer.certificate);
  } else {
    AppendField(out, "Certificate", "not found in the signature");
  }
  std::string algorithm = signer.signature_algorithm;
  if (!signer.digest_algorithm.empty()) {
    algorithm += (algorithm.empty() ? "" : ", ") + std::string("digest ") +
                 signer.digest_algorithm;
  }
  AppendField(out, "Algorithm", algorithm);
  AppendTimes(out, signer);
  AppendField(out, "Judged at", FormatRfc3339(signer.control_time));
  AppendRevocation(out, signer.revocation);
  if (signer.certificate.has_value()) {
    AppendCertificateDetails(out, *signer.certificate);
  }
  AppendChain(out, signer.chain);
  AppendChecks(out, signer.checks);
  if (!signer.reasons.empty()) {
    out += std::string(kFieldIndent) + "Reasons:\n";
    AppendReasons(out, "    ", signer.reasons);
  }
}

std::string CertificateHeadline(const verify::CertificateReport& report) {
  std::string line = UpperAscii(verify::VerdictName(report.verdict)) + ": ";
  if (report.verdict == Verdict::kValid) {
    return line + "the certificate is valid";
  }
  if (report.reasons.empty()) {
    return line + "no reason was recorded";
  }
  return line + ReasonText(MainReason(report.reasons));
}

}  // namespace

std::string ReportToText(const verify::Report& report) {
  std::string out = EscapeControlCharacters(Headline(report)) + "\n\n";
  AppendField(out, "Checked at", FormatRfc3339(report.validation_time));
  AppendField(
      out, "Policy",
      "revocation " +
          std::string(verify::RevocationPolicyName(report.policy.revocation)) +
          ", purpose " +
          std::string(verify::KeyPurposeName(report.policy.purpose)));
  AppendDocument(out, report);
  AppendField(out, "Signers", std::to_string(report.signers.size()));
  for (size_t i = 0; i < report.signers.size(); ++i) {
    AppendSigner(out, i, report.signers[i]);
  }
  if (!report.reasons.empty()) {
    out += "\nReasons:\n";
    AppendReasons(out, kFieldIndent, report.reasons);
  }
  return out;
}

std::string CertificateReportToText(const verify::CertificateReport& report) {
  std::string out =
      EscapeControlCharacters(CertificateHeadline(report)) + "\n\n";
  AppendField(out, "Checked at", FormatRfc3339(report.validation_time));
  AppendField(out, "Purpose",
              std::string(verify::KeyPurposeName(report.policy.purpose)));
  AppendIdentity(out, report.certificate);
  AppendCertificateDetails(out, report.certificate);
  AppendChain(out, report.chain_entries);
  AppendRevocation(out, report.revocation_evidence);
  std::vector<std::string> checks = {
      "chain " + std::string(verify::CheckResultName(report.chain)),
      "revocation " +
          std::string(verify::RevocationStatusName(report.revocation)),
      "key usage " + std::string(verify::CheckResultName(report.key_usage)),
  };
  AppendListField(out, "Checks", checks);
  if (!report.reasons.empty()) {
    out += std::string(kFieldIndent) + "Reasons:\n";
    AppendReasons(out, "    ", report.reasons);
  }
  return out;
}

}  // namespace tinysign::report
