// Options shared by `tinysign verify` and `tinysign verify-cert`: the
// validation time, the revocation policy and the key purpose, and the
// `--digest ALG:HEX` value of `verify`.
#ifndef TINYSIGN_CLI_VERIFY_OPTIONS_H_
#define TINYSIGN_CLI_VERIFY_OPTIONS_H_

#include <optional>
#include <string>
#include <string_view>

#include "cli/arguments.h"
#include "core/crypto/digest.h"
#include "core/der/input.h"
#include "core/time.h"
#include "core/verify/verifier.h"

namespace tinysign::cli {

// kDigestNames lists the `--digest` algorithm names for help and messages.
inline constexpr std::string_view kDigestNames =
    "gost34311-95, streebog256, streebog512, sha1, sha256, sha384, sha512";

// ParseVerifyOptions reads `--at` (RFC 3339, default `now`), `--revocation`
// (require, prefer or off; default require), `--skew` (seconds, default
// 300, at most one day) and `--purpose` (sign, auth or any; default sign)
// from `arguments`. On an invalid value it returns false
// and sets `error` to a message naming the option and the value.
bool ParseVerifyOptions(const Arguments& arguments, Time now,
                        verify::VerifyOptions* out, std::string* error);

// DigestOption is the parsed value of `--digest ALG:HEX`.
struct DigestOption {
  crypto::DigestAlgorithm algorithm = crypto::DigestAlgorithm::kSha256;
  Bytes digest;
};

// ParseDigestOption reads "ALG:HEX", such as "sha256:9f86d0...". It fails,
// setting `error`, when the colon is missing, ALG is not one of
// `kDigestNames`, HEX is not hexadecimal, or the digest length does not
// match ALG.
std::optional<DigestOption> ParseDigestOption(std::string_view text,
                                              std::string* error);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_VERIFY_OPTIONS_H_
