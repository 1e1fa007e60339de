#include "tests/server/http_client.h"

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

std::string HttpReply::ErrorCode() const {
  const boost::json::value value = Json();
  const auto* object = value.if_object();
  if (object == nullptr || !object->contains("error")) {
    return "";
  }
  const auto* error = object->at("error").if_object();
  if (error == nullptr || !error->contains("code") ||
      !error->at("code").is_string()) {
    return "";
  }
  return std::string(error->at("code").as_string());
}

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
