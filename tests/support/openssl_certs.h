// Certificate facts as OpenSSL prints them, used as the independent oracle
// for identity fields and validity periods.
#ifndef TINYSIGN_TESTS_SUPPORT_OPENSSL_CERTS_H_
#define TINYSIGN_TESTS_SUPPORT_OPENSSL_CERTS_H_

#include <filesystem>
#include <string>
#include <vector>

#include "core/time.h"

namespace tinysign::testing {

// OpenSslCertificate is what `openssl x509` prints about one certificate.
struct OpenSslCertificate {
  std::string pem;
  std::string subject;  // RFC 2253 form with UTF-8.
  std::string iin;      // From serialNumber=IIN..., or empty.
  Time not_before;
  Time not_after;
};

// CertificatesInCms lists the certificates of a DER CMS file through
// `openssl pkcs7 -print_certs`.
std::vector<OpenSslCertificate> CertificatesInCms(
    const std::filesystem::path& der_file);

// CertificatesInPkcs12 lists the certificates of a PKCS#12 file through
// `openssl pkcs12 -legacy -nokeys`, trying each password in turn.
std::vector<OpenSslCertificate> CertificatesInPkcs12(
    const std::filesystem::path& p12_file,
    const std::vector<std::string>& passwords);

// DescribePem runs `openssl x509` on one PEM certificate and reads its output.
OpenSslCertificate DescribePem(const std::string& pem);

// ParseOpenSslDate reads "May  8 06:45:13 2026 GMT".
Time ParseOpenSslDate(const std::string& text);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SUPPORT_OPENSSL_CERTS_H_
