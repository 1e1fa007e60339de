// Fuzz target for crl::ParseCrl and the serial index.
//
// Seeds in corpus/crl/ are CRLs built with der::Writer; CrlFuzzCorpusTest
// in tests/core/crl rewrites them when TINYSIGN_WRITE_FUZZ_CORPUS names the
// corpus folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/crl/crl.h"

namespace {

// Larger inputs only slow the fuzzer down without reaching new code.
constexpr size_t kMaxFuzzInputBytes = 256 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto parsed = tinysign::crl::ParseCrl(input);
  if (!parsed) {
    return 0;
  }
  const tinysign::crl::Crl& crl = **parsed;
  if (!(crl.der() == input)) {
    std::abort();
  }
  // Every listed serial with a non-negative value is found by the index.
  for (size_t i = 0; i < crl.num_entries(); ++i) {
    const tinysign::crl::RevokedCertificate entry = crl.entry(i);
    if (entry.negative_serial) {
      continue;
    }
    auto found = crl.FindRevoked(entry.serial_number);
    if (!found || !(found->serial_number == entry.serial_number)) {
      std::abort();
    }
  }
  return 0;
}
