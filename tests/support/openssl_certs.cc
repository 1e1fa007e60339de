#include "tests/support/openssl_certs.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/files.h"
#include "tests/support/openssl.h"

namespace tinysign::testing {

namespace {

std::vector<std::string> SplitPem(const std::string& text) {
  static const std::string kBegin = "-----BEGIN CERTIFICATE-----";
  static const std::string kEnd = "-----END CERTIFICATE-----";
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find(kBegin, pos)) != std::string::npos) {
    const size_t end = text.find(kEnd, pos);
    if (end == std::string::npos) {
      break;
    }
    out.push_back(text.substr(pos, end + kEnd.size() - pos) + "\n");
    pos = end + kEnd.size();
  }
  return out;
}

std::string ValueAfter(const std::string& text, const std::string& key) {
  const size_t pos = text.find(key);
  if (pos == std::string::npos) {
    return "";
  }
  const size_t start = pos + key.size();
  const size_t end = text.find('\n', start);
  return text.substr(start, end - start);
}

std::vector<OpenSslCertificate> DescribeAll(const std::string& pem_text) {
  std::vector<OpenSslCertificate> out;
  for (const std::string& pem : SplitPem(pem_text)) {
    out.push_back(DescribePem(pem));
  }
  return out;
}

}  // namespace

Time ParseOpenSslDate(const std::string& text) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::istringstream in(text);
  std::string month_name, clock, zone;
  int day = 0, year = 0;
  in >> month_name >> day >> clock >> year >> zone;
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (month_name == kMonths[i]) {
      month = i + 1;
    }
  }
  int hour = 0, minute = 0, second = 0;
  std::sscanf(clock.c_str(), "%d:%d:%d", &hour, &minute, &second);
  auto time = TimeFromCivil(year, month, day, hour, minute, second);
  EXPECT_TRUE(time.has_value()) << "cannot read OpenSSL date " << text;
  return time.has_value() ? *time : Time{};
}

OpenSslCertificate DescribePem(const std::string& pem) {
  const auto dir = TempDir("describe-pem");
  const auto path = dir / "certificate.pem";
  WriteFileBytes(path, der::Input(std::string_view(pem)));
  CommandResult printed = RunCommand(
      {"openssl", "x509", "-in", path.string(), "-noout", "-subject",
       "-startdate", "-enddate", "-nameopt", "RFC2253,-esc_msb,utf8"});
  EXPECT_EQ(printed.exit_code, 0);
  OpenSslCertificate out;
  out.pem = pem;
  out.subject = ValueAfter(printed.output, "subject=");
  out.not_before = ParseOpenSslDate(ValueAfter(printed.output, "notBefore="));
  out.not_after = ParseOpenSslDate(ValueAfter(printed.output, "notAfter="));
  const size_t iin = out.subject.find("serialNumber=IIN");
  if (iin != std::string::npos) {
    out.iin = out.subject.substr(iin + 16, 12);
  }
  std::filesystem::remove_all(dir);
  return out;
}

std::vector<OpenSslCertificate> CertificatesInCms(
    const std::filesystem::path& der_file) {
  CommandResult printed =
      RunCommand({"openssl", "pkcs7", "-inform", "DER", "-in",
                  der_file.string(), "-print_certs"});
  EXPECT_EQ(printed.exit_code, 0) << der_file;
  return DescribeAll(printed.output);
}

std::vector<OpenSslCertificate> CertificatesInPkcs12(
    const std::filesystem::path& p12_file,
    const std::vector<std::string>& passwords) {
  for (const std::string& password : passwords) {
    CommandResult printed =
        RunCommand({"openssl", "pkcs12", "-legacy", "-in", p12_file.string(),
                    "-nokeys", "-passin", "pass:" + password});
    if (printed.exit_code == 0) {
      return DescribeAll(printed.output);
    }
  }
  ADD_FAILURE() << "no password opens " << p12_file;
  return {};
}

}  // namespace tinysign::testing
