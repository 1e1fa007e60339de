#include "core/crypto/internal/mpi.h"

#include <cstdio>
#include <span>
#include <string>

namespace tinysign::crypto::internal {

namespace {

// Mbed TLS treats any non-zero return of a random callback as a failure.
constexpr int kRandomFailedCode = -1;

}  // namespace

Error MbedtlsFailure(std::string_view operation, int rc) {
  char code[16];
  std::snprintf(code, sizeof(code), "-0x%04x", static_cast<unsigned>(-rc));
  std::string detail(operation);
  detail += " failed in Mbed TLS with code ";
  detail += code;
  return Fail(ErrorCode::kInternal, std::move(detail));
}

Status MpiStatus::ToStatus(std::string_view operation) const {
  if (ok()) {
    return OkStatus();
  }
  return MbedtlsFailure(operation, code_);
}

Result<Mpi> MpiFromBigEndian(der::Input bytes) {
  Mpi value;
  const int rc =
      mbedtls_mpi_read_binary(value.get(), bytes.data(), bytes.size());
  if (rc != 0) {
    return MbedtlsFailure("mbedtls_mpi_read_binary", rc);
  }
  return value;
}

Result<Mpi> MpiFromHex(std::string_view hex) {
  const std::string text(hex);
  Mpi value;
  const int rc = mbedtls_mpi_read_string(value.get(), 16, text.c_str());
  if (rc != 0) {
    return MbedtlsFailure("mbedtls_mpi_read_string", rc);
  }
  return value;
}

Result<Bytes> MpiToBigEndian(const Mpi& value, size_t size) {
  Bytes out(size);
  const int rc = mbedtls_mpi_write_binary(value.get(), out.data(), size);
  if (rc != 0) {
    return MbedtlsFailure("mbedtls_mpi_write_binary", rc);
  }
  return out;
}

Result<Bytes> MpiToBigEndian(const Mpi& value) {
  return MpiToBigEndian(value, mbedtls_mpi_size(value.get()));
}

int MbedtlsRandom(void* context, unsigned char* out, size_t size) {
  auto* adapter = static_cast<RandomAdapter*>(context);
  if (!adapter->source->Generate(std::span<uint8_t>(out, size)).has_value()) {
    adapter->failed = true;
    return kRandomFailedCode;
  }
  return 0;
}

}  // namespace tinysign::crypto::internal
