#include "testpki/generate_command.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "core/pkcs12/pfx_writer.h"
#include "core/pkcs12/private_key_info.h"
#include "pki/crl_builder.h"
#include "testpki/hierarchy.h"
#include "testpki/loopback.h"
#include "testpki/manifest.h"
#include "testpki/responder.h"

namespace tinysign::testpki {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDefaultBaseUrl = "http://127.0.0.1:8080";

struct GenerateArguments {
  fs::path out;
  HierarchyOptions options;
};

std::optional<GenerateArguments> ParseArguments(
    const std::vector<std::string>& arguments, Time now, std::ostream& err) {
  GenerateArguments parsed;
  parsed.options.at = now;
  parsed.options.seed = 1;
  parsed.options.base_url = std::string(kDefaultBaseUrl);
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& name = arguments[i];
    if (i + 1 >= arguments.size()) {
      err << "error: " << name << " needs a value\n";
      return std::nullopt;
    }
    const std::string& value = arguments[++i];
    if (name == "--out") {
      parsed.out = value;
    } else if (name == "--seed") {
      const auto [end, error] = std::from_chars(
          value.data(), value.data() + value.size(), parsed.options.seed);
      if (error != std::errc() || end != value.data() + value.size()) {
        err << "error: invalid --seed \"" << value
            << "\": expected a non-negative integer\n";
        return std::nullopt;
      }
    } else if (name == "--at") {
      auto at = ParseRfc3339(value);
      if (!at) {
        err << "error: invalid --at \"" << value
            << "\": expected an RFC 3339 time such as 2026-06-01T00:00:00Z\n";
        return std::nullopt;
      }
      parsed.options.at = *at;
    } else if (name == "--base-url") {
      if (!IsLoopbackUrl(value)) {
        err << "error: invalid --base-url \"" << value
            << "\": expected http://127.0.0.1:PORT or another loopback "
               "address, with no path\n";
        return std::nullopt;
      }
      parsed.options.base_url = value;
    } else {
      err << "error: unknown option " << name << "\n";
      return std::nullopt;
    }
  }
  if (parsed.out.empty()) {
    err << "error: --out DIR is required\n";
    return std::nullopt;
  }
  return parsed;
}

bool WriteFile(const fs::path& path, der::Input data, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(data.data()),
             static_cast<std::streamsize>(data.size()));
  if (!file) {
    err << "error: cannot write " << path.string() << "\n";
    return false;
  }
  return true;
}

bool WriteAuthorities(const fs::path& dir, const Hierarchy& h,
                      std::ostream& err) {
  return WriteFile(dir / "trust" / CertificateFileName(h.algorithm, "root"),
                   h.root.der, err) &&
         WriteFile(dir / "trust" / CertificateFileName(h.algorithm, "ca"),
                   h.ca.der, err) &&
         WriteFile(dir / "services" / (h.algorithm + "_ocsp.cer"),
                   h.ocsp_responder.der, err) &&
         WriteFile(dir / "services" / (h.algorithm + "_tsa.cer"), h.tsa.der,
                   err);
}

bool WriteCrls(const fs::path& dir, const Hierarchy& h, Time at,
               std::ostream& err) {
  const Responder responder(h, StatusesOf(h));
  for (bool root : {true, false}) {
    for (bool delta : {false, true}) {
      auto crl = responder.IssueCrl(root, delta, at);
      if (!crl) {
        err << "error: cannot build a CRL of " << h.algorithm << ": "
            << crl.error().ToString() << "\n";
        return false;
      }
      const auto name = CrlFileName(h.algorithm, root ? "root" : "ca", delta);
      if (!WriteFile(dir / "crl" / name, *crl, err)) {
        return false;
      }
    }
  }
  return true;
}

// WriteKeyFiles writes the PKCS#12 file (with the CA and root
// certificates, protected by `kKeyPassword`), the certificate and the
// PKCS#8 private key of `entity`. The PKCS#12 salts come from `seed`, so
// the files are reproducible too.
std::optional<KeyFiles> WriteKeyFiles(const fs::path& dir, const Hierarchy& h,
                                      const EndEntity& entity, uint64_t seed,
                                      std::ostream& err) {
  KeyFiles files;
  files.pkcs12 = "keys/" + entity.name + ".p12";
  files.certificate = "keys/" + entity.name + ".cer";
  files.private_key = "keys/" + entity.name + ".key";
  pkcs12::ParsedPrivateKey key;
  key.algorithm = entity.key->public_key.algorithm;
  key.key = entity.key->private_key;
  auto private_key_info = pkcs12::EncodePrivateKeyInfo(key);
  if (!private_key_info) {
    err << "error: cannot encode the key of " << entity.name << ": "
        << private_key_info.error().ToString() << "\n";
    return std::nullopt;
  }
  pki::DeterministicRandom random("tinysign testpki/" + std::to_string(seed) +
                                  "/pkcs12/" + entity.name);
  pkcs12::Pkcs12WriteOptions options;
  options.friendly_name = entity.name;
  auto pkcs12 =
      pkcs12::WritePkcs12(key, entity.certificate.der, {h.ca.der, h.root.der},
                          kKeyPassword, options, random);
  if (!pkcs12) {
    err << "error: cannot write the PKCS#12 file of " << entity.name << ": "
        << pkcs12.error().ToString() << "\n";
    return std::nullopt;
  }
  if (!WriteFile(dir / files.pkcs12, *pkcs12, err) ||
      !WriteFile(dir / files.certificate, entity.certificate.der, err) ||
      !WriteFile(dir / files.private_key, *private_key_info, err)) {
    return std::nullopt;
  }
  return files;
}

bool WriteHierarchy(const fs::path& dir, const Hierarchy& h,
                    const HierarchyOptions& options,
                    std::map<std::string, KeyFiles>& files, std::ostream& err) {
  if (!WriteAuthorities(dir, h, err) || !WriteCrls(dir, h, options.at, err)) {
    return false;
  }
  for (const EndEntity& entity : h.end_entities) {
    auto written = WriteKeyFiles(dir, h, entity, options.seed, err);
    if (!written) {
      return false;
    }
    files[entity.name] = *written;
  }
  return true;
}

}  // namespace

int RunGenerate(const std::vector<std::string>& arguments, Time now,
                std::ostream& out, std::ostream& err) {
  const auto parsed = ParseArguments(arguments, now, err);
  if (!parsed) {
    return 2;
  }
  std::error_code error;
  for (const char* folder : {"trust", "services", "keys", "crl"}) {
    fs::create_directories(parsed->out / folder, error);
    if (error) {
      err << "error: cannot create " << (parsed->out / folder).string() << ": "
          << error.message() << "\n";
      return 1;
    }
  }
  std::vector<Hierarchy> hierarchies;
  std::map<std::string, KeyFiles> files;
  for (const std::string& algorithm : AlgorithmNames()) {
    auto hierarchy = BuildHierarchy(algorithm, parsed->options);
    if (!hierarchy) {
      err << "error: cannot build the " << algorithm
          << " hierarchy: " << hierarchy.error().ToString() << "\n";
      return 1;
    }
    if (!WriteHierarchy(parsed->out, *hierarchy, parsed->options, files, err)) {
      return 1;
    }
    hierarchies.push_back(std::move(*hierarchy));
  }
  const std::string manifest =
      ManifestJson(parsed->options, hierarchies, files);
  if (!WriteFile(parsed->out / "manifest.json",
                 der::Input(std::string_view(manifest)), err)) {
    return 1;
  }
  out << "wrote " << files.size() << " keys of " << hierarchies.size()
      << " hierarchies to " << parsed->out.string() << "\n";
  return 0;
}

}  // namespace tinysign::testpki
