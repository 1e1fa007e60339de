// The body of GET /api/v1/trust: the loaded anchors and intermediates.
#ifndef TINYSIGN_SERVER_TRUST_LISTING_H_
#define TINYSIGN_SERVER_TRUST_LISTING_H_

#include <boost/json.hpp>

#include "core/x509/trust_store.h"

namespace tinysign::server {

// TrustListing returns {"anchors": [...], "intermediates": [...]}, each
// certificate as its subject and issuer (RFC 4514), serialNumber (hex),
// sha256 (hex fingerprint of the DER), notBefore and notAfter (RFC 3339),
// and subjectKeyIdentifier (lowercase hex) when the certificate has one.
boost::json::object TrustListing(const x509::TrustStore& trust);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_TRUST_LISTING_H_
