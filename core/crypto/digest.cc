#include "core/crypto/digest.h"

#include <array>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/crypto/gost34311.h"
#include "core/crypto/internal/mbedtls_sha.h"
#include "core/crypto/streebog.h"

namespace tinysign::crypto {
namespace {

struct DigestInfo {
  DigestAlgorithm algorithm;
  std::string_view name;
  size_t length;
};

constexpr std::array<DigestInfo, 8> kDigests = {{
    {DigestAlgorithm::kGost34311, "gost34311-95", 32},
    {DigestAlgorithm::kStreebog256, "streebog256", 32},
    {DigestAlgorithm::kStreebog512, "streebog512", 64},
    {DigestAlgorithm::kSha1, "sha1", 20},
    {DigestAlgorithm::kSha224, "sha224", 28},
    {DigestAlgorithm::kSha256, "sha256", 32},
    {DigestAlgorithm::kSha384, "sha384", 48},
    {DigestAlgorithm::kSha512, "sha512", 64},
}};

const DigestInfo* FindDigest(DigestAlgorithm algorithm) {
  for (const DigestInfo& info : kDigests) {
    if (info.algorithm == algorithm) {
      return &info;
    }
  }
  return nullptr;
}

}  // namespace

// State is the hash object of one algorithm. std::monostate marks a value
// outside the enumerators.
struct Hasher::State {
  std::variant<std::monostate, Gost34311, Streebog, internal::MbedSha1,
               internal::MbedSha256, internal::MbedSha512>
      hash;
};

size_t DigestLength(DigestAlgorithm algorithm) {
  const DigestInfo* info = FindDigest(algorithm);
  return info == nullptr ? 0 : info->length;
}

std::string_view DigestName(DigestAlgorithm algorithm) {
  const DigestInfo* info = FindDigest(algorithm);
  return info == nullptr ? std::string_view() : info->name;
}

std::optional<DigestAlgorithm> DigestFromName(std::string_view name) {
  for (const DigestInfo& info : kDigests) {
    if (info.name == name) {
      return info.algorithm;
    }
  }
  return std::nullopt;
}

Hasher::Hasher(DigestAlgorithm algorithm)
    : algorithm_(algorithm), state_(std::make_unique<State>()) {
  auto& hash = state_->hash;
  switch (algorithm) {
    case DigestAlgorithm::kGost34311:
      hash.emplace<Gost34311>(Gost34311ParamSet::kTest);
      break;
    case DigestAlgorithm::kStreebog256:
      hash.emplace<Streebog>(StreebogSize::k256);
      break;
    case DigestAlgorithm::kStreebog512:
      hash.emplace<Streebog>(StreebogSize::k512);
      break;
    case DigestAlgorithm::kSha1:
      hash.emplace<internal::MbedSha1>();
      break;
    case DigestAlgorithm::kSha224:
      hash.emplace<internal::MbedSha256>(/*is_224=*/true);
      break;
    case DigestAlgorithm::kSha256:
      hash.emplace<internal::MbedSha256>(/*is_224=*/false);
      break;
    case DigestAlgorithm::kSha384:
      hash.emplace<internal::MbedSha512>(/*is_384=*/true);
      break;
    case DigestAlgorithm::kSha512:
      hash.emplace<internal::MbedSha512>(/*is_384=*/false);
      break;
  }
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&& other) noexcept = default;
Hasher& Hasher::operator=(Hasher&& other) noexcept = default;

void Hasher::Update(der::Input data) {
  std::visit(
      [data](auto& hash) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(hash)>,
                                      std::monostate>) {
          hash.Update(data);
        }
      },
      state_->hash);
}

Bytes Hasher::Finish() {
  return std::visit(
      [](auto& hash) -> Bytes {
        if constexpr (std::is_same_v<std::decay_t<decltype(hash)>,
                                     std::monostate>) {
          return Bytes();
        } else {
          return hash.Finish();
        }
      },
      state_->hash);
}

Bytes ComputeDigest(DigestAlgorithm algorithm, der::Input data) {
  Hasher hasher(algorithm);
  hasher.Update(data);
  return hasher.Finish();
}

}  // namespace tinysign::crypto
