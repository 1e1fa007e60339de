// What OpenSSL shows of a certificate, as the oracle for the parser tests:
// serial, validity, subject and issuer (RFC 2253 form, UTF-8), and each
// extension's header, critical flag and printed body.
#ifndef TINYSIGN_TESTS_CORE_X509_OPENSSL_VIEW_H_
#define TINYSIGN_TESTS_CORE_X509_OPENSSL_VIEW_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/der/input.h"
#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::x509::testing {

// OpenSslExtension is one extension as `openssl x509 -text` prints it.
struct OpenSslExtension {
  // "X509v3 Key Usage", or the dotted OID for one OpenSSL does not know.
  std::string header;
  bool critical = false;
  // The body lines, indentation removed, joined with '\n'. A value that
  // contains a newline keeps it.
  std::string body;
};

struct OpenSslView {
  std::string serial;      // "303EEBDF…", upper case
  std::string not_before;  // "2026-05-08 07:10:15Z"
  std::string not_after;
  std::string subject;  // "GN=ТЕСТОВИЧ,…,CN=ТЕСТОВ ТЕСТ"
  std::string issuer;
  std::vector<OpenSslExtension> extensions;

  const OpenSslExtension* Find(std::string_view header) const {
    for (const OpenSslExtension& extension : extensions) {
      if (extension.header == header) {
        return &extension;
      }
    }
    return nullptr;
  }
};

inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(line);
  }
  return lines;
}

inline bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// ParseExtensionHeader recognises "            X509v3 Key Usage: critical"
// (12 spaces of indentation, as -text prints extension headers).
inline bool ParseExtensionHeader(const std::string& line,
                                 OpenSslExtension* out) {
  constexpr size_t kIndent = 12;
  if (line.size() <= kIndent || line.find_first_not_of(' ') != kIndent) {
    return false;
  }
  std::string text = line.substr(kIndent);
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  out->critical = false;
  if (text.size() > 10 &&
      text.compare(text.size() - 10, 10, ": critical") == 0) {
    out->critical = true;
    text.resize(text.size() - 10);
  } else if (!text.empty() && text.back() == ':') {
    text.pop_back();
  } else {
    return false;
  }
  out->header = text;
  out->body.clear();
  return true;
}

inline std::vector<OpenSslExtension> ParseExtensionText(
    const std::string& text) {
  std::vector<OpenSslExtension> extensions;
  bool in_extensions = false;
  for (const std::string& line : SplitLines(text)) {
    if (line.find("X509v3 extensions:") != std::string::npos) {
      in_extensions = true;
      continue;
    }
    if (!in_extensions) {
      continue;
    }
    OpenSslExtension header;
    if (ParseExtensionHeader(line, &header)) {
      extensions.push_back(header);
      continue;
    }
    if (extensions.empty()) {
      continue;
    }
    std::string& body = extensions.back().body;
    if (!body.empty()) {
      body += '\n';
    }
    // Body lines are indented by 16 spaces. The continuation line of a value
    // that contains a newline keeps its own spaces.
    body += StartsWith(line, std::string(16, ' ')) ? line.substr(16) : line;
  }
  return extensions;
}

// ReadWithOpenSsl writes `der` into `temp_dir` and has `openssl x509` print
// it.
inline OpenSslView ReadWithOpenSsl(der::Input der,
                                   const std::filesystem::path& temp_dir) {
  const std::filesystem::path file = temp_dir / "certificate.der";
  tinysign::testing::WriteFileBytes(file, der);
  OpenSslView view;
  const auto fields = tinysign::testing::RunCommand(
      {"openssl", "x509", "-inform", "DER", "-in", file.string(), "-noout",
       "-serial", "-dateopt", "iso_8601", "-startdate", "-enddate", "-nameopt",
       "RFC2253,utf8,-esc_msb", "-subject", "-issuer"});
  EXPECT_EQ(fields.exit_code, 0) << "openssl x509 failed";
  const std::map<std::string, std::string*> prefixes = {
      {"serial=", &view.serial},      {"notBefore=", &view.not_before},
      {"notAfter=", &view.not_after}, {"subject=", &view.subject},
      {"issuer=", &view.issuer},
  };
  for (const std::string& line : SplitLines(fields.output)) {
    for (const auto& [prefix, target] : prefixes) {
      if (StartsWith(line, prefix)) {
        *target = line.substr(prefix.size());
      }
    }
  }
  const auto text = tinysign::testing::RunCommand(
      {"openssl", "x509", "-inform", "DER", "-in", file.string(), "-noout",
       "-text", "-certopt",
       "no_header,no_version,no_serial,no_signame,no_validity,no_subject,"
       "no_issuer,no_pubkey,no_sigdump,no_aux"});
  EXPECT_EQ(text.exit_code, 0) << "openssl x509 -text failed";
  view.extensions = ParseExtensionText(text.output);
  return view;
}

// OpenSslNameToOurs renames the attribute types of an OpenSSL RFC 2253
// string to the short names of `Name::ToRfc4514`: GN is GIVENNAME, SN is
// SURNAME, serialNumber is SERIALNUMBER, emailAddress is E and street is
// STREET. Values and escapes are kept.
inline std::string OpenSslNameToOurs(const std::string& text) {
  static const std::map<std::string, std::string> kRenames = {
      {"GN", "GIVENNAME"},
      {"SN", "SURNAME"},
      {"serialNumber", "SERIALNUMBER"},
      {"emailAddress", "E"},
      {"street", "STREET"},
  };
  std::string out;
  std::string type;
  bool in_type = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_type) {
      if (c == '=') {
        auto rename = kRenames.find(type);
        out += rename != kRenames.end() ? rename->second : type;
        out += '=';
        type.clear();
        in_type = false;
      } else {
        type += c;
      }
      continue;
    }
    out += c;
    if (c == '\\' && i + 1 < text.size()) {
      out += text[++i];
    } else if (c == ',' || c == '+') {
      in_type = true;
    }
  }
  return out;
}

// HexWithColons returns "AB:CD:…" as OpenSSL prints key identifiers.
inline std::string HexWithColons(der::Input bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (uint8_t byte : bytes) {
    if (!out.empty()) {
      out += ':';
    }
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0f];
  }
  return out;
}

inline std::string UpperHex(der::Input bytes) {
  std::string out = HexWithColons(bytes);
  std::erase(out, ':');
  return out;
}

// SplitList splits "a, b, c" as OpenSSL prints key usages and purposes.
inline std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(", ", start);
    if (end == std::string::npos) {
      end = text.size();
    }
    if (end > start) {
      items.push_back(text.substr(start, end - start));
    }
    start = end + 2;
  }
  return items;
}

}  // namespace tinysign::x509::testing

#endif  // TINYSIGN_TESTS_CORE_X509_OPENSSL_VIEW_H_
