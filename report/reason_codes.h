// The reference list of reason codes: every code of core/error.h with its
// meaning and when it occurs. `tinysign reason-codes` prints it, and
// docs/reason-codes.md is its output, checked by a test.
#ifndef TINYSIGN_REPORT_REASON_CODES_H_
#define TINYSIGN_REPORT_REASON_CODES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace tinysign::report {

// AllErrorCodes returns every code in the order of core/error.h.
std::vector<ErrorCode> AllErrorCodes();

// ReasonCodeOccurrence describes when `code` occurs and what it does to a
// verdict, in one or two sentences.
std::string_view ReasonCodeOccurrence(ErrorCode code);

// ReasonCodesMarkdown returns the Markdown page of all codes.
std::string ReasonCodesMarkdown();

}  // namespace tinysign::report

#endif  // TINYSIGN_REPORT_REASON_CODES_H_
