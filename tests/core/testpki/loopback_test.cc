// Address checks that keep tinysign-testpki on the local machine. The
// expected results follow RFC 1122 section 3.2.1.3 (127.0.0.0/8 is
// loopback) and RFC 4291 section 2.5.3 (::1).
#include "testpki/loopback.h"

#include <gtest/gtest.h>

namespace tinysign::testpki {
namespace {

TEST(LoopbackTest, LoopbackHostsAccepted) {
  for (const char* host :
       {"127.0.0.1", "127.1.2.3", "127.255.255.255", "localhost", "::1"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
}

TEST(LoopbackTest, OtherHostsRejected) {
  for (const char* host :
       {"0.0.0.0", "10.0.0.1", "128.0.0.1", "127.0.0", "127.0.0.1.5",
        "127.0.0.256", "127.0.0.-1", "", "example.com", "::", "169.254.169.254",
        "127.0.0.1 "}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(LoopbackTest, ListenAddressParsed) {
  const auto address = ParseListenAddress("127.0.0.1:8080");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->host, "127.0.0.1");
  EXPECT_EQ(address->port, 8080);
  const auto ipv6 = ParseListenAddress("[::1]:65535");
  ASSERT_TRUE(ipv6);
  EXPECT_EQ(ipv6->host, "::1");
  EXPECT_EQ(ipv6->port, 65535);
}

TEST(LoopbackTest, BadListenAddressRejected) {
  for (const char* text :
       {"0.0.0.0:8080", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536",
        "127.0.0.1:80x", ":8080", "192.168.0.1:80", "[::]:80"}) {
    EXPECT_FALSE(ParseListenAddress(text)) << text;
  }
}

TEST(LoopbackTest, BaseUrls) {
  EXPECT_TRUE(IsLoopbackUrl("http://127.0.0.1:8080"));
  EXPECT_TRUE(IsLoopbackUrl("http://localhost"));
  EXPECT_TRUE(IsLoopbackUrl("http://[::1]:80"));
  EXPECT_FALSE(IsLoopbackUrl("https://127.0.0.1:8080"));
  EXPECT_FALSE(IsLoopbackUrl("http://127.0.0.1:8080/path"));
  EXPECT_FALSE(IsLoopbackUrl("http://test.pki.gov.kz"));
  EXPECT_FALSE(IsLoopbackUrl("http://127.0.0.1.example.com"));
}

}  // namespace
}  // namespace tinysign::testpki
