#include "fetch/http_error.h"

namespace tinysign::fetch {

std::string DescribeHttpError(httplib::Error error) {
  switch (error) {
    case httplib::Error::Success:
      return "no error";
    case httplib::Error::Connection:
      return "connection refused or failed";
    case httplib::Error::BindIPAddress:
      return "binding the local address failed";
    case httplib::Error::Read:
      // httplib 0.11 also reports a read timeout as a read error.
      return "reading the response failed or timed out";
    case httplib::Error::Write:
      return "sending the request failed";
    case httplib::Error::ExceedRedirectCount:
      return "too many redirects";
    case httplib::Error::Canceled:
      return "request canceled";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "loading the CA certificates failed";
    case httplib::Error::SSLServerVerification:
      return "server certificate verification failed";
    case httplib::Error::UnsupportedMultipartBoundaryChars:
      return "invalid multipart boundary";
    case httplib::Error::Compression:
      return "decompressing the response failed";
    case httplib::Error::ConnectionTimeout:
      return "connection timed out";
    case httplib::Error::Unknown:
      break;
  }
  return "unknown error (httplib " + httplib::to_string(error) + ")";
}

}  // namespace tinysign::fetch
