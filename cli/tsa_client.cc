#include "cli/tsa_client.h"

#include <httplib.h>

#include <memory>
#include <string_view>

#include "core/crypto/algorithm.h"
#include "core/der/writer.h"
#include "core/tsp/timestamp.h"
#include "fetch/http_error.h"

namespace tinysign::cli {
namespace {

constexpr size_t kNonceBytes = 8;
constexpr time_t kTimeoutSeconds = 30;

// HttpTarget is a parsed "http://host[:port][/path]" URL.
struct HttpTarget {
  std::string host;
  int port = 80;
  std::string path = "/";
};

std::optional<HttpTarget> ParseHttpUrl(const std::string& url,
                                       std::string* error) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) {
    *error = "only http:// TSA URLs are supported";
    return std::nullopt;
  }
  const std::string rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  HttpTarget target;
  if (slash != std::string::npos) {
    target.path = rest.substr(slash);
  }
  const size_t colon = authority.rfind(':');
  target.host = authority.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535) {
      *error = "invalid port '" + port + "'";
      return std::nullopt;
    }
    target.port = std::stoi(port);
  }
  // TinySign sends nothing beyond this machine: NUC's TSA and any other
  // remote host need a configuration setting that does not exist yet.
  if (target.host != "127.0.0.1" && target.host != "localhost") {
    *error = "host '" + target.host +
             "' is not allowed: only 127.0.0.1 and localhost are, until a "
             "configuration setting allows other TSAs";
    return std::nullopt;
  }
  return target;
}

Bytes MakeNonce(crypto::RandomSource& random, std::string* error) {
  Bytes nonce(kNonceBytes);
  if (!random.Generate(nonce).has_value()) {
    *error = "random generator failed";
    return {};
  }
  // A positive INTEGER with a non-zero first byte encodes without a sign
  // byte, so the TSA's copy compares byte for byte.
  nonce[0] = static_cast<uint8_t>((nonce[0] & 0x7f) | 0x01);
  return nonce;
}

// CheckToken checks that the token answers this request.
bool CheckToken(const tsp::TimeStampToken& token,
                crypto::DigestAlgorithm algorithm, der::Input digest,
                der::Input nonce, std::string* error) {
  const tsp::TstInfo& info = token.tst_info();
  auto token_algorithm = crypto::ParseDigestAlgorithm(info.hash_algorithm_tlv);
  if (!token_algorithm.has_value() || *token_algorithm != algorithm ||
      !(info.hashed_message == digest)) {
    *error = "the token's messageImprint does not match the signature";
    return false;
  }
  if (!info.nonce.has_value() || !(*info.nonce == nonce)) {
    *error = "the token's nonce does not match the request";
    return false;
  }
  return true;
}

}  // namespace

Bytes EncodeTimeStampRequest(crypto::DigestAlgorithm algorithm,
                             der::Input digest, der::Input nonce) {
  // MessageImprint ::= SEQUENCE {
  //   hashAlgorithm  AlgorithmIdentifier,
  //   hashedMessage  OCTET STRING }
  der::Writer imprint;
  imprint.AddRaw(crypto::EncodeDigestAlgorithm(algorithm));
  imprint.AddOctetString(digest);
  // TimeStampReq ::= SEQUENCE {
  //   version         INTEGER { v1(1) },
  //   messageImprint  MessageImprint,
  //   reqPolicy       TSAPolicyId OPTIONAL,
  //   nonce           INTEGER OPTIONAL,
  //   certReq         BOOLEAN DEFAULT FALSE,
  //   extensions      [0] IMPLICIT Extensions OPTIONAL }
  der::Writer fields;
  fields.AddSmallInteger(1);
  fields.AddConstructed(der::tag::kSequence, imprint);
  fields.AddUnsignedInteger(nonce);
  fields.AddBoolean(true);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, fields);
  return out.Take();
}

std::optional<Bytes> FetchTimestampToken(const std::string& url,
                                         crypto::DigestAlgorithm algorithm,
                                         der::Input digest,
                                         crypto::RandomSource& random,
                                         std::string* error) {
  std::optional<HttpTarget> target = ParseHttpUrl(url, error);
  if (!target.has_value()) {
    return std::nullopt;
  }
  const Bytes nonce = MakeNonce(random, error);
  if (nonce.empty()) {
    return std::nullopt;
  }
  const Bytes request = EncodeTimeStampRequest(algorithm, digest, nonce);
  httplib::Client client(target->host, target->port);
  client.set_connection_timeout(kTimeoutSeconds);
  client.set_read_timeout(kTimeoutSeconds);
  auto response =
      client.Post(target->path, reinterpret_cast<const char*>(request.data()),
                  request.size(), "application/timestamp-query");
  if (!response) {
    *error = fetch::DescribeHttpError(response.error());
    return std::nullopt;
  }
  if (response->status != 200) {
    *error = "TSA returned HTTP status " + std::to_string(response->status);
    return std::nullopt;
  }
  auto parsed = tsp::ParseTimeStampResponse(der::Input(response->body));
  if (!parsed.has_value()) {
    *error = "invalid TimeStampResp: " + parsed.error().ToString();
    return std::nullopt;
  }
  auto token = (*parsed)->granted_token();
  if (!token.has_value()) {
    *error = token.error().ToString();
    return std::nullopt;
  }
  if (!CheckToken(**token, algorithm, digest, nonce, error)) {
    return std::nullopt;
  }
  return (*token)->signed_data().der().ToBytes();
}

}  // namespace tinysign::cli
