#include "tests/server/http_client.h"

#include <initializer_list>
#include <string_view>

namespace tinysign::testing {

namespace {

void Configure(httplib::Client* client) {
  client->set_connection_timeout(10);
  // A 50 MiB document takes over 30 s under the sanitizers.
  client->set_read_timeout(120);
  client->set_write_timeout(30);
}

HttpReply ToReply(const httplib::Result& result) {
  HttpReply reply;
  if (result) {
    reply.status = result->status;
    reply.body = result->body;
    reply.headers = result->headers;
  }
  return reply;
}

}  // namespace

boost::json::value HttpReply::Json() const {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  return ec ? boost::json::value() : value;
}

namespace {

// StringAt returns the string at `path` of JSON objects in `value`, or "".
std::string StringAt(const boost::json::value& value,
                     std::initializer_list<std::string_view> path) {
  const boost::json::value* current = &value;
  for (const std::string_view key : path) {
    const auto* object = current->if_object();
    current = object == nullptr ? nullptr : object->if_contains(key);
    if (current == nullptr) {
      return "";
    }
  }
  return current->is_string() ? std::string(current->as_string()) : "";
}

}  // namespace

std::string HttpReply::ErrorCode() const {
  return StringAt(Json(), {"error", "code"});
}

std::string HttpReply::ErrorMessage() const {
  return StringAt(Json(), {"error", "message"});
}

std::string HttpReply::Verdict() const { return StringAt(Json(), {"verdict"}); }

HttpReply Get(uint16_t port, const std::string& path,
              const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port);
  Configure(&client);
  return ToReply(client.Get(path, headers));
}

HttpReply Post(uint16_t port, const std::string& path, const std::string& body,
               const std::string& content_type,
               const httplib::Headers& headers) {
  httplib::Client client("127.0.0.1", port);
  Configure(&client);
  return ToReply(client.Post(path, headers, body, content_type));
}

HttpReply PostForm(uint16_t port, const std::string& path,
                   const httplib::MultipartFormDataItems& items) {
  httplib::Client client("127.0.0.1", port);
  Configure(&client);
  return ToReply(client.Post(path, items));
}

}  // namespace tinysign::testing
