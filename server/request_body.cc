#include "server/request_body.h"

namespace tinysign::server {

namespace {

// InTime records in `out` whether the deadline has passed.
bool InTime(std::chrono::steady_clock::time_point deadline, ReceivedBody* out) {
  out->late = std::chrono::steady_clock::now() > deadline;
  return !out->late;
}

}  // namespace

bool ReceiveBody(const httplib::Request& request,
                 const httplib::ContentReader& reader,
                 std::chrono::steady_clock::time_point deadline,
                 ReceivedBody* out) {
  if (!request.is_multipart_form_data()) {
    return reader([out, deadline](const char* data, size_t size) {
      if (!InTime(deadline, out)) {
        return false;
      }
      out->text.append(data, size);
      out->size += size;
      return true;
    });
  }
  return reader(
      [out](const httplib::MultipartFormData& header) {
        out->parts.push_back(FormPart{header.name, ""});
        return true;
      },
      [out, deadline](const char* data, size_t size) {
        // httplib announces every part before its content.
        if (!InTime(deadline, out) || out->parts.empty()) {
          return false;
        }
        out->parts.back().content.append(data, size);
        out->size += size;
        return true;
      });
}

void DiscardBody(const httplib::Request& request,
                 const httplib::ContentReader& reader) {
  const auto drop = [](const char*, size_t) { return true; };
  if (request.is_multipart_form_data()) {
    reader([](const httplib::MultipartFormData&) { return true; }, drop);
  } else {
    reader(drop);
  }
}

}  // namespace tinysign::server
