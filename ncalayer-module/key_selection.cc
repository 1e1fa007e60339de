#include "ncalayer-module/key_selection.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/der/oid.h"
#include "core/encoding/input_form.h"
#include "core/x509/extensions.h"
#include "core/x509/name.h"
#include "core/x509/nuc_profile.h"

namespace tinysign::ncalayer {
namespace {

// NormalizeSerial lowercases a hexadecimal serial number and drops its
// leading zeros, so "00AB" and "ab" compare equal.
std::string NormalizeSerial(std::string_view hex) {
  std::string out;
  for (char c : hex) {
    if (out.empty() && c == '0') {
      continue;
    }
    out.push_back(
        static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool HasExtKeyUsages(const x509::Certificate& certificate,
                     const std::vector<std::string>& oids) {
  if (oids.empty()) {
    return true;
  }
  if (!certificate.ext_key_usage()) {
    return false;
  }
  std::vector<std::string> present;
  for (der::Input oid : *certificate.ext_key_usage()) {
    present.push_back(der::OidToString(oid));
  }
  return std::all_of(oids.begin(), oids.end(), [&](const std::string& oid) {
    return std::find(present.begin(), present.end(), oid) != present.end();
  });
}

bool ChainAllows(const x509::Certificate& certificate,
                 const KeyFilter& filter) {
  if (!filter.chain) {
    return certificate.not_before() <= filter.now &&
           filter.now <= certificate.not_after();
  }
  if (filter.chain->empty()) {
    return true;
  }
  return std::any_of(
      filter.chain->begin(), filter.chain->end(), [&](const auto& ca) {
        return x509::NamesMatch(certificate.issuer(), ca->subject());
      });
}

// AsksForAuthentication reports whether `filter` requests an
// authentication key, by the clientAuth extKeyUsage or the "auth" purpose.
bool AsksForAuthentication(const KeyFilter& filter) {
  const std::string client_auth =
      der::OidToString(x509::oid::kClientAuth.bytes());
  return filter.key_purpose == "auth" ||
         std::find(filter.ext_key_usage_oids.begin(),
                   filter.ext_key_usage_oids.end(),
                   client_auth) != filter.ext_key_usage_oids.end();
}

// CanSign reports whether the certificate's keyUsage asserts
// nonRepudiation, which NUC sets on signing keys and not on
// authentication keys.
bool CanSign(const SigningKey& key) {
  const auto& key_usage = key.certificate->key_usage();
  return key_usage && key_usage->Has(x509::KeyUsageBit::kNonRepudiation);
}

}  // namespace

bool KeyMatches(const SigningKey& key, const KeyFilter& filter) {
  const x509::Certificate& certificate = *key.certificate;
  if (!HasExtKeyUsages(certificate, filter.ext_key_usage_oids)) {
    return false;
  }
  x509::NucIdentity identity = x509::ExtractNucIdentity(certificate);
  if (!filter.key_purpose.empty() &&
      std::find(identity.key_purposes.begin(), identity.key_purposes.end(),
                filter.key_purpose) == identity.key_purposes.end()) {
    return false;
  }
  if (!filter.iin.empty() && identity.iin != filter.iin) {
    return false;
  }
  if (!filter.bin.empty() && identity.bin != filter.bin) {
    return false;
  }
  if (!filter.serial_number.empty() &&
      NormalizeSerial(encoding::HexEncode(certificate.serial())) !=
          NormalizeSerial(filter.serial_number)) {
    return false;
  }
  return ChainAllows(certificate, filter);
}

KeyChoice ChooseKey(const std::vector<SigningKey>& keys,
                    const KeyFilter& filter,
                    const std::optional<UserAction>& action,
                    const std::string& preferred_file) {
  using Outcome = KeyChoice::Outcome;
  if (action) {
    switch (action->kind) {
      case UserAction::Kind::kCancel:
        return {Outcome::kCanceled};
      case UserAction::Kind::kWrongPassword:
        return {Outcome::kWrongPassword};
      case UserAction::Kind::kNoMatchingKey:
        return {Outcome::kNoMatchingKey};
      case UserAction::Kind::kCloseSocket:
        return {Outcome::kCloseSocket};
      case UserAction::Kind::kChooseKey:
        if (action->key_index >= keys.size()) {
          return {Outcome::kNoMatchingKey};
        }
        return {Outcome::kChosen, action->key_index};
    }
  }
  // A signing request that names no purpose should get a signing key,
  // because a signature made with an authentication key fails verification
  // for the signing purpose.
  const bool prefer_signing = !AsksForAuthentication(filter);
  std::optional<size_t> first_match;
  std::optional<size_t> first_signing_match;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!KeyMatches(keys[i], filter)) {
      continue;
    }
    if (keys[i].file_name == preferred_file) {
      return {Outcome::kChosen, i};
    }
    if (!first_match) {
      first_match = i;
    }
    if (prefer_signing && !first_signing_match && CanSign(keys[i])) {
      first_signing_match = i;
    }
  }
  if (first_signing_match) {
    return {Outcome::kChosen, *first_signing_match};
  }
  if (!first_match) {
    return {Outcome::kNoMatchingKey};
  }
  return {Outcome::kChosen, *first_match};
}

}  // namespace tinysign::ncalayer
