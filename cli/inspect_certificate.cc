#include "cli/inspect_certificate.h"

#include <vector>

#include "cli/inspect_extensions.h"
#include "cli/oid_names.h"
#include "core/crypto/digest.h"
#include "core/crypto/gost_curve.h"
#include "core/crypto/public_key.h"
#include "core/der/oid.h"
#include "core/der/reader.h"
#include "core/der/tag.h"
#include "core/encoding/input_form.h"
#include "core/x509/nuc_profile.h"

namespace tinysign::cli {

namespace {

// AlgorithmOid returns the dotted OID of an AlgorithmIdentifier, or a note
// that it cannot be read.
std::string AlgorithmOid(der::Input algorithm_identifier_tlv) {
  der::Reader outer(algorithm_identifier_tlv);
  auto sequence = outer.ReadSequence();
  if (!sequence.has_value()) {
    return "unreadable AlgorithmIdentifier";
  }
  auto oid = sequence->ReadOid();
  return oid.has_value() ? der::OidToString(*oid)
                         : "unreadable AlgorithmIdentifier";
}

std::string VersionText(x509::Version version) {
  switch (version) {
    case x509::Version::kV1:
      return "1 (0x0)";
    case x509::Version::kV2:
      return "2 (0x1)";
    case x509::Version::kV3:
      return "3 (0x2)";
  }
  return "unknown";
}

// SpkiAlgorithmOid returns the key algorithm OID of a
// SubjectPublicKeyInfo, dotted, or a note that it cannot be read.
std::string SpkiAlgorithmOid(der::Input spki_tlv) {
  der::Reader outer(spki_tlv);
  auto spki = outer.ReadSequence();
  if (!spki.has_value()) {
    return "unreadable SubjectPublicKeyInfo";
  }
  auto algorithm = spki->ReadTlv(der::tag::kSequence);
  return algorithm.has_value() ? AlgorithmOid(*algorithm)
                               : "unreadable SubjectPublicKeyInfo";
}

// DigestParameterText names the digest OID inside GOST key parameters.
std::string DigestParameterText(der::Input oid) {
  namespace crypto_oid = crypto::oid;
  std::string_view name;
  if (crypto_oid::kKzGost34311TestParamSet == oid) {
    name = "gost34311-95 with the Test S-box";
  } else if (crypto_oid::kGostR3411_94CryptoProParamSet == oid) {
    name = "GOST R 34.11-94 with the CryptoPro S-box";
  } else if (crypto_oid::kKzStreebog512 == oid ||
             crypto_oid::kTc26Streebog512 == oid) {
    name = "streebog512";
  } else if (crypto_oid::kKzStreebog256 == oid ||
             crypto_oid::kTc26Streebog256 == oid) {
    name = "streebog256";
  }
  const std::string dotted = der::OidToString(oid);
  return name.empty() ? dotted : std::string(name) + " (" + dotted + ")";
}

// GostParameterOids returns the OIDs in GOST public key parameters,
// SEQUENCE { curve, digest [, encryption] }, or an empty list when the
// parameters have another shape.
std::vector<der::Input> GostParameterOids(der::Input spki_tlv) {
  std::vector<der::Input> oids;
  der::Reader outer(spki_tlv);
  auto spki = outer.ReadSequence();
  if (!spki.has_value()) {
    return oids;
  }
  auto algorithm = spki->ReadSequence();
  if (!algorithm.has_value() || !algorithm->ReadOid().has_value()) {
    return oids;
  }
  auto parameters = algorithm->ReadSequence();
  if (!parameters.has_value()) {
    return oids;
  }
  while (!parameters->AtEnd()) {
    auto oid = parameters->ReadOid();
    if (!oid.has_value()) {
      return {};
    }
    oids.push_back(*oid);
  }
  return oids;
}

std::string CurveText(der::Input curve_oid) {
  const auto curve = crypto::FindGostCurveByOid(curve_oid);
  const std::string dotted = der::OidToString(curve_oid);
  if (!curve.has_value()) {
    return dotted + " (unknown curve)";
  }
  return std::string(crypto::GetGostCurveParams(*curve).name) + " (" + dotted +
         ")";
}

void PrintGostKey(const crypto::GostPublicKey& key, der::Input spki_tlv,
                  InspectWriter& writer) {
  const std::vector<der::Input> oids = GostParameterOids(spki_tlv);
  if (!oids.empty()) {
    writer.Field("Curve", CurveText(oids[0]));
  }
  if (oids.size() > 1) {
    writer.Field("Digest parameter", DigestParameterText(oids[1]));
  }
  if (oids.size() > 2) {
    writer.Field("Encryption parameter", der::OidToString(oids[2]));
  }
  const auto& params = crypto::GetGostCurveParams(key.curve);
  writer.Field("Key size",
               std::to_string(params.coordinate_bytes * 8) + " bits");
  writer.HexField("X", key.x);
  writer.HexField("Y", key.y);
}

void PrintPublicKey(const x509::Certificate& certificate,
                    InspectWriter& writer) {
  writer.Section("Public key");
  const std::string dotted = SpkiAlgorithmOid(certificate.spki_tlv());
  auto key = crypto::ParsePublicKey(certificate.spki_tlv());
  if (!key.has_value()) {
    writer.Field("Algorithm", dotted);
    writer.Field("Not supported", key.error().ToString());
    writer.HexField("SubjectPublicKeyInfo", certificate.spki_tlv());
    writer.EndSection();
    return;
  }
  writer.Field("Algorithm",
               std::string(crypto::KeyAlgorithmName(key->algorithm)) + " (" +
                   dotted + ")");
  if (const crypto::GostPublicKey* gost = key->gost()) {
    PrintGostKey(*gost, certificate.spki_tlv(), writer);
  } else if (const crypto::RsaPublicKey* rsa = key->rsa()) {
    writer.Field("Key size", std::to_string(rsa->modulus_bits) + " bits");
    writer.HexField("Modulus", rsa->modulus);
    writer.Field("Exponent", "0x" + encoding::HexEncode(rsa->public_exponent));
  }
  writer.EndSection();
}

void PrintNucIdentity(const x509::Certificate& certificate,
                      InspectWriter& writer) {
  const x509::NucIdentity identity = x509::ExtractNucIdentity(certificate);
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
      out += (out.empty() ? "" : ", ") + item;
    }
    return out;
  };
  const std::pair<std::string_view, std::string> fields[] = {
      {"IIN", identity.iin},
      {"BIN", identity.bin},
      {"Common name", identity.common_name},
      {"Surname", identity.surname},
      {"First name (from CN)", identity.given_name},
      {"Patronymic", identity.patronymic},
      {"Organisation", identity.organization},
      {"E-mail", identity.email},
      {"Roles", join(identity.roles)},
      {"Key purposes", join(identity.key_purposes)},
  };
  writer.Section("NUC identity");
  bool any = false;
  for (const auto& [label, value] : fields) {
    if (!value.empty()) {
      writer.Field(label, value);
      any = true;
    }
  }
  if (!any) {
    writer.Line("none: the certificate does not follow the NUC profile");
  }
  writer.EndSection();
}

}  // namespace

std::string DescribeSignatureAlgorithm(der::Input algorithm_identifier_tlv,
                                       crypto::AlgorithmContext context) {
  const std::string dotted = AlgorithmOid(algorithm_identifier_tlv);
  auto algorithm =
      crypto::ParseSignatureAlgorithm(algorithm_identifier_tlv, context);
  if (!algorithm.has_value()) {
    return dotted + " (" + algorithm.error().ToString() + ")";
  }
  return crypto::SignatureAlgorithmName(*algorithm) + " (" + dotted + ")";
}

std::string DescribeDigestAlgorithm(der::Input algorithm_identifier_tlv) {
  const std::string dotted = AlgorithmOid(algorithm_identifier_tlv);
  auto digest = crypto::ParseDigestAlgorithm(algorithm_identifier_tlv);
  if (!digest.has_value()) {
    return dotted + " (" + digest.error().ToString() + ")";
  }
  return std::string(crypto::DigestName(*digest)) + " (" + dotted + ")";
}

void PrintName(std::string_view label, const x509::Name& name,
               InspectWriter& writer) {
  writer.Field(label, name.ToRfc4514());
  writer.Nest();
  for (const x509::RelativeDistinguishedName& rdn : name.rdns()) {
    for (const x509::AttributeTypeAndValue& attribute : rdn) {
      const std::string value =
          attribute.is_text ? attribute.text
                            : "#" + encoding::HexEncode(attribute.value_tlv);
      writer.Field(DescribeOid(attribute.type), value);
    }
  }
  writer.EndSection();
}

void PrintCertificate(const x509::Certificate& certificate,
                      InspectWriter& writer) {
  writer.Section("Certificate");
  writer.Field("Version", VersionText(certificate.version()));
  writer.Field("Serial number", encoding::HexEncode(certificate.serial()));
  writer.Field(
      "Signature algorithm",
      DescribeSignatureAlgorithm(certificate.signature_algorithm_tlv(),
                                 crypto::AlgorithmContext::kCertificate));
  PrintName("Issuer", certificate.issuer(), writer);
  writer.Section("Validity");
  writer.Field("Not before", FormatRfc3339(certificate.not_before()));
  writer.Field("Not after", FormatRfc3339(certificate.not_after()));
  writer.EndSection();
  PrintName("Subject", certificate.subject(), writer);
  PrintPublicKey(certificate, writer);
  PrintExtensions(certificate.extensions(), writer);
  PrintNucIdentity(certificate, writer);
  writer.HexField("Signature value", certificate.signature_value());
  writer.Section("Fingerprints");
  writer.Field("SHA-1",
               encoding::HexEncode(crypto::ComputeDigest(
                   crypto::DigestAlgorithm::kSha1, certificate.der())));
  writer.Field("SHA-256",
               encoding::HexEncode(crypto::ComputeDigest(
                   crypto::DigestAlgorithm::kSha256, certificate.der())));
  writer.EndSection();
  writer.EndSection();
}

}  // namespace tinysign::cli
