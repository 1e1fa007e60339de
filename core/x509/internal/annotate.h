// Adds the name of the field being parsed to an error's detail, so that
// "der.truncated" reads "der.truncated (tbsCertificate.validity: ...)".
#ifndef TINYSIGN_CORE_X509_INTERNAL_ANNOTATE_H_
#define TINYSIGN_CORE_X509_INTERNAL_ANNOTATE_H_

#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace tinysign::x509::internal {

// Annotate returns `result` unchanged on success; on failure it prefixes
// the error detail with `field` and keeps the code.
template <typename T>
Result<T> Annotate(Result<T> result, std::string_view field) {
  if (result.has_value()) {
    return result;
  }
  Error error = std::move(result).error();
  error.detail = error.detail.empty()
                     ? std::string(field)
                     : std::string(field) + ": " + error.detail;
  return error;
}

}  // namespace tinysign::x509::internal

#endif  // TINYSIGN_CORE_X509_INTERNAL_ANNOTATE_H_
