#include "ncalayer-module/timestamp_client.h"

#include <httplib.h>
#include <openssl/rand.h>

#include "core/crypto/algorithm.h"
#include "core/crypto/digest.h"
#include "core/der/reader.h"
#include "core/der/writer.h"
#include "core/tsp/timestamp.h"
#include "fetch/http_error.h"
#include "ncalayer-module/url.h"

namespace tinysign::ncalayer {
namespace {

// TokenTlv returns the timeStampToken of a DER TimeStampResp:
//   TimeStampResp ::= SEQUENCE {
//     status          PKIStatusInfo,
//     timeStampToken  TimeStampToken OPTIONAL }
Result<der::Input> TokenTlv(der::Input response) {
  der::Reader outer(response);
  TINYSIGN_ASSIGN_OR_RETURN(der::Reader sequence, outer.ReadSequence());
  TINYSIGN_ASSIGN_OR_RETURN(der::Input status,
                            sequence.ReadTlv(der::tag::kSequence));
  (void)status;
  return sequence.ReadTlv(der::tag::kSequence);
}

bool CheckToken(const tsp::TimeStampToken& token, der::Input digest,
                der::Input nonce, std::string* error) {
  const tsp::TstInfo& info = token.tst_info();
  if (info.hashed_message != digest) {
    *error = "the TSA token covers a different message imprint";
    return false;
  }
  // The nonce is sent with its top bit clear, so its INTEGER contents are
  // the magnitude itself.
  if (!info.nonce || *info.nonce != nonce) {
    *error = "the TSA token does not repeat the request nonce";
    return false;
  }
  return true;
}

bool Post(const std::string& url, const Bytes& request, std::string* body,
          std::string* error) {
  std::optional<HttpUrl> parsed = ParseHttpUrl(url);
  if (!parsed) {
    *error = "invalid --tsa URL \"" + url + "\"";
    return false;
  }
  httplib::Client client(parsed->scheme + "://" + parsed->host + ":" +
                         std::to_string(parsed->port));
  client.set_connection_timeout(10);
  client.set_read_timeout(30);
  httplib::Result result =
      client.Post(parsed->path, reinterpret_cast<const char*>(request.data()),
                  request.size(), "application/timestamp-query");
  if (!result) {
    *error = "TSA request to " + url +
             " failed: " + fetch::DescribeHttpError(result.error());
    return false;
  }
  if (result->status != 200) {
    *error = "TSA at " + url + " returned HTTP status " +
             std::to_string(result->status);
    return false;
  }
  *body = result->body;
  return true;
}

}  // namespace

Bytes BuildTimeStampRequest(der::Input digest, der::Input nonce) {
  // MessageImprint ::= SEQUENCE {
  //   hashAlgorithm  AlgorithmIdentifier,
  //   hashedMessage  OCTET STRING }
  der::Writer imprint;
  imprint.AddRaw(
      crypto::EncodeDigestAlgorithm(crypto::DigestAlgorithm::kSha256));
  imprint.AddOctetString(digest);
  // TimeStampReq ::= SEQUENCE {
  //   version         INTEGER { v1(1) },
  //   messageImprint  MessageImprint,
  //   reqPolicy       TSAPolicyId OPTIONAL,
  //   nonce           INTEGER OPTIONAL,
  //   certReq         BOOLEAN DEFAULT FALSE,
  //   extensions      [0] IMPLICIT Extensions OPTIONAL }
  der::Writer request;
  request.AddSmallInteger(1);
  request.AddConstructed(der::tag::kSequence, imprint);
  request.AddUnsignedInteger(nonce);
  request.AddBoolean(true);
  der::Writer out;
  out.AddConstructed(der::tag::kSequence, request);
  return out.Take();
}

bool TimestampClient::RequestToken(der::Input signature_value, Bytes* token,
                                   std::string* error) {
  Bytes digest =
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, signature_value);
  Bytes nonce(8);
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    *error = "generating the TSA nonce failed";
    return false;
  }
  nonce[0] = (nonce[0] & 0x7f) | 0x01;  // Positive, minimal, 8 octets.
  std::string body;
  if (!Post(url_, BuildTimeStampRequest(digest, nonce), &body, error)) {
    return false;
  }
  der::Input response(body);
  auto parsed = tsp::ParseTimeStampResponse(response);
  if (!parsed) {
    *error = "invalid TSA response: " + parsed.error().ToString();
    return false;
  }
  auto granted = (*parsed)->granted_token();
  if (!granted) {
    *error = "TSA refused the request: " + granted.error().ToString();
    return false;
  }
  if (!CheckToken(**granted, digest, nonce, error)) {
    return false;
  }
  Result<der::Input> token_tlv = TokenTlv(response);
  if (!token_tlv) {
    *error = "invalid TSA response: " + token_tlv.error().ToString();
    return false;
  }
  *token = token_tlv->ToBytes();
  return true;
}

}  // namespace tinysign::ncalayer
