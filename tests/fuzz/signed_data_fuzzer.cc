// Fuzz target for cms::ParseSignedData and the typed signed attributes.
#include <cstddef>
#include <cstdint>

#include "core/cms/attributes.h"
#include "core/cms/signed_data.h"

namespace {

// Larger inputs only slow the fuzzer down without reaching new code.
constexpr size_t kMaxFuzzInputBytes = 256 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  auto parsed =
      tinysign::cms::ParseSignedData(tinysign::der::Input(data, size));
  if (!parsed) {
    return 0;
  }
  for (const auto& signer : (*parsed)->signers()) {
    if (signer.signed_attributes_tlv) {
      (void)tinysign::cms::ParseSignedAttributes(signer);
      (void)tinysign::cms::SignedAttributesToVerify(
          *signer.signed_attributes_tlv);
    }
    (void)tinysign::cms::FindTimestampTokens(signer);
  }
  return 0;
}
