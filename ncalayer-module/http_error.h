// Plain words for the transport errors of cpp-httplib, whose own names
// ("Connection", "Read") say little in a message.
#ifndef TINYSIGN_NCALAYER_MODULE_HTTP_ERROR_H_
#define TINYSIGN_NCALAYER_MODULE_HTTP_ERROR_H_

#include <httplib.h>

#include <string>

namespace tinysign::ncalayer {

// DescribeHttpError returns what failed, such as "connection refused or
// failed" for httplib::Error::Connection.
std::string DescribeHttpError(httplib::Error error);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_HTTP_ERROR_H_
