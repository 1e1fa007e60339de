#include "core/crypto/gost34311.h"

#include <algorithm>

#include "core/crypto/internal/hash_words.h"

namespace tinysign::crypto {
namespace {

using Words = std::array<uint64_t, 4>;

// id-GostR3411-94-TestParamSet (1.2.643.2.2.30.0), rows K1..K8: the S-box of
// the worked examples of GOST R 34.11-94 in RFC 5831. NUC RK names it as
// 1.2.398.3.10.1.3.1.1.0, and only this set verifies NUC GOST 2004
// signatures.
constexpr internal::Gost28147Sbox kTestSbox = {{
    {4, 10, 9, 2, 13, 8, 0, 14, 6, 11, 1, 12, 7, 15, 5, 3},
    {14, 11, 4, 12, 6, 13, 15, 10, 2, 3, 8, 1, 0, 7, 5, 9},
    {5, 8, 1, 13, 10, 3, 4, 2, 14, 15, 12, 7, 6, 0, 9, 11},
    {7, 13, 10, 1, 0, 8, 9, 15, 14, 4, 6, 12, 11, 2, 5, 3},
    {6, 12, 7, 1, 5, 15, 13, 8, 4, 10, 9, 14, 0, 3, 11, 2},
    {4, 11, 10, 0, 7, 2, 1, 13, 3, 6, 8, 5, 9, 12, 15, 14},
    {13, 11, 4, 1, 3, 15, 5, 9, 0, 10, 14, 7, 6, 8, 2, 12},
    {1, 15, 13, 0, 5, 7, 10, 4, 9, 2, 3, 14, 6, 11, 8, 12},
}};

// id-GostR3411-94-CryptoProParamSet (1.2.643.2.2.30.1), rows K1..K8, from
// RFC 4357.
constexpr internal::Gost28147Sbox kCryptoProSbox = {{
    {10, 4, 5, 6, 8, 1, 3, 7, 13, 12, 14, 0, 9, 2, 11, 15},
    {5, 15, 4, 0, 2, 13, 11, 9, 1, 7, 6, 3, 12, 14, 10, 8},
    {7, 15, 12, 14, 9, 4, 1, 0, 3, 11, 5, 2, 6, 10, 8, 13},
    {4, 10, 7, 12, 0, 15, 2, 8, 14, 1, 6, 5, 13, 11, 9, 3},
    {7, 6, 4, 11, 9, 12, 2, 10, 1, 8, 0, 14, 15, 13, 3, 5},
    {7, 6, 2, 4, 13, 9, 15, 0, 10, 1, 5, 11, 8, 14, 12, 3},
    {13, 14, 4, 1, 7, 0, 5, 10, 3, 12, 8, 15, 6, 2, 9, 11},
    {1, 3, 10, 9, 5, 11, 4, 15, 8, 6, 7, 14, 13, 0, 2, 12},
}};

constexpr internal::Gost28147Tables kTestTables =
    internal::MakeGost28147Tables(kTestSbox);
constexpr internal::Gost28147Tables kCryptoProTables =
    internal::MakeGost28147Tables(kCryptoProSbox);

// kC3 is the key-generation constant C3 as little-endian words. RFC 5831
// writes it big-endian as ff00ffff000000ff ff0000ff00ffff00
// 00ff00ff00ff00ff ff00ff00ff00ff00. The constants C2 and C4 are zero.
constexpr Words kC3 = {0xff00ff00ff00ff00, 0x00ff00ff00ff00ff,
                       0xff0000ff00ffff00, 0xff00ffff000000ff};

const internal::Gost28147Tables& TablesFor(Gost34311ParamSet param_set) {
  if (param_set == Gost34311ParamSet::kCryptoPro) {
    return kCryptoProTables;
  }
  return kTestTables;
}

Words Xor(const Words& a, const Words& b) {
  return {a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]};
}

// TransformA is A(y4 || y3 || y2 || y1) = (y1 ^ y2) || y4 || y3 || y2 over
// the 64-bit words of its argument, y1 being the least significant.
Words TransformA(const Words& y) { return {y[1], y[2], y[3], y[0] ^ y[1]}; }

// TransformP is the byte permutation P: byte i + 4k of the result is byte
// 8i + k of `y` (i < 4, k < 8, counting from the least significant byte).
// It returns the result as the cipher key words, so key word k gathers byte
// k of each 64-bit word of `y`.
internal::Gost28147Key TransformP(const Words& y) {
  internal::Gost28147Key key{};
  for (int k = 0; k < 8; ++k) {
    uint32_t word = 0;
    for (int i = 0; i < 4; ++i) {
      word |= static_cast<uint32_t>((y[i] >> (8 * k)) & 0xff) << (8 * i);
    }
    key[k] = word;
  }
  return key;
}

// Psi applies the shuffle ψ `kRounds` times. ψ shifts the 16-bit words
// y16 || ... || y1 down by one word and puts y1 ^ y2 ^ y3 ^ y4 ^ y13 ^ y16
// on top, so repeated ψ extends the word sequence by a linear recurrence
// and the result is its last 16 words.
template <int kRounds>
Words Psi(const Words& y) {
  std::array<uint16_t, 16 + kRounds> seq{};
  for (int i = 0; i < 16; ++i) {
    seq[i] = static_cast<uint16_t>(y[i / 4] >> (16 * (i % 4)));
  }
  for (int t = 0; t < kRounds; ++t) {
    seq[t + 16] = seq[t] ^ seq[t + 1] ^ seq[t + 2] ^ seq[t + 3] ^ seq[t + 12] ^
                  seq[t + 15];
  }
  Words result{};
  for (int i = 0; i < 16; ++i) {
    result[i / 4] |= static_cast<uint64_t>(seq[kRounds + i]) << (16 * (i % 4));
  }
  return result;
}

}  // namespace

Gost34311::Gost34311(Gost34311ParamSet param_set)
    : param_set_(param_set), tables_(&TablesFor(param_set)) {}

void Gost34311::Update(der::Input data) {
  total_len_ += data.size();
  buffer_.Feed(data.span(), [this](std::span<const uint8_t, kBlockLen> block) {
    ProcessBlock(block);
  });
}

Bytes Gost34311::Finish() {
  // A message whose length is a multiple of the block has no partial block
  // to pad. For the empty message this follows pygost and BouncyCastle,
  // not the gost engine (see the NOTE in gost34311.h).
  const std::span<const uint8_t> pending = buffer_.Pending();
  if (!pending.empty()) {
    std::array<uint8_t, kBlockLen> last{};
    std::copy(pending.begin(), pending.end(), last.begin());
    ProcessBlock(last);
  }
  // The message length in bits, as a 256-bit number.
  const Words length = {total_len_ << 3, total_len_ >> 61, 0, 0};
  Step(length);
  Step(checksum_);

  Bytes digest(kDigestLen);
  internal::StoreLe64Words(
      hash_, std::span<uint8_t, kDigestLen>(digest.data(), kDigestLen));
  *this = Gost34311(param_set_);
  return digest;
}

void Gost34311::ProcessBlock(std::span<const uint8_t, kBlockLen> block) {
  const Words message = internal::LoadLe64Words<4>(block);
  Step(message);
  internal::AddWords(checksum_, message);
}

// Step is the step function H' = f(H, M) of RFC 5831: key generation,
// encryption of H in four 64-bit parts, then the shuffle transformation.
void Gost34311::Step(const Words& message) {
  std::array<internal::Gost28147Key, 4> keys;
  Words u = hash_;
  Words v = message;
  keys[0] = TransformP(Xor(u, v));
  for (int j = 1; j < 4; ++j) {
    u = TransformA(u);
    if (j == 2) {
      u = Xor(u, kC3);
    }
    v = TransformA(TransformA(v));
    keys[j] = TransformP(Xor(u, v));
  }

  Words encrypted;
  for (int i = 0; i < 4; ++i) {
    encrypted[i] = internal::Gost28147Encrypt(*tables_, keys[i], hash_[i]);
  }

  // H' = ψ^61(H ^ ψ(M ^ ψ^12(S))).
  hash_ = Psi<61>(Xor(hash_, Psi<1>(Xor(message, Psi<12>(encrypted)))));
}

}  // namespace tinysign::crypto
