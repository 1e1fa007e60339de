// Fuzz target for pkcs12::ParsePkcs12 and pkcs12::ParsePrivateKeyInfo.
//
// The MAC stops random changes to a whole file before the bags are read,
// so the same input also goes to ParsePrivateKeyInfo, which parses
// decrypted key bags. Seeds in corpus/pkcs12/ are built by
// Pkcs12FuzzCorpusTest in tests/core/pkcs12, which rewrites them when
// TINYSIGN_WRITE_FUZZ_CORPUS names the corpus folder. Seed files use the
// password "fuzz" and one iteration.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/pkcs12/pfx.h"
#include "core/pkcs12/private_key_info.h"

namespace {

// NUC key files are under 8 KB; larger inputs only slow the fuzzer down.
constexpr size_t kMaxFuzzInputBytes = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto contents = tinysign::pkcs12::ParsePkcs12(input, "fuzz");
  if (contents) {
    for (const auto& key : contents->keys) {
      (void)tinysign::pkcs12::ParsePrivateKeyInfo(key.private_key_info);
    }
  }
  // A key that parses must encode and parse back to the same key.
  auto key = tinysign::pkcs12::ParsePrivateKeyInfo(input);
  if (!key) {
    return 0;
  }
  auto encoded = tinysign::pkcs12::EncodePrivateKeyInfo(*key);
  if (!encoded) {
    return 0;  // Such as a GOST scalar of 0, which has no public key.
  }
  auto reparsed = tinysign::pkcs12::ParsePrivateKeyInfo(*encoded);
  if (!reparsed || reparsed->algorithm != key->algorithm) {
    std::abort();
  }
  auto again = tinysign::pkcs12::EncodePrivateKeyInfo(*reparsed);
  if (!again || *again != *encoded) {
    std::abort();
  }
  return 0;
}
