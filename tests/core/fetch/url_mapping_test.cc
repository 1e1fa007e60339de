#include "fetch/url_mapping.h"

#include <gtest/gtest.h>

namespace tinysign::fetch {
namespace {

TEST(ParseHttpUrlTest, HostPortAndPath) {
  auto url = ParseHttpUrl("http://127.0.0.1:8081/ocsp/gost2015?x=1");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8081);
  EXPECT_EQ(url->path, "/ocsp/gost2015?x=1");
}

TEST(ParseHttpUrlTest, DefaultsToPort80AndRoot) {
  auto url = ParseHttpUrl("http://ocsp.pki.gov.kz");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->host, "ocsp.pki.gov.kz");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->path, "/");
}

TEST(ParseHttpUrlTest, BracketedIpv6Literal) {
  auto url = ParseHttpUrl("http://[::1]:9000/crl");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_EQ(url->port, 9000);
}

TEST(ParseHttpUrlTest, RejectsInvalidUrls) {
  const char* const kInvalid[] = {
      "https://127.0.0.1/ocsp",
      "ftp://127.0.0.1/crl",
      "http://",
      "http://:80/",
      "http://127.0.0.1:0/",
      "http://127.0.0.1:65536/",
      "http://127.0.0.1:8a/",
      "http://user@127.0.0.1/",
      "127.0.0.1/ocsp",
  };
  for (const char* text : kInvalid) {
    auto url = ParseHttpUrl(text);
    ASSERT_FALSE(url.has_value()) << text;
    EXPECT_EQ(url.error().code, ErrorCode::kFetchBadUrl) << text;
  }
}

TEST(IsLoopbackHostTest, AcceptsLoopbackNames) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
}

TEST(IsLoopbackHostTest, RejectsOtherHosts) {
  EXPECT_FALSE(IsLoopbackHost("ocsp.pki.gov.kz"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("169.254.169.254"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.example.com"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0"));
  EXPECT_FALSE(IsLoopbackHost("localhost.example.com"));
  EXPECT_FALSE(IsLoopbackHost(""));
}

TEST(MapUrlTest, RewritesPrefix) {
  UrlMapping mapping;
  mapping.rewrites.push_back(
      {"http://ocsp.pki.gov.kz", "http://127.0.0.1:8081/ocsp/gost2015"});
  auto url = MapUrl(mapping, "http://ocsp.pki.gov.kz/");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8081);
  EXPECT_EQ(url->path, "/ocsp/gost2015/");
}

TEST(MapUrlTest, FirstMatchingRewriteWins) {
  UrlMapping mapping;
  mapping.rewrites.push_back({"http://crl.pki.gov.kz", "http://127.0.0.1:1"});
  mapping.rewrites.push_back({"http://crl", "http://127.0.0.1:2"});
  auto url = MapUrl(mapping, "http://crl.pki.gov.kz/nca_gost2015.crl");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->port, 1);
  EXPECT_EQ(url->path, "/nca_gost2015.crl");
}

TEST(MapUrlTest, RejectsRemoteHostByDefault) {
  UrlMapping mapping;
  auto url = MapUrl(mapping, "http://ocsp.pki.gov.kz/");
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code, ErrorCode::kFetchRemoteNotAllowed);
}

TEST(MapUrlTest, RemoteRejectionNamesTheFixes) {
  UrlMapping mapping;
  auto url = MapUrl(mapping, "http://ocsp.pki.gov.kz/");
  ASSERT_FALSE(url.has_value());
  const std::string& detail = url.error().detail;
  EXPECT_NE(detail.find("'http://ocsp.pki.gov.kz/'"), std::string::npos)
      << detail;
  EXPECT_NE(detail.find("--fetch-map FROM=TO"), std::string::npos) << detail;
  EXPECT_NE(detail.find("--ocsp-override KEYID=URL"), std::string::npos)
      << detail;
  // No user-facing setting allows remote hosts, so none may be suggested.
  EXPECT_EQ(detail.find("configuration"), std::string::npos) << detail;
}

TEST(MapUrlTest, RejectsRemoteRewriteTarget) {
  UrlMapping mapping;
  mapping.rewrites.push_back({"http://127.0.0.1", "http://10.0.0.1"});
  auto url = MapUrl(mapping, "http://127.0.0.1/ocsp");
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code, ErrorCode::kFetchRemoteNotAllowed);
}

TEST(MapUrlTest, AllowsRemoteWhenConfigured) {
  UrlMapping mapping;
  mapping.allow_remote = true;
  auto url = MapUrl(mapping, "http://ocsp.pki.gov.kz/");
  ASSERT_TRUE(url.has_value()) << url.error().ToString();
  EXPECT_EQ(url->host, "ocsp.pki.gov.kz");
}

TEST(MapUrlTest, DisabledRejectsEveryUrl) {
  UrlMapping mapping;
  mapping.enabled = false;
  auto url = MapUrl(mapping, "http://127.0.0.1:8081/ocsp");
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().code, ErrorCode::kFetchDisabled);
}

TEST(ParseUrlRewriteTest, SplitsAtFirstEquals) {
  auto rewrite =
      ParseUrlRewrite("http://crl.pki.gov.kz=http://127.0.0.1:9/a=b");
  ASSERT_TRUE(rewrite.has_value()) << rewrite.error().ToString();
  EXPECT_EQ(rewrite->from, "http://crl.pki.gov.kz");
  EXPECT_EQ(rewrite->to, "http://127.0.0.1:9/a=b");
}

TEST(ParseUrlRewriteTest, RejectsMissingSide) {
  for (const char* text : {"http://a", "=http://b", "http://a="}) {
    auto rewrite = ParseUrlRewrite(text);
    ASSERT_FALSE(rewrite.has_value()) << text;
    EXPECT_EQ(rewrite.error().code, ErrorCode::kFetchBadUrl) << text;
  }
}

}  // namespace
}  // namespace tinysign::fetch
