// The test PKI's services for one hierarchy, without the network: CRLs
// issued at a given time, OCSP responses and RFC 3161 timestamps. The HTTP
// server in serve_command.cc passes request bodies here and sends back the
// bytes it gets.
#ifndef TINYSIGN_TESTPKI_RESPONDER_H_
#define TINYSIGN_TESTPKI_RESPONDER_H_

#include <map>
#include <string_view>

#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"
#include "testpki/hierarchy.h"

namespace tinysign::testpki {

// CertificateStatus is the status the services report for one serial.
struct CertificateStatus {
  KeyStatus status = KeyStatus::kValid;
  // Set for kRevoked.
  Time revocation_time;
  crl::ReasonCode reason = crl::ReasonCode::kUnspecified;
};

// StatusesOf returns the statuses that `hierarchy` was built with, by
// serial number magnitude.
std::map<Bytes, CertificateStatus> StatusesOf(const Hierarchy& hierarchy);

// Responder serves the certificates of one hierarchy. It keeps a
// reference to `hierarchy`, which must outlive it.
class Responder {
 public:
  Responder(const Hierarchy& hierarchy,
            std::map<Bytes, CertificateStatus> statuses);

  // IssueCrl returns a CRL of the root (`root` set) or the issuing CA
  // issued at `now`. Only the issuing CA's CRLs list revocations. The full CRL
  // has cRLNumber 2 * now in Unix seconds and nextUpdate a day later. The delta
  // CRL has cRLNumber 2 * now + 1, names the full CRL of the same instant as
  // its base, has nextUpdate an hour later and lists the same revocations. It
  // fails when the CA key cannot sign.
  Result<Bytes> IssueCrl(bool root, bool delta, Time now) const;

  // RespondOcsp returns a signed OCSP response to `request` produced at
  // `now`: good, revoked or unknown for each CertID (SHA-1 or SHA-256)
  // and the request's nonce echoed. A request that does not parse gets
  // malformedRequest; a signing failure gets internalError.
  Bytes RespondOcsp(der::Input request, Time now) const;

  // RespondTimestamp returns a TimeStampResp to `request` with genTime
  // `now` and serial number `serial` (a magnitude). It rejects a request
  // that does not parse (badDataFormat), an unknown hash or a hash of the
  // wrong length (badAlg), another policy (unacceptedPolicy) and
  // extensions (unacceptedExtension).
  Bytes RespondTimestamp(der::Input request, Time now, der::Input serial) const;

 private:
  const Hierarchy& hierarchy_;
  std::map<Bytes, CertificateStatus> statuses_;
  // DER CertIDs (SHA-1 and SHA-256) of the issuing CA's certificates, to
  // their serial numbers.
  std::map<Bytes, Bytes> serial_by_cert_id_;
};

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_RESPONDER_H_
