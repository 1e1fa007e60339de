// `der::Input`: a non-owning view of untrusted bytes.
//
// An `Input` never owns its bytes; the caller keeps them alive for as long as
// the view and everything parsed from it is in use.
#ifndef TINYSIGN_CORE_DER_INPUT_H_
#define TINYSIGN_CORE_DER_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinysign {

using Bytes = std::vector<uint8_t>;

namespace der {

class Input {
 public:
  constexpr Input() = default;
  constexpr Input(const uint8_t* data, size_t size)
      : data_(data), size_(size) {}
  Input(std::span<const uint8_t> bytes)  // NOLINT: implicit by design
      : data_(bytes.data()), size_(bytes.size()) {}
  Input(const Bytes& bytes)  // NOLINT: implicit by design
      : data_(bytes.data()), size_(bytes.size()) {}
  explicit Input(std::string_view text)
      : data_(reinterpret_cast<const uint8_t*>(text.data())),
        size_(text.size()) {}

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const uint8_t* begin() const { return data_; }
  const uint8_t* end() const { return data_ + size_; }
  std::span<const uint8_t> span() const { return {data_, size_}; }

  // AsStringView views the bytes as characters without checking them.
  std::string_view AsStringView() const {
    return {reinterpret_cast<const char*>(data_), size_};
  }
  Bytes ToBytes() const { return Bytes(begin(), end()); }

  friend bool operator==(Input a, Input b) {
    return a.size_ == b.size_ &&
           (a.size_ == 0 || std::memcmp(a.data_, b.data_, a.size_) == 0);
  }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace der
}  // namespace tinysign

#endif  // TINYSIGN_CORE_DER_INPUT_H_
