// Internal: RAII ownership of Mbed TLS 2.28 big numbers (`mbedtls_mpi`).
//
// Only files in core/crypto include this header, so no Mbed TLS type leaks
// into a public header. `Mpi` owns one number. `MpiStatus` keeps the first
// failing return code of a chain of `mbedtls_mpi_*` calls, so that curve
// formulas read as straight-line code and are checked once at the end.
#ifndef TINYSIGN_CORE_CRYPTO_INTERNAL_MPI_H_
#define TINYSIGN_CORE_CRYPTO_INTERNAL_MPI_H_

#include <mbedtls/bignum.h>

#include <cstddef>
#include <string_view>

#include "core/crypto/random.h"
#include "core/der/input.h"
#include "core/result.h"

namespace tinysign::crypto::internal {

// Mpi owns one `mbedtls_mpi` and frees it on destruction. It is move-only:
// a copy allocates and can fail, which a constructor cannot report, so
// copies go through `mbedtls_mpi_copy` under an `MpiStatus`.
class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&value_); }
  ~Mpi() { mbedtls_mpi_free(&value_); }
  Mpi(Mpi&& other) noexcept {
    mbedtls_mpi_init(&value_);
    mbedtls_mpi_swap(&value_, &other.value_);
  }
  Mpi& operator=(Mpi&& other) noexcept {
    mbedtls_mpi_swap(&value_, &other.value_);
    return *this;
  }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;

  mbedtls_mpi* get() { return &value_; }
  const mbedtls_mpi* get() const { return &value_; }

  size_t BitLength() const { return mbedtls_mpi_bitlen(&value_); }
  bool IsZero() const { return mbedtls_mpi_cmp_int(&value_, 0) == 0; }
  // Compare returns -1, 0 or 1 as `*this` is below, equal to or above
  // `other`.
  int Compare(const Mpi& other) const {
    return mbedtls_mpi_cmp_mpi(&value_, &other.value_);
  }

 private:
  mbedtls_mpi value_;
};

// MpiStatus records the first non-zero Mbed TLS return code of a sequence
// of calls. Later calls still run, on values that no longer matter.
class MpiStatus {
 public:
  // Check records `rc` when it is the first failure.
  void Check(int rc) {
    if (rc != 0 && code_ == 0) {
      code_ = rc;
    }
  }
  bool ok() const { return code_ == 0; }
  int code() const { return code_; }

  // ToStatus returns OK, or `internal` naming `operation` and the Mbed TLS
  // code, because every failure left here is an allocation failure or a
  // bug in the caller.
  Status ToStatus(std::string_view operation) const;

 private:
  int code_ = 0;
};

// MbedtlsFailure returns the `internal` error for Mbed TLS return code `rc`
// from `operation`.
Error MbedtlsFailure(std::string_view operation, int rc);

// MpiFromBigEndian reads unsigned big-endian bytes.
Result<Mpi> MpiFromBigEndian(der::Input bytes);

// MpiFromHex reads big-endian hexadecimal digits, for built-in constants.
Result<Mpi> MpiFromHex(std::string_view hex);

// MpiToBigEndian writes `value` as exactly `size` big-endian bytes, with
// leading zeros; it fails when `value` needs more bytes.
Result<Bytes> MpiToBigEndian(const Mpi& value, size_t size);

// MpiToBigEndian writes `value` as big-endian bytes without leading zeros.
Result<Bytes> MpiToBigEndian(const Mpi& value);

// RandomAdapter lets Mbed TLS functions that take an `f_rng` callback draw
// from a `RandomSource`. Pass `&MbedtlsRandom` and the adapter's address.
struct RandomAdapter {
  RandomSource* source = nullptr;
  bool failed = false;
};

// MbedtlsRandom is an `f_rng` callback; `context` is a `RandomAdapter*`. A
// failure of the source sets `failed` and returns a non-zero code.
int MbedtlsRandom(void* context, unsigned char* out, size_t size);

}  // namespace tinysign::crypto::internal

#endif  // TINYSIGN_CORE_CRYPTO_INTERNAL_MPI_H_
