// Fuzz target for `encoding::NormalizeToDerList`, which every file given to
// the CLI, the service and the WebAssembly build passes through first.
//
// Besides looking for crashes it checks these invariants on success:
// - the list is not empty, and every element starts with a SEQUENCE tag;
// - input that starts with a SEQUENCE tag comes back unchanged;
// - every element, as base64 and wrapped in PEM, normalises to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/encoding/input_form.h"

namespace {

using tinysign::Bytes;
using tinysign::der::Input;

// Larger inputs only slow the fuzzer down: the code paths are the same.
constexpr size_t kMaxFuzzInputBytes = 256 * 1024;

void Check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// CheckNormalizesTo checks that `text` normalises to exactly `der`.
void CheckNormalizesTo(const std::string& text, const Bytes& der) {
  auto list = tinysign::encoding::NormalizeToDerList(Input(text));
  Check(list.has_value());
  Check(list->size() == 1);
  Check(list->front() == der);
}

void CheckElement(const Bytes& der) {
  Check(!der.empty());
  Check(der.front() == 0x30);
  const std::string base64 = tinysign::encoding::EncodeBase64(der);
  CheckNormalizesTo(base64, der);
  CheckNormalizesTo(
      "-----BEGIN CMS-----\r\n" + base64 + "\r\n-----END CMS-----\r\n", der);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const Input input(data, size);
  auto list = tinysign::encoding::NormalizeToDerList(input);
  if (!list.has_value()) {
    return 0;
  }
  Check(!list->empty());
  if (size > 0 && data[0] == 0x30) {
    Check(list->size() == 1);
    Check(Input(list->front()) == input);
  }
  for (const Bytes& der : *list) {
    CheckElement(der);
  }
  return 0;
}
