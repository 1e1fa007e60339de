// Per-issuer OCSP responder overrides of tinysign-server, written as
// "KEYID=URL" in TINYSIGN_OCSP_OVERRIDES and --ocsp-override, and as
// {"KEYID": "URL"} in the "ocspOverrides" key of the configuration file.
//
// KEYID is the issuer certificate's subjectKeyIdentifier (RFC 5280 section
// 4.2.1.2), which GET /api/v1/trust lists for every loaded certificate.
// It may be written in either case and with ':' between bytes, and is
// stored in lowercase without separators, the form `fetch::FetchConfig`
// expects. URL is an http:// URL; the fetch map and the loopback-only rule
// apply to it as to a URL taken from a certificate.
#ifndef TINYSIGN_SERVER_OCSP_OVERRIDE_H_
#define TINYSIGN_SERVER_OCSP_OVERRIDE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tinysign::server {

// NormalizeKeyIdentifier turns "3F1A...", "3f1a..." or "3F:1A:..." into
// lowercase hex without separators. It fails, with a message naming
// `text`, for an empty value, a character other than a hex digit or ':',
// a ':' that does not separate two-digit bytes, or an odd number of
// digits.
bool NormalizeKeyIdentifier(std::string_view text, std::string* out,
                            std::string* error);

// AddOcspOverride checks `key_identifier` and `url` and adds them to
// `overrides`. It fails when the key identifier is invalid, when `url` is
// not an http:// URL with a host, or when `overrides` already has an entry
// for the same normalised key identifier.
bool AddOcspOverride(std::string_view key_identifier, std::string_view url,
                     std::map<std::string, std::string>* overrides,
                     std::string* error);

// ParseOcspOverrides reads "KEYID=URL" items into a new map that replaces
// `overrides` on success. `source` names where the items came from, such
// as "TINYSIGN_OCSP_OVERRIDES", for the error message.
bool ParseOcspOverrides(const std::vector<std::string>& items,
                        std::string_view source,
                        std::map<std::string, std::string>* overrides,
                        std::string* error);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_OCSP_OVERRIDE_H_
