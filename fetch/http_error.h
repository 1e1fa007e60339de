// Plain words for the transport errors of cpp-httplib, whose own names
// ("Connection", "Read") say little in a message.
#ifndef TINYSIGN_FETCH_HTTP_ERROR_H_
#define TINYSIGN_FETCH_HTTP_ERROR_H_

#include <httplib.h>

#include <string>

namespace tinysign::fetch {

// DescribeHttpError returns what failed, such as "connection refused or
// failed" for httplib::Error::Connection.
std::string DescribeHttpError(httplib::Error error);

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_HTTP_ERROR_H_
