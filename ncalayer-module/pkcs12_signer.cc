#include "ncalayer-module/pkcs12_signer.h"

#include <openssl/rand.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/cms/signed_data.h"
#include "core/cms/signer.h"
#include "core/crypto/random.h"

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

// OpenSslRandom draws from OpenSSL's CSPRNG, for RSA blinding and GOST
// signature nonces.
class OpenSslRandom : public crypto::RandomSource {
 public:
  Status Generate(std::span<uint8_t> out) override {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
      return Fail(ErrorCode::kCryptoRandomFailed, "OpenSSL RAND_bytes");
    }
    return OkStatus();
  }
};

// AddTimestamp requests a token over the signature value of the CMS's
// only signer and stores it as that signer's unsigned attribute.
Result<Bytes> AddTimestamp(const Bytes& cms, const TimestampFunction& fetch) {
  TINYSIGN_ASSIGN_OR_RETURN(auto signed_data, cms::ParseSignedData(cms));
  TINYSIGN_ASSIGN_OR_RETURN(Bytes token,
                            fetch(signed_data->signers().front().signature));
  return cms::AddSignatureTimestamp(cms, 0, token);
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
    Result<pkcs12::KeyFile> key_file = pkcs12::LoadKeyFile(contents, password);
    if (!key_file) {
      report.error = key_file.error().ToString();
      reports->push_back(report);
      continue;
    }
    keys_.push_back({report.file_name, key_file->certificate});
    key_files_.push_back(std::move(key_file).value());
    report.loaded = true;
    reports->push_back(report);
  }
  return true;
}

Result<Bytes> Pkcs12Signer::SignCms(size_t key_index,
                                    const CmsRequest& request) {
  const pkcs12::KeyFile& key_file = key_files_.at(key_index);
  cms::Signer signer{key_file.private_key, key_file.certificate};
  cms::SignOptions options;
  options.detached = !request.attached;
  options.signing_time = now_();
  OpenSslRandom random;
  Result<Bytes> cms =
      request.is_digest
          ? cms::SignDigest(request.data, signer, options, random)
          : cms::SignContent(request.data, signer, options, random);
  if (!cms || !request.timestamp) {
    return cms;
  }
  return AddTimestamp(*cms, request.timestamp);
}

}  // namespace tinysign::ncalayer
