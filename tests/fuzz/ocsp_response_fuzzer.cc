// Fuzz target for ocsp::ParseOcspResponse.
//
// Seeds in corpus/ocsp_response/ are responses built with der::Writer;
// OcspFuzzCorpusTest in tests/core/ocsp rewrites them when
// TINYSIGN_WRITE_FUZZ_CORPUS names the corpus folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/ocsp/response.h"

namespace {

// Larger inputs only slow the fuzzer down without reaching new code.
constexpr size_t kMaxFuzzInputBytes = 256 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto parsed = tinysign::ocsp::ParseOcspResponse(input);
  if (!parsed) {
    return 0;
  }
  const tinysign::ocsp::OcspResponse& response = **parsed;
  // A parsed response has a BasicOCSPResponse exactly when it is
  // successful.
  const bool successful =
      response.response_status() == tinysign::ocsp::ResponseStatus::kSuccessful;
  auto basic = response.basic_response();
  if (!(response.der() == input) || basic.has_value() != successful) {
    std::abort();
  }
  (void)tinysign::ocsp::ResponseStatusName(response.response_status());
  return 0;
}
