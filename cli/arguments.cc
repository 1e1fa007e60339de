#include "cli/arguments.h"

namespace tinysign::cli {

namespace {

const OptionSpec* FindSpec(std::span<const OptionSpec> specs,
                           std::string_view name) {
  for (const OptionSpec& spec : specs) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

bool IsOption(std::string_view arg) {
  return arg.size() > 1 && arg.front() == '-';
}

}  // namespace

bool Arguments::Has(std::string_view name) const {
  return options_.find(name) != options_.end();
}

std::optional<std::string> Arguments::Value(std::string_view name) const {
  const auto it = options_.find(name);
  if (it == options_.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.back();
}

std::vector<std::string> Arguments::Values(std::string_view name) const {
  const auto it = options_.find(name);
  if (it == options_.end()) {
    return {};
  }
  return it->second;
}

bool ParseArguments(const std::vector<std::string>& args,
                    std::span<const OptionSpec> specs, Arguments* out,
                    std::string* error) {
  *out = Arguments();
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || !IsOption(arg)) {
      out->positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const OptionSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) {
      *error = "unknown option '" + name + "'";
      return false;
    }
    std::vector<std::string>& values = out->options_[name];
    if (!spec->repeatable && !values.empty()) {
      *error = "option " + name + " is given more than once";
      return false;
    }
    if (!spec->takes_value) {
      if (equals != std::string::npos) {
        *error = "option " + name + " takes no value";
        return false;
      }
      values.push_back("");
      continue;
    }
    if (equals != std::string::npos) {
      values.push_back(arg.substr(equals + 1));
    } else if (i + 1 < args.size() && !IsOption(args[i + 1])) {
      values.push_back(args[++i]);
    } else {
      *error = "option " + name + " requires a value";
      return false;
    }
  }
  return true;
}

}  // namespace tinysign::cli
