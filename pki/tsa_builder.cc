#include "pki/tsa_builder.h"

#include <utility>

#include "core/crypto/algorithm.h"
#include "core/der/tag.h"
#include "core/der/writer.h"

namespace tinysign::pki {

namespace {

Bytes Wrap(uint8_t tag, const der::Writer& contents) {
  der::Writer out;
  out.AddConstructed(tag, contents);
  return out.Take();
}

// Accuracy ::= SEQUENCE {
//   seconds INTEGER           OPTIONAL,
//   millis  [0] INTEGER (1..999) OPTIONAL,
//   micros  [1] INTEGER (1..999) OPTIONAL }
// The module uses IMPLICIT tags, so millis and micros are primitive [0]
// and [1] with INTEGER contents. A zero field is left out.
Bytes EncodeAccuracy(const tsp::Accuracy& accuracy) {
  der::Writer fields;
  if (accuracy.seconds != 0) {
    fields.AddSmallInteger(accuracy.seconds);
  }
  const std::pair<int, uint8_t> parts[] = {{accuracy.millis, 0},
                                           {accuracy.micros, 1}};
  for (const auto& [value, tag_number] : parts) {
    if (value == 0) {
      continue;
    }
    der::Writer integer;
    integer.AddSmallInteger(value);
    // Replace the INTEGER tag by the context tag, keeping length and value.
    Bytes tlv = integer.Take();
    tlv[0] = der::tag::ContextSpecific(tag_number);
    fields.AddRaw(tlv);
  }
  return Wrap(der::tag::kSequence, fields);
}

// PKIFailureInfo ::= BIT STRING: named bit n is bit 7 - n % 8 of octet
// n / 8 (X.690 8.6.2).
Bytes FailInfoBits(uint32_t fail_info) {
  Bytes octets(4, 0);
  for (int bit = 0; bit < 32; ++bit) {
    if ((fail_info >> bit) & 1) {
      octets[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
    }
  }
  return octets;
}

// PKIStatusInfo ::= SEQUENCE {
//   status       PKIStatus,
//   statusString PKIFreeText OPTIONAL,  -- SEQUENCE OF UTF8String
//   failInfo     PKIFailureInfo OPTIONAL }
Bytes EncodeStatusInfo(const PkiStatusInfoSpec& status) {
  der::Writer fields;
  fields.AddSmallInteger(static_cast<int64_t>(status.status));
  if (!status.status_strings.empty()) {
    der::Writer strings;
    for (const std::string& text : status.status_strings) {
      strings.AddTlv(der::tag::kUtf8String, der::Input(std::string_view(text)));
    }
    fields.AddConstructed(der::tag::kSequence, strings);
  }
  if (status.fail_info != 0) {
    fields.AddBitStringBits(FailInfoBits(status.fail_info));
  }
  return Wrap(der::tag::kSequence, fields);
}

}  // namespace

Bytes MessageImprintAlgorithm(crypto::DigestAlgorithm hash) {
  return crypto::EncodeDigestAlgorithm(hash);
}

// TSTInfo ::= SEQUENCE {
//   version        INTEGER { v1(1) },
//   policy         TSAPolicyId,
//   messageImprint MessageImprint,
//   serialNumber   INTEGER,
//   genTime        GeneralizedTime,
//   accuracy       Accuracy OPTIONAL,
//   ordering       BOOLEAN DEFAULT FALSE,
//   nonce          INTEGER OPTIONAL,
//   tsa            [0] GeneralName OPTIONAL,
//   extensions     [1] IMPLICIT Extensions OPTIONAL }
// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier,
//                               hashedMessage OCTET STRING }
Bytes BuildTstInfo(const TstInfoSpec& spec) {
  der::Writer imprint;
  imprint.AddRaw(spec.hash_algorithm_tlv);
  imprint.AddOctetString(spec.hashed_message);

  der::Writer fields;
  fields.AddSmallInteger(1);
  fields.AddOid(spec.policy);
  fields.AddConstructed(der::tag::kSequence, imprint);
  fields.AddUnsignedInteger(spec.serial);
  AddGeneralizedTime(fields, spec.gen_time);
  if (spec.accuracy) {
    fields.AddRaw(EncodeAccuracy(*spec.accuracy));
  }
  if (spec.ordering) {
    fields.AddBoolean(true);  // DER leaves out the DEFAULT FALSE.
  }
  if (spec.nonce) {
    fields.AddTlv(der::tag::kInteger, *spec.nonce);
  }
  return Wrap(der::tag::kSequence, fields);
}

Result<Bytes> BuildTimeStampToken(const TstInfoSpec& spec,
                                  const IssuedCertificate& tsa,
                                  const std::vector<Bytes>& certificates) {
  SignerSpec signer;
  signer.certificate = &tsa;
  // RFC 3161 section 2.4.1 names no signingTime; genTime is the time.
  signer.add_signing_time = false;
  CmsSpec cms;
  cms.content = BuildTstInfo(spec);
  cms.content_type = cms::kIdCtTstInfo;
  cms.signers.push_back(signer);
  cms.certificates = certificates;
  return SignCms(cms);
}

// TimeStampResp ::= SEQUENCE {
//   status         PKIStatusInfo,
//   timeStampToken TimeStampToken OPTIONAL }
Bytes BuildTimeStampResp(const PkiStatusInfoSpec& status, der::Input token) {
  der::Writer fields;
  fields.AddRaw(EncodeStatusInfo(status));
  if (!token.empty()) {
    fields.AddRaw(token);
  }
  return Wrap(der::tag::kSequence, fields);
}

}  // namespace tinysign::pki
