// Configuration of tinysign-server: file, environment and flags, each
// overriding the one before.
#include "server/config.h"

#include <gtest/gtest.h>

#include <map>

#include "server/api_key.h"

namespace tinysign::server {
namespace {

EnvironmentLookup LookupIn(std::map<std::string, std::string> variables) {
  return [variables](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(std::string(name));
    if (found == variables.end()) {
      return std::nullopt;
    }
    return found->second;
  };
}

constexpr char kHash[] =
    "62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef";

TEST(ConfigDefaultsTest, ListenOnLoopbackWith50MiBDocuments) {
  const ServerConfig config;
  EXPECT_EQ(config.listen_host, "127.0.0.1");
  EXPECT_EQ(config.listen_port, 8080);
  EXPECT_EQ(config.max_document_bytes, 52428800u);  // 50 * 1024 * 1024.
  EXPECT_TRUE(config.api_key_hashes.empty());
}

TEST(ConfigJsonTest, SetsEveryField) {
  ServerConfig config;
  std::string error;
  ASSERT_TRUE(ApplyConfigJson(R"({
      "listen": "0.0.0.0:9000", "trust": ["/a", "/b"], "webRoot": "/www",
      "apiKeySha256": [")" + std::string(kHash) +
                                  R"("],
      "maxDocumentBytes": 1000, "maxSignatureBytes": 2000,
      "readTimeoutSeconds": 7, "writeTimeoutSeconds": 8,
      "keepAliveTimeoutSeconds": 9, "workers": 3, "logLevel": "debug"})",
                              &config, &error))
      << error;
  EXPECT_EQ(config.listen_host, "0.0.0.0");
  EXPECT_EQ(config.listen_port, 9000);
  EXPECT_EQ(config.trust_dirs, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(config.web_root, "/www");
  EXPECT_EQ(config.api_key_hashes, std::vector<std::string>{kHash});
  EXPECT_EQ(config.max_document_bytes, 1000u);
  EXPECT_EQ(config.max_signature_bytes, 2000u);
  EXPECT_EQ(config.read_timeout_seconds, 7);
  EXPECT_EQ(config.write_timeout_seconds, 8);
  EXPECT_EQ(config.keep_alive_timeout_seconds, 9);
  EXPECT_EQ(config.num_workers, 3);
  EXPECT_EQ(config.log_level, LogLevel::kDebug);
}

TEST(ConfigJsonTest, RejectsBadInput) {
  const char* cases[] = {
      "not json",
      "[]",
      R"({"listn": "127.0.0.1:1"})",
      R"({"listen": "127.0.0.1"})",
      R"({"listen": "127.0.0.1:65536"})",
      R"({"trust": "/a"})",
      R"({"apiKeySha256": ["test-key"]})",
      R"({"maxDocumentBytes": 0})",
      R"({"maxDocumentBytes": "10"})",
      R"({"readTimeoutSeconds": 3601})",
      R"({"logLevel": "verbose"})",
  };
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    ServerConfig config;
    std::string error;
    EXPECT_FALSE(ApplyConfigJson(text, &config, &error));
    EXPECT_FALSE(error.empty());
  }
}

TEST(ConfigEnvironmentTest, OverridesFile) {
  ServerConfig config;
  std::string error;
  ASSERT_TRUE(ApplyConfigJson(R"({"listen": "127.0.0.1:1", "trust": ["/f"]})",
                              &config, &error));
  ASSERT_TRUE(ApplyEnvironment(
      LookupIn({{"TINYSIGN_LISTEN", "127.0.0.1:2"},
                {"TINYSIGN_TRUST", "/e1:/e2"},
                {"TINYSIGN_API_KEY_SHA256", std::string(kHash) + "," + kHash},
                {"TINYSIGN_MAX_DOCUMENT_BYTES", "77"},
                {"TINYSIGN_LOG_LEVEL", "error"}}),
      &config, &error))
      << error;
  EXPECT_EQ(config.listen_port, 2);
  EXPECT_EQ(config.trust_dirs, (std::vector<std::string>{"/e1", "/e2"}));
  EXPECT_EQ(config.api_key_hashes.size(), 2u);
  EXPECT_EQ(config.max_document_bytes, 77u);
  EXPECT_EQ(config.log_level, LogLevel::kError);
}

TEST(ConfigEnvironmentTest, RejectsBadNumber) {
  ServerConfig config;
  std::string error;
  EXPECT_FALSE(ApplyEnvironment(
      LookupIn({{"TINYSIGN_MAX_DOCUMENT_BYTES", "12k"}}), &config, &error));
  EXPECT_NE(error.find("TINYSIGN_MAX_DOCUMENT_BYTES"), std::string::npos);
}

TEST(ConfigAdmissionTest, ReadsLimitsRejectsOnePast) {
  ServerConfig config;
  std::string error;
  EXPECT_EQ(config.num_connections, 64);
  EXPECT_EQ(config.max_buffered_bytes, 256u * 1024 * 1024);
  EXPECT_EQ(config.queue_timeout_seconds, 30);
  EXPECT_EQ(config.shutdown_timeout_seconds, 30);

  ASSERT_TRUE(ApplyConfigJson(R"({"connections": 4096,
                                  "maxBufferedBytes": 1,
                                  "queueTimeoutSeconds": 3600,
                                  "shutdownTimeoutSeconds": 1})",
                              &config, &error))
      << error;
  EXPECT_EQ(config.shutdown_timeout_seconds, 1);
  EXPECT_EQ(config.num_connections, 4096);
  EXPECT_EQ(config.max_buffered_bytes, 1u);
  EXPECT_EQ(config.queue_timeout_seconds, 3600);

  ASSERT_TRUE(
      ApplyEnvironment(LookupIn({{"TINYSIGN_CONNECTIONS", "1"},
                                 {"TINYSIGN_MAX_BUFFERED_BYTES", "5"},
                                 {"TINYSIGN_QUEUE_TIMEOUT_SECONDS", "1"}}),
                       &config, &error))
      << error;
  EXPECT_EQ(config.num_connections, 1);
  EXPECT_EQ(config.max_buffered_bytes, 5u);
  EXPECT_EQ(config.queue_timeout_seconds, 1);

  for (const char* text :
       {R"({"connections": 0})", R"({"connections": 4097})",
        R"({"maxBufferedBytes": 0})", R"({"queueTimeoutSeconds": 0})",
        R"({"queueTimeoutSeconds": 3601})",
        R"({"shutdownTimeoutSeconds": 0})"}) {
    ServerConfig rejected;
    EXPECT_FALSE(ApplyConfigJson(text, &rejected, &error)) << text;
  }
}

TEST(CommandLineTest, FlagsOverrideEnvironment) {
  CommandLine command_line;
  std::string error;
  ASSERT_TRUE(
      ParseCommandLine({"--listen", "127.0.0.1:3", "--trust", "/x", "--trust",
                        "/y", "--web-root", "/w", "--log-level", "warning"},
                       &command_line, &error))
      << error;
  ServerConfig config;
  ASSERT_TRUE(LoadConfig(
      command_line,
      LookupIn({{"TINYSIGN_LISTEN", "127.0.0.1:2"}, {"TINYSIGN_TRUST", "/e"}}),
      &config, &error))
      << error;
  EXPECT_EQ(config.listen_port, 3);
  EXPECT_EQ(config.trust_dirs, (std::vector<std::string>{"/x", "/y"}));
  EXPECT_EQ(config.web_root, "/w");
  EXPECT_EQ(config.log_level, LogLevel::kWarning);
}

TEST(CommandLineTest, RejectsUnknownAndIncompleteFlags) {
  CommandLine command_line;
  std::string error;
  EXPECT_FALSE(ParseCommandLine({"--port", "1"}, &command_line, &error));
  EXPECT_FALSE(ParseCommandLine({"--listen"}, &command_line, &error));
  EXPECT_NE(error.find("--listen needs a value"), std::string::npos);
}

TEST(CommandLineTest, MissingConfigFileFails) {
  CommandLine command_line;
  command_line.config_path = "/nonexistent/tinysign.json";
  ServerConfig config;
  std::string error;
  EXPECT_FALSE(LoadConfig(command_line, LookupIn({}), &config, &error));
  EXPECT_NE(error.find("/nonexistent/tinysign.json"), std::string::npos);
}

TEST(ConfigFetchTest, ReadsFileEnvironmentAndFlags) {
  ServerConfig config;
  std::string error;
  ASSERT_TRUE(ApplyConfigJson(
      R"({"fetchEnabled": true, "fetchMap": ["http://a=http://127.0.0.1:1"],
          "fetchTimeoutMs": 250, "crlUrls": ["http://127.0.0.1:2/c.crl"],
          "crlGraceSeconds": 60})",
      &config, &error))
      << error;
  EXPECT_TRUE(config.fetch_enabled);
  EXPECT_EQ(config.fetch_map,
            std::vector<std::string>{"http://a=http://127.0.0.1:1"});
  EXPECT_EQ(config.fetch_timeout_ms, 250);
  EXPECT_EQ(config.crl_urls.size(), 1u);
  EXPECT_EQ(config.crl_grace_seconds, 60);

  ASSERT_TRUE(ApplyEnvironment(LookupIn({{"TINYSIGN_FETCH_ENABLED", "false"},
                                         {"TINYSIGN_FETCH_MAP",
                                          "http://b=http://127.0.0.1:3,"
                                          "http://c=http://127.0.0.1:4"}}),
                               &config, &error))
      << error;
  EXPECT_FALSE(config.fetch_enabled);
  EXPECT_EQ(config.fetch_map.size(), 2u);

  EXPECT_FALSE(
      ApplyConfigJson(R"({"fetchMap": ["no-equals-sign"]})", &config, &error));
  EXPECT_FALSE(ApplyEnvironment(LookupIn({{"TINYSIGN_FETCH_ENABLED", "yes"}}),
                                &config, &error));

  CommandLine command_line;
  ASSERT_TRUE(ParseCommandLine(
      {"--no-fetch", "--fetch-map", "http://d=http://127.0.0.1:5"},
      &command_line, &error));
  ServerConfig from_flags;
  ASSERT_TRUE(LoadConfig(command_line, LookupIn({}), &from_flags, &error));
  EXPECT_FALSE(from_flags.fetch_enabled);
  EXPECT_EQ(from_flags.fetch_map,
            std::vector<std::string>{"http://d=http://127.0.0.1:5"});
}

// kOverrideUrl is a loopback OCSP URL, and kOtherUrl replaces it in later
// layers of the configuration.
constexpr char kOverrideUrl[] = "http://127.0.0.1:8081/ocsp";
constexpr char kOtherUrl[] = "http://127.0.0.1:8082/ocsp";

using OverrideMap = std::map<std::string, std::string>;

TEST(ConfigOcspOverrideTest, ReadsFileEnvironmentAndFlags) {
  ServerConfig config;
  EXPECT_TRUE(config.ocsp_overrides.empty());
  std::string error;
  ASSERT_TRUE(ApplyConfigJson(R"({"ocspOverrides": {
      "3F:1A:09:C2": "http://127.0.0.1:8081/ocsp",
      "00FFab": "http://localhost/"}})",
                              &config, &error))
      << error;
  EXPECT_EQ(config.ocsp_overrides,
            (OverrideMap{{"3f1a09c2", kOverrideUrl},
                         {"00ffab", "http://localhost/"}}));

  // The environment replaces the whole map of the file.
  ASSERT_TRUE(ApplyEnvironment(
      LookupIn({{"TINYSIGN_OCSP_OVERRIDES",
                 std::string("AABB=") + kOtherUrl + ",cc:dd=" + kOverrideUrl}}),
      &config, &error))
      << error;
  EXPECT_EQ(config.ocsp_overrides,
            (OverrideMap{{"aabb", kOtherUrl}, {"ccdd", kOverrideUrl}}));

  CommandLine command_line;
  ASSERT_TRUE(
      ParseCommandLine({"--ocsp-override", std::string("0102=") + kOverrideUrl,
                        "--ocsp-override", std::string("0A:0B=") + kOtherUrl},
                       &command_line, &error))
      << error;
  ServerConfig from_flags;
  ASSERT_TRUE(LoadConfig(
      command_line,
      LookupIn({{"TINYSIGN_OCSP_OVERRIDES", std::string("aabb=") + kOtherUrl}}),
      &from_flags, &error))
      << error;
  EXPECT_EQ(from_flags.ocsp_overrides,
            (OverrideMap{{"0102", kOverrideUrl}, {"0a0b", kOtherUrl}}));
}

// BadOverride is a KEYID=URL value that every layer must reject, with a
// fragment the error message must contain.
struct BadOverride {
  std::string key_identifier;
  std::string url;
  std::string expected_in_error;
};

const BadOverride kBadOverrides[] = {
    {"", kOverrideUrl, "key identifier ''"},
    {"abc", kOverrideUrl, "odd number of hex digits"},
    {"3f1g", kOverrideUrl, "'g' is not a hex digit"},
    {"3f 1a", kOverrideUrl, "' ' is not a hex digit"},
    {"3f1:a", kOverrideUrl, "':' may only separate bytes"},
    {":3f", kOverrideUrl, "':' may only separate bytes"},
    {"3f::1a", kOverrideUrl, "':' may only separate bytes"},
    {"3f1a", "https://127.0.0.1/ocsp", "does not start with http://"},
    {"3f1a", "127.0.0.1:8081/ocsp", "does not start with http://"},
    {"3f1a", "http:///ocsp", "has no host"},
    {"3f1a", "http://127.0.0.1:0/ocsp", "invalid port"},
};

TEST(ConfigOcspOverrideTest, FileRejectsBadValues) {
  for (const BadOverride& bad : kBadOverrides) {
    const std::string text = R"({"ocspOverrides": {")" + bad.key_identifier +
                             R"(": ")" + bad.url + R"("}})";
    SCOPED_TRACE(text);
    ServerConfig config;
    std::string error;
    EXPECT_FALSE(ApplyConfigJson(text, &config, &error));
    EXPECT_NE(error.find(bad.expected_in_error), std::string::npos) << error;
    EXPECT_NE(error.find("expected"), std::string::npos) << error;
    EXPECT_TRUE(config.ocsp_overrides.empty());
  }
}

TEST(ConfigOcspOverrideTest, EnvironmentRejectsBadValues) {
  for (const BadOverride& bad : kBadOverrides) {
    const std::string value = bad.key_identifier + "=" + bad.url;
    SCOPED_TRACE(value);
    ServerConfig config;
    std::string error;
    EXPECT_FALSE(ApplyEnvironment(
        LookupIn({{"TINYSIGN_OCSP_OVERRIDES", value}}), &config, &error));
    EXPECT_NE(error.find("TINYSIGN_OCSP_OVERRIDES"), std::string::npos)
        << error;
    EXPECT_NE(error.find(bad.expected_in_error), std::string::npos) << error;
  }
}

TEST(ConfigOcspOverrideTest, FlagRejectsBadValues) {
  for (const BadOverride& bad : kBadOverrides) {
    const std::string value = bad.key_identifier + "=" + bad.url;
    SCOPED_TRACE(value);
    CommandLine command_line;
    std::string error;
    ASSERT_TRUE(
        ParseCommandLine({"--ocsp-override", value}, &command_line, &error));
    ServerConfig config;
    EXPECT_FALSE(LoadConfig(command_line, LookupIn({}), &config, &error));
    EXPECT_NE(error.find("--ocsp-override"), std::string::npos) << error;
    EXPECT_NE(error.find(bad.expected_in_error), std::string::npos) << error;
  }
}

TEST(ConfigOcspOverrideTest, RejectsMissingEqualsAndDuplicates) {
  ServerConfig config;
  std::string error;
  EXPECT_FALSE(ApplyEnvironment(LookupIn({{"TINYSIGN_OCSP_OVERRIDES", "3f1a"}}),
                                &config, &error));
  EXPECT_NE(error.find("expected KEYID=URL"), std::string::npos) << error;

  // "3F:1A" and "3f1a" name the same issuer once normalised.
  EXPECT_FALSE(ApplyEnvironment(
      LookupIn({{"TINYSIGN_OCSP_OVERRIDES",
                 std::string("3F:1A=") + kOverrideUrl + ",3f1a=" + kOtherUrl}}),
      &config, &error));
  EXPECT_NE(error.find("duplicate OCSP override for key identifier 3f1a"),
            std::string::npos)
      << error;

  EXPECT_FALSE(ApplyConfigJson(R"({"ocspOverrides": ["3f1a=http://h/"]})",
                               &config, &error));
  EXPECT_NE(error.find("must be an object"), std::string::npos) << error;
  EXPECT_FALSE(
      ApplyConfigJson(R"({"ocspOverrides": {"3f1a": 1}})", &config, &error));
  EXPECT_NE(error.find("must be a URL string"), std::string::npos) << error;
  EXPECT_TRUE(config.ocsp_overrides.empty());
}

TEST(ConfigCacheDirTest, FileEnvironmentThenFlag) {
  ServerConfig config;
  EXPECT_EQ(config.cache_dir, "");
  std::string error;
  ASSERT_TRUE(ApplyConfigJson(R"({"cacheDir": "/from/file"})", &config, &error))
      << error;
  EXPECT_EQ(config.cache_dir, "/from/file");
  ASSERT_TRUE(ApplyEnvironment(LookupIn({{"TINYSIGN_CACHE_DIR", "/from/env"}}),
                               &config, &error))
      << error;
  EXPECT_EQ(config.cache_dir, "/from/env");
  // An empty variable turns the cache folder of the file off.
  ASSERT_TRUE(ApplyEnvironment(LookupIn({{"TINYSIGN_CACHE_DIR", ""}}), &config,
                               &error));
  EXPECT_EQ(config.cache_dir, "");

  CommandLine command_line;
  ASSERT_TRUE(
      ParseCommandLine({"--cache-dir", "/from/flag"}, &command_line, &error));
  ServerConfig from_flags;
  ASSERT_TRUE(LoadConfig(command_line,
                         LookupIn({{"TINYSIGN_CACHE_DIR", "/from/env"}}),
                         &from_flags, &error))
      << error;
  EXPECT_EQ(from_flags.cache_dir, "/from/flag");

  EXPECT_FALSE(ApplyConfigJson(R"({"cacheDir": 5})", &config, &error));
  EXPECT_FALSE(ParseCommandLine({"--cache-dir"}, &command_line, &error));
}

TEST(ApiKeyHashTest, MatchesSha256sum) {
  EXPECT_EQ(HashApiKey("test-key"), kHash);
  const ApiKeySet keys({kHash});
  EXPECT_TRUE(keys.Accepts("test-key"));
  EXPECT_FALSE(keys.Accepts("test-key2"));
  EXPECT_FALSE(keys.Accepts(""));
}

TEST(ApiKeyHashTest, ReadsBearerThenXApiKey) {
  EXPECT_EQ(KeyFromHeaders("Bearer abc", "xyz"), "abc");
  EXPECT_EQ(KeyFromHeaders("", "xyz"), "xyz");
  EXPECT_EQ(KeyFromHeaders("Basic abc", "xyz"), "xyz");
  EXPECT_EQ(KeyFromHeaders("Basic abc", ""), "");
  EXPECT_EQ(KeyFromHeaders("bearer abc", ""), "abc");
  EXPECT_EQ(KeyFromHeaders("BEARER   abc", ""), "abc");
  EXPECT_EQ(KeyFromHeaders("Bearer", "xyz"), "xyz");
  EXPECT_EQ(KeyFromHeaders("Bearerabc", "xyz"), "xyz");
  EXPECT_EQ(KeyFromHeaders("", ""), "");
}

}  // namespace
}  // namespace tinysign::server
