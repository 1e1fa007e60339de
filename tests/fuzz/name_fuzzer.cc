// Fuzz target for x509::ParseName, Name::ToRfc4514 and NamesMatch.
//
// Seeds in corpus/name/ are names built with der::Writer and the subject of
// a certificate made by `openssl req -x509`; FuzzCorpusTest in
// tests/core/x509 rewrites them when TINYSIGN_WRITE_FUZZ_CORPUS names the
// corpus folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/x509/name.h"

namespace {

constexpr size_t kMaxFuzzInputBytes = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto name = tinysign::x509::ParseName(input);
  if (!name) {
    return 0;
  }
  // A parsed name views all of its input, parses again to the same text,
  // and matches itself.
  auto again = tinysign::x509::ParseName(name->tlv());
  if (!(name->tlv() == input) || !again ||
      again->ToRfc4514() != name->ToRfc4514() ||
      !tinysign::x509::NamesMatch(*name, *again)) {
    std::abort();
  }
  return 0;
}
