#include "core/crl/crl.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/writer.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"
#include "core/x509/certificate.h"
#include "tests/support/der_bytes.h"
#include "tests/support/files.h"
#include "tests/support/fixtures.h"
#include "tests/support/openssl.h"

namespace tinysign::crl {
namespace {

using testing::Concat;
using testing::FixturePath;
using testing::Hex;
using testing::ReadFileBytes;
using testing::Text;
using testing::Tlv;

// sha256WithRSAEncryption (RFC 4055 section 5).
constexpr der::Oid kSha256WithRsa("1.2.840.113549.1.1.11");
// ecdsa-with-SHA256 (RFC 5758 section 3.2).
constexpr der::Oid kEcdsaWithSha256("1.2.840.10045.4.3.2");
// An OID under the documentation arc 2.999 (X.660), unknown to everyone.
constexpr der::Oid kUnknownExtension("2.999.1");

Bytes Algorithm(const der::Oid& oid, bool with_null = true) {
  der::Writer contents;
  contents.AddOid(oid);
  if (with_null) {
    contents.AddNull();
  }
  return Tlv(der::tag::kSequence, contents.bytes());
}

// CommonName returns Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName,
// UTF8String } } }.
Bytes CommonName(std::string_view name) {
  constexpr der::Oid kCommonName("2.5.4.3");
  der::Writer attribute;
  attribute.AddOid(kCommonName);
  attribute.AddTlv(der::tag::kUtf8String, Text(name));
  const Bytes set =
      Tlv(der::tag::kSet, Tlv(der::tag::kSequence, attribute.bytes()));
  return Tlv(der::tag::kSequence, set);
}

Bytes UtcTime(std::string_view text) {
  return Tlv(der::tag::kUtcTime, Text(text));
}

Bytes Integer(int64_t value) {
  der::Writer writer;
  writer.AddSmallInteger(value);
  return writer.Take();
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

Bytes Extensions(const std::vector<Bytes>& extensions) {
  Bytes list;
  for (const Bytes& extension : extensions) {
    list.insert(list.end(), extension.begin(), extension.end());
  }
  return Tlv(der::tag::kSequence, list);
}

// Reason returns a reasonCode extension; `code` must be below 128.
Bytes Reason(uint8_t code) {
  return Extension(kIdCeCrlReasons, false,
                   Tlv(der::tag::kEnumerated, Bytes{code}));
}

// Entry returns one revokedCertificates element with the serial INTEGER
// contents `serial`.
Bytes Entry(const Bytes& serial, std::string_view date,
            std::optional<Bytes> extensions = std::nullopt) {
  Bytes contents = Concat({Tlv(der::tag::kInteger, serial), UtcTime(date)});
  if (extensions) {
    contents = Concat({contents, *extensions});
  }
  return Tlv(der::tag::kSequence, contents);
}

// CrlParts contains every field of a CertificateList. Each test changes the
// one field whose defect it checks, and Build writes the DER.
struct CrlParts {
  std::optional<Bytes> version = Integer(1);
  Bytes inner_algorithm = Algorithm(kSha256WithRsa);
  Bytes issuer = CommonName("Test CA");
  Bytes this_update = UtcTime("250101000000Z");
  std::optional<Bytes> next_update = UtcTime("250201000000Z");
  std::optional<std::vector<Bytes>> entries;
  std::optional<std::vector<Bytes>> extensions;
  Bytes outer_algorithm = Algorithm(kSha256WithRsa);
  Bytes signature = Tlv(der::tag::kBitString, Bytes(65, 0x00));
  Bytes trailing_field;

  Bytes Build() const {
    Bytes tbs = version ? *version : Bytes();
    tbs = Concat({tbs, inner_algorithm, issuer, this_update});
    if (next_update) {
      tbs = Concat({tbs, *next_update});
    }
    if (entries) {
      Bytes list;
      for (const Bytes& entry : *entries) {
        list.insert(list.end(), entry.begin(), entry.end());
      }
      tbs = Concat({tbs, Tlv(der::tag::kSequence, list)});
    }
    if (extensions) {
      tbs = Concat(
          {tbs, Tlv(der::tag::ContextConstructed(0), Extensions(*extensions))});
    }
    const Bytes list = Concat({Tlv(der::tag::kSequence, tbs), outer_algorithm,
                               signature, trailing_field});
    return Tlv(der::tag::kSequence, list);
  }
};

ErrorCode ParseError(const Bytes& der) {
  auto crl = ParseCrl(der);
  EXPECT_FALSE(crl.has_value());
  return crl.has_value() ? ErrorCode::kInternal : crl.error().code;
}

Time At(int year, int month, int day, int hour, int minute, int second) {
  auto time = TimeFromCivil(year, month, day, hour, minute, second);
  EXPECT_TRUE(time.has_value());
  return time.has_value() ? *time : Time{};
}

TEST(CrlTest, ParsesMinimalCrl) {
  auto crl = ParseCrl(CrlParts().Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ((*crl)->version(), 2);
  EXPECT_EQ((*crl)->this_update(), At(2025, 1, 1, 0, 0, 0));
  EXPECT_EQ((*crl)->next_update(), At(2025, 2, 1, 0, 0, 0));
  EXPECT_EQ((*crl)->num_entries(), 0u);
  EXPECT_EQ((*crl)->issuer_tlv().ToBytes(), CommonName("Test CA"));
  EXPECT_EQ((*crl)->signature_value().ToBytes(), Bytes(64, 0x00));
  EXPECT_FALSE((*crl)->crl_number().has_value());
  EXPECT_FALSE((*crl)->is_delta());
}

TEST(CrlTest, ParsesVersionOneCrl) {
  CrlParts parts;
  parts.version.reset();
  parts.entries = {{Entry({0x05}, "240101000000Z")}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ((*crl)->version(), 1);
  EXPECT_EQ((*crl)->num_entries(), 1u);
}

TEST(CrlTest, ParsesGeneralizedTimeAndNoNextUpdate) {
  CrlParts parts;
  parts.this_update = Tlv(der::tag::kGeneralizedTime, Text("20500101000000Z"));
  parts.next_update.reset();
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ((*crl)->this_update(), At(2050, 1, 1, 0, 0, 0));
  EXPECT_FALSE((*crl)->next_update().has_value());
}

TEST(CrlTest, ReadsEntryExtensions) {
  const Bytes invalidity =
      Tlv(der::tag::kGeneralizedTime, Text("20231231235959Z"));
  CrlParts parts;
  parts.entries = {
      {Entry({0x01, 0x02}, "240101000000Z",
             Extensions({Reason(1),
                         Extension(kIdCeInvalidityDate, false, invalidity)}))}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  const RevokedCertificate entry = (*crl)->entry(0);
  EXPECT_EQ(entry.serial_number.ToBytes(), (Bytes{0x01, 0x02}));
  EXPECT_EQ(entry.revocation_date, At(2024, 1, 1, 0, 0, 0));
  EXPECT_EQ(entry.reason, ReasonCode::kKeyCompromise);
  EXPECT_EQ(entry.invalidity_date, At(2023, 12, 31, 23, 59, 59));
}

TEST(CrlTest, ReadsCrlExtensions) {
  const Bytes key_id = Hex("00112233445566778899aabbccddeeff00112233");
  const Bytes aki =
      Tlv(der::tag::kSequence, Tlv(der::tag::ContextSpecific(0), key_id));
  // IssuingDistributionPoint ::= SEQUENCE { onlyContainsUserCerts [1]
  // BOOLEAN TRUE }.
  const Bytes idp = Hex("30038101ff");
  CrlParts parts;
  parts.extensions = {{Extension(kIdCeCrlNumber, false, Integer(300)),
                       Extension(kIdCeDeltaCrlIndicator, true, Integer(299)),
                       Extension(kIdCeAuthorityKeyIdentifier, false, aki),
                       Extension(kIdCeIssuingDistributionPoint, true, idp)}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  ASSERT_TRUE((*crl)->crl_number().has_value());
  EXPECT_EQ((*crl)->crl_number()->ToBytes(), (Bytes{0x01, 0x2c}));
  ASSERT_TRUE((*crl)->base_crl_number().has_value());
  EXPECT_EQ((*crl)->base_crl_number()->ToBytes(), (Bytes{0x01, 0x2b}));
  EXPECT_TRUE((*crl)->is_delta());
  ASSERT_TRUE((*crl)->authority_key_identifier().has_value());
  EXPECT_EQ((*crl)->authority_key_identifier()->ToBytes(), key_id);
  ASSERT_TRUE((*crl)->issuing_distribution_point().has_value());
  EXPECT_EQ((*crl)->issuing_distribution_point()->ToBytes(), idp);
}

TEST(CrlTest, IgnoresUnknownNonCriticalExtensions) {
  CrlParts parts;
  parts.entries = {
      {Entry({0x07}, "240101000000Z",
             Extensions({Extension(kUnknownExtension, false, Hex("0500"))}))}};
  parts.extensions = {{Extension(kUnknownExtension, false, Hex("0500"))}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ((*crl)->num_entries(), 1u);
}

TEST(CrlTest, AcceptsNullAgainstAbsentParameters) {
  CrlParts parts;
  parts.inner_algorithm = Algorithm(kSha256WithRsa, /*with_null=*/true);
  parts.outer_algorithm = Algorithm(kSha256WithRsa, /*with_null=*/false);
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  EXPECT_EQ((*crl)->signature_algorithm_tlv().ToBytes(), parts.outer_algorithm);
}

TEST(CrlTest, FindsSerialsInUnsortedList) {
  CrlParts parts;
  parts.entries = {
      {Entry({0x30}, "240101000000Z"), Entry({0x00, 0x80}, "240102000000Z"),
       Entry({0x01, 0x00}, "240103000000Z"), Entry({0x02}, "240104000000Z")}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  // The INTEGER 00 80 is the serial 0x80: the sign byte is dropped.
  auto found = (*crl)->FindRevoked(Bytes{0x80});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->revocation_date, At(2024, 1, 2, 0, 0, 0));
  found = (*crl)->FindRevoked(Bytes{0x01, 0x00});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->revocation_date, At(2024, 1, 3, 0, 0, 0));
  EXPECT_TRUE((*crl)->FindRevoked(Bytes{0x30}).has_value());
  EXPECT_TRUE((*crl)->FindRevoked(Bytes{0x02}).has_value());
  EXPECT_FALSE((*crl)->FindRevoked(Bytes{0x03}).has_value());
  EXPECT_FALSE((*crl)->FindRevoked(Bytes{0x00, 0x02}).has_value());
  EXPECT_FALSE((*crl)->FindRevoked(Bytes{}).has_value());
}

TEST(CrlTest, RepeatedSerialFindsFirstEntry) {
  CrlParts parts;
  parts.entries = {{Entry({0x09}, "240105000000Z"),
                    Entry({0x04}, "240101000000Z"),
                    Entry({0x09}, "240106000000Z")}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  auto found = (*crl)->FindRevoked(Bytes{0x09});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->revocation_date, At(2024, 1, 5, 0, 0, 0));
}

TEST(CrlTest, KeepsNegativeSerialWithoutMatchingIt) {
  CrlParts parts;
  parts.entries = {{Entry({0xff, 0x01}, "240101000000Z")}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  ASSERT_EQ((*crl)->num_entries(), 1u);
  EXPECT_TRUE((*crl)->entry(0).negative_serial);
  EXPECT_EQ((*crl)->entry(0).serial_number.ToBytes(), (Bytes{0xff, 0x01}));
  EXPECT_FALSE((*crl)->FindRevoked(Bytes{0xff, 0x01}).has_value());
}

// Magnitude returns `value` as big-endian bytes without leading zeros.
Bytes Magnitude(uint32_t value) {
  Bytes bytes;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const uint8_t byte = static_cast<uint8_t>(value >> shift);
    if (!bytes.empty() || byte != 0 || shift == 0) {
      bytes.push_back(byte);
    }
  }
  return bytes;
}

// Serials 1..n listed in a scrambled order; each is found by its own
// revocation date, which encodes the serial in its seconds field.
TEST(CrlTest, FindsSerialsInLargeCrl) {
  constexpr uint32_t kNumEntries = 200'000;
  Bytes list;
  list.reserve(kNumEntries * 24);
  for (uint32_t i = 0; i < kNumEntries; ++i) {
    // 7919 is prime and does not divide n, so i * 7919 mod n visits every
    // value once.
    const uint32_t serial = 1 + (i * 7919u) % kNumEntries;
    der::Writer entry;
    entry.AddUnsignedInteger(Magnitude(serial));
    const std::string second = std::to_string(10 + serial % 50);
    entry.AddTlv(der::tag::kUtcTime, Text("2401010000" + second + "Z"));
    const Bytes tlv = Tlv(der::tag::kSequence, entry.bytes());
    list.insert(list.end(), tlv.begin(), tlv.end());
  }
  CrlParts parts;
  parts.entries = std::vector<Bytes>{std::move(list)};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  ASSERT_EQ((*crl)->num_entries(), kNumEntries);
  for (uint32_t serial = 1; serial <= kNumEntries; serial += 997) {
    auto found = (*crl)->FindRevoked(Magnitude(serial));
    ASSERT_TRUE(found.has_value()) << serial;
    EXPECT_EQ(found->serial_number.ToBytes(), Magnitude(serial));
    EXPECT_EQ(found->revocation_date,
              At(2024, 1, 1, 0, 0, 10 + static_cast<int>(serial % 50)));
  }
  EXPECT_TRUE((*crl)->FindRevoked(Magnitude(kNumEntries)).has_value());
  EXPECT_FALSE((*crl)->FindRevoked(Magnitude(0)).has_value());
  EXPECT_FALSE((*crl)->FindRevoked(Magnitude(kNumEntries + 1)).has_value());
}

// Real NUC CRLs. Expected values were printed by
// `openssl crl -inform DER -in FILE -text -noout` (OpenSSL 3.0.19).
struct NucCrl {
  const char* path;
  const char* this_update;
  const char* next_update;
  const char* crl_number;
  const char* base_crl_number;  // Empty for a complete CRL.
  const char* authority_key_identifier;
  size_t num_entries;
  const char* revoked_serial;  // Empty when the CRL has no entries.
  const char* revocation_date;
  std::optional<ReasonCode> reason;
};

const NucCrl kNucCrls[] = {
    {"nuc/ncanode-kz_NCANode/crl/nca_gost2022_test.crl", "2022-07-27T11:26:06Z",
     "2023-01-23T11:26:06Z", "04", "",
     "fad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3", 6,
     "0fd51ba7059261ae60cc621f316db4ef0ef4ba14", "2022-07-27T10:13:19Z",
     ReasonCode::kKeyCompromise},
    {"nuc/ncanode-kz_NCANode/crl/nca_gost_test.crl", "2022-03-29T04:30:07Z",
     "2022-09-25T04:30:07Z", "07", "",
     "07bed21c60084456b02715e857374347bbd75450", 31,
     "51bdf4262fa7ff0e71e5bfabf25c5586dfdf2ff9", "2021-04-03T09:22:02Z",
     std::nullopt},
    {"nuc/ncanode-kz_NCANode/crl/nca_rsa_test.crl", "2022-03-29T04:18:29Z",
     "2022-09-25T04:18:29Z", "09", "",
     "a68c16337cb8e83567063e5e415755a2af345068", 126,
     "474c38696d8677a2c8b6e40345a8b04168c0905c", "2021-04-01T06:56:52Z",
     ReasonCode::kCertificateHold},
    {"nuc/skarm_kalkan/certs/nca_gost2022_d_test.crl", "2025-04-29T04:46:49Z",
     "2025-10-26T05:53:16Z", "0a", "0e",
     "fad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3", 0, "", "", std::nullopt},
    {"nuc/skarm_kalkan/certs/nca_gost2022_test.crl", "2025-04-29T04:46:49Z",
     "2025-10-26T04:46:49Z", "0e", "",
     "fad24b1ba3a0c961fe1ca8503e6aa2bb450db8a3", 54,
     "5426f68cb01bb8ef80f2971885eca67e15d87856", "2025-04-23T10:19:58Z",
     ReasonCode::kSuperseded},
};

Time Rfc3339(const char* text) {
  auto time = ParseRfc3339(text);
  EXPECT_TRUE(time.has_value()) << text;
  return time.has_value() ? *time : Time{};
}

std::string HexOf(std::optional<der::Input> bytes) {
  return bytes.has_value() ? encoding::HexEncode(*bytes) : "";
}

TEST(CrlTest, ParsesNucCrls) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const NucCrl& expected : kNucCrls) {
    SCOPED_TRACE(expected.path);
    auto crl = ParseCrl(ReadFileBytes(FixturePath(expected.path)));
    ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
    EXPECT_EQ((*crl)->version(), 2);
    EXPECT_EQ((*crl)->this_update(), Rfc3339(expected.this_update));
    EXPECT_EQ((*crl)->next_update(), Rfc3339(expected.next_update));
    EXPECT_EQ(HexOf((*crl)->crl_number()), expected.crl_number);
    EXPECT_EQ(HexOf((*crl)->base_crl_number()), expected.base_crl_number);
    EXPECT_EQ(HexOf((*crl)->authority_key_identifier()),
              expected.authority_key_identifier);
    EXPECT_EQ((*crl)->num_entries(), expected.num_entries);
    if (expected.num_entries == 0) {
      continue;
    }
    auto entry = (*crl)->FindRevoked(Hex(expected.revoked_serial));
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->revocation_date, Rfc3339(expected.revocation_date));
    EXPECT_EQ(entry->reason, expected.reason);
  }
}

// OpenSSL's text form of a CRL entry: "Serial Number: 0FD5...", then
// "Revocation Date: Jul 27 10:13:19 2022 GMT", then the reason's name on
// the line after "X509v3 CRL Reason Code:".
struct OpenSslEntry {
  std::string serial;
  Time revocation_date;
  std::string reason;
};

Time ParseOpenSslDate(const std::string& text) {
  static const std::map<std::string, int> kMonths = {
      {"Jan", 1}, {"Feb", 2},  {"Mar", 3},  {"Apr", 4},
      {"May", 5}, {"Jun", 6},  {"Jul", 7},  {"Aug", 8},
      {"Sep", 9}, {"Oct", 10}, {"Nov", 11}, {"Dec", 12}};
  std::istringstream in(text);
  std::string month, clock, zone;
  int day = 0, year = 0;
  in >> month >> day >> clock >> year >> zone;
  EXPECT_EQ(zone, "GMT") << text;
  EXPECT_EQ(clock.size(), 8u) << text;
  if (kMonths.count(month) == 0 || clock.size() != 8) {
    ADD_FAILURE() << "unexpected date " << text;
    return Time{};
  }
  return At(year, kMonths.at(month), day, std::stoi(clock.substr(0, 2)),
            std::stoi(clock.substr(3, 2)), std::stoi(clock.substr(6, 2)));
}

std::string Trim(const std::string& line) {
  const size_t start = line.find_first_not_of(' ');
  if (start == std::string::npos) {
    return "";
  }
  return line.substr(start, line.find_last_not_of(' ') + 1 - start);
}

std::vector<OpenSslEntry> OpenSslEntries(const std::string& text) {
  std::vector<OpenSslEntry> entries;
  std::istringstream in(text);
  std::string line;
  bool reason_next = false;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (reason_next) {
      entries.back().reason = line;
      reason_next = false;
    } else if (line.rfind("Serial Number: ", 0) == 0) {
      entries.push_back({line.substr(15), Time{}, ""});
    } else if (line.rfind("Revocation Date: ", 0) == 0) {
      entries.back().revocation_date = ParseOpenSslDate(line.substr(17));
    } else if (line == "X509v3 CRL Reason Code:" && !entries.empty()) {
      reason_next = true;
    }
  }
  return entries;
}

std::string OpenSslReasonName(std::optional<ReasonCode> reason) {
  if (!reason.has_value()) {
    return "";
  }
  switch (*reason) {
    case ReasonCode::kUnspecified:
      return "Unspecified";
    case ReasonCode::kKeyCompromise:
      return "Key Compromise";
    case ReasonCode::kCaCompromise:
      return "CA Compromise";
    case ReasonCode::kAffiliationChanged:
      return "Affiliation Changed";
    case ReasonCode::kSuperseded:
      return "Superseded";
    case ReasonCode::kCessationOfOperation:
      return "Cessation Of Operation";
    case ReasonCode::kCertificateHold:
      return "Certificate Hold";
    case ReasonCode::kRemoveFromCrl:
      return "Remove From CRL";
    case ReasonCode::kPrivilegeWithdrawn:
      return "Privilege Withdrawn";
    case ReasonCode::kAaCompromise:
      return "AA Compromise";
  }
  return "?";
}

std::string UpperHex(der::Input bytes) {
  std::string hex = encoding::HexEncode(bytes);
  for (char& c : hex) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return hex;
}

// Every entry of every NUC CRL, in order, against OpenSSL's listing.
TEST(CrlTest, EntriesMatchOpenSsl) {
  TINYSIGN_REQUIRE_FIXTURES();
  const auto files = testing::FixtureFiles("nuc", {".crl"});
  ASSERT_EQ(files.size(), 5u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    const testing::CommandResult openssl =
        testing::RunCommand({"openssl", "crl", "-inform", "DER", "-in",
                             path.string(), "-text", "-noout"});
    ASSERT_EQ(openssl.exit_code, 0);
    const std::vector<OpenSslEntry> expected = OpenSslEntries(openssl.output);
    auto crl = ParseCrl(ReadFileBytes(path));
    ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
    ASSERT_EQ((*crl)->num_entries(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const RevokedCertificate entry = (*crl)->entry(i);
      EXPECT_EQ(UpperHex(entry.serial_number), expected[i].serial) << i;
      EXPECT_EQ(entry.revocation_date, expected[i].revocation_date) << i;
      EXPECT_EQ(OpenSslReasonName(entry.reason), expected[i].reason) << i;
      auto found = (*crl)->FindRevoked(entry.serial_number);
      ASSERT_TRUE(found.has_value()) << i;
      EXPECT_EQ(found->revocation_date, entry.revocation_date) << i;
    }
  }
}

// LoadCertificate reads a PEM or DER certificate from the fixtures.
std::shared_ptr<const x509::Certificate> LoadCertificate(
    const std::string& relative) {
  auto der = encoding::NormalizeToDer(ReadFileBytes(FixturePath(relative)));
  EXPECT_TRUE(der.has_value()) << relative;
  if (!der.has_value()) {
    return nullptr;
  }
  auto certificate = x509::ParseCertificate(*der);
  EXPECT_TRUE(certificate.has_value())
      << relative << ": " << certificate.error().ToString();
  return certificate.has_value() ? *certificate : nullptr;
}

struct CrlIssuer {
  const char* crl;
  const char* issuer;
};

// Each NUC CRL with its issuing CA from the NUC test trust set, which the
// CRL's issuer name and authorityKeyIdentifier name.
const CrlIssuer kCrlIssuers[] = {
    {"nuc/ncanode-kz_NCANode/crl/nca_gost2022_test.crl",
     "trust/nuc-test/nca_gost2015_test.cer"},
    {"nuc/ncanode-kz_NCANode/crl/nca_gost_test.crl",
     "trust/nuc-test/nca_gost_test.crt"},
    {"nuc/ncanode-kz_NCANode/crl/nca_rsa_test.crl",
     "trust/nuc-test/nca_rsa_test.crt"},
    {"nuc/skarm_kalkan/certs/nca_gost2022_d_test.crl",
     "trust/nuc-test/nca_gost2015_test.cer"},
    {"nuc/skarm_kalkan/certs/nca_gost2022_test.crl",
     "trust/nuc-test/nca_gost2015_test.cer"},
};

TEST(CrlSignatureTest, VerifiesNucCrls) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CrlIssuer& pair : kCrlIssuers) {
    SCOPED_TRACE(pair.crl);
    auto crl = ParseCrl(ReadFileBytes(FixturePath(pair.crl)));
    ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
    auto issuer = LoadCertificate(pair.issuer);
    ASSERT_NE(issuer, nullptr);
    auto status = VerifyCrlSignature(**crl, *issuer);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
  }
}

// OffsetOf returns where `part`, a view into `whole`, starts.
size_t OffsetOf(const Bytes& whole, der::Input part) {
  return static_cast<size_t>(part.data() - whole.data());
}

// Changing the last digit of thisUpdate's seconds keeps the CRL
// well-formed but changes the signed bytes.
TEST(CrlSignatureTest, RejectsChangedThisUpdate) {
  TINYSIGN_REQUIRE_FIXTURES();
  for (const CrlIssuer& pair : kCrlIssuers) {
    SCOPED_TRACE(pair.crl);
    Bytes der = ReadFileBytes(FixturePath(pair.crl));
    der::Reader outer{der::Input(der)};
    auto list = outer.ReadSequence();
    ASSERT_TRUE(list.has_value());
    auto tbs = list->ReadSequence();
    ASSERT_TRUE(tbs.has_value());
    ASSERT_TRUE(tbs->ReadSmallInteger().has_value());
    ASSERT_TRUE(tbs->ReadTlv(der::tag::kSequence).has_value());
    ASSERT_TRUE(tbs->ReadTlv(der::tag::kSequence).has_value());
    auto this_update = tbs->Read(der::tag::kUtcTime);
    ASSERT_TRUE(this_update.has_value());
    // "YYMMDDHHMMSSZ": index 11 is the last digit of the seconds, and
    // flipping its low bit keeps it a digit.
    der[OffsetOf(der, *this_update) + 11] ^= 0x01;

    auto crl = ParseCrl(der);
    ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
    auto issuer = LoadCertificate(pair.issuer);
    ASSERT_NE(issuer, nullptr);
    auto status = VerifyCrlSignature(**crl, *issuer);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kCryptoSignatureMismatch);
  }
}

TEST(CrlSignatureTest, RejectsOtherIssuerName) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto crl = ParseCrl(ReadFileBytes(
      FixturePath("nuc/ncanode-kz_NCANode/crl/nca_gost_test.crl")));
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  auto other = LoadCertificate("trust/nuc-test/nca_rsa_test.crt");
  ASSERT_NE(other, nullptr);
  auto status = VerifyCrlSignature(**crl, *other);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kCrlIssuerMismatch);
}

TEST(CrlSignatureTest, RejectsOtherAuthorityKeyIdentifier) {
  TINYSIGN_REQUIRE_FIXTURES();
  auto issuer = LoadCertificate("trust/nuc-test/nca_gost2015_test.cer");
  ASSERT_NE(issuer, nullptr);
  const Bytes aki = Tlv(der::tag::kSequence,
                        Tlv(der::tag::ContextSpecific(0), Bytes(20, 0x5a)));
  CrlParts parts;
  parts.issuer = issuer->subject().tlv().ToBytes();
  parts.extensions = {{Extension(kIdCeAuthorityKeyIdentifier, false, aki)}};
  auto crl = ParseCrl(parts.Build());
  ASSERT_TRUE(crl.has_value()) << crl.error().ToString();
  auto status = VerifyCrlSignature(**crl, *issuer);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kCrlIssuerMismatch);
}

// Malformed input: one defect per test.

TEST(CrlTest, RejectsEmptyInput) {
  EXPECT_EQ(ParseError(Bytes()), ErrorCode::kInputEmpty);
}

TEST(CrlTest, RejectsNonSequence) {
  EXPECT_EQ(ParseError(Hex("0400")), ErrorCode::kDerUnexpectedTag);
}

TEST(CrlTest, RejectsTrailingBytes) {
  Bytes der = CrlParts().Build();
  der.push_back(0x00);
  EXPECT_EQ(ParseError(der), ErrorCode::kDerUnconsumedData);
}

TEST(CrlTest, RejectsExtraCertificateListField) {
  CrlParts parts;
  parts.trailing_field = Hex("0500");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnconsumedData);
}

TEST(CrlTest, RejectsTruncatedInput) {
  Bytes der = CrlParts().Build();
  der.pop_back();
  EXPECT_EQ(ParseError(der), ErrorCode::kDerTruncated);
}

TEST(CrlTest, RejectsVersionThree) {
  CrlParts parts;
  parts.version = Integer(2);
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlBadVersion);
}

TEST(CrlTest, RejectsExplicitVersionOne) {
  CrlParts parts;
  parts.version = Integer(0);
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlBadVersion);
}

TEST(CrlTest, RejectsVersionOneWithCrlExtensions) {
  CrlParts parts;
  parts.version.reset();
  parts.extensions = {{Extension(kIdCeCrlNumber, false, Integer(1))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlBadVersion);
}

TEST(CrlTest, RejectsVersionOneWithEntryExtensions) {
  CrlParts parts;
  parts.version.reset();
  parts.entries = {{Entry({0x01}, "240101000000Z", Extensions({Reason(1)}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlBadVersion);
}

TEST(CrlTest, RejectsDifferentAlgorithms) {
  CrlParts parts;
  parts.inner_algorithm = Algorithm(kEcdsaWithSha256, /*with_null=*/false);
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlAlgorithmMismatch);
}

TEST(CrlTest, RejectsDifferentAlgorithmParameters) {
  CrlParts parts;
  der::Writer contents;
  contents.AddOid(kSha256WithRsa);
  contents.AddOctetString(Bytes{0x01});
  parts.inner_algorithm = Tlv(der::tag::kSequence, contents.bytes());
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlAlgorithmMismatch);
}

TEST(CrlTest, RejectsEmptyIssuer) {
  CrlParts parts;
  parts.issuer = Hex("3000");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlMalformed);
}

TEST(CrlTest, RejectsMissingThisUpdate) {
  CrlParts parts;
  parts.this_update = Bytes();
  parts.next_update.reset();
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerTruncated);
}

TEST(CrlTest, RejectsIntegerInPlaceOfThisUpdate) {
  CrlParts parts;
  parts.this_update = Integer(5);
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(CrlTest, RejectsBadThisUpdate) {
  CrlParts parts;
  parts.this_update = UtcTime("251301000000Z");
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadTime);
}

TEST(CrlTest, RejectsBadRevocationDate) {
  CrlParts parts;
  parts.entries = {{Entry({0x01}, "2401010000Z")}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadTime);
}

TEST(CrlTest, RejectsNonMinimalSerial) {
  CrlParts parts;
  parts.entries = {{Entry({0x00, 0x01}, "240101000000Z")}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadInteger);
}

TEST(CrlTest, RejectsExtraEntryField) {
  CrlParts parts;
  parts.entries = {{Entry({0x01}, "240101000000Z",
                          Concat({Extensions({Reason(1)}), Hex("0500")}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnconsumedData);
}

TEST(CrlTest, RejectsUnknownCriticalCrlExtension) {
  CrlParts parts;
  parts.extensions = {{Extension(kUnknownExtension, true, Hex("0500"))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlUnknownCriticalExtension);
}

TEST(CrlTest, RejectsUnknownCriticalEntryExtension) {
  CrlParts parts;
  parts.entries = {
      {Entry({0x01}, "240101000000Z",
             Extensions({Extension(kUnknownExtension, true, Hex("0500"))}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlUnknownCriticalExtension);
}

TEST(CrlTest, RejectsIndirectCrlEntry) {
  // certificateIssuer ::= GeneralNames holding a directoryName [4].
  const Bytes names =
      Tlv(der::tag::kSequence,
          Tlv(der::tag::ContextConstructed(4), CommonName("Other CA")));
  CrlParts parts;
  parts.entries = {
      {Entry({0x01}, "240101000000Z",
             Extensions({Extension(kIdCeCertificateIssuer, true, names)}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlUnknownCriticalExtension);
}

TEST(CrlTest, RejectsRepeatedExtension) {
  CrlParts parts;
  parts.extensions = {{Extension(kIdCeCrlNumber, false, Integer(1)),
                       Extension(kIdCeCrlNumber, false, Integer(2))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlMalformed);
}

TEST(CrlTest, RejectsEmptyCrlExtensions) {
  CrlParts parts;
  parts.extensions = std::vector<Bytes>{};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlMalformed);
}

TEST(CrlTest, RejectsUndefinedReasonCode) {
  CrlParts parts;
  parts.entries = {{Entry({0x01}, "240101000000Z", Extensions({Reason(7)}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kCrlMalformed);
}

TEST(CrlTest, RejectsReasonCodeAsInteger) {
  CrlParts parts;
  parts.entries = {
      {Entry({0x01}, "240101000000Z",
             Extensions({Extension(kIdCeCrlReasons, false, Integer(1))}))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerUnexpectedTag);
}

TEST(CrlTest, RejectsNegativeCrlNumber) {
  CrlParts parts;
  parts.extensions = {{Extension(kIdCeCrlNumber, false, Integer(-1))}};
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadInteger);
}

TEST(CrlTest, RejectsSignatureWithUnusedBits) {
  CrlParts parts;
  parts.signature = Hex("03020180");  // One unused bit.
  EXPECT_EQ(ParseError(parts.Build()), ErrorCode::kDerBadBitString);
}

TEST(CrlTest, RejectsOnePastMaxInputBytes) {
  const Bytes der(limits::kMaxInputBytes + 1, 0x30);
  EXPECT_EQ(ParseError(der), ErrorCode::kInputTooLarge);
}

// The smallest entry (20 bytes) repeated one past the limit stays below
// `limits::kMaxInputBytes`, so the entry limit is what stops it.
TEST(CrlTest, RejectsOnePastMaxEntries) {
  const Bytes entry = Entry({0x01}, "240101000000Z");
  ASSERT_EQ(entry.size(), 20u);
  Bytes list;
  list.reserve(entry.size() * (limits::kMaxCrlEntries + 1));
  for (size_t i = 0; i < limits::kMaxCrlEntries + 1; ++i) {
    list.insert(list.end(), entry.begin(), entry.end());
  }
  CrlParts parts;
  parts.entries = std::vector<Bytes>{std::move(list)};
  const Bytes der = parts.Build();
  ASSERT_LE(der.size(), limits::kMaxInputBytes);
  EXPECT_EQ(ParseError(der), ErrorCode::kDerTooManyElements);
}

// Fuzz corpus. The seeds of the crl fuzz target are built here. With
// TINYSIGN_WRITE_FUZZ_CORPUS naming the corpus folder, the test rewrites
// them:
//   export TINYSIGN_WRITE_FUZZ_CORPUS=tests/fuzz/corpus
//   build/bin/tinysign_crl_tests --gtest_filter='CrlFuzzCorpusTest.*'
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

TEST(CrlFuzzCorpusTest, SeedsMatchGenerator) {
  constexpr der::Oid kGost2015Signature512("1.2.398.3.10.1.1.2.3.2");
  const Bytes aki = Tlv(der::tag::kSequence,
                        Tlv(der::tag::ContextSpecific(0), Bytes(20, 0xfa)));
  CrlParts nuc_like;
  nuc_like.inner_algorithm = Algorithm(kGost2015Signature512);
  nuc_like.outer_algorithm = Algorithm(kGost2015Signature512);
  nuc_like.signature = Tlv(der::tag::kBitString, Bytes(129, 0x00));
  nuc_like.entries = {
      {Entry(Bytes(20, 0x3a), "220727102530Z", Extensions({Reason(6)})),
       Entry(Bytes(20, 0x0f), "220727101319Z", Extensions({Reason(1)})),
       Entry(Bytes(20, 0x51), "210403092202Z")}};
  nuc_like.extensions = {{Extension(kIdCeCrlNumber, false, Integer(4)),
                          Extension(kIdCeAuthorityKeyIdentifier, false, aki)}};

  CrlParts delta = nuc_like;
  delta.entries.reset();
  delta.extensions = {{Extension(kIdCeDeltaCrlIndicator, true, Integer(14)),
                       Extension(kIdCeCrlNumber, false, Integer(10))}};

  CrlParts version_one;
  version_one.version.reset();
  version_one.this_update =
      Tlv(der::tag::kGeneralizedTime, Text("20500101000000Z"));
  version_one.next_update.reset();
  version_one.entries = {{Entry({0x00, 0x80}, "240101000000Z"),
                          Entry({0xff, 0x01}, "240102000000Z")}};

  CrlParts raw_extensions;
  raw_extensions.entries = {
      {Entry({0x01}, "240101000000Z",
             Extensions({Extension(
                 kIdCeInvalidityDate, false,
                 Tlv(der::tag::kGeneralizedTime, Text("20231231235959Z")))}))}};
  raw_extensions.extensions = {
      {Extension(kIdCeIssuingDistributionPoint, true, Hex("30038101ff")),
       Extension(kIdCeFreshestCrl, false, Hex("3000"))}};

  const std::vector<std::pair<std::string, Bytes>> seeds = {
      {"minimal", CrlParts().Build()},
      {"nuc_like", nuc_like.Build()},
      {"delta", delta.Build()},
      {"version_one", version_one.Build()},
      {"raw_extensions", raw_extensions.Build()},
  };
  for (const auto& [name, der] : seeds) {
    auto crl = ParseCrl(der);
    EXPECT_TRUE(crl.has_value()) << name << ": " << crl.error().ToString();
  }
  CheckSeeds("crl", seeds);
}

}  // namespace
}  // namespace tinysign::crl
