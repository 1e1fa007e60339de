#include "tests/server/signed_samples.h"

#include "testpki/nuc_extensions.h"
#include "tests/support/files.h"
#include "tests/support/pki_builders.h"

namespace tinysign::testing {

namespace {

const TestKey& Key(int index) {
  return TestKeyFor(KeyType::kGost2015_512, index);
}

Bytes SignDocument(const SignedSamples& samples,
                   const IssuedCertificate& signer, const IssuedCertificate& ca,
                   bool detached) {
  CmsSpec cms;
  cms.content = Bytes(samples.document.begin(), samples.document.end());
  cms.detached = detached;
  SignerSpec signer_spec;
  signer_spec.certificate = &signer;
  signer_spec.signing_time = Time{MakeTime(2026, 5, 31).unix_seconds + 43200};
  cms.signers.push_back(signer_spec);
  cms.certificates = {signer.der, ca.der};
  return BuildSignedData(cms);
}

SignedSamples BuildSamples() {
  SignedSamples samples;
  samples.document = "Договор поставки No 17, server test document\n";
  samples.signer_name = "Server Test Signer";
  const std::filesystem::path dir = TempDir("server-samples");
  samples.trust_dir = dir / "trust";
  std::filesystem::create_directories(samples.trust_dir);

  const IssuedCertificate root =
      Issue(RootSpec("Server Test Root"), Key(0), Key(0));
  const IssuedCertificate ca =
      Issue(CaSpec("Server Test CA", root), Key(1), Key(0));
  const IssuedCertificate signer =
      Issue(LeafSpec(samples.signer_name, ca), Key(2), Key(1));
  samples.root_der_path = samples.trust_dir / "root.der";
  WriteFileBytes(samples.root_der_path, root.der);
  WriteFileBytes(samples.trust_dir / "ca.der", ca.der);

  samples.attached = SignDocument(samples, signer, ca, false);
  samples.detached = SignDocument(samples, signer, ca, true);

  CertificateSpec ocsp_spec = LeafSpec("Server Test OCSP Signer", ca);
  ocsp_spec.extra_extensions.push_back(
      testpki::AuthorityInfoAccessExtension(kSampleOcspUrl, ""));
  const IssuedCertificate ocsp_signer = Issue(ocsp_spec, Key(3), Key(1));
  samples.with_ocsp_url = SignDocument(samples, ocsp_signer, ca, false);
  return samples;
}

}  // namespace

const SignedSamples& Samples() {
  static const SignedSamples* samples = new SignedSamples(BuildSamples());
  return *samples;
}

}  // namespace tinysign::testing
