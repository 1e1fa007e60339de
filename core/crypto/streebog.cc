#include "core/crypto/streebog.h"

#include <algorithm>

#include "core/crypto/internal/hash_words.h"
#include "core/crypto/internal/streebog_tables.h"

namespace tinysign::crypto {
namespace {

using Words = std::array<uint64_t, 8>;

// InitialHash is the IV: 64 bytes of 0x01 for Streebog-256 and 64 zero
// bytes for Streebog-512.
Words InitialHash(StreebogSize size) {
  Words iv{};
  if (size == StreebogSize::k256) {
    iv.fill(0x0101010101010101);
  }
  return iv;
}

Words Xor(const Words& a, const Words& b) {
  Words result;
  for (size_t i = 0; i < result.size(); ++i) {
    result[i] = a[i] ^ b[i];
  }
  return result;
}

// Lps is the round transformation L(P(S(x))), one look-up per input byte.
Words Lps(const Words& x) {
  const internal::LpsTables& tables = internal::kLpsTables;
  Words result;
  for (int i = 0; i < 8; ++i) {
    const int shift = 8 * i;
    result[i] =
        tables[0][(x[0] >> shift) & 0xff] ^ tables[1][(x[1] >> shift) & 0xff] ^
        tables[2][(x[2] >> shift) & 0xff] ^ tables[3][(x[3] >> shift) & 0xff] ^
        tables[4][(x[4] >> shift) & 0xff] ^ tables[5][(x[5] >> shift) & 0xff] ^
        tables[6][(x[6] >> shift) & 0xff] ^ tables[7][(x[7] >> shift) & 0xff];
  }
  return result;
}

// AddToCounter adds `bits` to the 512-bit counter N.
void AddToCounter(Words& counter, uint64_t bits) {
  Words addend{};
  addend[0] = bits;
  internal::AddWords(counter, addend);
}

}  // namespace

Streebog::Streebog(StreebogSize size) : size_(size), hash_(InitialHash(size)) {}

void Streebog::Update(der::Input data) {
  buffer_.Feed(data.span(), [this](std::span<const uint8_t, kBlockLen> block) {
    ProcessBlock(block);
  });
}

Bytes Streebog::Finish() {
  // The last block is the remaining bytes, then 0x01, then zeros. It is
  // always hashed, even when it contains no message byte.
  const std::span<const uint8_t> pending = buffer_.Pending();
  std::array<uint8_t, kBlockLen> last{};
  std::copy(pending.begin(), pending.end(), last.begin());
  last[pending.size()] = 0x01;
  const Words message = internal::LoadLe64Words<8>(last);
  Compress(counter_, message);
  AddToCounter(counter_, 8 * pending.size());
  internal::AddWords(checksum_, message);

  const Words zero{};
  Compress(zero, counter_);
  Compress(zero, checksum_);

  std::array<uint8_t, kBlockLen> full;
  internal::StoreLe64Words(hash_, std::span<uint8_t, kBlockLen>(full));
  // Streebog-256 is the most significant half of the final state.
  const size_t offset = kBlockLen - digest_len();
  Bytes digest(full.begin() + offset, full.end());
  *this = Streebog(size_);
  return digest;
}

void Streebog::ProcessBlock(std::span<const uint8_t, kBlockLen> block) {
  const Words message = internal::LoadLe64Words<8>(block);
  Compress(counter_, message);
  AddToCounter(counter_, 8 * kBlockLen);
  internal::AddWords(checksum_, message);
}

// Compress is the compression function g_N(h, m) = E(LPS(h ^ N), m) ^ h ^ m,
// where E runs 12 rounds of X[K] then LPS and derives each round key from
// the previous one with the constant C_i.
void Streebog::Compress(const Words& counter, const Words& message) {
  Words key = Lps(Xor(hash_, counter));
  Words state = message;
  for (const Words& constant : internal::kC) {
    state = Lps(Xor(key, state));
    key = Lps(Xor(key, constant));
  }
  hash_ = Xor(Xor(Xor(key, state), hash_), message);
}

}  // namespace tinysign::crypto
