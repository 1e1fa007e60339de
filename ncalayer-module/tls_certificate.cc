#include "ncalayer-module/tls_certificate.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace tinysign::ncalayer {
namespace {

struct OpenSslDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
  void operator()(X509* certificate) const { X509_free(certificate); }
  void operator()(BIO* bio) const { BIO_free(bio); }
  void operator()(X509_EXTENSION* extension) const {
    X509_EXTENSION_free(extension);
  }
};

template <typename T>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter>;

std::string LastOpenSslError(const char* step) {
  char text[256] = {0};
  ERR_error_string_n(ERR_get_error(), text, sizeof(text));
  return std::string(step) + ": " + text;
}

bool AddExtension(X509* certificate, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  OpenSslPtr<X509_EXTENSION> extension(
      X509V3_EXT_conf_nid(nullptr, &context, nid, value));
  return extension != nullptr &&
         X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool SetRandomSerial(X509* certificate) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return false;
  }
  bytes[0] &= 0x7f;  // A positive INTEGER (RFC 5280 4.1.2.2).
  BIGNUM* number = BN_bin2bn(bytes, sizeof(bytes), nullptr);
  bool ok =
      number != nullptr &&
      BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nullptr;
  BN_free(number);
  return ok;
}

bool FillCertificate(X509* certificate, EVP_PKEY* key) {
  constexpr long kOneHour = 60 * 60;
  constexpr long kThirtyDays = 30 * 24 * kOneHour;
  X509_NAME* name = X509_get_subject_name(certificate);
  return X509_set_version(certificate, 2) == 1 &&
         SetRandomSerial(certificate) &&
         X509_gmtime_adj(X509_getm_notBefore(certificate), -kOneHour) &&
         X509_gmtime_adj(X509_getm_notAfter(certificate), kThirtyDays) &&
         X509_set_pubkey(certificate, key) == 1 &&
         X509_NAME_add_entry_by_txt(
             name, "CN", MBSTRING_ASC,
             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1,
             0) == 1 &&
         X509_set_issuer_name(certificate, name) == 1 &&
         AddExtension(certificate, NID_subject_alt_name, "IP:127.0.0.1") &&
         AddExtension(certificate, NID_basic_constraints,
                      "critical,CA:FALSE") &&
         AddExtension(certificate, NID_key_usage,
                      "critical,digitalSignature") &&
         AddExtension(certificate, NID_ext_key_usage, "serverAuth") &&
         X509_sign(certificate, key, EVP_sha256()) > 0;
}

bool WritePem(BIO* bio, std::string* out) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  if (length <= 0) {
    return false;
  }
  out->assign(data, static_cast<size_t>(length));
  return true;
}

}  // namespace

bool GenerateTlsCredentials(TlsCredentials* credentials, std::string* error) {
  OpenSslPtr<EVP_PKEY> key(EVP_EC_gen("P-256"));
  if (key == nullptr) {
    *error = LastOpenSslError("generating the P-256 key failed");
    return false;
  }
  OpenSslPtr<X509> certificate(X509_new());
  if (certificate == nullptr ||
      !FillCertificate(certificate.get(), key.get())) {
    *error = LastOpenSslError("building the TLS certificate failed");
    return false;
  }
  OpenSslPtr<BIO> certificate_bio(BIO_new(BIO_s_mem()));
  OpenSslPtr<BIO> key_bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(certificate_bio.get(), certificate.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0,
                               nullptr, nullptr) != 1 ||
      !WritePem(certificate_bio.get(), &credentials->certificate_pem) ||
      !WritePem(key_bio.get(), &credentials->private_key_pem)) {
    *error = LastOpenSslError("encoding the TLS certificate failed");
    return false;
  }
  return true;
}

}  // namespace tinysign::ncalayer
