#include "cli/trust_directory.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cli/input_file.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/x509/certificate.h"

namespace tinysign::cli {

namespace {

// BlockName names one certificate of a file in messages: the file alone
// when it holds one, else "FILE (certificate N)".
std::string BlockName(const std::string& path, size_t index, size_t count) {
  if (count == 1) {
    return path;
  }
  return path + " (certificate " + std::to_string(index + 1) + ")";
}

// ListRegularFiles returns the regular files directly inside `dir`, sorted
// so that the load order and the warnings do not depend on the file system.
std::optional<std::vector<std::filesystem::path>> ListRegularFiles(
    const std::string& dir, std::string* error) {
  std::error_code status_error;
  if (!std::filesystem::is_directory(dir, status_error)) {
    *error = status_error ? "cannot read: " + status_error.message()
                          : std::string("is not a directory");
    return std::nullopt;
  }
  std::vector<std::filesystem::path> files;
  std::error_code list_error;
  for (const auto& entry :
       std::filesystem::directory_iterator(dir, list_error)) {
    std::error_code type_error;
    if (entry.is_regular_file(type_error)) {
      files.push_back(entry.path());
    }
  }
  if (list_error) {
    *error = "cannot list: " + list_error.message();
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  return files;
}

// LoadTrustFile adds the certificates of one file and returns how many it
// contains, duplicates of certificates already loaded included.
size_t LoadTrustFile(const std::string& path, x509::TrustStore* trust,
                     std::ostream& warnings) {
  std::istringstream no_input;
  std::string read_error;
  const auto data =
      ReadInputFile(path, no_input, limits::kMaxInputBytes, &read_error);
  if (!data.has_value()) {
    warnings << "tinysign: warning: " << path << ": skipped, " << read_error
             << "\n";
    return 0;
  }
  auto blocks = encoding::NormalizeToDerList(*data);
  if (!blocks.has_value()) {
    warnings << "tinysign: warning: " << path
             << ": skipped, not a certificate (" << blocks.error().ToString()
             << ")\n";
    return 0;
  }
  size_t num_certificates = 0;
  for (size_t i = 0; i < blocks->size(); ++i) {
    auto added = trust->Add((*blocks)[i]);
    if (!added.has_value()) {
      warnings << "tinysign: warning: " << BlockName(path, i, blocks->size())
               << ": skipped, not a certificate (" << added.error().ToString()
               << ")\n";
    } else {
      ++num_certificates;
    }
  }
  return num_certificates;
}

}  // namespace

bool LoadTrustDirectory(const std::string& dir, x509::TrustStore* trust,
                        std::ostream& warnings, std::string* error) {
  const auto files = ListRegularFiles(dir, error);
  if (!files.has_value()) {
    return false;
  }
  size_t num_certificates = 0;
  for (const auto& file : *files) {
    num_certificates += LoadTrustFile(file.string(), trust, warnings);
  }
  if (num_certificates == 0) {
    warnings << "tinysign: warning: " << dir
             << ": no certificate found in this trust directory\n";
  }
  return true;
}

bool LoadTrustDirectories(const CommandContext& context,
                          const std::vector<std::string>& dirs,
                          x509::TrustStore* trust) {
  for (const std::string& dir : dirs) {
    std::string error;
    if (!LoadTrustDirectory(dir, trust, context.err, &error)) {
      ReportInputError(context, dir, "trust directory " + error);
      return false;
    }
  }
  return true;
}

std::optional<std::vector<Bytes>> ReadCertificateFile(const std::string& path,
                                                      std::istream& in,
                                                      std::string* error) {
  const auto data = ReadInputFile(path, in, limits::kMaxInputBytes, error);
  if (!data.has_value()) {
    return std::nullopt;
  }
  auto blocks = encoding::NormalizeToDerList(*data);
  if (!blocks.has_value()) {
    *error = "not DER, PEM or base64 (" + blocks.error().ToString() + ")";
    return std::nullopt;
  }
  for (size_t i = 0; i < blocks->size(); ++i) {
    auto certificate = x509::ParseCertificate((*blocks)[i]);
    if (!certificate.has_value()) {
      *error = (blocks->size() == 1
                    ? std::string()
                    : "certificate " + std::to_string(i + 1) + ": ") +
               "not an X.509 certificate (" + certificate.error().ToString() +
               ")";
      return std::nullopt;
    }
  }
  return std::move(*blocks);
}

}  // namespace tinysign::cli
