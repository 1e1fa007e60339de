// Request builders and reply readers shared by the tinysign-ncalayer
// tests.
#ifndef TINYSIGN_TESTS_NCALAYER_REQUESTS_H_
#define TINYSIGN_TESTS_NCALAYER_REQUESTS_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/der/input.h"
#include "core/verify/verifier.h"

namespace tinysign::testing {

// ParseObject parses a reply frame, failing the test unless it is a JSON
// object.
boost::json::object ParseObject(const std::string& text);

std::string Base64(std::string_view text);

// DecodeCms returns the DER of a PEM or base64 CMS, failing the test when
// it is neither.
Bytes DecodeCms(const std::string& text);

// Content returns a document of kind kContent viewing `bytes`.
verify::Document Content(const Bytes& bytes);

Bytes ToBytes(std::string_view text);

// SignRequest returns a basics `sign` request for CMS.
std::string SignRequest(const boost::json::value& data,
                        boost::json::object signing_params,
                        boost::json::object signer_params);

// AnyKey is signerParams that lets every key through, as sigex requests
// test keys: no EKU requirement and an empty chain.
boost::json::object AnyKey();

// CommonRequest returns a commonUtils request with positional `args`.
std::string CommonRequest(const std::string& method, boost::json::array args);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_NCALAYER_REQUESTS_H_
