// TSTInfo parsing (RFC 3161 section 2.4.2), declared in timestamp.h.
#include <string>
#include <utility>
#include <vector>

#include "core/crl/internal/extension_list.h"
#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/der/writer.h"
#include "core/tsp/timestamp.h"

namespace tinysign::tsp {

namespace {

Error Malformed(std::string detail) {
  return Fail(ErrorCode::kTimestampMalformed, std::move(detail));
}

// ReadMessageImprint reads
//   MessageImprint ::= SEQUENCE {
//     hashAlgorithm AlgorithmIdentifier,
//     hashedMessage OCTET STRING }
Status ReadMessageImprint(der::Reader& reader, TstInfo& info) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, reader.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(info.hash_algorithm_tlv,
                            seq.ReadTlv(der::tag::kSequence));
  TINYSIGN_ASSIGN_OR_RETURN(info.hashed_message, seq.ReadOctetString());
  return seq.ExpectEnd("MessageImprint");
}

// ReadGenTime reads genTime and keeps its fraction. RFC 3161 section 2.4.2:
// "The fractional-seconds elements, if present, MUST omit all trailing
// zeros".
Status ReadGenTime(der::Reader& reader, TstInfo& info) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Input text,
                            reader.Read(der::tag::kGeneralizedTime));
  TINYSIGN_ASSIGN_OR_RETURN(info.gen_time, ParseGeneralizedTime(text));
  const std::string_view view = text.AsStringView();
  const size_t dot = view.find('.');
  if (dot == std::string_view::npos) {
    return OkStatus();
  }
  // ParseGeneralizedTime accepted the text, so the fraction is one or more
  // digits followed by the final 'Z'.
  const std::string_view fraction = view.substr(dot + 1, view.size() - dot - 2);
  if (fraction.back() == '0') {
    return Malformed("genTime fraction has a trailing zero");
  }
  info.gen_time_fraction = der::Input(fraction);
  return OkStatus();
}

// ReadSubsecond reads millis [0] or micros [1] INTEGER (1..999).
Result<int> ReadSubsecond(der::Reader& reader, uint8_t tag,
                          std::string_view what) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Input contents, reader.Read(tag));
  // Give the contents back their universal tag, so the reader checks them.
  der::Writer integer;
  integer.AddTlv(der::tag::kInteger, contents);
  der::Reader integer_reader(integer.bytes());
  TINYSIGN_ASSIGN_OR_RETURN(const int64_t value,
                            integer_reader.ReadSmallInteger());
  if (value < 1 || value > 999) {
    return Malformed(std::string(what) + " " + std::to_string(value) +
                     " is outside 1..999");
  }
  return static_cast<int>(value);
}

// ReadAccuracy reads
//   Accuracy ::= SEQUENCE {
//     seconds INTEGER OPTIONAL,
//     millis  [0] INTEGER (1..999) OPTIONAL,
//     micros  [1] INTEGER (1..999) OPTIONAL }
// The RFC 3161 module has IMPLICIT TAGS, so [0] and [1] replace INTEGER.
Result<Accuracy> ReadAccuracy(der::Reader& reader) {
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader seq, reader.ReadSequence());
  Accuracy accuracy;
  if (seq.PeekTag(der::tag::kInteger)) {
    TINYSIGN_ASSIGN_OR_RETURN(accuracy.seconds, seq.ReadSmallInteger());
    if (accuracy.seconds < 0) {
      return Malformed("accuracy seconds is negative");
    }
  }
  if (seq.PeekTag(der::tag::ContextSpecific(0))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        accuracy.millis,
        ReadSubsecond(seq, der::tag::ContextSpecific(0), "accuracy millis"));
  }
  if (seq.PeekTag(der::tag::ContextSpecific(1))) {
    TINYSIGN_ASSIGN_OR_RETURN(
        accuracy.micros,
        ReadSubsecond(seq, der::tag::ContextSpecific(1), "accuracy micros"));
  }
  TINYSIGN_TRY(seq.ExpectEnd("Accuracy"));
  return accuracy;
}

// ReadTsaName reads tsa [0] GeneralName. Tagging a CHOICE is always
// explicit, so [0] wraps one whole GeneralName.
Status ReadTsaName(der::Reader& reader, TstInfo& info) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Reader wrapper,
      reader.ReadConstructed(der::tag::ContextConstructed(0)));
  TINYSIGN_ASSIGN_OR_RETURN(der::Element name, wrapper.ReadElement());
  TINYSIGN_TRY(wrapper.ExpectEnd("tsa"));
  info.tsa_name_tlv = name.tlv;
  return OkStatus();
}

// ReadExtensions reads extensions [1] IMPLICIT Extensions. RFC 3161 defines
// no TSTInfo extension, so a critical one cannot be processed.
Status ReadExtensions(der::Reader& reader, TstInfo& info) {
  der::Reader copy = reader;
  TINYSIGN_ASSIGN_OR_RETURN(der::Element element, copy.ReadElement());
  TINYSIGN_ASSIGN_OR_RETURN(
      std::vector<crl::internal::RawExtension> extensions,
      crl::internal::ReadExtensionList(reader, "TSTInfo.extensions",
                                       ErrorCode::kTimestampMalformed,
                                       der::tag::ContextConstructed(1)));
  for (const crl::internal::RawExtension& extension : extensions) {
    if (extension.critical) {
      return Malformed("critical TSTInfo extension " +
                       der::OidToString(extension.oid));
    }
  }
  info.extensions_tlv = element.tlv;
  return OkStatus();
}

}  // namespace

Result<TstInfo> ParseTstInfo(der::Input tst_info_tlv) {
  TINYSIGN_ASSIGN_OR_RETURN(
      der::Element element,
      der::ParseSingle(tst_info_tlv, der::tag::kSequence, "TSTInfo"));
  der::Reader seq(element.value, 1);
  TstInfo info;
  info.tlv = element.tlv;

  // version INTEGER { v1(1) }
  TINYSIGN_ASSIGN_OR_RETURN(info.version, seq.ReadSmallInteger());
  if (info.version != 1) {
    return Malformed("TSTInfo version " + std::to_string(info.version));
  }

  // policy TSAPolicyId, messageImprint MessageImprint
  TINYSIGN_ASSIGN_OR_RETURN(info.policy, seq.ReadOid());
  TINYSIGN_TRY(ReadMessageImprint(seq, info));

  // serialNumber INTEGER, genTime GeneralizedTime
  TINYSIGN_ASSIGN_OR_RETURN(info.serial_number, seq.ReadInteger());
  TINYSIGN_TRY(ReadGenTime(seq, info));

  // accuracy Accuracy OPTIONAL
  if (seq.PeekTag(der::tag::kSequence)) {
    TINYSIGN_ASSIGN_OR_RETURN(info.accuracy, ReadAccuracy(seq));
  }

  // ordering BOOLEAN DEFAULT FALSE; an explicit FALSE is tolerated.
  if (seq.PeekTag(der::tag::kBoolean)) {
    TINYSIGN_ASSIGN_OR_RETURN(info.ordering, seq.ReadBoolean());
  }

  // nonce INTEGER OPTIONAL
  if (seq.PeekTag(der::tag::kInteger)) {
    TINYSIGN_ASSIGN_OR_RETURN(info.nonce, seq.ReadInteger());
  }

  // tsa [0] GeneralName OPTIONAL
  if (seq.PeekTag(der::tag::ContextConstructed(0))) {
    TINYSIGN_TRY(ReadTsaName(seq, info));
  }

  // extensions [1] IMPLICIT Extensions OPTIONAL
  if (seq.PeekTag(der::tag::ContextConstructed(1))) {
    TINYSIGN_TRY(ReadExtensions(seq, info));
  }
  TINYSIGN_TRY(seq.ExpectEnd("TSTInfo"));
  return info;
}

}  // namespace tinysign::tsp
