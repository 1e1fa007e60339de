// Indented JSON output. Boost.JSON 1.81 only writes compact JSON, and the
// CLI prints reports for people to read, so this file adds the layout.
#ifndef TINYSIGN_REPORT_PRETTY_JSON_H_
#define TINYSIGN_REPORT_PRETTY_JSON_H_

#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace tinysign::report {

// PrettyPrintJson writes `value` with two-space indentation, one member or
// element per line, and a trailing newline. Empty objects and arrays are
// written as `{}` and `[]`. Object members keep their insertion order.
//
// Strings are written as UTF-8. A byte sequence that is not valid UTF-8 is
// replaced by U+FFFD, so the output is always valid JSON even when a
// certificate contains a malformed name.
std::string PrettyPrintJson(const boost::json::value& value);

// QuoteJsonString returns `text` as a JSON string literal, with the same
// escaping and UTF-8 repair as `PrettyPrintJson`.
std::string QuoteJsonString(std::string_view text);

}  // namespace tinysign::report

#endif  // TINYSIGN_REPORT_PRETTY_JSON_H_
