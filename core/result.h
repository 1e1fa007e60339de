// `Result<T>`: a value or an `Error`, the way the core reports failure.
//
// The core never throws, because the WebAssembly build runs without
// exception support. `Result` keeps the member names of C++23
// `std::expected` (`has_value`, `value`, `error`) so that moving to it later
// is a rename.
#ifndef TINYSIGN_CORE_RESULT_H_
#define TINYSIGN_CORE_RESULT_H_

#include <string>
#include <utility>
#include <variant>

#include "core/error.h"

namespace tinysign {

// Error is one failure: a code from the closed vocabulary and a detail that
// names the value at fault, such as "tbsCertificate.validity".
struct Error {
  ErrorCode code;
  std::string detail;

  // ToString returns "id: message (detail)".
  std::string ToString() const;
  // IdAndDetail returns "id (detail)", for messages that give their own
  // wording around the cause.
  std::string IdAndDetail() const;
};

// Fail builds an `Error`; it converts into any `Result<T>`.
inline Error Fail(ErrorCode code, std::string detail = {}) {
  return Error{code, std::move(detail)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // value, operator* and operator-> require has_value().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // error requires !has_value().
  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Status is a `Result` that carries no value.
struct Ok {};
using Status = Result<Ok>;

inline Status OkStatus() { return Ok{}; }

}  // namespace tinysign

// TINYSIGN_TRY(expr) returns the error of `expr` from the calling function.
#define TINYSIGN_TRY(expr)                            \
  do {                                                \
    auto tinysign_try_result_ = (expr);               \
    if (!tinysign_try_result_.has_value()) {          \
      return std::move(tinysign_try_result_).error(); \
    }                                                 \
  } while (0)

#define TINYSIGN_CONCAT_INNER_(a, b) a##b
#define TINYSIGN_CONCAT_(a, b) TINYSIGN_CONCAT_INNER_(a, b)

// TINYSIGN_ASSIGN_OR_RETURN(lhs, expr) evaluates `expr`; on failure it returns
// the error, otherwise it moves the value into `lhs` (which may declare a
// variable, as in `auto x`).
#define TINYSIGN_ASSIGN_OR_RETURN(lhs, expr) \
  TINYSIGN_ASSIGN_OR_RETURN_IMPL_(           \
      TINYSIGN_CONCAT_(tinysign_result_, __LINE__), lhs, expr)

#define TINYSIGN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.has_value()) {                               \
    return std::move(tmp).error();                      \
  }                                                     \
  lhs = std::move(tmp).value()

#endif  // TINYSIGN_CORE_RESULT_H_
