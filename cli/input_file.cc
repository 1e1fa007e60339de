#include "cli/input_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/encoding/input_form.h"
#include "core/limits.h"

namespace tinysign::cli {

namespace {

std::string TooLargeMessage(size_t max_bytes) {
  return "is larger than the limit of " + std::to_string(max_bytes) + " bytes";
}

// ReadStream reads `in` to its end, or fails once it exceeds `max_bytes`.
std::optional<Bytes> ReadStream(std::istream& in, size_t max_bytes,
                                std::string* error) {
  Bytes data;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    const auto count = static_cast<size_t>(in.gcount());
    if (data.size() + count > max_bytes) {
      *error = TooLargeMessage(max_bytes);
      return std::nullopt;
    }
    data.insert(data.end(), buffer, buffer + count);
  }
  if (in.bad()) {
    *error = "read failed";
    return std::nullopt;
  }
  return data;
}

}  // namespace

std::optional<Bytes> ReadInputFile(const std::string& path, std::istream& in,
                                   size_t max_bytes, std::string* error) {
  if (path == "-") {
    return ReadStream(in, max_bytes, error);
  }
  std::error_code status_error;
  const auto status = std::filesystem::status(path, status_error);
  if (status_error) {
    *error = "cannot read: " + status_error.message();
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    *error = "is a directory, not a file";
    return std::nullopt;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return std::nullopt;
  }
  return ReadStream(file, max_bytes, error);
}

std::string DisplayName(const std::string& path) {
  return path == "-" ? "standard input" : path;
}

std::optional<Bytes> ReadDerFile(const CommandContext& context,
                                 const std::string& path) {
  std::string error;
  const auto file =
      ReadInputFile(path, context.in, limits::kMaxInputBytes, &error);
  if (!file.has_value()) {
    ReportInputError(context, DisplayName(path), error);
    return std::nullopt;
  }
  auto der = encoding::NormalizeToDer(*file);
  if (!der.has_value()) {
    ReportInputError(context, DisplayName(path),
                     "not DER, PEM or base64 (" + der.error().ToString() + ")");
    return std::nullopt;
  }
  return std::move(*der);
}

}  // namespace tinysign::cli
