#include "server/trust_listing.h"

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/time.h"

namespace tinysign::server {

namespace {

boost::json::object DescribeCertificate(const x509::Certificate& certificate) {
  boost::json::object entry;
  entry["subject"] = certificate.subject().ToRfc4514();
  entry["issuer"] = certificate.issuer().ToRfc4514();
  entry["serialNumber"] = encoding::HexEncode(certificate.serial());
  entry["sha256"] = encoding::HexEncode(crypto::ComputeDigest(
      crypto::DigestAlgorithm::kSha256, certificate.der()));
  entry["notBefore"] = FormatRfc3339(certificate.not_before());
  entry["notAfter"] = FormatRfc3339(certificate.not_after());
  // Operators copy this value into an OCSP override for the CA.
  if (const auto& key_identifier = certificate.subject_key_identifier()) {
    entry["subjectKeyIdentifier"] = encoding::HexEncode(*key_identifier);
  }
  return entry;
}

boost::json::array DescribeAll(
    const std::vector<x509::CertificatePtr>& certificates) {
  boost::json::array list;
  for (const auto& certificate : certificates) {
    list.push_back(DescribeCertificate(*certificate));
  }
  return list;
}

}  // namespace

boost::json::object TrustListing(const x509::TrustStore& trust) {
  boost::json::object body;
  body["anchors"] = DescribeAll(trust.anchors());
  body["intermediates"] = DescribeAll(trust.intermediates());
  return body;
}

}  // namespace tinysign::server
