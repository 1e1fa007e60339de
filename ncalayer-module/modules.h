// Handlers of the modules the stand-in serves on its WebSocket. Each takes
// the parsed request object and returns the reply text in the module's own
// envelope (see replies.h).
//
//   kz.gov.pki.knca.basics              sign (format "cms")
//   kz.gov.pki.knca.commonUtils         createCAdESFromBase64,
//                                       createCAdESFromBase64Hash,
//                                       createCMSSignatureFromBase64,
//                                       getKeyInfo, getActiveTokens,
//                                       changeLocale
//   kz.gov.pki.ncalayerservices.accessory  getBundles
//   kz.tinysign                         signFile, getVersion
#ifndef TINYSIGN_NCALAYER_MODULE_MODULES_H_
#define TINYSIGN_NCALAYER_MODULE_MODULES_H_

#include <boost/json/object.hpp>
#include <string>

#include "ncalayer-module/services.h"

namespace tinysign::ncalayer {

inline constexpr const char* kBasicsModule = "kz.gov.pki.knca.basics";
inline constexpr const char* kCommonUtilsModule = "kz.gov.pki.knca.commonUtils";
inline constexpr const char* kAccessoryModule =
    "kz.gov.pki.ncalayerservices.accessory";
inline constexpr const char* kTinySignModule = "kz.tinysign";

// kTinySignVersion is the version `getVersion` and `getBundles` report.
inline constexpr const char* kTinySignVersion = "0.1.0";

ModuleReply HandleBasics(const boost::json::object& request, Services& services,
                         RequestRecord* record);

ModuleReply HandleCommonUtils(const boost::json::object& request,
                              Services& services, RequestRecord* record);

ModuleReply HandleAccessory(const boost::json::object& request,
                            RequestRecord* record);

ModuleReply HandleTinySign(const boost::json::object& request,
                           Services& services, RequestRecord* record);

// FormatCmsPem returns `der` armoured as "-----BEGIN CMS-----", with
// 64-column base64 lines and CRLF line ends, as NCALayer's basics module
// returns it.
std::string FormatCmsPem(const Bytes& der);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_MODULES_H_
