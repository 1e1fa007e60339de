#include "core/error.h"

#include <string>

#include "core/result.h"

namespace tinysign {

namespace {

struct ErrorInfo {
  std::string_view id;
  ErrorKind kind;
  std::string_view message;
};

constexpr ErrorInfo kErrorInfo[] = {
#define TINYSIGN_ERROR_INFO(name, id, kind, message) \
  {id, ErrorKind::kind, message},
    TINYSIGN_ERROR_CODES(TINYSIGN_ERROR_INFO)
#undef TINYSIGN_ERROR_INFO
};

const ErrorInfo& InfoOf(ErrorCode code) {
  return kErrorInfo[static_cast<size_t>(code)];
}

}  // namespace

std::string_view ErrorId(ErrorCode code) { return InfoOf(code).id; }

std::string_view ErrorMessage(ErrorCode code) { return InfoOf(code).message; }

ErrorKind ErrorKindOf(ErrorCode code) { return InfoOf(code).kind; }

std::string Error::ToString() const {
  std::string text(ErrorId(code));
  text += ": ";
  text += ErrorMessage(code);
  if (!detail.empty()) {
    text += " (" + detail + ")";
  }
  return text;
}

std::string Error::IdAndDetail() const {
  std::string text(ErrorId(code));
  if (!detail.empty()) {
    text += " (" + detail + ")";
  }
  return text;
}

}  // namespace tinysign
