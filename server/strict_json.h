// Strict JSON parsing for request bodies: the parse that Boost.JSON 1.81
// offers keeps only one value of a key given twice, so a body such as
// {"document": A, "document": B} would be read as if B alone were sent.
// `ParseStrictJson` rejects such bodies and gives byte offsets in its
// syntax errors.
#ifndef TINYSIGN_SERVER_STRICT_JSON_H_
#define TINYSIGN_SERVER_STRICT_JSON_H_

#include <boost/json.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "server/api_error.h"

namespace tinysign::server {

// kMaxJsonValues bounds the values (objects, arrays, strings, numbers,
// booleans and nulls) of a body. A verify request has about a dozen, and
// a parsed value takes far more memory than its text, so a body of many
// small values could otherwise take gigabytes.
inline constexpr size_t kMaxJsonValues = 256;

// ParseStrictJson parses `text` into `out`. It fails with invalid_json
// naming the byte offset of a syntax error, and with invalid_request naming
// a key that occurs twice in one object or more than `kMaxJsonValues`
// values. `what` names the text in
// messages, such as "the body" or "the \"policy\" part".
std::optional<ApiError> ParseStrictJson(std::string_view text,
                                        std::string_view what,
                                        boost::json::value* out);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_STRICT_JSON_H_
