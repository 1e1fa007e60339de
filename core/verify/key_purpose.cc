#include "core/verify/key_purpose.h"

#include "core/der/oid.h"
#include "core/der/reader.h"

namespace tinysign::verify {

namespace {

// GOST 34.10-2015 public key OIDs of NUC: 512-bit 1.2.398.3.10.1.1.2.2 and
// 256-bit 1.2.398.3.10.1.1.2.1.
constexpr der::Oid kNucGost2015Key512("1.2.398.3.10.1.1.2.2");
constexpr der::Oid kNucGost2015Key256("1.2.398.3.10.1.1.2.1");

bool IsGost2015Key(const x509::Certificate& certificate) {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, ... }
  der::Reader outer(certificate.spki_tlv());
  auto spki = outer.ReadSequence();
  if (!spki) {
    return false;
  }
  auto algorithm = spki->ReadSequence();
  if (!algorithm) {
    return false;
  }
  auto oid = algorithm->ReadOid();
  return oid && (kNucGost2015Key512 == *oid || kNucGost2015Key256 == *oid);
}

bool HasKeyUsage(const x509::Certificate& certificate, x509::KeyUsageBit bit) {
  const auto& key_usage = certificate.key_usage();
  return key_usage && key_usage->Has(bit);
}

bool HasExtendedKeyUsage(const x509::Certificate& certificate,
                         const der::Oid& purpose) {
  const auto& ext_key_usage = certificate.ext_key_usage();
  if (!ext_key_usage) {
    return false;
  }
  for (der::Input oid : *ext_key_usage) {
    if (purpose == oid) {
      return true;
    }
  }
  return false;
}

KeyPurposeResult CheckSign(const x509::Certificate& certificate) {
  KeyPurposeResult out;
  out.rule = "keyUsage nonRepudiation";
  if (HasKeyUsage(certificate, x509::KeyUsageBit::kNonRepudiation)) {
    out.result = CheckResult::kPassed;
    return out;
  }
  out.reason = Reason{ErrorCode::kKeyUsageNotForSigning,
                      "the certificate's keyUsage lacks nonRepudiation, so "
                      "its key is not for signing documents (an NUC "
                      "authentication key?)"};
  return out;
}

KeyPurposeResult CheckAuth(const x509::Certificate& certificate) {
  KeyPurposeResult out;
  if (HasExtendedKeyUsage(certificate, x509::oid::kClientAuth)) {
    out.rule = "extKeyUsage clientAuth";
    out.result = CheckResult::kPassed;
    return out;
  }
  out.rule = "GOST 2015 single key with digitalSignature";
  if (IsGost2015Key(certificate) &&
      HasKeyUsage(certificate, x509::KeyUsageBit::kDigitalSignature)) {
    out.result = CheckResult::kPassed;
    return out;
  }
  out.rule = "extKeyUsage clientAuth";
  out.reason = Reason{ErrorCode::kKeyUsageNotForAuth,
                      "the certificate has no clientAuth extended key usage "
                      "and is not a GOST 2015 single key, so it is not for "
                      "authentication"};
  return out;
}

}  // namespace

KeyPurposeResult CheckKeyPurposeFor(const x509::Certificate& certificate,
                                    KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kSign:
      return CheckSign(certificate);
    case KeyPurpose::kAuth:
      return CheckAuth(certificate);
    case KeyPurpose::kAny:
      break;
  }
  KeyPurposeResult out;
  out.result = CheckResult::kPassed;
  out.rule = "any";
  return out;
}

}  // namespace tinysign::verify
