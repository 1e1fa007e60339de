#include "cli/inspect_timestamp.h"

#include <cstdio>
#include <string>

#include "cli/inspect_certificate.h"
#include "cli/inspect_cms.h"
#include "cli/inspect_extensions.h"
#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/encoding/input_form.h"
#include "core/tsp/token_verification.h"
#include "core/x509/certificate.h"
#include "core/x509/general_name.h"

namespace tinysign::cli {

namespace {

// The failInfo bit names of RFC 3161 section 2.4.2, by bit number.
struct FailInfoBit {
  int bit;
  const char* name;
};
constexpr FailInfoBit kFailInfoBits[] = {
    {0, "badAlg"},
    {2, "badRequest"},
    {5, "badDataFormat"},
    {14, "timeNotAvailable"},
    {15, "unacceptedPolicy"},
    {16, "unacceptedExtension"},
    {17, "addInfoNotAvailable"},
    {25, "systemFailure"},
};

std::string GenTimeText(const tsp::TstInfo& info) {
  std::string text = FormatRfc3339(info.gen_time);
  if (!info.gen_time_fraction.empty()) {
    // Put the fraction back before the "Z" that FormatRfc3339 ends with.
    text.insert(text.size() - 1,
                "." + std::string(info.gen_time_fraction.AsStringView()));
  }
  return text;
}

std::string TsaNameText(der::Input general_name_tlv) {
  der::Reader reader(general_name_tlv);
  auto name = x509::ParseGeneralName(&reader);
  if (!name.has_value()) {
    return "unreadable (" + name.error().ToString() + ")";
  }
  return GeneralNameText(*name);
}

std::string AccuracyText(const tsp::Accuracy& accuracy) {
  return std::to_string(accuracy.seconds) + " s " +
         std::to_string(accuracy.millis) + " ms " +
         std::to_string(accuracy.micros) + " us";
}

void PrintTstInfo(const tsp::TimeStampToken& token, InspectWriter& writer) {
  const tsp::TstInfo& info = token.tst_info();
  writer.Field("Version", std::to_string(info.version));
  writer.Field("Policy", der::OidToString(info.policy));
  writer.Field("Gen time", GenTimeText(info));
  writer.Field("Serial number", encoding::HexEncode(info.serial_number));
  writer.Field("Imprint algorithm",
               DescribeDigestAlgorithm(info.hash_algorithm_tlv));
  writer.HexField("Imprint", info.hashed_message);
  if (info.accuracy.has_value()) {
    writer.Field("Accuracy", AccuracyText(*info.accuracy));
  }
  if (info.ordering) {
    writer.Field("Ordering", "true");
  }
  if (info.nonce.has_value()) {
    writer.Field("Nonce", encoding::HexEncode(*info.nonce));
  }
  if (info.tsa_name_tlv.has_value()) {
    writer.Field("TSA name", TsaNameText(*info.tsa_name_tlv));
  }
  if (info.extensions_tlv.has_value()) {
    writer.HexField("Extensions", *info.extensions_tlv);
  }
  auto tsa = tsp::FindTsaCertificate(token, {});
  writer.Field("TSA certificate", tsa.has_value()
                                      ? (*tsa)->subject().ToRfc4514()
                                      : "not included in the token");
}

std::string FailInfoText(uint32_t fail_info) {
  std::string out;
  for (const FailInfoBit& bit : kFailInfoBits) {
    if (fail_info >> bit.bit & 1) {
      out += (out.empty() ? "" : ", ") + std::string(bit.name);
    }
  }
  if (out.empty()) {
    char bits[16];
    std::snprintf(bits, sizeof(bits), "0x%x", fail_info);
    out = std::string("unnamed bits ") + bits;
  }
  return out;
}

}  // namespace

void PrintTimestampTokenSummary(der::Input token_tlv, InspectWriter& writer) {
  writer.Section("Timestamp token (" + std::to_string(token_tlv.size()) +
                 " bytes)");
  auto token = tsp::ParseTimeStampToken(token_tlv);
  if (!token.has_value()) {
    writer.Field("Unreadable", token.error().ToString());
  } else {
    PrintTstInfo(**token, writer);
  }
  writer.EndSection();
}

void PrintTimestampToken(const tsp::TimeStampToken& token,
                         InspectWriter& writer) {
  writer.Section("Timestamp token");
  writer.Section("TSTInfo");
  PrintTstInfo(token, writer);
  writer.EndSection();
  PrintSignedData(token.signed_data(), writer);
  writer.EndSection();
}

void PrintTimestampResponse(const tsp::TimeStampResponse& response,
                            InspectWriter& writer) {
  writer.Section("Timestamp response");
  writer.Field("Status", std::string(tsp::PkiStatusName(response.status())));
  for (der::Input text : response.status_strings()) {
    writer.Field("Status text", "\"" + std::string(text.AsStringView()) + "\"");
  }
  if (response.fail_info() != 0) {
    writer.Field("Failure", FailInfoText(response.fail_info()));
  }
  if (response.token() != nullptr) {
    PrintTimestampToken(*response.token(), writer);
  } else {
    writer.Field("Token", "none");
  }
  writer.EndSection();
}

}  // namespace tinysign::cli
