// RFC 3161 timestamps: TimeStampResp, TimeStampToken and TSTInfo.
//
// A TimeStampToken is a CMS SignedData whose encapsulated content is a DER
// TSTInfo (id-ct-TSTInfo). `ParseTimeStampToken` parses both layers; the
// TSA's signature and the messageImprint are checked with the functions in
// token_verification.h. Whether the TSA and its certificate are trusted at
// genTime is the timestamp policy's job.
//
// Example, for the token in a CMS signer's unsigned attributes:
//   TINYSIGN_ASSIGN_OR_RETURN(auto token, tsp::ParseTimeStampToken(der));
//   Time proven_time = token->tst_info().gen_time;
//
// Differences from RFC 3161:
// - serialNumber and nonce are kept as the INTEGER's two's-complement
//   contents, negative values included. NUC's production TSA writes 20-byte
//   random serials and echoes 8-byte nonces without a sign octet, so each
//   value whose random top bit is set is a negative INTEGER.
// - TSTInfo extensions are kept as raw DER; a critical one is rejected
//   (`timestamp.malformed`), as none is defined.
#ifndef TINYSIGN_CORE_TSP_TIMESTAMP_H_
#define TINYSIGN_CORE_TSP_TIMESTAMP_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/cms/signed_data.h"
#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::tsp {

// PkiStatus is PKIStatus (RFC 3161 section 2.4.2).
enum class PkiStatus : uint8_t {
  kGranted = 0,
  kGrantedWithMods = 1,
  kRejection = 2,
  kWaiting = 3,
  kRevocationWarning = 4,
  kRevocationNotification = 5,
};

// PkiStatusName returns the ASN.1 name of `status`, such as "rejection", or
// "" for a value that is not an enumerator.
std::string_view PkiStatusName(PkiStatus status);

// Accuracy is the TSA's claimed accuracy of genTime (RFC 3161 section
// 2.4.2); an absent field means zero.
struct Accuracy {
  int64_t seconds = 0;
  int millis = 0;  // 0 or 1..999.
  int micros = 0;  // 0 or 1..999.
};

// TstInfo is the parsed TSTInfo. Its views point into the token that it
// belongs to.
struct TstInfo {
  // tlv is the DER TSTInfo, the encapsulated content the TSA signed.
  der::Input tlv;
  // version is 1, the only version RFC 3161 defines.
  int64_t version = 1;
  // policy is the TSA policy OID's contents.
  der::Input policy;
  // hash_algorithm_tlv is messageImprint.hashAlgorithm with its header.
  der::Input hash_algorithm_tlv;
  // hashed_message is messageImprint.hashedMessage.
  der::Input hashed_message;
  // serial_number is the INTEGER's two's-complement contents.
  der::Input serial_number;
  Time gen_time;
  // gen_time_fraction contains the digits after the decimal point of genTime,
  // which `gen_time` drops; it is empty when genTime has none.
  der::Input gen_time_fraction;
  std::optional<Accuracy> accuracy;
  bool ordering = false;
  // nonce is the INTEGER's two's-complement contents.
  std::optional<der::Input> nonce;
  // tsa_name_tlv is the GeneralName inside tsa [0], with its own tag.
  std::optional<der::Input> tsa_name_tlv;
  // extensions_tlv is extensions [1] IMPLICIT, with its [1] header.
  std::optional<der::Input> extensions_tlv;
};

// ParseTstInfo parses `tst_info_tlv`, which must hold one DER TSTInfo and
// nothing else; the result views `tst_info_tlv`. It fails with DER errors
// for bad encodings and `timestamp.malformed` for a TSTInfo that breaks RFC
// 3161 section 2.4.2: a version other than 1, an accuracy field out of
// range, a genTime fraction with trailing zeros, or a critical extension.
Result<TstInfo> ParseTstInfo(der::Input tst_info_tlv);

// TimeStampToken is a parsed token: the SignedData and its TSTInfo. It is
// shared, never copied, and keeps the SignedData's bytes alive.
class TimeStampToken {
 public:
  TimeStampToken(const TimeStampToken&) = delete;
  TimeStampToken& operator=(const TimeStampToken&) = delete;

  const cms::SignedData& signed_data() const { return *signed_data_; }
  const TstInfo& tst_info() const { return tst_info_; }
  // signer is the token's only SignerInfo, the TSA's.
  const cms::SignerInfo& signer() const {
    return signed_data_->signers().front();
  }

 private:
  friend Result<std::shared_ptr<const TimeStampToken>> ParseTimeStampToken(
      der::Input input);
  TimeStampToken() = default;

  std::shared_ptr<const cms::SignedData> signed_data_;
  TstInfo tst_info_;
};

// ParseTimeStampToken parses a ContentInfo holding a SignedData whose
// eContentType is id-ct-TSTInfo, and the TSTInfo inside it. It fails with
// the codes of `cms::ParseSignedData`, and with `timestamp.not_tst_info`
// for another eContentType. A token without eContent or without exactly
// one signer is `timestamp.malformed`, because RFC 3161 section 2.4.1
// allows only the TSA's signature. The TSTInfo fails as `ParseTstInfo`
// does.
Result<std::shared_ptr<const TimeStampToken>> ParseTimeStampToken(
    der::Input input);

// TimeStampResponse is a parsed TimeStampResp (RFC 3161 section 2.4.2). It
// owns its bytes and is shared, never copied.
class TimeStampResponse {
 public:
  TimeStampResponse(const TimeStampResponse&) = delete;
  TimeStampResponse& operator=(const TimeStampResponse&) = delete;

  PkiStatus status() const { return status_; }
  // status_strings contains the UTF8String contents of statusString.
  const std::vector<der::Input>& status_strings() const {
    return status_strings_;
  }
  // fail_info contains the bits of failInfo, bit 0 (badAlg) as the lowest;
  // it is 0 when failInfo is absent.
  uint32_t fail_info() const { return fail_info_; }
  // token is the timeStampToken, present when the status is granted or
  // grantedWithMods and null otherwise.
  const std::shared_ptr<const TimeStampToken>& token() const { return token_; }
  // granted_token returns the token, or fails with `timestamp.not_granted`
  // naming the status and the first status string.
  Result<std::shared_ptr<const TimeStampToken>> granted_token() const;

 private:
  friend Result<std::shared_ptr<const TimeStampResponse>>
  ParseTimeStampResponse(der::Input input);
  TimeStampResponse() = default;

  Bytes der_;
  PkiStatus status_ = PkiStatus::kGranted;
  std::vector<der::Input> status_strings_;
  uint32_t fail_info_ = 0;
  std::shared_ptr<const TimeStampToken> token_;
};

// ParseTimeStampResponse parses a DER TimeStampResp of at most
// `limits::kMaxInputBytes` bytes. A granted response must carry a token and
// any other status must not (RFC 3161 section 2.4.2); either defect is
// `timestamp.malformed`. The token fails as `ParseTimeStampToken` does.
Result<std::shared_ptr<const TimeStampResponse>> ParseTimeStampResponse(
    der::Input input);

}  // namespace tinysign::tsp

#endif  // TINYSIGN_CORE_TSP_TIMESTAMP_H_
