// The GOST 28147-89 block cipher (RFC 5830), encryption of single blocks
// only, as the GOST R 34.11-94 step function uses it.
//
// The cipher's eight 4-bit S-boxes are a parameter. `Gost28147Tables` merges
// them with the 11-bit rotation of the round function into four byte-indexed
// tables, so one round costs four look-ups.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_GOST28147_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_GOST28147_H_

#include <array>
#include <bit>
#include <cstdint>

namespace tinysign::crypto::internal {

// Gost28147Sbox is the S-box rows K1..K8: row i substitutes bits 4i..4i+3
// of the 32-bit round input, counting from the least significant bit.
using Gost28147Sbox = std::array<std::array<uint8_t, 16>, 8>;

// Gost28147Tables is the round function for one S-box: entry `b` of table
// `j` is the substituted and rotated contribution of byte `j` being `b`.
using Gost28147Tables = std::array<std::array<uint32_t, 256>, 4>;

// Gost28147Key is the key as its eight 32-bit words K0..K7.
using Gost28147Key = std::array<uint32_t, 8>;

// MakeGost28147Tables builds the round tables for `sbox`.
constexpr Gost28147Tables MakeGost28147Tables(const Gost28147Sbox& sbox) {
  Gost28147Tables tables{};
  for (int j = 0; j < 4; ++j) {
    for (uint32_t b = 0; b < 256; ++b) {
      const uint32_t low = sbox[2 * j][b & 0x0f];
      const uint32_t high = sbox[2 * j + 1][b >> 4];
      const uint32_t substituted = (high << 4 | low) << (8 * j);
      tables[j][b] = std::rotl(substituted, 11);
    }
  }
  return tables;
}

// Gost28147Round returns f(x) = (S(x) rotated left by 11 bits).
inline uint32_t Gost28147Round(const Gost28147Tables& tables, uint32_t x) {
  return tables[0][x & 0xff] ^ tables[1][(x >> 8) & 0xff] ^
         tables[2][(x >> 16) & 0xff] ^ tables[3][x >> 24];
}

// Gost28147Encrypt encrypts one block in the simple substitution (ECB) mode.
// The block is a 64-bit integer whose low half is N1 and high half N2, the
// way a little-endian load of the 8 block bytes gives it.
inline uint64_t Gost28147Encrypt(const Gost28147Tables& tables,
                                 const Gost28147Key& key, uint64_t block) {
  uint32_t n1 = static_cast<uint32_t>(block);
  uint32_t n2 = static_cast<uint32_t>(block >> 32);
  // Rounds 1-24 take the key words in the order K0..K7 three times, rounds
  // 25-32 in the order K7..K0. Each pair of rounds updates N2 then N1, so
  // no swap is needed. The last round of the cipher does not swap, which is
  // why N2 ends up in the low half of the result.
  for (int pass = 0; pass < 3; ++pass) {
    for (int i = 0; i < 8; i += 2) {
      n2 ^= Gost28147Round(tables, n1 + key[i]);
      n1 ^= Gost28147Round(tables, n2 + key[i + 1]);
    }
  }
  for (int i = 7; i > 0; i -= 2) {
    n2 ^= Gost28147Round(tables, n1 + key[i]);
    n1 ^= Gost28147Round(tables, n2 + key[i - 1]);
  }
  return static_cast<uint64_t>(n1) << 32 | n2;
}

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_GOST28147_H_
