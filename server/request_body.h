// Reading request bodies through httplib's ContentReader, so that a
// handler decides whether a body is worth keeping before it is in memory.
#ifndef TINYSIGN_SERVER_REQUEST_BODY_H_
#define TINYSIGN_SERVER_REQUEST_BODY_H_

#include <httplib.h>

#include <chrono>
#include <string>
#include <vector>

#include "server/verify_request.h"

namespace tinysign::server {

// ReceivedBody is a request body as the verify parsers take it: the text
// of a JSON body, or the parts of a multipart/form-data body.
struct ReceivedBody {
  std::string text;
  std::vector<FormPart> parts;
  // size is the number of body bytes kept, for the request log.
  size_t size = 0;
  // late is set when bytes were still arriving after the deadline.
  bool late = false;
};

// ReceiveBody reads the whole body of `request` into `out`. It returns
// false when the body could not be read: httplib has then set the
// response status (413 over the size limit, 400 for a malformed body),
// or `out->late` is set because it was still arriving at `deadline`. A client
// that sends a byte now and then would otherwise hold its memory for as
// long as it likes, since httplib's read timeout counts from the last
// byte.
bool ReceiveBody(const httplib::Request& request,
                 const httplib::ContentReader& reader,
                 std::chrono::steady_clock::time_point deadline,
                 ReceivedBody* out);

// DiscardBody reads the body of `request` and drops it, so that a
// keep-alive connection is ready for its next request after an error
// response sent without reading the body.
void DiscardBody(const httplib::Request& request,
                 const httplib::ContentReader& reader);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_REQUEST_BODY_H_
