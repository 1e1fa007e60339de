// The verification report as JSON: one shape for the CLI, the service and
// the WebAssembly build.
//
// Example (abridged):
//   {
//     "verdict": "valid",
//     "validationTime": "2026-12-04T10:00:00Z",
//     "policy": { "revocation": "off", "purpose": "sign" },
//     "document": { "attached": true, "source": "attached", ... },
//     "signers": [ { "verdict": "valid", "reasons": [], "checks": {...},
//                    "certificate": { "iin": "123456789011", ... },
//                    "chain": [...] } ],
//     "reasons": []
//   }
//
// Times are RFC 3339 in UTC ("2026-12-04T10:00:00Z"). Absent values are
// left out, never written as null: an unset optional (`signingTime`,
// `timestamp`, `certificate`, `document.size`) and an empty string (any
// certificate name field, `document.source`, `document.digestAlgorithm`,
// `signatureAlgorithm`, `digestAlgorithm`, `timestamp.policy`,
// `timestamp.tsa`) drop their key. Lists (`signers`, `reasons`, `chain`,
// `keyPurpose`, `roles`) and the verdict, policy and check fields are always
// present. A reason's `code` is the stable dotted id of its `ErrorCode`.
#ifndef TINYSIGN_REPORT_JSON_H_
#define TINYSIGN_REPORT_JSON_H_

#include <boost/json.hpp>
#include <string>

#include "core/verify/report.h"

namespace tinysign::report {

// ReportToJsonObject maps `report` to the JSON object described above, for
// callers that embed it in a larger document.
boost::json::object ReportToJsonObject(const verify::Report& report);

// ReportToJson returns `report` as indented JSON text ending in a newline.
std::string ReportToJson(const verify::Report& report);

// CertificateReportToJsonObject maps the result of validating a single
// certificate: "verdict", "validationTime", "policy", "checks" (chain,
// revocation, keyUsage), "certificate", "chain" and "reasons", with the same
// field rules as a signer of `ReportToJsonObject`.
boost::json::object CertificateReportToJsonObject(
    const verify::CertificateReport& report);

// CertificateReportToJson returns `report` as indented JSON text ending in a
// newline.
std::string CertificateReportToJson(const verify::CertificateReport& report);

}  // namespace tinysign::report

#endif  // TINYSIGN_REPORT_JSON_H_
