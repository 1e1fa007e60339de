#include "server/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <set>
#include <string>
#include <vector>

namespace tinysign::server {

namespace {

using boost::json::error_code;
using boost::json::string_view;

// DuplicateKeyFinder is a `boost::json::basic_parser` handler that builds
// nothing and stops at the first key seen twice in one object.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  // duplicate_key is the key seen twice, valid once the parser stopped on
  // it. parent_key is the key of the object that contains it, or "" at the
  // top level.
  const std::optional<std::string>& duplicate_key() const {
    return duplicate_key_;
  }
  const std::string& parent_key() const { return parent_key_; }
  // too_many_values is set when the parser stopped at value number
  // `kMaxJsonValues` + 1.
  bool too_many_values() const { return too_many_values_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) {
    containers_.push_back(Container{});
    return CountValue() && ClearKey();
  }
  bool on_array_end(std::size_t, error_code&) { return EndContainer(); }
  bool on_object_begin(error_code&) {
    containers_.push_back(Container{{}, key_});
    return CountValue() && ClearKey();
  }
  bool on_object_end(std::size_t, error_code&) { return EndContainer(); }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return EndValue(); }
  bool on_key_part(string_view part, std::size_t, error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(string_view part, std::size_t, error_code&) {
    key_.append(part.data(), part.size());
    Container& object = containers_.back();
    if (!object.keys.insert(key_).second) {
      duplicate_key_ = key_;
      parent_key_ = object.key;
      return false;
    }
    // key_ stays set until the value ends, so that an object value
    // records it as the key it sits under.
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(int64_t, string_view, error_code&) { return EndValue(); }
  bool on_uint64(uint64_t, string_view, error_code&) { return EndValue(); }
  bool on_double(double, string_view, error_code&) { return EndValue(); }
  bool on_bool(bool, error_code&) { return EndValue(); }
  bool on_null(error_code&) { return EndValue(); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  // Container is an open array or object.
  struct Container {
    std::set<std::string> keys;
    // key is the key under which the container sits in its parent.
    std::string key;
  };

  bool ClearKey() {
    key_.clear();
    return true;
  }
  bool CountValue() {
    too_many_values_ = ++num_values_ > kMaxJsonValues;
    return !too_many_values_;
  }
  bool EndValue() { return CountValue() && ClearKey(); }
  bool EndContainer() {
    containers_.pop_back();
    return ClearKey();
  }

  std::vector<Container> containers_;
  std::string key_;
  std::optional<std::string> duplicate_key_;
  std::string parent_key_;
  size_t num_values_ = 0;
  bool too_many_values_ = false;
};

}  // namespace

std::optional<ApiError> ParseStrictJson(std::string_view text,
                                        std::string_view what,
                                        boost::json::value* out) {
  boost::json::basic_parser<DuplicateKeyFinder> finder(
      boost::json::parse_options{});
  error_code ec;
  const std::size_t consumed =
      finder.write_some(false, text.data(), text.size(), ec);
  const DuplicateKeyFinder& handler = finder.handler();
  if (handler.too_many_values()) {
    return ApiError{ApiErrorCode::kInvalidRequest,
                    std::string(what) + " has more than " +
                        std::to_string(kMaxJsonValues) +
                        " JSON values; a verify request has a few fields"};
  }
  if (handler.duplicate_key().has_value()) {
    const std::string place = handler.parent_key().empty()
                                  ? std::string(what)
                                  : "\"" + handler.parent_key() + "\"";
    return ApiError{ApiErrorCode::kInvalidRequest,
                    "duplicate key \"" + *handler.duplicate_key() + "\" in " +
                        place + ": send each field once"};
  }
  if (ec || consumed != text.size()) {
    const std::string cause =
        ec ? ec.message() : "unexpected text after the JSON value";
    return ApiError{ApiErrorCode::kInvalidJson,
                    std::string(what) + " is not valid JSON at byte offset " +
                        std::to_string(consumed) + " (" + cause +
                        "): fix the JSON text at that offset"};
  }
  *out = boost::json::parse(text, ec);
  if (ec) {
    // The same text just passed the parser above.
    return ApiError{ApiErrorCode::kInternal, "internal error parsing JSON"};
  }
  return std::nullopt;
}

}  // namespace tinysign::server
