// Fuzz target for x509::ParseCertificate and what the report reads from a
// parsed certificate: the NUC identity and the RFC 4514 names.
//
// Seeds in corpus/certificate/ are certificates built with der::Writer and
// made by `openssl req -x509`; FuzzCorpusTest in tests/core/x509 rewrites
// them when TINYSIGN_WRITE_FUZZ_CORPUS names the corpus folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/x509/certificate.h"
#include "core/x509/nuc_profile.h"

namespace {

constexpr size_t kMaxFuzzInputBytes = 64 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxFuzzInputBytes) {
    return 0;
  }
  const tinysign::der::Input input(data, size);
  auto parsed = tinysign::x509::ParseCertificate(input);
  if (!parsed) {
    return 0;
  }
  const tinysign::x509::Certificate& certificate = **parsed;
  // The certificate owns an exact copy of its input, and a name matches
  // itself.
  if (!(certificate.der() == input) ||
      !tinysign::x509::NamesMatch(certificate.subject(),
                                  certificate.subject())) {
    std::abort();
  }
  (void)tinysign::x509::ExtractNucIdentity(certificate);
  (void)certificate.subject().ToRfc4514();
  (void)certificate.issuer().ToRfc4514();
  (void)certificate.IsSelfIssued();
  return 0;
}
