// Lenient readers for request arguments. NCALayer parses requests with
// org.json, which coerces "true"/"false" strings to booleans; the official
// NCALayer example page sends its flags as such strings.
#ifndef TINYSIGN_NCALAYER_MODULE_JSON_ARGS_H_
#define TINYSIGN_NCALAYER_MODULE_JSON_ARGS_H_

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace tinysign::ncalayer {

// ReadFlag returns `object[key]` as a boolean, accepting true, false,
// "true" and "false". An absent or null key gives `fallback`; any other
// value gives nullopt.
std::optional<bool> ReadFlag(const boost::json::object& object, const char* key,
                             bool fallback);

// ReadString returns `object[key]` when it is a string, "" when it is
// absent or null, and nullopt otherwise.
std::optional<std::string> ReadString(const boost::json::object& object,
                                      const char* key);

// ReadStrings returns `value` as a list of strings: a string gives one
// element, an array of strings its elements. Anything else is nullopt.
std::optional<std::vector<std::string>> ReadStrings(
    const boost::json::value& value);

// IsMissing reports whether `object` has no `key` or a null there.
bool IsMissing(const boost::json::object& object, const char* key);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_JSON_ARGS_H_
