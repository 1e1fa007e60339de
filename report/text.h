// The verification report as a short summary for people, printed by the
// `tinysign` command-line tool.
//
// The first line is the overall verdict in capitals with one reason, such as
//   INVALID: signer 1: messageDigest does not match the document
//   (cms.message_digest_mismatch)
// (on one line). Then each signer follows with its identity (name, IIN, BIN,
// organisation, roles, key purpose), algorithms, signing time, timestamp,
// certificate chain, checks and reasons. The layout is plain ASCII; names
// are printed as the UTF-8 the certificate holds.
#ifndef TINYSIGN_REPORT_TEXT_H_
#define TINYSIGN_REPORT_TEXT_H_

#include <string>

#include "core/verify/report.h"

namespace tinysign::report {

// ReportToText returns the summary of `report`, ending in a newline. When a
// digest was not checked, a line tells the reader to pass `--document FILE`
// or `--digest ALG:HEX`, the `tinysign verify` options that supply the
// document.
std::string ReportToText(const verify::Report& report);

// CertificateReportToText returns the summary of validating one
// certificate, ending in a newline.
std::string CertificateReportToText(const verify::CertificateReport& report);

}  // namespace tinysign::report

#endif  // TINYSIGN_REPORT_TEXT_H_
