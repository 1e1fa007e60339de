// Little-endian word access for the GOST hash implementations.
//
// GOST 28147-89, GOST R 34.11-94 and GOST R 34.11-2012 read a block as
// little-endian words: the first byte of a block is the least significant
// byte of its first word (RFC 5831 section 4, RFC 6986 section 4). These
// helpers convert between such blocks and word arrays on any host.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_WORDS_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_WORDS_H_

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace tinysign::crypto::internal {

// LoadLe64Words reads `bytes` as `N` little-endian 64-bit words.
template <size_t N>
std::array<uint64_t, N> LoadLe64Words(std::span<const uint8_t, N * 8> bytes) {
  std::array<uint64_t, N> words;
  std::memcpy(words.data(), bytes.data(), N * 8);
  if constexpr (std::endian::native == std::endian::big) {
    for (uint64_t& word : words) {
      word = __builtin_bswap64(word);
    }
  }
  return words;
}

// StoreLe64Words writes `words` to `out` as little-endian bytes.
template <size_t N>
void StoreLe64Words(std::array<uint64_t, N> words,
                    std::span<uint8_t, N * 8> out) {
  if constexpr (std::endian::native == std::endian::big) {
    for (uint64_t& word : words) {
      word = __builtin_bswap64(word);
    }
  }
  std::memcpy(out.data(), words.data(), N * 8);
}

// AddWords adds `addend` to `sum` modulo 2^(64 * N). Both are
// little-endian word arrays, least significant word first.
template <size_t N>
void AddWords(std::array<uint64_t, N>& sum,
              const std::array<uint64_t, N>& addend) {
  uint64_t carry = 0;
  for (size_t i = 0; i < N; ++i) {
    const uint64_t partial = sum[i] + addend[i];
    const uint64_t carry_out = partial < sum[i] ? 1 : 0;
    sum[i] = partial + carry;
    carry = carry_out | (sum[i] < partial ? 1 : 0);
  }
}

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_WORDS_H_
