#include "core/ocsp/response.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/crl/crl.h"
#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/ocsp/responder.h"
#include "core/x509/certificate.h"
#include "core/x509/name.h"
#include "tests/support/der_bytes.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"

namespace tinysign::ocsp {
namespace {

using testing::Concat;
using testing::FixturePath;
using testing::Hex;
using testing::ReadFileBytes;
using testing::Text;
using testing::Tlv;

constexpr der::Oid kSha256WithRsa("1.2.840.113549.1.1.11");
constexpr der::Oid kSha1("1.3.14.3.2.26");
// An OID under the documentation arc 2.999 (X.660), unknown to everyone.
constexpr der::Oid kUnknownExtension("2.999.1");

std::string HexOf(der::Input bytes) { return encoding::HexEncode(bytes); }

Bytes Algorithm(const der::Oid& oid) {
  der::Writer contents;
  contents.AddOid(oid);
  contents.AddNull();
  return Tlv(der::tag::kSequence, contents.bytes());
}

Bytes GeneralizedTime(std::string_view text) {
  return Tlv(der::tag::kGeneralizedTime, Text(text));
}

Bytes Enumerated(uint8_t value) {
  return Tlv(der::tag::kEnumerated, Bytes{value});
}

Bytes Extension(const der::Oid& oid, bool critical, const Bytes& value) {
  der::Writer contents;
  contents.AddOid(oid);
  if (critical) {
    contents.AddBoolean(true);
  }
  contents.AddOctetString(value);
  return Tlv(der::tag::kSequence, contents.bytes());
}

Bytes CommonName(std::string_view name) {
  constexpr der::Oid kCommonName("2.5.4.3");
  der::Writer attribute;
  attribute.AddOid(kCommonName);
  attribute.AddTlv(der::tag::kUtf8String, Text(name));
  const Bytes set =
      Tlv(der::tag::kSet, Tlv(der::tag::kSequence, attribute.bytes()));
  return Tlv(der::tag::kSequence, set);
}

Bytes CertIdTlv(const Bytes& serial) {
  der::Writer contents;
  contents.AddRaw(Algorithm(kSha1));
  contents.AddOctetString(Bytes(20, 0x11));
  contents.AddOctetString(Bytes(20, 0x22));
  contents.AddTlv(der::tag::kInteger, serial);
  return Tlv(der::tag::kSequence, contents.bytes());
}

const Bytes kGood = Tlv(der::tag::ContextSpecific(0), {});

// Single returns a SingleResponse with `status` (the whole CertStatus
// encoding) and optional trailing fields.
Bytes Single(const Bytes& status, const Bytes& rest = {}) {
  return Tlv(der::tag::kSequence,
             Concat({CertIdTlv({0x01, 0x02}), status,
                     GeneralizedTime("20250101000000Z"), rest}));
}

// OcspParts contains every field of an OCSPResponse down to ResponseData.
// Each test changes the one field whose defect it checks.
struct OcspParts {
  Bytes status = Enumerated(0);
  bool with_response_bytes = true;
  Bytes response_type = Tlv(der::tag::kOid, kIdPkixOcspBasic.bytes().ToBytes());
  Bytes version;
  Bytes responder_id =
      Tlv(der::tag::ContextConstructed(1), CommonName("Responder"));
  Bytes produced_at = GeneralizedTime("20250101000000Z");
  std::vector<Bytes> responses = {Single(kGood)};
  std::optional<std::vector<Bytes>> extensions;
  Bytes signature_algorithm = Algorithm(kSha256WithRsa);
  Bytes signature = Tlv(der::tag::kBitString, Bytes(65, 0x00));
  std::optional<std::vector<Bytes>> certificates;
  Bytes basic_trailing;
  Bytes response_trailing;

  Bytes Build() const {
    Bytes list;
    for (const Bytes& single : responses) {
      list = Concat({list, single});
    }
    Bytes data = Concat(
        {version, responder_id, produced_at, Tlv(der::tag::kSequence, list)});
    if (extensions) {
      Bytes all;
      for (const Bytes& extension : *extensions) {
        all = Concat({all, extension});
      }
      data = Concat({data, Tlv(der::tag::ContextConstructed(1),
                               Tlv(der::tag::kSequence, all))});
    }
    Bytes basic = Concat(
        {Tlv(der::tag::kSequence, data), signature_algorithm, signature});
    if (certificates) {
      Bytes all;
      for (const Bytes& certificate : *certificates) {
        all = Concat({all, certificate});
      }
      basic = Concat({basic, Tlv(der::tag::ContextConstructed(0),
                                 Tlv(der::tag::kSequence, all))});
    }
    basic = Concat({Tlv(der::tag::kSequence, basic), basic_trailing});
    Bytes response = status;
    if (with_response_bytes) {
      const Bytes bytes =
          Tlv(der::tag::kSequence,
              Concat({response_type, Tlv(der::tag::kOctetString, basic)}));
      response =
          Concat({response, Tlv(der::tag::ContextConstructed(0), bytes)});
    }
    return Tlv(der::tag::kSequence, Concat({response, response_trailing}));
  }
};

Result<const BasicResponse*> ParseBasic(
    const Bytes& der, std::shared_ptr<const OcspResponse>* keep) {
  auto response = ParseOcspResponse(der);
  if (!response.has_value()) {
    return std::move(response).error();
  }
  *keep = *response;
  return (*keep)->basic_response();
}

ErrorCode ParseError(const Bytes& der) {
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(der, &keep);
  EXPECT_FALSE(basic.has_value());
  return basic.has_value() ? ErrorCode::kInternal : basic.error().code;
}

Time At(const char* rfc3339) {
  auto time = ParseRfc3339(rfc3339);
  EXPECT_TRUE(time.has_value()) << rfc3339;
  return time.has_value() ? *time : Time{};
}

TEST(OcspResponseTest, ParsesMinimalResponse) {
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(OcspParts().Build(), &keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  EXPECT_EQ(keep->response_status(), ResponseStatus::kSuccessful);
  EXPECT_EQ((*basic)->version, 1);
  EXPECT_EQ((*basic)->responder_id.kind, ResponderId::Kind::kByName);
  EXPECT_EQ((*basic)->responder_id.name_tlv.ToBytes(), CommonName("Responder"));
  EXPECT_EQ((*basic)->produced_at, At("2025-01-01T00:00:00Z"));
  ASSERT_EQ((*basic)->responses.size(), 1u);
  const SingleResponse& single = (*basic)->responses[0];
  EXPECT_EQ(single.status, CertStatus::kGood);
  EXPECT_EQ(single.cert_id.hash_algorithm_tlv.ToBytes(), Algorithm(kSha1));
  EXPECT_EQ(single.cert_id.issuer_name_hash.ToBytes(), Bytes(20, 0x11));
  EXPECT_EQ(single.cert_id.issuer_key_hash.ToBytes(), Bytes(20, 0x22));
  EXPECT_EQ(single.cert_id.serial_number.ToBytes(), (Bytes{0x01, 0x02}));
  EXPECT_EQ(single.this_update, At("2025-01-01T00:00:00Z"));
  EXPECT_FALSE(single.next_update.has_value());
  EXPECT_FALSE((*basic)->nonce.has_value());
  EXPECT_TRUE((*basic)->certificates.empty());
  EXPECT_EQ((*basic)->signature_value.ToBytes(), Bytes(64, 0x00));
}

TEST(OcspResponseTest, ParsesOptionalFields) {
  OcspParts parts;
  parts.version = Tlv(der::tag::ContextConstructed(0), Hex("020100"));
  parts.responder_id = Tlv(der::tag::ContextConstructed(2),
                           Tlv(der::tag::kOctetString, Bytes(20, 0xab)));
  const Bytes revoked_without_reason =
      Tlv(der::tag::ContextConstructed(1), GeneralizedTime("20240101000000Z"));
  const Bytes next_update =
      Tlv(der::tag::ContextConstructed(0), GeneralizedTime("20250108000000Z"));
  const Bytes single_extensions =
      Tlv(der::tag::ContextConstructed(1),
          Tlv(der::tag::kSequence,
              Extension(kUnknownExtension, false, Hex("0500"))));
  parts.responses = {
      Single(Tlv(der::tag::ContextSpecific(2), {}), next_update),
      Single(revoked_without_reason, Concat({next_update, single_extensions}))};
  parts.extensions = {{Extension(kIdPkixOcspNonce, false, Hex("0403010203")),
                       Extension(kUnknownExtension, false, Hex("0500"))}};
  parts.certificates = {{Hex("3000"), Hex("3003020101")}};
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(parts.Build(), &keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  EXPECT_EQ((*basic)->responder_id.kind, ResponderId::Kind::kByKey);
  EXPECT_EQ((*basic)->responder_id.key_hash.ToBytes(), Bytes(20, 0xab));
  ASSERT_EQ((*basic)->responses.size(), 2u);
  EXPECT_EQ((*basic)->responses[0].status, CertStatus::kUnknown);
  EXPECT_EQ((*basic)->responses[0].next_update, At("2025-01-08T00:00:00Z"));
  EXPECT_EQ((*basic)->responses[1].status, CertStatus::kRevoked);
  EXPECT_EQ((*basic)->responses[1].revocation_time, At("2024-01-01T00:00:00Z"));
  EXPECT_FALSE((*basic)->responses[1].revocation_reason.has_value());
  ASSERT_TRUE((*basic)->nonce.has_value());
  EXPECT_EQ((*basic)->nonce->ToBytes(), (Bytes{0x01, 0x02, 0x03}));
  ASSERT_EQ((*basic)->certificates.size(), 2u);
  EXPECT_EQ((*basic)->certificates[1].ToBytes(), Hex("3003020101"));
}

TEST(OcspResponseTest, KeepsErrorStatus) {
  OcspParts parts;
  parts.status = Enumerated(3);
  parts.with_response_bytes = false;
  auto response = ParseOcspResponse(parts.Build());
  ASSERT_TRUE(response.has_value()) << response.error().ToString();
  EXPECT_EQ((*response)->response_status(), ResponseStatus::kTryLater);
  auto basic = (*response)->basic_response();
  ASSERT_FALSE(basic.has_value());
  EXPECT_EQ(basic.error().code, ErrorCode::kOcspUnsuccessfulResponse);
  EXPECT_NE(basic.error().detail.find("tryLater"), std::string::npos);
}

// Real NUC responses. Expected values were printed by
// `openssl ocsp -respin FILE -resp_text -noverify` (OpenSSL 3.0.19).
struct NucResponse {
  const char* path;
  const char* produced_at;
  const char* issuer_name_hash;
  const char* issuer_key_hash;
  const char* serial_number;
  CertStatus status;
  const char* revocation_time;  // Empty unless revoked.
  std::optional<crl::ReasonCode> reason;
  const char* nonce;
};

constexpr char kSha256AlgorithmHex[] = "300d06096086480165030402010500";

const NucResponse kNucResponses[] = {
    {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_2015_revoked.bin",
     "2022-09-02T16:59:28Z",
     "4d49c7d498dd61ba9d6e509ef5dccb0a76c5724f0b2249e30ba0badd4521c9ea",
     "afc31e0625b7a4d3f0d4f6cc6b9bbab667c3b1a9b10f8f9b4683ba2768b2f518",
     "3a90343e720594c55204b19cb9a402422ef0e622", CertStatus::kRevoked,
     "2022-07-27T10:25:30Z", crl::ReasonCode::kCertificateHold,
     "157b28fd1ac7761e"},
    {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_sign_2004_revoked.bin",
     "2022-09-02T16:57:04Z",
     "3ecde169381394c76547de5a28a75f42d9ca0b0010642058963e2cdaa6ec44bf",
     "802db20ac5548b3f001e9138c3c5de9907f2b75573f7f37602bd13da4b30c526",
     "12e3e7b9966d09eb9cda64251457e815c2a8dded", CertStatus::kRevoked,
     "2022-01-18T06:30:55Z", crl::ReasonCode::kSuperseded, "8b6b9f100d6b0005"},
    {"nuc/ncanode-kz_NCANode/ocsp/ocsp_response_individual_sign_2004.bin",
     "2022-09-02T16:53:59Z",
     "8a8da2cc54e144c7a78e916aa2dfc4cf1660105333a887c48ab649b01eeee62f",
     "e32738b58ca445a8bd66b1ff745547ff0f2fee8f5749ab9b3e4705d28dfde4a8",
     "4279390a141f5353a62947b61ed65e81741467d1", CertStatus::kGood, "",
     std::nullopt, "b5e5c9b552cbcac4"},
};

TEST(OcspResponseTest, ParsesNucResponses) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const NucResponse& expected : kNucResponses) {
    SCOPED_TRACE(expected.path);
    std::shared_ptr<const OcspResponse> keep;
    auto basic = ParseBasic(ReadFileBytes(FixturePath(expected.path)), &keep);
    ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
    EXPECT_EQ((*basic)->version, 1);
    EXPECT_EQ((*basic)->responder_id.kind, ResponderId::Kind::kByName);
    EXPECT_EQ((*basic)->produced_at, At(expected.produced_at));
    ASSERT_EQ((*basic)->responses.size(), 1u);
    const SingleResponse& single = (*basic)->responses[0];
    EXPECT_EQ(HexOf(single.cert_id.hash_algorithm_tlv), kSha256AlgorithmHex);
    EXPECT_EQ(HexOf(single.cert_id.issuer_name_hash),
              expected.issuer_name_hash);
    EXPECT_EQ(HexOf(single.cert_id.issuer_key_hash), expected.issuer_key_hash);
    EXPECT_EQ(HexOf(single.cert_id.serial_number), expected.serial_number);
    EXPECT_EQ(single.status, expected.status);
    if (expected.status == CertStatus::kRevoked) {
      EXPECT_EQ(single.revocation_time, At(expected.revocation_time));
    }
    EXPECT_EQ(single.revocation_reason, expected.reason);
    EXPECT_EQ(single.this_update, At(expected.produced_at));
    EXPECT_FALSE(single.next_update.has_value());
    ASSERT_TRUE((*basic)->nonce.has_value());
    EXPECT_EQ(HexOf(*(*basic)->nonce), expected.nonce);
    EXPECT_EQ((*basic)->certificates.size(), 1u);
  }
}

// The responder revoked the same serial that the test CA's CRL lists, with
// the same time and reason: two independent NUC sources agree.
TEST(OcspResponseTest, RevocationAgreesWithNucCrl) {
  TINYSIGN_REQUIRE_FIXTURES();
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(
      ReadFileBytes(FixturePath(
          "nuc/ncanode-kz_NCANode/ocsp/ocsp_response_ceo_2015_revoked.bin")),
      &keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  auto list = crl::ParseCrl(ReadFileBytes(
      FixturePath("nuc/ncanode-kz_NCANode/crl/nca_gost2022_test.crl")));
  ASSERT_TRUE(list.has_value()) << list.error().ToString();
  const SingleResponse& single = (*basic)->responses[0];
  auto entry = (*list)->FindRevoked(single.cert_id.serial_number);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->revocation_date, single.revocation_time);
  EXPECT_EQ(entry->reason, single.revocation_reason);
}

std::string Rfc4514(der::Input name_tlv) {
  auto name = x509::ParseName(name_tlv);
  EXPECT_TRUE(name.has_value());
  return name.has_value() ? name->ToRfc4514() : "";
}

// SpkiOf walks a DER Certificate to its subjectPublicKeyInfo:
//   TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature,
//                                 issuer, validity, subject,
//                                 subjectPublicKeyInfo, ... }
der::Input SpkiOf(der::Input certificate) {
  der::Reader outer(certificate);
  auto seq = outer.ReadSequence();
  EXPECT_TRUE(seq.has_value());
  auto tbs = seq->ReadSequence();
  EXPECT_TRUE(tbs.has_value());
  EXPECT_TRUE(tbs->ReadTlv(der::tag::ContextConstructed(0)).has_value());
  for (int field = 0; field < 5; ++field) {
    EXPECT_TRUE(tbs->ReadElement().has_value());
  }
  auto spki = tbs->ReadTlv(der::tag::kSequence);
  EXPECT_TRUE(spki.has_value());
  return spki.has_value() ? *spki : der::Input();
}

// Each NUC response is verified with the key of the responder certificate
// it carries.
TEST(OcspSignatureTest, VerifiesNucResponsesWithResponderKey) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const NucResponse& nuc : kNucResponses) {
    SCOPED_TRACE(nuc.path);
    std::shared_ptr<const OcspResponse> keep;
    auto basic = ParseBasic(ReadFileBytes(FixturePath(nuc.path)), &keep);
    ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
    ASSERT_EQ((*basic)->certificates.size(), 1u);
    auto status =
        VerifyOcspSignature(**basic, SpkiOf((*basic)->certificates[0]));
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
  }
}

// Subjects printed by `openssl ocsp -resp_text`, written in RFC 4514 order
// with its escaping of '"' as '\"'.
const std::string kResponderNames[] = {
    "O=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022,C=KZ,CN=OCSP RESPONDER",
    "O=АО \\\"ТЕСТ\\\",SERIALNUMBER=IIN123456789011,CN=СЕРВИС ПРОВЕРКИ ОНЛАЙН "
    "СТАТУСА СЕРТИФИКАТА,OU=BIN123456789021,C=KZ",
    "O=АО \\\"ТЕСТ\\\",SERIALNUMBER=IIN123456789011,CN=СЕРВИС ПРОВЕРКИ ОНЛАЙН "
    "СТАТУСА СЕРТИФИКАТА,OU=BIN123456789021,C=KZ",
};

// The byName responderID of each NUC response names the certificate the
// response carries, and that certificate's key verifies the response.
// Two of the responder certificates carry an empty id-pkix-ocsp-nocheck
// extnValue instead of the NULL that RFC 6960 section 4.2.2.2.1 defines.
// They must still parse and verify.
TEST(OcspSignatureTest, FindsNucResponderCertificates) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (size_t i = 0; i < std::size(kNucResponses); ++i) {
    SCOPED_TRACE(kNucResponses[i].path);
    std::shared_ptr<const OcspResponse> keep;
    auto basic =
        ParseBasic(ReadFileBytes(FixturePath(kNucResponses[i].path)), &keep);
    ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
    EXPECT_EQ(Rfc4514((*basic)->responder_id.name_tlv), kResponderNames[i]);
    auto responder = FindResponderCertificate(**basic, {});
    ASSERT_TRUE(responder.has_value()) << responder.error().ToString();
    EXPECT_EQ((*responder)->subject().ToRfc4514(), kResponderNames[i]);
    auto status = VerifyOcspSignature(**basic, **responder);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
  }
}

// OffsetOf returns where `part`, a view into `whole`, starts.
size_t OffsetOf(const Bytes& whole, der::Input part) {
  return static_cast<size_t>(part.data() - whole.data());
}

// ProducedAtOffset walks an OCSPResponse down to producedAt and returns
// where its contents start.
size_t ProducedAtOffset(const Bytes& der) {
  der::Reader outer{der::Input(der)};
  auto response = outer.ReadSequence();
  EXPECT_TRUE(response.has_value());
  EXPECT_TRUE(response->ReadEnumerated().has_value());
  auto wrapper = response->ReadConstructed(der::tag::ContextConstructed(0));
  EXPECT_TRUE(wrapper.has_value());
  auto bytes = wrapper->ReadSequence();
  EXPECT_TRUE(bytes.has_value());
  EXPECT_TRUE(bytes->ReadOid().has_value());
  auto basic_der = bytes->ReadOctetString();
  EXPECT_TRUE(basic_der.has_value());
  der::Reader basic_reader(*basic_der);
  auto basic = basic_reader.ReadSequence();
  EXPECT_TRUE(basic.has_value());
  auto tbs = basic->ReadSequence();
  EXPECT_TRUE(tbs.has_value());
  EXPECT_TRUE(tbs->ReadElement().has_value());  // responderID
  auto produced_at = tbs->Read(der::tag::kGeneralizedTime);
  EXPECT_TRUE(produced_at.has_value());
  return produced_at.has_value() ? OffsetOf(der, *produced_at) : 0;
}

// Changing the last digit of producedAt's seconds keeps the response
// well-formed but changes the signed bytes.
TEST(OcspSignatureTest, RejectsChangedProducedAt) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const NucResponse& nuc : kNucResponses) {
    SCOPED_TRACE(nuc.path);
    Bytes der = ReadFileBytes(FixturePath(nuc.path));
    const size_t offset = ProducedAtOffset(der);
    ASSERT_NE(offset, 0u);
    // "YYYYMMDDHHMMSSZ": index 13 is the last digit of the seconds.
    der[offset + 13] ^= 0x01;
    std::shared_ptr<const OcspResponse> keep;
    auto basic = ParseBasic(der, &keep);
    ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
    ASSERT_EQ((*basic)->certificates.size(), 1u);
    auto status =
        VerifyOcspSignature(**basic, SpkiOf((*basic)->certificates[0]));
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kCryptoSignatureMismatch);
  }
}

// The GOST 2015 responder's subjectKeyIdentifier, which its CA computed as
// the SHA-1 of the public key (RFC 5280 section 4.2.1.2, method 1), and
// which `openssl ocsp -resp_text` prints as FC:1F:E1:...:D2:D0.
constexpr char kResponderKeyHash[] = "fc1fe14bb59fb00d724273d007a7dd6b4a5ed2d0";

TEST(OcspSignatureTest, FindsResponderByKeyHash) {
  TINYSIGN_REQUIRE_FIXTURES();
  std::shared_ptr<const OcspResponse> keep;
  auto nuc =
      ParseBasic(ReadFileBytes(FixturePath(kNucResponses[0].path)), &keep);
  ASSERT_TRUE(nuc.has_value()) << nuc.error().ToString();
  ASSERT_EQ((*nuc)->certificates.size(), 1u);
  OcspParts parts;
  parts.responder_id = Tlv(der::tag::ContextConstructed(2),
                           Tlv(der::tag::kOctetString, Hex(kResponderKeyHash)));
  parts.certificates = {{Hex("3000"), (*nuc)->certificates[0].ToBytes()}};
  std::shared_ptr<const OcspResponse> synthetic_keep;
  auto basic = ParseBasic(parts.Build(), &synthetic_keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  auto responder = FindResponderCertificate(**basic, {});
  ASSERT_TRUE(responder.has_value()) << responder.error().ToString();
  EXPECT_EQ((*responder)->der(), (*nuc)->certificates[0]);
}

TEST(OcspSignatureTest, FindsResponderAmongCandidates) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto der = encoding::NormalizeToDer(
      ReadFileBytes(FixturePath("trust/nuc-test/nca_gost_test.crt")));
  ASSERT_TRUE(der.has_value());
  auto ca = x509::ParseCertificate(*der);
  ASSERT_TRUE(ca.has_value()) << ca.error().ToString();
  OcspParts parts;
  parts.responder_id =
      Tlv(der::tag::ContextConstructed(1), (*ca)->subject().tlv().ToBytes());
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(parts.Build(), &keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  auto responder = FindResponderCertificate(**basic, {nullptr, *ca});
  ASSERT_TRUE(responder.has_value()) << responder.error().ToString();
  EXPECT_EQ(*responder, *ca);

  auto missing = FindResponderCertificate(**basic, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kOcspResponderNotFound);
}

// Malformed input: one defect per test.

TEST(OcspResponseTest, RejectsEmptyInput) {
  EXPECT_EQ(ParseError(Bytes()), ErrorCode::kInputEmpty);
}

TEST(OcspResponseTest, RejectsOnePastMaxInputBytes) {
  EXPECT_EQ(ParseError(Bytes(limits::kMaxInputBytes + 1, 0x30)),
            ErrorCode::kInputTooLarge);
}

TEST(OcspResponseTest, RejectsUndefinedStatus) {
  OcspParts parts;
  parts.status = Enumerated(4);
  parts.with_response_bytes = false;
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsStatusAsInteger) {
  OcspParts parts;
  parts.status = Hex("020100");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(OcspResponseTest, RejectsSuccessWithoutResponseBytes) {
  OcspParts parts;
  parts.with_response_bytes = false;
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsErrorWithResponseBytes) {
  OcspParts parts;
  parts.status = Enumerated(2);
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsOtherResponseType) {
  OcspParts parts;
  parts.response_type =
      Tlv(der::tag::kOid, kUnknownExtension.bytes().ToBytes());
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspUnsupportedResponseType);
}

TEST(OcspResponseTest, RejectsTrailingFieldInResponse) {
  OcspParts parts;
  parts.response_trailing = Hex("0500");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnconsumedData);
}

TEST(OcspResponseTest, RejectsBytesAfterBasicResponse) {
  OcspParts parts;
  parts.basic_trailing = Hex("0500");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnconsumedData);
}

TEST(OcspResponseTest, RejectsVersionTwo) {
  OcspParts parts;
  parts.version = Tlv(der::tag::ContextConstructed(0), Hex("020101"));
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsUntaggedResponderName) {
  OcspParts parts;
  parts.responder_id = CommonName("Responder");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(OcspResponseTest, RejectsUtcTimeProducedAt) {
  OcspParts parts;
  parts.produced_at = Tlv(der::tag::kUtcTime, Text("250101000000Z"));
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(OcspResponseTest, RejectsBadProducedAt) {
  OcspParts parts;
  parts.produced_at = GeneralizedTime("20250230000000Z");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadTime);
}

TEST(OcspResponseTest, RejectsUndefinedCertStatusTag) {
  OcspParts parts;
  parts.responses = {Single(Tlv(der::tag::ContextSpecific(3), {}))};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(OcspResponseTest, RejectsGoodWithContents) {
  OcspParts parts;
  parts.responses = {Single(Tlv(der::tag::ContextSpecific(0), {0x00}))};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsUndefinedRevocationReason) {
  const Bytes revoked =
      Tlv(der::tag::ContextConstructed(1),
          Concat({GeneralizedTime("20240101000000Z"),
                  Tlv(der::tag::ContextConstructed(0), Enumerated(7))}));
  OcspParts parts;
  parts.responses = {Single(revoked)};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsNegativeSerial) {
  der::Writer contents;
  contents.AddRaw(Algorithm(kSha1));
  contents.AddOctetString(Bytes(20, 0x11));
  contents.AddOctetString(Bytes(20, 0x22));
  contents.AddTlv(der::tag::kInteger, Bytes{0x80});
  OcspParts parts;
  parts.responses = {Tlv(der::tag::kSequence,
                         Concat({Tlv(der::tag::kSequence, contents.bytes()),
                                 kGood, GeneralizedTime("20250101000000Z")}))};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadInteger);
}

TEST(OcspResponseTest, RejectsCriticalResponseExtension) {
  OcspParts parts;
  parts.extensions = {{Extension(kUnknownExtension, true, Hex("0500"))}};
  EXPECT_EQ(ParseError(parts.Build()),
            ErrorCode::kOcspUnknownCriticalExtension);
}

TEST(OcspResponseTest, RejectsCriticalSingleExtension) {
  OcspParts parts;
  parts.responses = {
      Single(kGood, Tlv(der::tag::ContextConstructed(1),
                        Tlv(der::tag::kSequence,
                            Extension(kUnknownExtension, true, Hex("0500")))))};
  EXPECT_EQ(ParseError(parts.Build()),
            ErrorCode::kOcspUnknownCriticalExtension);
}

TEST(OcspResponseTest, RejectsNonceWithoutOctetString) {
  OcspParts parts;
  parts.extensions = {{Extension(kIdPkixOcspNonce, false, Hex("010203"))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(OcspResponseTest, RejectsRepeatedExtension) {
  OcspParts parts;
  parts.extensions = {{Extension(kIdPkixOcspNonce, false, Hex("040101")),
                       Extension(kIdPkixOcspNonce, false, Hex("040102"))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kOcspMalformed);
}

TEST(OcspResponseTest, RejectsSignatureWithUnusedBits) {
  OcspParts parts;
  parts.signature = Hex("03020180");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadBitString);
}

TEST(OcspResponseTest, RejectsOnePastMaxResponses) {
  OcspParts parts;
  parts.responses.assign(limits::kMaxElementsPerList + 1, Single(kGood));
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerTooManyElements);
}

TEST(OcspResponseTest, AcceptsMaxResponses) {
  OcspParts parts;
  parts.responses.assign(limits::kMaxElementsPerList, Single(kGood));
  std::shared_ptr<const OcspResponse> keep;
  auto basic = ParseBasic(parts.Build(), &keep);
  ASSERT_TRUE(basic.has_value()) << basic.error().ToString();
  EXPECT_EQ((*basic)->responses.size(), limits::kMaxElementsPerList);
}

TEST(OcspResponseTest, RejectsOnePastMaxCertificates) {
  OcspParts parts;
  parts.certificates =
      std::vector<Bytes>(limits::kMaxElementsPerList + 1, Hex("3000"));
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerTooManyElements);
}

// Fuzz corpus. The seeds of the ocsp_response fuzz target are built here. With
// TINYSIGN_WRITE_FUZZ_CORPUS naming the corpus folder, the test rewrites
// them:
//   export TINYSIGN_WRITE_FUZZ_CORPUS=tests/fuzz/corpus
//   build/bin/tinysign_ocsp_tests --gtest_filter='OcspFuzzCorpusTest.*'
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

TEST(OcspFuzzCorpusTest, SeedsMatchGenerator) {
  OcspParts revoked;
  revoked.responses = {Single(
      Tlv(der::tag::ContextConstructed(1),
          Concat({GeneralizedTime("20220727102530Z"),
                  Tlv(der::tag::ContextConstructed(0), Enumerated(6))})))};
  revoked.extensions = {
      {Extension(kIdPkixOcspNonce, false, Hex("0408157b28fd1ac7761e"))}};
  revoked.certificates = {{Hex("3000")}};

  OcspParts by_key;
  by_key.version = Tlv(der::tag::ContextConstructed(0), Hex("020100"));
  by_key.responder_id = Tlv(der::tag::ContextConstructed(2),
                            Tlv(der::tag::kOctetString, Bytes(20, 0xfc)));
  by_key.responses = {Single(Tlv(der::tag::ContextSpecific(2), {}),
                             Tlv(der::tag::ContextConstructed(0),
                                 GeneralizedTime("20250108000000Z"))),
                      Single(kGood)};

  OcspParts try_later;
  try_later.status = Enumerated(3);
  try_later.with_response_bytes = false;

  const std::vector<std::pair<std::string, Bytes>> seeds = {
      {"good_by_name", OcspParts().Build()},
      {"revoked_with_nonce", revoked.Build()},
      {"unknown_by_key", by_key.Build()},
      {"try_later", try_later.Build()},
  };
  for (const auto& [name, der] : seeds) {
    auto response = ParseOcspResponse(der);
    EXPECT_TRUE(response.has_value())
        << name << ": " << response.error().ToString();
  }
  CheckSeeds("ocsp_response", seeds);
}

}  // namespace
}  // namespace tinysign::ocsp
