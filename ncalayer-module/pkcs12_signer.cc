#include "ncalayer-module/pkcs12_signer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace tinysign::ncalayer {
namespace {

bool ReadFile(const std::filesystem::path& path, Bytes* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(file),
              std::istreambuf_iterator<char>());
  return !file.bad();
}

std::vector<std::filesystem::path> ListKeyFiles(const std::string& dir,
                                                std::error_code* ec) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, *ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".p12") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

bool Pkcs12Signer::Load(const std::string& dir, const std::string& password,
                        std::vector<KeyLoadReport>* reports,
                        std::string* error) {
  std::error_code ec;
  std::vector<std::filesystem::path> files = ListKeyFiles(dir, &ec);
  if (ec) {
    *error = "cannot read the key folder " + dir + ": " + ec.message();
    return false;
  }
  for (const std::filesystem::path& path : files) {
    KeyLoadReport report;
    report.file_name = path.filename().string();
    Bytes contents;
    if (!ReadFile(path, &contents)) {
      report.error = "cannot read the file";
      reports->push_back(report);
      continue;
    }
    // TODO: open the file with the core's PKCS#12 reader once it is merged.
    (void)password;
    report.error = "PKCS#12 reading is not available in this build";
    reports->push_back(report);
  }
  return true;
}

Result<Bytes> Pkcs12Signer::SignCms(size_t key_index,
                                    const CmsRequest& request) {
  (void)key_index;
  (void)request;
  // TODO: sign with the core's CMS signer once it is merged.
  return Fail(ErrorCode::kInternal, "CMS signing is not available yet");
}

}  // namespace tinysign::ncalayer
