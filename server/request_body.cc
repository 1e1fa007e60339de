#include "server/request_body.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace tinysign::server {

namespace {

// Accept records in `out` the arrival of `size` more bytes and returns
// whether they are within the limits.
bool Accept(const BodyLimits& limits, size_t size, ReceivedBody* out) {
  out->size += size;
  out->too_large = out->size > limits.max_bytes;
  out->late = std::chrono::steady_clock::now() > limits.deadline;
  return !out->too_large && !out->late;
}

// AnnouncesBody returns whether the request has a body: RFC 9112 section
// 6.3 makes a request without Content-Length or Transfer-Encoding one
// without a body, and httplib would otherwise wait for the connection to
// close.
bool AnnouncesBody(const httplib::Request& request) {
  return request.has_header("Content-Length") ||
         request.has_header("Transfer-Encoding");
}

bool IsDecimal(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

}  // namespace

std::optional<uint64_t> DeclaredLength(const httplib::Request& request) {
  const std::string length = request.get_header_value("Content-Length");
  if (!IsDecimal(length)) {
    return std::nullopt;
  }
  uint64_t declared = 0;
  const auto [end, status] =
      std::from_chars(length.data(), length.data() + length.size(), declared);
  if (status == std::errc::result_out_of_range) {
    return std::numeric_limits<uint64_t>::max();
  }
  return declared;
}

std::optional<ApiError> CheckFraming(const httplib::Request& request) {
  const bool has_length = request.has_header("Content-Length");
  if (has_length && !DeclaredLength(request).has_value()) {
    return ApiError{ApiErrorCode::kInvalidRequest,
                    "invalid Content-Length \"" +
                        request.get_header_value("Content-Length") +
                        "\": expected the body size as a decimal number"};
  }
  if (has_length && request.has_header("Transfer-Encoding")) {
    return ApiError{ApiErrorCode::kInvalidRequest,
                    "the request has both Content-Length and "
                    "Transfer-Encoding: send only one of them"};
  }
  return std::nullopt;
}

std::optional<ApiError> CheckContentEncoding(const httplib::Request& request) {
  std::string coding = request.get_header_value("Content-Encoding");
  std::transform(coding.begin(), coding.end(), coding.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (!coding.empty() && coding != "identity") {
    return ApiError{ApiErrorCode::kUnsupportedMediaType,
                    "Content-Encoding \"" + coding +
                        "\" is not accepted: send the body uncompressed"};
  }
  return std::nullopt;
}

bool ReceiveBody(const httplib::Request& request,
                 const httplib::ContentReader& reader, const BodyLimits& limits,
                 ReceivedBody* out) {
  if (!AnnouncesBody(request)) {
    return true;
  }
  if (!request.is_multipart_form_data()) {
    return reader([&limits, out](const char* data, size_t size) {
      if (!Accept(limits, size, out)) {
        return false;
      }
      out->text.append(data, size);
      return true;
    });
  }
  return reader(
      [out](const httplib::MultipartFormData& header) {
        out->parts.push_back(FormPart{header.name, ""});
        return true;
      },
      [&limits, out](const char* data, size_t size) {
        // httplib announces every part before its content.
        if (!Accept(limits, size, out) || out->parts.empty()) {
          return false;
        }
        out->parts.back().content.append(data, size);
        return true;
      });
}

void DiscardBody(const httplib::Request& request,
                 const httplib::ContentReader& reader, uint64_t max_bytes) {
  if (!AnnouncesBody(request)) {
    return;
  }
  uint64_t seen = 0;
  const auto drop = [&seen, max_bytes](const char*, size_t size) {
    seen += size;
    return seen <= max_bytes;
  };
  if (request.is_multipart_form_data()) {
    reader([](const httplib::MultipartFormData&) { return true; }, drop);
  } else {
    reader(drop);
  }
}

}  // namespace tinysign::server
