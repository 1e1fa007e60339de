// A small HTTP client for the service tests, over httplib on 127.0.0.1.
#ifndef TINYSIGN_TESTS_SERVER_HTTP_CLIENT_H_
#define TINYSIGN_TESTS_SERVER_HTTP_CLIENT_H_

#include <httplib.h>

#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace tinysign::testing {

// HttpReply is a status and body; status is -1 when the request failed.
struct HttpReply {
  int status = -1;
  std::string body;
  httplib::Headers headers;

  // Json parses the body, or returns null for a body that is not JSON.
  boost::json::value Json() const;
  // ErrorCode returns error.code of a JSON error body, or "".
  std::string ErrorCode() const;
  // ErrorMessage returns error.message of a JSON error body, or "".
  std::string ErrorMessage() const;
  // Verdict returns the verdict of a report body, or "".
  std::string Verdict() const;
};

HttpReply Get(uint16_t port, const std::string& path,
              const httplib::Headers& headers = {});
HttpReply Post(uint16_t port, const std::string& path, const std::string& body,
               const std::string& content_type,
               const httplib::Headers& headers = {});
HttpReply PostForm(uint16_t port, const std::string& path,
                   const httplib::MultipartFormDataItems& items);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SERVER_HTTP_CLIENT_H_
