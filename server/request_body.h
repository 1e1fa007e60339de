// Reading request bodies through httplib's ContentReader, so that a
// handler decides whether a body is worth keeping before it is in memory.
#ifndef TINYSIGN_SERVER_REQUEST_BODY_H_
#define TINYSIGN_SERVER_REQUEST_BODY_H_

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api_error.h"
#include "server/verify_request.h"

namespace tinysign::server {

// BodyLimits bounds the reading of one body.
struct BodyLimits {
  // max_bytes is the largest body kept, counted after any transfer coding,
  // so that a chunked body is held to the same limit as one with a
  // Content-Length.
  uint64_t max_bytes = 0;
  // deadline is when the whole body must have arrived. A client that
  // sends a byte now and then would otherwise keep its memory for as long
  // as it likes, since httplib's read timeout counts from the last byte.
  std::chrono::steady_clock::time_point deadline;
};

// ReceivedBody is a request body as the verify parsers take it: the text
// of a JSON body, or the parts of a multipart/form-data body.
struct ReceivedBody {
  std::string text;
  std::vector<FormPart> parts;
  // size is the number of body bytes kept, for the request log.
  uint64_t size = 0;
  // late is set when bytes were still arriving after the deadline.
  bool late = false;
  // too_large is set when the body grew past the limit.
  bool too_large = false;
};

// DeclaredLength returns the request's Content-Length when it is a
// decimal number, as the largest uint64_t when it does not fit one.
std::optional<uint64_t> DeclaredLength(const httplib::Request& request);

// CheckFraming returns the error for a body whose length the service
// does not trust. That is a Content-Length that is not a decimal number,
// or both Content-Length and Transfer-Encoding, which RFC 9112 section 6.3
// lets a server reject because proxies may frame it differently. Such a
// body cannot be read past safely, so it is left unread.
std::optional<ApiError> CheckFraming(const httplib::Request& request);

// CheckContentEncoding returns the error for a Content-Encoding such as
// gzip, which would let a small body expand far past the size limit.
std::optional<ApiError> CheckContentEncoding(const httplib::Request& request);

// ReceiveBody reads the whole body of `request` into `out`. It returns
// false when the body could not be read: httplib has then set the
// response status (413 over the size limit, 400 for a malformed body), or
// `out->late` or `out->too_large` is set.
bool ReceiveBody(const httplib::Request& request,
                 const httplib::ContentReader& reader, const BodyLimits& limits,
                 ReceivedBody* out);

// DiscardBody reads up to `max_bytes` of the body of `request` and drops
// them, so that a keep-alive connection is ready for its next request
// after an error response sent without reading the body.
void DiscardBody(const httplib::Request& request,
                 const httplib::ContentReader& reader, uint64_t max_bytes);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_REQUEST_BODY_H_
