// Fetching an RFC 3161 timestamp token over HTTP for `tinysign sign --tsa`.
//
// Only plain HTTP to the loopback interface is allowed (127.0.0.1 or
// localhost): TinySign never sends traffic to other hosts, including NUC's
// public TSA, until a configuration setting allows it.
#ifndef TINYSIGN_CLI_TSA_CLIENT_H_
#define TINYSIGN_CLI_TSA_CLIENT_H_

#include <optional>
#include <string>

#include "core/crypto/digest.h"
#include "core/crypto/random.h"
#include "core/der/input.h"

namespace tinysign::cli {

// EncodeTimeStampRequest returns the DER TimeStampReq (RFC 3161 section
// 2.4.1) for `digest` computed with `algorithm`, with `nonce` (big-endian
// magnitude) and certReq TRUE, so that the token carries the TSA
// certificate.
Bytes EncodeTimeStampRequest(crypto::DigestAlgorithm algorithm,
                             der::Input digest, der::Input nonce);

// FetchTimestampToken posts a request for `digest` to `url` and returns the
// DER TimeStampToken of a granted response whose messageImprint and nonce
// match the request. On failure it returns nothing and sets `error` to a
// message that names the URL and the cause.
std::optional<Bytes> FetchTimestampToken(const std::string& url,
                                         crypto::DigestAlgorithm algorithm,
                                         der::Input digest,
                                         crypto::RandomSource& random,
                                         std::string* error);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_TSA_CLIENT_H_
