// Signature verifications per second: TinySign next to OpenSSL, on the same
// key, digest and signature in the same process.
//
// - GOST 2004 on CryptoPro-A (256-bit) and GOST 2015-512 on
//   tc26-512-paramSetA: OpenSSL's gost engine (gost2001 and gost2012_512,
//   paramset A) through the ENGINE API against TinySign's own curve
//   arithmetic on Mbed TLS big numbers.
// - RSA-2048 with PKCS#1 v1.5 and SHA-256: OpenSSL's EVP against Mbed TLS,
//   which TinySign uses.
// OpenSSL makes each key and signature. TinySign reads the key from its DER
// SubjectPublicKeyInfo and the GOST signature after the byte reversal that
// turns OpenSSL's s || r (big-endian) into NUC's r || s (little-endian).
// Each TinySign iteration goes through `VerifyDigestSignature`, including
// its key checks; the digest itself is not part of the timing.
//
// Run: build-release/bin/tinysign_bench --benchmark_filter=Verify
#include <benchmark/benchmark.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/crypto/algorithm.h"
#include "core/crypto/public_key.h"
#include "core/crypto/signature.h"

namespace tinysign::crypto {
namespace {

// The ENGINE API is deprecated in OpenSSL 3 but is still the only way to
// reach the gost engine's key types, so its warnings are silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

// LoadGostEngine returns the initialised gost engine, or nullptr when
// OpenSSL cannot load it.
ENGINE* LoadGostEngine() {
  static ENGINE* const engine = []() -> ENGINE* {
    ENGINE* candidate = ENGINE_by_id("gost");
    if (candidate == nullptr) {
      return nullptr;
    }
    if (ENGINE_init(candidate) != 1) {
      ENGINE_free(candidate);
      return nullptr;
    }
    // Without this registration OpenSSL cannot create an EVP_PKEY of the
    // engine's GOST key types ("pkey_set_type: unsupported algorithm").
    if (ENGINE_register_pkey_asn1_meths(candidate) != 1 ||
        ENGINE_register_pkey_meths(candidate) != 1) {
      ENGINE_finish(candidate);
      ENGINE_free(candidate);
      return nullptr;
    }
    return candidate;
  }();
  return engine;
}

#pragma GCC diagnostic pop

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct PkeyContextDeleter {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
using PkeyPointer = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using PkeyContextPointer = std::unique_ptr<EVP_PKEY_CTX, PkeyContextDeleter>;

// Fixture is one key pair, a digest and its signature, shared by the
// OpenSSL and TinySign runs of one algorithm.
struct Fixture {
  PkeyPointer key;
  ENGINE* engine = nullptr;
  Bytes digest;
  Bytes openssl_signature;
  Bytes tinysign_signature;
  PublicKey public_key;
  SignatureAlgorithmId algorithm;
  std::string error;
};

Bytes PatternBytes(size_t size) {
  Bytes bytes(size);
  uint32_t x = 0x9e3779b9;
  for (uint8_t& byte : bytes) {
    x = x * 1664525 + 1013904223;
    byte = static_cast<uint8_t>(x >> 24);
  }
  return bytes;
}

// Configure prepares `context` to sign or verify a raw digest.
using Configure = int (*)(EVP_PKEY_CTX* context);

int NoConfiguration(EVP_PKEY_CTX*) { return 1; }

int ConfigureRsaPkcs1Sha256(EVP_PKEY_CTX* context) {
  return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) > 0 &&
         EVP_PKEY_CTX_set_signature_md(context, EVP_sha256()) > 0;
}

// FinishFixture signs the digest with OpenSSL and hands the public key to
// TinySign.
void FinishFixture(Fixture& fixture, Configure configure, bool reverse) {
  PkeyContextPointer context(
      EVP_PKEY_CTX_new(fixture.key.get(), fixture.engine));
  size_t signature_len = 0;
  if (EVP_PKEY_sign_init(context.get()) != 1 || configure(context.get()) != 1 ||
      EVP_PKEY_sign(context.get(), nullptr, &signature_len,
                    fixture.digest.data(), fixture.digest.size()) != 1) {
    fixture.error = "OpenSSL cannot sign";
    return;
  }
  fixture.openssl_signature.resize(signature_len);
  if (EVP_PKEY_sign(context.get(), fixture.openssl_signature.data(),
                    &signature_len, fixture.digest.data(),
                    fixture.digest.size()) != 1) {
    fixture.error = "OpenSSL signing failed";
    return;
  }
  fixture.openssl_signature.resize(signature_len);

  fixture.tinysign_signature = fixture.openssl_signature;
  if (reverse) {
    fixture.tinysign_signature.assign(fixture.openssl_signature.rbegin(),
                                      fixture.openssl_signature.rend());
  }

  unsigned char* spki = nullptr;
  const int spki_len = i2d_PUBKEY(fixture.key.get(), &spki);
  if (spki_len <= 0) {
    fixture.error = "OpenSSL cannot encode the public key";
    return;
  }
  auto public_key =
      ParsePublicKey(der::Input(spki, static_cast<size_t>(spki_len)));
  OPENSSL_free(spki);
  if (!public_key.has_value()) {
    fixture.error = public_key.error().ToString();
    return;
  }
  fixture.public_key = std::move(*public_key);
}

Fixture MakeGostFixture(int nid, SignatureAlgorithmId algorithm) {
  Fixture fixture;
  fixture.algorithm = algorithm;
  fixture.engine = LoadGostEngine();
  if (fixture.engine == nullptr) {
    fixture.error = "gost engine not available";
    return fixture;
  }
  PkeyContextPointer context(EVP_PKEY_CTX_new_id(nid, fixture.engine));
  EVP_PKEY* key = nullptr;
  if (context == nullptr || EVP_PKEY_keygen_init(context.get()) != 1 ||
      EVP_PKEY_CTX_ctrl_str(context.get(), "paramset", "A") <= 0 ||
      EVP_PKEY_keygen(context.get(), &key) != 1) {
    fixture.error = "gost engine key generation failed";
    return fixture;
  }
  fixture.key.reset(key);
  fixture.digest = PatternBytes(DigestLength(*algorithm.digest));
  FinishFixture(fixture, NoConfiguration, /*reverse=*/true);
  return fixture;
}

Fixture MakeRsaFixture() {
  Fixture fixture;
  fixture.algorithm = {
      SignatureAlgorithm::kRsaPkcs1, DigestAlgorithm::kSha256, {}};
  fixture.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
  if (fixture.key == nullptr) {
    fixture.error = "RSA key generation failed";
    return fixture;
  }
  fixture.digest = PatternBytes(32);
  FinishFixture(fixture, ConfigureRsaPkcs1Sha256, /*reverse=*/false);
  return fixture;
}

const Fixture& Gost2004Fixture() {
  static const Fixture fixture = MakeGostFixture(
      NID_id_GostR3410_2001,
      {SignatureAlgorithm::kGost34310_2004, DigestAlgorithm::kGost34311, {}});
  return fixture;
}

const Fixture& Gost2015Fixture() {
  static const Fixture fixture = MakeGostFixture(
      NID_id_GostR3410_2012_512,
      {SignatureAlgorithm::kGost2015_512, DigestAlgorithm::kStreebog512, {}});
  return fixture;
}

const Fixture& RsaFixture() {
  static const Fixture fixture = MakeRsaFixture();
  return fixture;
}

void BM_VerifyTinySign(benchmark::State& state, const Fixture& (*get)()) {
  const Fixture& fixture = get();
  if (!fixture.error.empty()) {
    state.SkipWithError(fixture.error.c_str());
    return;
  }
  if (!VerifyDigestSignature(fixture.algorithm, fixture.public_key,
                             fixture.digest, fixture.tinysign_signature)) {
    state.SkipWithError("TinySign rejects OpenSSL's signature");
    return;
  }
  for (auto _ : state) {
    Status status =
        VerifyDigestSignature(fixture.algorithm, fixture.public_key,
                              fixture.digest, fixture.tinysign_signature);
    benchmark::DoNotOptimize(status);
  }
  state.counters["verify/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_VerifyOpenSsl(benchmark::State& state, const Fixture& (*get)(),
                      Configure configure) {
  const Fixture& fixture = get();
  if (!fixture.error.empty()) {
    state.SkipWithError(fixture.error.c_str());
    return;
  }
  PkeyContextPointer context(
      EVP_PKEY_CTX_new(fixture.key.get(), fixture.engine));
  if (EVP_PKEY_verify_init(context.get()) != 1 ||
      configure(context.get()) != 1) {
    state.SkipWithError("OpenSSL cannot verify");
    return;
  }
  for (auto _ : state) {
    const int ok =
        EVP_PKEY_verify(context.get(), fixture.openssl_signature.data(),
                        fixture.openssl_signature.size(), fixture.digest.data(),
                        fixture.digest.size());
    if (ok != 1) {
      state.SkipWithError("OpenSSL rejects its own signature");
      break;
    }
  }
  state.counters["verify/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_VerifyTinySign, gost2004_cryptopro_a, Gost2004Fixture);
BENCHMARK_CAPTURE(BM_VerifyOpenSsl, gost2004_cryptopro_a, Gost2004Fixture,
                  NoConfiguration);
BENCHMARK_CAPTURE(BM_VerifyTinySign, gost2015_512_tc26_a, Gost2015Fixture);
BENCHMARK_CAPTURE(BM_VerifyOpenSsl, gost2015_512_tc26_a, Gost2015Fixture,
                  NoConfiguration);
BENCHMARK_CAPTURE(BM_VerifyTinySign, rsa2048_sha256, RsaFixture);
BENCHMARK_CAPTURE(BM_VerifyOpenSsl, rsa2048_sha256, RsaFixture,
                  ConfigureRsaPkcs1Sha256);

}  // namespace
}  // namespace tinysign::crypto
