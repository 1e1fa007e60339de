// Fuzz target for `encoding::NormalizeToDerList`, which every file given to
// the CLI, the service and the WebAssembly build passes through first.
//
// Besides looking for crashes it checks these invariants on success:
// - the list is not empty and no element is empty;
// - input that starts with a SEQUENCE tag comes back unchanged;
// - every element, wrapped in PEM again, normalises to itself;
// - an element that starts with a SEQUENCE tag, as base64, normalises to
//   itself. Other bytes are skipped because base64 text that starts with
//   '0' (0x30) is taken for DER.
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
  // NOTE: this fails for input such as "p" as long as `DecodeBase64` passes
  // base64 without its final padding to Mbed TLS 2.28, which silently drops
  // an incomplete last group of 1 to 3 characters.
  Check(!der.empty());
  const std::string base64 = tinysign::encoding::EncodeBase64(der);
  CheckNormalizesTo(
      "-----BEGIN CMS-----\r\n" + base64 + "\r\n-----END CMS-----\r\n", der);
  if (der.front() == 0x30) {
    CheckNormalizesTo(base64, der);
  }
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
