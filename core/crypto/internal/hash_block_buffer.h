// `BlockBuffer`: cuts a stream of `Update` calls into whole hash blocks.
//
// Block hashes consume fixed-size blocks while callers pass byte strings of
// any length. `BlockBuffer` keeps the bytes of an unfinished block between
// calls and hands whole blocks of the input to the hash straight from the
// caller's memory, so large inputs are never copied.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_BLOCK_BUFFER_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_BLOCK_BUFFER_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace tinysign::crypto::internal {

template <size_t kBlockLen>
class BlockBuffer {
 public:
  using Block = std::span<const uint8_t, kBlockLen>;

  // Feed calls `process_block(Block)` for every block that `data` completes,
  // in order, and keeps the bytes left over for the next call.
  template <typename ProcessBlock>
  void Feed(std::span<const uint8_t> data, ProcessBlock&& process_block) {
    if (pending_len_ > 0) {
      const size_t take = std::min(kBlockLen - pending_len_, data.size());
      std::copy_n(data.begin(), take, pending_.begin() + pending_len_);
      pending_len_ += take;
      data = data.subspan(take);
      if (pending_len_ < kBlockLen) {
        return;
      }
      process_block(Block(pending_));
      pending_len_ = 0;
    }
    while (data.size() >= kBlockLen) {
      process_block(data.template first<kBlockLen>());
      data = data.subspan(kBlockLen);
    }
    std::copy(data.begin(), data.end(), pending_.begin());
    pending_len_ = data.size();
  }

  // Pending returns the bytes of the unfinished block, fewer than
  // `kBlockLen`.
  std::span<const uint8_t> Pending() const {
    return std::span<const uint8_t>(pending_).first(pending_len_);
  }

  void Clear() { pending_len_ = 0; }

 private:
  std::array<uint8_t, kBlockLen> pending_{};
  size_t pending_len_ = 0;
};

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_HASH_BLOCK_BUFFER_H_
