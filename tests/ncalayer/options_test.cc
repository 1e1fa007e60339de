// Command-line and URL parsing of tinysign-ncalayer. Expected origins follow
// the serialization of RFC 6454 section 6.2: scheme "://" host, plus ":"
// port unless it is the scheme's default.

#include "ncalayer-module/options.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <vector>

#include "ncalayer-module/url.h"

namespace tinysign::ncalayer {
namespace {

TEST(HostPortTest, AcceptsLoopback) {
  const std::vector<std::pair<std::string, uint16_t>> kCases = {
      {"127.0.0.1:13579", 13579}, {"127.5.6.7:80", 80}, {"[::1]:0", 0}};
  for (const auto& [text, port] : kCases) {
    HostPort out;
    std::string error;
    EXPECT_TRUE(ParseHostPort(text, &out, &error)) << text << ": " << error;
    EXPECT_EQ(out.port, port) << text;
  }
}

TEST(HostPortTest, RejectsOtherAddresses) {
  for (const char* text :
       {"0.0.0.0:13579", "192.168.1.10:13579", "[::]:13579", "10.0.0.1:1"}) {
    HostPort out;
    std::string error;
    EXPECT_FALSE(ParseHostPort(text, &out, &error)) << text;
    EXPECT_NE(error.find("not loopback"), std::string::npos) << error;
  }
}

TEST(HostPortTest, RejectsMalformed) {
  for (const char* text :
       {"127.0.0.1", "localhost:80", "127.0.0.1:70000", "127.0.0.1:x"}) {
    HostPort out;
    std::string error;
    EXPECT_FALSE(ParseHostPort(text, &out, &error)) << text;
  }
}

TEST(OptionsTest, RequiresKeys) {
  const char* argv[] = {"tinysign-ncalayer", "--password", "x"};
  Options options;
  std::string error;
  EXPECT_FALSE(
      ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error));
  EXPECT_EQ(error, "missing --keys DIR");
}

TEST(OptionsTest, ReadsEveryOption) {
  const char* argv[] = {"tinysign-ncalayer",
                        "--keys",
                        "/k",
                        "--password",
                        "pw",
                        "--listen",
                        "127.0.0.1:1000",
                        "--no-tls",
                        "--control",
                        "127.0.0.1:1001",
                        "--tsa",
                        "http://127.0.0.1:8080/tsa/rsa",
                        "--allow-origin",
                        "http://127.0.0.1:9",
                        "--key",
                        "a.p12",
                        "--max-download-bytes",
                        "10"};
  Options options;
  std::string error;
  ASSERT_TRUE(
      ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error))
      << error;
  EXPECT_EQ(options.keys_dir, "/k");
  EXPECT_EQ(options.password, "pw");
  EXPECT_EQ(options.listen.port, 1000);
  EXPECT_FALSE(options.tls);
  EXPECT_TRUE(options.control_enabled);
  EXPECT_EQ(options.control.port, 1001);
  EXPECT_EQ(options.tsa_url, "http://127.0.0.1:8080/tsa/rsa");
  EXPECT_EQ(options.allowed_origins,
            std::vector<std::string>{"http://127.0.0.1:9"});
  EXPECT_EQ(options.preferred_key_file, "a.p12");
  EXPECT_EQ(options.max_download_bytes, 10u);
}

TEST(OptionsTest, RejectsNonLoopbackListen) {
  const char* argv[] = {"tinysign-ncalayer", "--keys", "/k", "--listen",
                        "0.0.0.0:13579"};
  Options options;
  std::string error;
  EXPECT_FALSE(
      ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error));
  EXPECT_NE(error.find("not loopback"), std::string::npos) << error;
}

TEST(OptionsTest, RejectsNonLoopbackTsa) {
  for (const char* url :
       {"http://10.0.0.1/tsa", "http://tsp.pki.gov.kz/",
        "https://[::2]:443/tsa", "http://127.0.0.1.nip.io/"}) {
    const char* argv[] = {"tinysign-ncalayer", "--keys", "/k", "--tsa", url};
    Options options;
    std::string error;
    EXPECT_FALSE(
        ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error))
        << url;
    EXPECT_NE(error.find("is not allowed"), std::string::npos) << error;
  }
}

TEST(OptionsTest, RejectsMalformedTsa) {
  const char* argv[] = {"tinysign-ncalayer", "--keys", "/k", "--tsa",
                        "ftp://127.0.0.1/tsa"};
  Options options;
  std::string error;
  EXPECT_FALSE(
      ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error));
  EXPECT_NE(error.find("invalid --tsa URL"), std::string::npos) << error;
}

TEST(OptionsTest, AcceptsLocalhostTsa) {
  const char* argv[] = {"tinysign-ncalayer", "--keys", "/k", "--tsa",
                        "HTTP://localhost:8080/tsa"};
  Options options;
  std::string error;
  EXPECT_TRUE(
      ParseOptions(static_cast<int>(std::size(argv)), argv, &options, &error))
      << error;
}

TEST(HttpUrlTest, SchemeIsCaseInsensitive) {
  for (const char* url : {"HTTP://127.0.0.1:8080/a", "Https://127.0.0.1/a"}) {
    std::optional<HttpUrl> parsed = ParseHttpUrl(url);
    ASSERT_TRUE(parsed.has_value()) << url;
    EXPECT_TRUE(parsed->scheme == "http" || parsed->scheme == "https") << url;
  }
  EXPECT_EQ(ParseHttpUrl("HTTP://127.0.0.1:8080/a")->Origin(),
            "http://127.0.0.1:8080");
}

TEST(HttpUrlTest, OriginDropsDefaultPort) {
  const std::vector<std::pair<std::string, std::string>> kCases = {
      {"http://127.0.0.1:80/a", "http://127.0.0.1"},
      {"https://127.0.0.1:443/a", "https://127.0.0.1"},
      {"http://127.0.0.1:8080/a?b=c", "http://127.0.0.1:8080"},
      {"https://127.0.0.1", "https://127.0.0.1"},
      {"http://[::1]:81/", "http://[::1]:81"},
  };
  for (const auto& [url, origin] : kCases) {
    std::optional<HttpUrl> parsed = ParseHttpUrl(url);
    ASSERT_TRUE(parsed.has_value()) << url;
    EXPECT_EQ(parsed->Origin(), origin) << url;
  }
}

TEST(HttpUrlTest, SplitsPath) {
  std::optional<HttpUrl> parsed = ParseHttpUrl("http://127.0.0.1:8080");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->path, "/");
  parsed = ParseHttpUrl("http://127.0.0.1:8080/doc.pdf?id=1");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->path, "/doc.pdf?id=1");
  EXPECT_EQ(parsed->port, 8080);
}

TEST(HttpUrlTest, RejectsOtherForms) {
  for (const char* url :
       {"ftp://127.0.0.1/a", "http://user@127.0.0.1/a", "http:///a",
        "http://127.0.0.1:0/", "http://127.0.0.1/a#frag", "127.0.0.1/a"}) {
    EXPECT_FALSE(ParseHttpUrl(url).has_value()) << url;
  }
}

}  // namespace
}  // namespace tinysign::ncalayer
