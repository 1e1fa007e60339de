// `tinysign-testpki serve`: the OCSP responders, CRL distribution points
// and RFC 3161 TSAs of a generated test PKI over HTTP, on a loopback
// address only.
//
// Routes, for each algorithm ALG in rsa, gost2004 and gost2015:
//   POST /ocsp/ALG            application/ocsp-request body
//   GET  /ocsp/ALG/REQUEST    REQUEST is the base64 of a DER OCSPRequest,
//                             URL-encoded (RFC 6960 appendix A.1)
//   POST /tsa/ALG             application/timestamp-query body
//   GET  /crl/ALG_root.crl, /crl/ALG_ca.crl and their _delta.crl, issued
//        when requested
//   GET  /cert/ALG_root.cer and /cert/ALG_ca.cer
#ifndef TINYSIGN_TESTPKI_SERVE_COMMAND_H_
#define TINYSIGN_TESTPKI_SERVE_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace tinysign::testpki {

// RunServe parses `arguments` (after "serve"), loads the PKI and serves it
// until the process is stopped. It returns 2 for invalid arguments,
// including a --listen address that is not a loopback address, and 1 when
// the folder cannot be loaded or the port cannot be bound.
int RunServe(const std::vector<std::string>& arguments, std::ostream& out,
             std::ostream& err);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_SERVE_COMMAND_H_
