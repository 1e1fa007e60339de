// The TLS certificate of the wss:// listener, made at start. NCALayer's
// own certificate chains to NUC's root, which no test can reproduce, so
// clients trust this one by its PEM (written with --cert-out) or skip
// verification.
#ifndef TINYSIGN_NCALAYER_MODULE_TLS_CERTIFICATE_H_
#define TINYSIGN_NCALAYER_MODULE_TLS_CERTIFICATE_H_

#include <string>

namespace tinysign::ncalayer {

// TlsCredentials is a PEM certificate and its PEM private key.
struct TlsCredentials {
  std::string certificate_pem;
  std::string private_key_pem;
};

// GenerateTlsCredentials makes an ECDSA P-256 key and a self-signed
// certificate for it: CN=127.0.0.1, subjectAltName IP:127.0.0.1,
// extendedKeyUsage serverAuth, valid from one hour ago for 30 days. It
// returns false with an OpenSSL error text in `error` on failure.
bool GenerateTlsCredentials(TlsCredentials* credentials, std::string* error);

}  // namespace tinysign::ncalayer

#endif  // TINYSIGN_NCALAYER_MODULE_TLS_CERTIFICATE_H_
