#include "core/tsp/timestamp.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"
#include "core/der/oid.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/tsp/token_verification.h"
#include "core/x509/certificate.h"
#include "tests/support/der_bytes.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::tsp {
namespace {

using testing::Concat;
using testing::FixturePath;
using testing::Hex;
using testing::ReadFileBytes;
using testing::Text;
using testing::Tlv;

using TokenPtr = std::shared_ptr<const TimeStampToken>;

constexpr der::Oid kSha256("2.16.840.1.101.3.4.2.1");
constexpr der::Oid kStreebog512("1.2.398.3.10.1.3.3");
constexpr der::Oid kGost2015Signature512("1.2.398.3.10.1.1.2.3.2");
// An OID under the documentation arc 2.999 (X.660), unknown to everyone.
constexpr der::Oid kUnknownOid("2.999.1");

std::string HexOf(der::Input bytes) { return encoding::HexEncode(bytes); }

Bytes OidTlv(const der::Oid& oid) {
  return Tlv(der::tag::kOid, oid.bytes().ToBytes());
}

Bytes Algorithm(const der::Oid& oid) {
  return Tlv(der::tag::kSequence, Concat({OidTlv(oid), Hex("0500")}));
}

Bytes Integer(int64_t value) {
  der::Writer writer;
  writer.AddSmallInteger(value);
  return writer.Take();
}

Time At(const char* rfc3339) {
  auto time = ParseRfc3339(rfc3339);
  EXPECT_TRUE(time.has_value()) << rfc3339;
  return time.has_value() ? *time : Time{};
}

// TstInfoParts contains every TSTInfo field. Each test changes the one
// field whose case it checks.
struct TstInfoParts {
  Bytes version = Integer(1);
  Bytes policy = OidTlv(kUnknownOid);
  Bytes imprint = Tlv(der::tag::kSequence,
                      Concat({Algorithm(kSha256),
                              Tlv(der::tag::kOctetString, Bytes(32, 0xaa))}));
  Bytes serial = Integer(0x1234);
  Bytes gen_time = Tlv(der::tag::kGeneralizedTime, Text("20250101120000Z"));
  Bytes optional_fields;

  Bytes Build() const {
    return Tlv(der::tag::kSequence, Concat({version, policy, imprint, serial,
                                            gen_time, optional_fields}));
  }
};

ErrorCode TstInfoError(const Bytes& der) {
  auto info = ParseTstInfo(der);
  EXPECT_FALSE(info.has_value());
  return info.has_value() ? ErrorCode::kInternal : info.error().code;
}

// SignerInfo with GOST 2015 algorithms, made-up signed attributes and a
// made-up signature, identified by issuer "TSA CA" and serial 0x1234.
Bytes SignerInfo() {
  constexpr der::Oid kCommonName("2.5.4.3");
  const Bytes issuer =
      Tlv(der::tag::kSequence,
          Tlv(der::tag::kSet,
              Tlv(der::tag::kSequence,
                  Concat({OidTlv(kCommonName),
                          Tlv(der::tag::kUtf8String, Text("TSA CA"))}))));
  const Bytes content_type =
      Tlv(der::tag::kSequence,
          Concat({OidTlv(cms::kContentType),
                  Tlv(der::tag::kSet, OidTlv(cms::kIdCtTstInfo))}));
  const Bytes message_digest = Tlv(
      der::tag::kSequence,
      Concat({OidTlv(cms::kMessageDigest),
              Tlv(der::tag::kSet, Tlv(der::tag::kOctetString, Bytes(64)))}));
  return Tlv(
      der::tag::kSequence,
      Concat({Integer(1),
              Tlv(der::tag::kSequence, Concat({issuer, Integer(0x1234)})),
              Algorithm(kStreebog512),
              Tlv(der::tag::ContextConstructed(0),
                  Concat({content_type, message_digest})),
              Algorithm(kGost2015Signature512),
              Tlv(der::tag::kOctetString, Bytes(128, 0x01))}));
}

// Token wraps `content` as a SignedData token with eContentType
// `content_type` and the signers `signers`.
Bytes Token(const der::Oid& content_type, std::optional<Bytes> content,
            const std::vector<Bytes>& signers) {
  Bytes encapsulated = OidTlv(content_type);
  if (content) {
    encapsulated =
        Concat({encapsulated, Tlv(der::tag::ContextConstructed(0),
                                  Tlv(der::tag::kOctetString, *content))});
  }
  Bytes signer_set;
  for (const Bytes& signer : signers) {
    signer_set = Concat({signer_set, signer});
  }
  const Bytes signed_data =
      Tlv(der::tag::kSequence,
          Concat({Integer(3), Tlv(der::tag::kSet, Algorithm(kStreebog512)),
                  Tlv(der::tag::kSequence, encapsulated),
                  Tlv(der::tag::kSet, signer_set)}));
  return Tlv(der::tag::kSequence,
             Concat({OidTlv(cms::kIdSignedData),
                     Tlv(der::tag::ContextConstructed(0), signed_data)}));
}

Bytes ValidToken() {
  return Token(cms::kIdCtTstInfo, TstInfoParts().Build(), {SignerInfo()});
}

Bytes StatusInfo(int64_t status, const Bytes& rest = {}) {
  return Tlv(der::tag::kSequence, Concat({Integer(status), rest}));
}

ErrorCode ResponseError(const Bytes& der) {
  auto response = ParseTimeStampResponse(der);
  EXPECT_FALSE(response.has_value());
  return response.has_value() ? ErrorCode::kInternal : response.error().code;
}

TEST(TstInfoTest, ParsesMinimalTstInfo) {
  const Bytes der = TstInfoParts().Build();
  auto info = ParseTstInfo(der);
  ASSERT_TRUE(info.has_value()) << info.error().ToString();
  EXPECT_EQ(info->tlv.ToBytes(), der);
  EXPECT_EQ(info->version, 1);
  EXPECT_EQ(info->policy, kUnknownOid.bytes());
  EXPECT_EQ(info->hash_algorithm_tlv.ToBytes(), Algorithm(kSha256));
  EXPECT_EQ(info->hashed_message.ToBytes(), Bytes(32, 0xaa));
  EXPECT_EQ(info->serial_number.ToBytes(), (Bytes{0x12, 0x34}));
  EXPECT_EQ(info->gen_time, At("2025-01-01T12:00:00Z"));
  EXPECT_TRUE(info->gen_time_fraction.empty());
  EXPECT_FALSE(info->accuracy.has_value());
  EXPECT_FALSE(info->ordering);
  EXPECT_FALSE(info->nonce.has_value());
  EXPECT_FALSE(info->tsa_name_tlv.has_value());
  EXPECT_FALSE(info->extensions_tlv.has_value());
}

TEST(TstInfoTest, ParsesOptionalFields) {
  const Bytes accuracy =
      Tlv(der::tag::kSequence,
          Concat({Integer(2), Tlv(der::tag::ContextSpecific(0), Hex("01f4")),
                  Tlv(der::tag::ContextSpecific(1), Hex("0a"))}));
  const Bytes tsa_name = Tlv(der::tag::ContextSpecific(6), Text("urn:tsa"));
  const Bytes extension = Tlv(
      der::tag::kSequence,
      Concat({OidTlv(kUnknownOid), Tlv(der::tag::kOctetString, Hex("0500"))}));
  TstInfoParts parts;
  parts.gen_time = Tlv(der::tag::kGeneralizedTime, Text("20250101120000.125Z"));
  parts.optional_fields =
      Concat({accuracy, Hex("0101ff"), Tlv(der::tag::kInteger, Hex("f3")),
              Tlv(der::tag::ContextConstructed(0), tsa_name),
              Tlv(der::tag::ContextConstructed(1), extension)});
  const Bytes der = parts.Build();
  auto info = ParseTstInfo(der);
  ASSERT_TRUE(info.has_value()) << info.error().ToString();
  EXPECT_EQ(info->gen_time, At("2025-01-01T12:00:00Z"));
  EXPECT_EQ(info->gen_time_fraction.AsStringView(), "125");
  ASSERT_TRUE(info->accuracy.has_value());
  EXPECT_EQ(info->accuracy->seconds, 2);
  EXPECT_EQ(info->accuracy->millis, 500);
  EXPECT_EQ(info->accuracy->micros, 10);
  EXPECT_TRUE(info->ordering);
  ASSERT_TRUE(info->nonce.has_value());
  EXPECT_EQ(info->nonce->ToBytes(), Hex("f3"));
  ASSERT_TRUE(info->tsa_name_tlv.has_value());
  EXPECT_EQ(info->tsa_name_tlv->ToBytes(), tsa_name);
  ASSERT_TRUE(info->extensions_tlv.has_value());
  EXPECT_EQ(info->extensions_tlv->ToBytes(),
            Tlv(der::tag::ContextConstructed(1), extension));
}

TEST(TstInfoTest, AcceptsExplicitFalseOrdering) {
  TstInfoParts parts;
  parts.optional_fields = Hex("010100");
  const Bytes der = parts.Build();
  auto info = ParseTstInfo(der);
  ASSERT_TRUE(info.has_value()) << info.error().ToString();
  EXPECT_FALSE(info->ordering);
}

TEST(TstInfoTest, RejectsVersionTwo) {
  TstInfoParts parts;
  parts.version = Integer(2);
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsMissingPolicy) {
  TstInfoParts parts;
  parts.policy.clear();
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(TstInfoTest, RejectsUtcGenTime) {
  TstInfoParts parts;
  parts.gen_time = Tlv(der::tag::kUtcTime, Text("250101120000Z"));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(TstInfoTest, RejectsFractionTrailingZero) {
  TstInfoParts parts;
  parts.gen_time = Tlv(der::tag::kGeneralizedTime, Text("20250101120000.10Z"));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsGenTimeWithoutZ) {
  TstInfoParts parts;
  parts.gen_time = Tlv(der::tag::kGeneralizedTime, Text("20250101120000"));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kDerBadTime);
}

TEST(TstInfoTest, RejectsZeroMillis) {
  TstInfoParts parts;
  parts.optional_fields =
      Tlv(der::tag::kSequence, Tlv(der::tag::ContextSpecific(0), Hex("00")));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsThousandMicros) {
  TstInfoParts parts;
  parts.optional_fields =
      Tlv(der::tag::kSequence, Tlv(der::tag::ContextSpecific(1), Hex("03e8")));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsNegativeAccuracySeconds) {
  TstInfoParts parts;
  parts.optional_fields = Tlv(der::tag::kSequence, Integer(-1));
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsCriticalExtension) {
  const Bytes extension = Tlv(
      der::tag::kSequence, Concat({OidTlv(kUnknownOid), Hex("0101ff"),
                                   Tlv(der::tag::kOctetString, Hex("0500"))}));
  TstInfoParts parts;
  parts.optional_fields = Tlv(der::tag::ContextConstructed(1), extension);
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kTimestampMalformed);
}

TEST(TstInfoTest, RejectsFieldsOutOfOrder) {
  TstInfoParts parts;
  parts.optional_fields = Concat({Integer(5), Hex("0101ff")});
  EXPECT_EQ(TstInfoError(parts.Build()), ErrorCode::kDerUnconsumedData);
}

TEST(TstInfoTest, RejectsTrailingBytes) {
  Bytes der = TstInfoParts().Build();
  der.push_back(0x00);
  EXPECT_EQ(TstInfoError(der), ErrorCode::kDerUnconsumedData);
}

TEST(TimeStampTokenTest, ParsesSyntheticToken) {
  auto token = ParseTimeStampToken(ValidToken());
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  EXPECT_EQ((*token)->tst_info().serial_number.ToBytes(), (Bytes{0x12, 0x34}));
  EXPECT_EQ((*token)->signer().signature.ToBytes(), Bytes(128, 0x01));
}

TEST(TimeStampTokenTest, RejectsDataContent) {
  const Bytes der = Token(cms::kIdData, TstInfoParts().Build(), {SignerInfo()});
  auto token = ParseTimeStampToken(der);
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kTimestampNotTstInfo);
}

TEST(TimeStampTokenTest, RejectsMissingContent) {
  auto token = ParseTimeStampToken(
      Token(cms::kIdCtTstInfo, std::nullopt, {SignerInfo()}));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kTimestampMalformed);
}

TEST(TimeStampTokenTest, RejectsTwoSigners) {
  auto token = ParseTimeStampToken(Token(
      cms::kIdCtTstInfo, TstInfoParts().Build(), {SignerInfo(), SignerInfo()}));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kTimestampMalformed);
}

TEST(TimeStampTokenTest, RejectsNoSigners) {
  auto token =
      ParseTimeStampToken(Token(cms::kIdCtTstInfo, TstInfoParts().Build(), {}));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kTimestampMalformed);
}

TEST(TimeStampTokenTest, RejectsContentThatIsNotTstInfo) {
  auto token = ParseTimeStampToken(
      Token(cms::kIdCtTstInfo, Hex("0500"), {SignerInfo()}));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kDerUnexpectedTag);
}

TEST(TimeStampTokenTest, RejectsCertificateInPlaceOfToken) {
  auto token = ParseTimeStampToken(
      Tlv(der::tag::kSequence, Concat({Integer(1), Integer(2)})));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kCmsNotSignedData);
}

TEST(TimeStampTokenTest, ReportsMissingTsaCertificate) {
  auto token = ParseTimeStampToken(ValidToken());
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  auto tsa = FindTsaCertificate(**token, {nullptr});
  ASSERT_FALSE(tsa.has_value());
  EXPECT_EQ(tsa.error().code, ErrorCode::kCmsSignerCertificateMissing);
}

TEST(TimeStampResponseTest, ParsesRejection) {
  // failInfo badAlg (bit 0) and systemFailure (bit 25): 4 octets with 6
  // unused bits, 80 00 00 40.
  const Bytes status = StatusInfo(
      2, Concat({Tlv(der::tag::kSequence,
                     Tlv(der::tag::kUtf8String, Text("unsupported"))),
                 Hex("03050680000040")}));
  auto response = ParseTimeStampResponse(Tlv(der::tag::kSequence, status));
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  EXPECT_EQ((*response)->status(), PkiStatus::kRejection);
  ASSERT_EQ((*response)->status_strings().size(), 1u);
  EXPECT_EQ((*response)->status_strings()[0].AsStringView(), "unsupported");
  EXPECT_EQ((*response)->fail_info(), (1u << 0) | (1u << 25));
  EXPECT_EQ((*response)->token(), nullptr);
  auto token = (*response)->granted_token();
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code, ErrorCode::kTimestampNotGranted);
  EXPECT_EQ(token.error().detail, "status rejection: unsupported");
}

TEST(TimeStampResponseTest, ParsesGrantedResponse) {
  auto response = ParseTimeStampResponse(
      Tlv(der::tag::kSequence, Concat({StatusInfo(0), ValidToken()})));
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  EXPECT_EQ((*response)->status(), PkiStatus::kGranted);
  ASSERT_NE((*response)->token(), nullptr);
  EXPECT_EQ((*response)->token()->tst_info().version, 1);
  auto token = (*response)->granted_token();
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(*token, (*response)->token());
}

TEST(TimeStampResponseTest, RejectsGrantedWithoutToken) {
  EXPECT_EQ(ResponseError(Tlv(der::tag::kSequence, StatusInfo(1))),
            ErrorCode::kTimestampMalformed);
}

TEST(TimeStampResponseTest, RejectsRejectionWithToken) {
  EXPECT_EQ(ResponseError(Tlv(der::tag::kSequence,
                              Concat({StatusInfo(2), ValidToken()}))),
            ErrorCode::kTimestampMalformed);
}

TEST(TimeStampResponseTest, RejectsUndefinedStatus) {
  EXPECT_EQ(ResponseError(Tlv(der::tag::kSequence, StatusInfo(6))),
            ErrorCode::kTimestampMalformed);
}

TEST(TimeStampResponseTest, RejectsEmptyStatusString) {
  EXPECT_EQ(ResponseError(Tlv(der::tag::kSequence, StatusInfo(2, Hex("3000")))),
            ErrorCode::kTimestampMalformed);
}

TEST(TimeStampResponseTest, RejectsLongFailInfo) {
  EXPECT_EQ(ResponseError(Tlv(der::tag::kSequence,
                              StatusInfo(2, Hex("0306000000000001")))),
            ErrorCode::kTimestampMalformed);
}

TEST(TimeStampResponseTest, RejectsTrailingBytes) {
  Bytes der = Tlv(der::tag::kSequence, StatusInfo(2));
  der.push_back(0x00);
  EXPECT_EQ(ResponseError(der), ErrorCode::kDerUnconsumedData);
}

TEST(TimeStampResponseTest, RejectsOnePastMaxInputBytes) {
  EXPECT_EQ(ResponseError(Bytes(limits::kMaxInputBytes + 1, 0x30)),
            ErrorCode::kInputTooLarge);
}

// Real NUC tokens. Expected values were printed by `openssl ts -reply
// -token_in -in FILE -text` (OpenSSL 3.0.19) for the files, and for the
// tokens inside the CMS files after cutting them out of the
// signatureTimeStampToken attribute. OpenSSL prints negative INTEGERs as
// "-0x2FF1...3E"; their encodings below are the two's complement of those
// magnitudes, worked out by hand.
struct NucToken {
  const char* name;
  const char* policy;
  const char* hashed_message;
  const char* serial_number;
  const char* gen_time;
  const char* nonce;
};

constexpr char kTspResponse[] = "nuc/ncanode-kz_NCANode/tsp/tsp_response.bin";
constexpr char kTspToken[] = "nuc/ncanode-kz_NCANode/tsp/tsp_token.bin";

const NucToken kTspTokenFields = {"tsp_token.bin",
                                  "1.2.398.3.3.2.6.1",
                                  "1465dad126d32bf7aa5d3b95a5c7c331cdff34df",
                                  "5e846dd75d861154db10f13c54dc1f8d33fe6adc",
                                  "2022-09-18T13:20:14Z",
                                  "018350c022d7"};

// The two individual_*.der files carry the same token.
const NucToken kCmsTokens[] = {
    {"nuc/skarm_kalkan/cms/individual_attached.der", "1.2.398.3.3.2.6.4",
     "192286d5f26f38a24fcb4c1acb1bcabcb338491f526ea67804b93403dd5733eb9593a7"
     "462c5b1fe3c13ce55c9960cd0f9789f73f67c654341dd05419f7983cff",
     "3e5d2174937d19331886dea1a92fad3fe91e781b", "2026-07-20T09:08:07Z",
     "6cd779c92f27e02b"},
    {"nuc/skarm_kalkan/cms/individual_detached.der", "1.2.398.3.3.2.6.4",
     "192286d5f26f38a24fcb4c1acb1bcabcb338491f526ea67804b93403dd5733eb9593a7"
     "462c5b1fe3c13ce55c9960cd0f9789f73f67c654341dd05419f7983cff",
     "3e5d2174937d19331886dea1a92fad3fe91e781b", "2026-07-20T09:08:07Z",
     "6cd779c92f27e02b"},
    // Serial -0x2FF1A3F98EBBF6C7F17C7906450323ACB7E6B83E and nonce
    // -0x0C9F9B59A4F48AF5.
    {"nuc/skarm_kalkan/cms/legal_entity_attached.der", "1.2.398.3.3.2.6.4",
     "df95c300f91f9019741f15c95b5f2398aed4f4627c2e7f2440599662223d8d4c5b1486"
     "74d91a1351afea34848d676834b9be72112fa876c80a0febe97261c978",
     "d00e5c06714409380e8386f9bafcdc53481947c2", "2026-07-20T09:10:09Z",
     "f36064a65b0b750b"},
};

void ExpectFields(const TstInfo& info, const NucToken& expected) {
  EXPECT_EQ(info.version, 1);
  EXPECT_EQ(der::OidToString(info.policy), expected.policy);
  EXPECT_EQ(HexOf(info.hashed_message), expected.hashed_message);
  EXPECT_EQ(HexOf(info.serial_number), expected.serial_number);
  EXPECT_EQ(info.gen_time, At(expected.gen_time));
  EXPECT_TRUE(info.gen_time_fraction.empty());
  EXPECT_FALSE(info.accuracy.has_value());
  EXPECT_FALSE(info.ordering);
  ASSERT_TRUE(info.nonce.has_value());
  EXPECT_EQ(HexOf(*info.nonce), expected.nonce);
  EXPECT_FALSE(info.tsa_name_tlv.has_value());
}

// CmsTimestamp is a CMS file's signer with its one timestamp token.
struct CmsTimestamp {
  std::shared_ptr<const cms::SignedData> cms;
  Bytes token_der;
};

CmsTimestamp LoadCmsTimestamp(const char* path) {
  CmsTimestamp out;
  auto cms = cms::ParseSignedData(ReadFileBytes(FixturePath(path)));
  EXPECT_TRUE(cms.has_value()) << path;
  if (!cms.has_value()) {
    return out;
  }
  out.cms = *cms;
  EXPECT_EQ(out.cms->signers().size(), 1u);
  const std::vector<der::Input> tokens =
      cms::FindTimestampTokens(out.cms->signers()[0]);
  EXPECT_EQ(tokens.size(), 1u) << path;
  if (!tokens.empty()) {
    out.token_der = tokens[0].ToBytes();
  }
  return out;
}

TEST(NucTimestampTest, ParsesResponse) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto response =
      ParseTimeStampResponse(ReadFileBytes(FixturePath(kTspResponse)));
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  EXPECT_EQ((*response)->status(), PkiStatus::kGranted);
  EXPECT_TRUE((*response)->status_strings().empty());
  EXPECT_EQ((*response)->fail_info(), 0u);
  ASSERT_NE((*response)->token(), nullptr);
  ExpectFields((*response)->token()->tst_info(), kTspTokenFields);
}

TEST(NucTimestampTest, ParsesTokens) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto token = ParseTimeStampToken(ReadFileBytes(FixturePath(kTspToken)));
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  ExpectFields((*token)->tst_info(), kTspTokenFields);
  for (const NucToken& expected : kCmsTokens) {
    SCOPED_TRACE(expected.name);
    const CmsTimestamp timestamp = LoadCmsTimestamp(expected.name);
    auto cms_token = ParseTimeStampToken(timestamp.token_der);
    ASSERT_TRUE(cms_token.has_value()) << cms_token.error().ToString();
    ExpectFields((*cms_token)->tst_info(), expected);
  }
}

// VerifyWithOwnCertificate checks `token` with the TSA certificate it
// carries.
Status VerifyWithOwnCertificate(const TimeStampToken& token) {
  TINYSIGN_ASSIGN_OR_RETURN(auto tsa, FindTsaCertificate(token, {}));
  return VerifyTimeStampTokenSignature(token, *tsa);
}

TEST(NucTimestampTest, VerifiesTokenSignatures) {
  TINYSIGN_REQUIRE_FIXTURES();
  std::vector<std::pair<std::string, Bytes>> tokens = {
      {kTspToken, ReadFileBytes(FixturePath(kTspToken))}};
  for (const NucToken& nuc : kCmsTokens) {
    tokens.push_back({nuc.name, LoadCmsTimestamp(nuc.name).token_der});
  }
  for (const auto& [name, der] : tokens) {
    SCOPED_TRACE(name);
    auto token = ParseTimeStampToken(der);
    ASSERT_TRUE(token.has_value()) << token.error().ToString();
    auto status = VerifyWithOwnCertificate(**token);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
  }
  auto response =
      ParseTimeStampResponse(ReadFileBytes(FixturePath(kTspResponse)));
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  auto status = VerifyWithOwnCertificate(*(*response)->token());
  EXPECT_TRUE(status.has_value()) << status.error().ToString();
}

// The TSA certificates carry the names `openssl ts -text` does not print,
// so they come from `openssl asn1parse` of the tokens.
TEST(NucTimestampTest, FindsTsaCertificates) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto token = ParseTimeStampToken(ReadFileBytes(FixturePath(kTspToken)));
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  auto tsa = FindTsaCertificate(**token, {});
  ASSERT_TRUE(tsa.has_value()) << tsa.error().ToString();
  EXPECT_EQ(HexOf((*tsa)->serial()),
            "622ddd64fc75397c61d228530beefe9e1cf87094");
  const CmsTimestamp timestamp = LoadCmsTimestamp(kCmsTokens[2].name);
  auto cms_token = ParseTimeStampToken(timestamp.token_der);
  ASSERT_TRUE(cms_token.has_value()) << cms_token.error().ToString();
  auto cms_tsa = FindTsaCertificate(**cms_token, {});
  ASSERT_TRUE(cms_tsa.has_value()) << cms_tsa.error().ToString();
  EXPECT_EQ(HexOf((*cms_tsa)->serial()),
            "6540a01f99f06813103e4e382f3970870b84d981");
}

// RFC 3161 appendix A: the imprint is the hash of the CMS signer's
// signature value.
TEST(NucTimestampTest, ImprintCoversSignerSignature) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const NucToken& nuc : kCmsTokens) {
    SCOPED_TRACE(nuc.name);
    const CmsTimestamp timestamp = LoadCmsTimestamp(nuc.name);
    auto token = ParseTimeStampToken(timestamp.token_der);
    ASSERT_TRUE(token.has_value()) << token.error().ToString();
    const der::Input signature = timestamp.cms->signers()[0].signature;
    auto status = CheckMessageImprint((*token)->tst_info(), signature);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
    Bytes other = signature.ToBytes();
    other[0] ^= 0x01;
    auto mismatch = CheckMessageImprint((*token)->tst_info(), other);
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(mismatch.error().code, ErrorCode::kTimestampImprintMismatch);
  }
}

// OffsetOf returns where `part`, a view into the token's own copy of
// `der`, sits in `der`. The tokens are DER, so the copy is byte-equal.
size_t OffsetOf(const TimeStampToken& token, const Bytes& der,
                der::Input part) {
  EXPECT_EQ(token.signed_data().der().ToBytes(), der);
  return static_cast<size_t>(part.data() - token.signed_data().der().data());
}

std::vector<Bytes> NucTokenFiles() {
  std::vector<Bytes> tokens = {ReadFileBytes(FixturePath(kTspToken))};
  tokens.push_back(LoadCmsTimestamp(kCmsTokens[0].name).token_der);
  tokens.push_back(LoadCmsTimestamp(kCmsTokens[2].name).token_der);
  return tokens;
}

// A changed signingTime keeps every attribute well-formed, so only the
// signature over the signed attributes catches it.
TEST(NucTimestampTest, RejectsChangedSigningTime) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (Bytes der : NucTokenFiles()) {
    auto token = ParseTimeStampToken(der);
    ASSERT_TRUE(token.has_value()) << token.error().ToString();
    auto tsa = FindTsaCertificate(**token, {});
    ASSERT_TRUE(tsa.has_value()) << tsa.error().ToString();
    auto signing_time = cms::FindAttribute((*token)->signer().signed_attributes,
                                           cms::kSigningTime);
    ASSERT_TRUE(signing_time.has_value());
    ASSERT_NE(*signing_time, nullptr);
    // The value is a UTCTime: 2 header octets, then "YYMMDDHHMMSSZ" whose
    // index 11 is the last digit of the seconds.
    const size_t offset =
        OffsetOf(**token, der, (*signing_time)->values[0]) + 2 + 11;
    der[offset] ^= 0x01;

    auto changed = ParseTimeStampToken(der);
    ASSERT_TRUE(changed.has_value()) << changed.error().ToString();
    auto status = VerifyTimeStampTokenSignature(**changed, **tsa);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kCryptoSignatureMismatch);
  }
}

// A changed imprint keeps the TSTInfo well-formed; messageDigest no longer
// matches it.
TEST(NucTimestampTest, RejectsChangedTstInfo) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (Bytes der : NucTokenFiles()) {
    auto token = ParseTimeStampToken(der);
    ASSERT_TRUE(token.has_value()) << token.error().ToString();
    auto tsa = FindTsaCertificate(**token, {});
    ASSERT_TRUE(tsa.has_value()) << tsa.error().ToString();
    der[OffsetOf(**token, der, (*token)->tst_info().hashed_message)] ^= 0x01;

    auto changed = ParseTimeStampToken(der);
    ASSERT_TRUE(changed.has_value()) << changed.error().ToString();
    auto status = VerifyTimeStampTokenSignature(**changed, **tsa);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kCmsMessageDigestMismatch);
  }
}

// The GOST 2004 test TSA's certificate is not the one the production GOST
// 2015 token names in its signingCertificate attribute.
TEST(NucTimestampTest, RejectsOtherTsaCertificate) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto test_token = ParseTimeStampToken(ReadFileBytes(FixturePath(kTspToken)));
  ASSERT_TRUE(test_token.has_value()) << test_token.error().ToString();
  auto test_tsa = FindTsaCertificate(**test_token, {});
  ASSERT_TRUE(test_tsa.has_value()) << test_tsa.error().ToString();
  auto token =
      ParseTimeStampToken(LoadCmsTimestamp(kCmsTokens[2].name).token_der);
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  auto status = VerifyTimeStampTokenSignature(**token, **test_tsa);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kCmsSigningCertificateMismatch);
}

// Fuzz corpus. The seeds of the timestamp fuzz target are built here. With
// TINYSIGN_WRITE_FUZZ_CORPUS naming the corpus folder, the test rewrites
// them:
//   export TINYSIGN_WRITE_FUZZ_CORPUS=tests/fuzz/corpus
//   build/bin/tinysign_tsp_tests --gtest_filter='TimestampFuzzCorpusTest.*'
// Otherwise it checks that the checked-in seeds are the ones built here.
std::filesystem::path CorpusDir(const std::string& entry) {
  const char* root = std::getenv("TINYSIGN_WRITE_FUZZ_CORPUS");
  if (root != nullptr) {
    return std::filesystem::path(root) / entry;
  }
  // This file is tests/core/<area>/<name>.cc.
  return std::filesystem::path(__FILE__)
             .parent_path()
             .parent_path()
             .parent_path() /
         "fuzz" / "corpus" / entry;
}

void CheckSeeds(const std::string& entry,
                const std::vector<std::pair<std::string, Bytes>>& seeds) {
  const std::filesystem::path dir = CorpusDir(entry);
  const bool write = std::getenv("TINYSIGN_WRITE_FUZZ_CORPUS") != nullptr;
  if (write) {
    std::filesystem::create_directories(dir);
  }
  for (const auto& [name, der] : seeds) {
    SCOPED_TRACE(name);
    if (write) {
      testing::WriteFileBytes(dir / name, der);
    } else {
      EXPECT_EQ(encoding::HexEncode(ReadFileBytes(dir / name)),
                encoding::HexEncode(der));
    }
  }
}

TEST(TimestampFuzzCorpusTest, SeedsMatchGenerator) {
  TstInfoParts full;
  full.gen_time = Tlv(der::tag::kGeneralizedTime, Text("20250101120000.5Z"));
  full.serial = Tlv(der::tag::kInteger, Hex("d00e5c06"));
  full.optional_fields = Concat(
      {Tlv(der::tag::kSequence,
           Concat({Integer(1), Tlv(der::tag::ContextSpecific(0), Hex("64"))})),
       Hex("0101ff"), Tlv(der::tag::kInteger, Hex("f36064a65b0b750b")),
       Tlv(der::tag::ContextConstructed(0),
           Tlv(der::tag::ContextSpecific(6), Text("urn:tsa")))});
  const Bytes full_token =
      Token(cms::kIdCtTstInfo, full.Build(), {SignerInfo()});
  const Bytes rejection = Tlv(
      der::tag::kSequence,
      StatusInfo(2, Concat({Tlv(der::tag::kSequence,
                                Tlv(der::tag::kUtf8String, Text("bad alg"))),
                            Hex("03020780")})));

  const std::vector<std::pair<std::string, Bytes>> seeds = {
      {"granted_response",
       Tlv(der::tag::kSequence, Concat({StatusInfo(0), ValidToken()}))},
      {"rejection_response", rejection},
      {"token", ValidToken()},
      {"token_every_field", full_token},
      {"tst_info", full.Build()},
  };
  EXPECT_TRUE(ParseTimeStampResponse(seeds[0].second).has_value());
  EXPECT_TRUE(ParseTimeStampResponse(seeds[1].second).has_value());
  EXPECT_TRUE(ParseTimeStampToken(seeds[2].second).has_value());
  EXPECT_TRUE(ParseTimeStampToken(seeds[3].second).has_value());
  EXPECT_TRUE(ParseTstInfo(seeds[4].second).has_value());
  CheckSeeds("timestamp", seeds);
}

}  // namespace
}  // namespace tinysign::tsp
