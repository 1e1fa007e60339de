// Routing of WebSocket text frames to the module handlers, and the request
// log line for each.
#ifndef TINYSIGN_NCALAYER_MODULE_DISPATCHER_H_
#define TINYSIGN_NCALAYER_MODULE_DISPATCHER_H_

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "ncalayer-module/services.h"

namespace tinysign::ncalayer {

// RequestLogger receives one record per request.
using RequestLogger = std::function<void(const RequestRecord&)>;

// Dispatcher handles requests one at a time, as NCALayer's modal dialogs
// do, so concurrent connections wait for each other.
class Dispatcher {
 public:
  // `services` must outlive the dispatcher.
  Dispatcher(Services& services, RequestLogger logger)
      : services_(services), logger_(std::move(logger)) {}

  // Handle returns the reply to one request frame sent by a page of `origin`. A
  // request without "module" is a legacy applet call, which the stand-in does
  // not implement.
  ModuleReply Handle(std::string_view text, const std::string& origin);

 private:
  ModuleReply Route(std::string_view text, RequestRecord* record);

  Services& services_;
  RequestLogger logger_;
  std::mutex mutex_;
};

// FormatRequestRecord returns `record` as one line of JSON without the
// newline, leaving out empty fields.
std::string FormatRequestRecord(const RequestRecord& record);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_DISPATCHER_H_
