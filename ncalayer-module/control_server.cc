#include "ncalayer-module/control_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "core/x509/name.h"

namespace tinysign::ncalayer {
namespace {

constexpr const char* kJson = "application/json";

void SendError(httplib::Response& response, const std::string& message) {
  boost::json::object body;
  body["error"] = message;
  response.status = 400;
  response.set_content(boost::json::serialize(body), kJson);
}

// ParseAction reads {"action":NAME} or {"action":"choose_key","key":N}.
bool ParseAction(const std::string& text, UserAction* action,
                 std::string* error) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  const boost::json::object* object = ec ? nullptr : value.if_object();
  const boost::json::value* name =
      object == nullptr ? nullptr : object->if_contains("action");
  if (name == nullptr || !name->is_string()) {
    *error = "expected a JSON object with a string \"action\"";
    return false;
  }
  std::optional<UserAction::Kind> kind =
      ParseUserActionKind(std::string(name->get_string()));
  if (!kind) {
    *error = "unknown action \"" + std::string(name->get_string()) +
             "\": expected cancel, wrong_password, no_matching_key, "
             "close_socket or choose_key";
    return false;
  }
  action->kind = *kind;
  if (*kind != UserAction::Kind::kChooseKey) {
    return true;
  }
  const boost::json::value* key = object->if_contains("key");
  if (key == nullptr || !key->is_int64() || key->get_int64() < 0) {
    *error = "choose_key needs a non-negative integer \"key\"";
    return false;
  }
  action->key_index = static_cast<size_t>(key->get_int64());
  return true;
}

// SetListenSocketOptions sets SO_REUSEADDR alone. httplib's default also
// sets SO_REUSEPORT, with which Linux lets the control interface bind a
// port that another such server already listens on.
void SetListenSocketOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

}  // namespace

ControlServer::ControlServer(const Signer& signer, UserActionQueue& actions)
    : signer_(signer),
      actions_(actions),
      server_(std::make_unique<httplib::Server>()) {
  server_->set_socket_options(SetListenSocketOptions);
  AddRoutes();
}

ControlServer::~ControlServer() { Stop(); }

void ControlServer::AddRoutes() {
  server_->Post("/actions", [this](const httplib::Request& request,
                                   httplib::Response& response) {
    UserAction action;
    std::string error;
    if (!ParseAction(request.body, &action, &error)) {
      SendError(response, error);
      return;
    }
    // An index past the loaded keys would only fail at the next request,
    // so the caller learns of the mistake here instead.
    const size_t num_keys = signer_.keys().size();
    if (action.kind == UserAction::Kind::kChooseKey &&
        action.key_index >= num_keys) {
      SendError(response, "key " + std::to_string(action.key_index) +
                              " is out of range: valid keys are 0 to " +
                              std::to_string(num_keys - 1) + " (GET /keys)");
      return;
    }
    actions_.Push(action);
    boost::json::object body;
    body["queued"] = actions_.size();
    response.set_content(boost::json::serialize(body), kJson);
  });
  server_->Delete("/actions",
                  [this](const httplib::Request&, httplib::Response& response) {
                    actions_.Clear();
                    response.set_content(R"({"queued":0})", kJson);
                  });
  server_->Get("/keys", [this](const httplib::Request&,
                               httplib::Response& response) {
    boost::json::array keys;
    for (size_t i = 0; i < signer_.keys().size(); ++i) {
      const SigningKey& key = signer_.keys()[i];
      const std::string* cn =
          key.certificate->subject().FindFirst(x509::attribute::kCommonName);
      boost::json::object entry;
      entry["index"] = i;
      entry["file"] = key.file_name;
      entry["subject_cn"] = cn == nullptr ? "" : *cn;
      keys.push_back(std::move(entry));
    }
    response.set_content(boost::json::serialize(keys), kJson);
  });
}

bool ControlServer::Start(const std::string& address, uint16_t port,
                          std::string* error) {
  int bound = port == 0 ? server_->bind_to_any_port(address)
                        : (server_->bind_to_port(address, port) ? port : -1);
  if (bound <= 0) {
    *error = "control interface cannot listen on " + address + ":" +
             std::to_string(port);
    return false;
  }
  port_ = static_cast<uint16_t>(bound);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return true;
}

void ControlServer::Stop() {
  if (thread_.joinable()) {
    // httplib's stop() does nothing before the listen thread has marked
    // the server running, so a stop right after Start would leave the
    // thread blocked in accept() for good.
    for (int i = 0; i < 500 && !server_->is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server_->stop();
    thread_.join();
  }
}

}  // namespace tinysign::ncalayer
