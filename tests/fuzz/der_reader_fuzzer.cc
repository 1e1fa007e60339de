// Fuzz target for der::ConvertBerToDer and a generic walk with der::Reader:
// whatever the converter accepts must be DER the strict reader can walk.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/der/ber.h"
#include "core/der/reader.h"

namespace {

constexpr size_t kMaxFuzzInputBytes = 64 * 1024;

// Walk reads every element below `reader`, descending into constructed
// ones, and returns false on the first error.
bool Walk(tinysign::der::Reader reader) {
  while (!reader.AtEnd()) {
    auto element = reader.ReadElement();
    if (!element) {
      return false;
    }
    if ((element->tag & tinysign::der::tag::kConstructedBit) != 0) {
      tinysign::der::Reader outer(element->tlv, reader.depth());
      auto child = outer.ReadConstructed(element->tag);
      if (!child || !Walk(*child)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  (void)Walk(tinysign::der::Reader(input));
  auto der = tinysign::der::ConvertBerToDer(input);
  if (der && !Walk(tinysign::der::Reader(*der))) {
    // The converter's output must always be readable DER.
    std::abort();
  }
  return 0;
}
