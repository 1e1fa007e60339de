// Throughput of TinySign's digests against OpenSSL on 1 MiB buffers.
//
// Each algorithm runs twice in the same process, through TinySign's `Hasher`
// and through OpenSSL's EVP interface. OpenSSL's GOST R 34.11-94 and
// Streebog come from its gost engine, loaded through the ENGINE API. The
// engine's md_gost94 uses the CryptoPro S-box and TinySign's kGost34311 the
// Test S-box, which does the same amount of work. SHA-256 compares Mbed TLS,
// which TinySign uses, with OpenSSL's default provider.
//
// Run: build-release/bin/tinysign_bench --benchmark_filter=Digest
#include <benchmark/benchmark.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <cstdint>

#include "core/crypto/digest.h"

namespace tinysign::crypto {
namespace {

constexpr size_t kBufferLen = 1024 * 1024;

const Bytes& Buffer() {
  static const Bytes buffer = [] {
    Bytes bytes(kBufferLen);
    uint32_t x = 0x12345678;
    for (uint8_t& b : bytes) {
      x = x * 1664525 + 1013904223;
      b = static_cast<uint8_t>(x >> 24);
    }
    return bytes;
  }();
  return buffer;
}

// The ENGINE API is deprecated in OpenSSL 3 but is still the only way to
// reach the gost engine's digests, so its warnings are silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

// GostEngine returns the initialised gost engine, or nullptr when OpenSSL
// cannot load it.
ENGINE* GostEngine() {
  static ENGINE* const engine = []() -> ENGINE* {
    ENGINE* candidate = ENGINE_by_id("gost");
    if (candidate == nullptr) {
      return nullptr;
    }
    if (ENGINE_init(candidate) != 1) {
      ENGINE_free(candidate);
      return nullptr;
    }
    return candidate;
  }();
  return engine;
}

const EVP_MD* GostEngineDigest(int nid) {
  ENGINE* engine = GostEngine();
  return engine == nullptr ? nullptr : ENGINE_get_digest(engine, nid);
}

#pragma GCC diagnostic pop

void BM_DigestTinySign(benchmark::State& state, DigestAlgorithm algorithm) {
  const Bytes& buffer = Buffer();
  for (auto _ : state) {
    Hasher hasher(algorithm);
    hasher.Update(buffer);
    Bytes digest = hasher.Finish();
    benchmark::DoNotOptimize(digest.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(kBufferLen));
}

// BM_DigestOpenSsl hashes with `md`, which belongs to `engine` unless
// `engine` is nullptr.
void BM_DigestOpenSsl(benchmark::State& state, const EVP_MD* md,
                      ENGINE* engine) {
  if (md == nullptr) {
    state.SkipWithError("digest not available: is the gost engine installed?");
    return;
  }
  const Bytes& buffer = Buffer();
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  for (auto _ : state) {
    if (EVP_DigestInit_ex(context, md, engine) != 1 ||
        EVP_DigestUpdate(context, buffer.data(), buffer.size()) != 1 ||
        EVP_DigestFinal_ex(context, digest, &digest_len) != 1) {
      state.SkipWithError("OpenSSL digest failed");
      break;
    }
    benchmark::DoNotOptimize(digest);
  }
  EVP_MD_CTX_free(context);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(kBufferLen));
}

void BM_DigestGost34311TinySign(benchmark::State& state) {
  BM_DigestTinySign(state, DigestAlgorithm::kGost34311);
}
void BM_DigestGost34311OpenSsl(benchmark::State& state) {
  BM_DigestOpenSsl(state, GostEngineDigest(NID_id_GostR3411_94), GostEngine());
}
void BM_DigestStreebog256TinySign(benchmark::State& state) {
  BM_DigestTinySign(state, DigestAlgorithm::kStreebog256);
}
void BM_DigestStreebog256OpenSsl(benchmark::State& state) {
  BM_DigestOpenSsl(state, GostEngineDigest(NID_id_GostR3411_2012_256),
                   GostEngine());
}
void BM_DigestStreebog512TinySign(benchmark::State& state) {
  BM_DigestTinySign(state, DigestAlgorithm::kStreebog512);
}
void BM_DigestStreebog512OpenSsl(benchmark::State& state) {
  BM_DigestOpenSsl(state, GostEngineDigest(NID_id_GostR3411_2012_512),
                   GostEngine());
}
void BM_DigestSha256TinySign(benchmark::State& state) {
  BM_DigestTinySign(state, DigestAlgorithm::kSha256);
}
void BM_DigestSha256OpenSsl(benchmark::State& state) {
  BM_DigestOpenSsl(state, EVP_sha256(), nullptr);
}

BENCHMARK(BM_DigestGost34311TinySign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestGost34311OpenSsl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestStreebog256TinySign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestStreebog256OpenSsl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestStreebog512TinySign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestStreebog512OpenSsl)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestSha256TinySign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DigestSha256OpenSsl)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tinysign::crypto

// The main function of the whole tinysign_bench binary: every bench/*.cc
// file links into it and only registers benchmarks.
BENCHMARK_MAIN();
