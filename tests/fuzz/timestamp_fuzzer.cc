// Fuzz target for tsp::ParseTimeStampResponse, tsp::ParseTimeStampToken and
// tsp::ParseTstInfo; every input goes through all three.
//
// Seeds in corpus/timestamp/ are responses, tokens and TSTInfos built with
// der::Writer; TimestampFuzzCorpusTest in tests/core/tsp rewrites them when
// TINYSIGN_WRITE_FUZZ_CORPUS names the corpus folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/tsp/timestamp.h"

namespace {

// Larger inputs only slow the fuzzer down without reaching new code.
constexpr size_t kMaxFuzzInputBytes = 256 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto response = tinysign::tsp::ParseTimeStampResponse(input);
  if (response) {
    // RFC 3161: a token comes with status granted or grantedWithMods only.
    const auto status = (*response)->status();
    const bool granted = status == tinysign::tsp::PkiStatus::kGranted ||
                         status == tinysign::tsp::PkiStatus::kGrantedWithMods;
    if (granted != ((*response)->token() != nullptr)) {
      std::abort();
    }
  }
  auto token = tinysign::tsp::ParseTimeStampToken(input);
  if (token) {
    // The TSTInfo is exactly the encapsulated content.
    const auto& content = (*token)->signed_data().encapsulated_content();
    if (!content || !(*content == (*token)->tst_info().tlv) ||
        (*token)->signed_data().signers().size() != 1) {
      std::abort();
    }
  }
  (void)tinysign::tsp::ParseTstInfo(input);
  return 0;
}
