// kz.gov.pki.ncalayerservices.accessory: bundle listing. Its replies carry
// no envelope.

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "ncalayer-module/modules.h"

namespace tinysign::ncalayer {

ModuleReply HandleAccessory(const boost::json::object& request,
                            RequestRecord* record) {
  if (record->method != "getBundles") {
    // NOTE: NCALayer's reply to an unknown accessory method is not public;
    // the stand-in reuses the shape of its unknown-module reply.
    record->outcome = "error";
    record->error = "unknown method " + record->method;
    return {R"({"success":false,"errorCode":"METHOD_NOT_FOUND"})"};
  }
  // Symbolic names of the bundles the stand-in imitates, with its own
  // version, since their real versions do not apply to it.
  boost::json::object bundles;
  bundles["kz.gov.pki.osgi.layer.websocket"] = kTinySignVersion;
  bundles[kBasicsModule] = kTinySignVersion;
  bundles[kCommonUtilsModule] = kTinySignVersion;
  bundles[kTinySignModule] = kTinySignVersion;
  record->outcome = "ok";
  return {boost::json::serialize(bundles)};
}

}  // namespace tinysign::ncalayer
