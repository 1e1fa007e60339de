#include "pki/crl_builder.h"

#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::pki {

namespace {

Bytes Wrap(uint8_t tag, const der::Writer& contents) {
  der::Writer out;
  out.AddConstructed(tag, contents);
  return out.Take();
}

Bytes EncodeInteger(int64_t value) {
  der::Writer out;
  out.AddSmallInteger(value);
  return out.Take();
}

// Extensions of one entry: reasonCode (CRLReason ::= ENUMERATED) and
// invalidityDate (InvalidityDate ::= GeneralizedTime), RFC 5280 sections
// 5.3.1 and 5.3.2. Empty when the entry has neither.
Bytes EncodeEntryExtensions(const CrlEntrySpec& entry) {
  der::Writer list;
  if (entry.reason) {
    der::Writer reason;
    reason.AddTlv(der::tag::kEnumerated,
                  der::Input(Bytes{static_cast<uint8_t>(*entry.reason)}));
    AddExtension(list, crl::kIdCeCrlReasons, false, reason.bytes());
  }
  if (entry.invalidity_date) {
    der::Writer date;
    AddGeneralizedTime(date, *entry.invalidity_date);
    AddExtension(list, crl::kIdCeInvalidityDate, false, date.bytes());
  }
  return list.Take();
}

// revokedCertificates SEQUENCE OF SEQUENCE {
//   userCertificate    CertificateSerialNumber,
//   revocationDate     Time,
//   crlEntryExtensions Extensions OPTIONAL }
Bytes EncodeEntry(const CrlEntrySpec& entry) {
  der::Writer fields;
  fields.AddUnsignedInteger(entry.serial);
  AddTime(fields, entry.revocation_date);
  const Bytes extensions = EncodeEntryExtensions(entry);
  if (!extensions.empty()) {
    fields.AddTlv(der::tag::kSequence, extensions);
  }
  return Wrap(der::tag::kSequence, fields);
}

Bytes EncodeCrlExtensions(const CrlSpec& spec) {
  der::Writer list;
  if (!spec.authority_key_identifier.empty()) {
    AddExtension(list, crl::kIdCeAuthorityKeyIdentifier, false,
                 EncodeAuthorityKeyIdentifier(spec.authority_key_identifier));
  }
  AddExtension(list, crl::kIdCeCrlNumber, false,
               EncodeInteger(spec.crl_number));
  // RFC 5280 section 5.2.4: the delta CRL indicator is a critical
  // extension.
  if (spec.base_crl_number) {
    AddExtension(list, crl::kIdCeDeltaCrlIndicator, true,
                 EncodeInteger(*spec.base_crl_number));
  }
  return list.Take();
}

// TBSCertList ::= SEQUENCE {
//   version             Version OPTIONAL,  -- v2
//   signature           AlgorithmIdentifier,
//   issuer              Name,
//   thisUpdate          Time,
//   nextUpdate          Time OPTIONAL,
//   revokedCertificates SEQUENCE OF SEQUENCE { ... } OPTIONAL,
//   crlExtensions       [0] EXPLICIT Extensions OPTIONAL }
Bytes EncodeTbsCertList(const CrlSpec& spec, der::Input signature_algorithm) {
  der::Writer tbs;
  tbs.AddSmallInteger(1);  // v2, required because of the extensions.
  tbs.AddRaw(signature_algorithm);
  tbs.AddRaw(spec.issuer_name);
  AddTime(tbs, spec.this_update);
  if (spec.next_update) {
    AddTime(tbs, *spec.next_update);
  }
  // RFC 5280 section 5.1.2.6: with no revoked certificates the list MUST
  // be absent rather than empty.
  if (!spec.entries.empty()) {
    der::Writer entries;
    for (const CrlEntrySpec& entry : spec.entries) {
      entries.AddRaw(EncodeEntry(entry));
    }
    tbs.AddConstructed(der::tag::kSequence, entries);
  }
  der::Writer extensions;
  extensions.AddTlv(der::tag::kSequence, EncodeCrlExtensions(spec));
  tbs.AddConstructed(der::tag::ContextConstructed(0), extensions);
  return Wrap(der::tag::kSequence, tbs);
}

}  // namespace

CrlSpec CrlSpecFor(const IssuedCertificate& issuer, Time this_update) {
  CrlSpec spec;
  spec.issuer_name = EncodeName(issuer.subject);
  spec.this_update = this_update;
  spec.authority_key_identifier = issuer.subject_key_identifier;
  return spec;
}

// CertificateList ::= SEQUENCE {
//   tbsCertList        TBSCertList,
//   signatureAlgorithm AlgorithmIdentifier,
//   signatureValue     BIT STRING }
Result<Bytes> BuildCrl(const CrlSpec& spec, const TestKey& signing_key) {
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes algorithm,
                            EncodeSignatureAlgorithmOf(signing_key.type));
  const Bytes tbs = EncodeTbsCertList(spec, algorithm);
  TINYSIGN_ASSIGN_OR_RETURN(const Bytes signature,
                            SignWithKey(signing_key, tbs));
  der::Writer crl;
  crl.AddRaw(tbs);
  crl.AddRaw(algorithm);
  crl.AddBitString(signature);
  return Wrap(der::tag::kSequence, crl);
}

}  // namespace tinysign::pki
