// Loading trust anchors and intermediate CA certificates from directories
// (`--trust DIR`) and certificate files (`--untrusted FILE`).
#ifndef TINYSIGN_CLI_TRUST_DIRECTORY_H_
#define TINYSIGN_CLI_TRUST_DIRECTORY_H_

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/der/input.h"
#include "core/x509/trust_store.h"

namespace tinysign::cli {

// LoadTrustDirectory adds every certificate in the regular files directly
// inside `dir` (not in subdirectories) to `trust`, in file name order. A
// file may be DER, base64 or PEM, and a PEM file may hold several
// certificates. Files that are not certificates, such as a README, are
// skipped with a one-line warning on `warnings` that names the file. It
// returns false and sets `error` when `dir` itself cannot be read.
bool LoadTrustDirectory(const std::string& dir, x509::TrustStore* trust,
                        std::ostream& warnings, std::string* error);

// LoadTrustDirectories loads every directory of `dirs` into `trust`, with
// warnings on the command's standard error. For a directory that cannot be
// read it writes the input error and returns false.
bool LoadTrustDirectories(const CommandContext& context,
                          const std::vector<std::string>& dirs,
                          x509::TrustStore* trust);

// ReadCertificateFile returns the DER of every certificate in `path` (DER,
// base64, or PEM with one or more blocks; "-" reads `in`). It fails,
// setting `error`, when the file cannot be read or any block in it is not a
// certificate.
std::optional<std::vector<Bytes>> ReadCertificateFile(const std::string& path,
                                                      std::istream& in,
                                                      std::string* error);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_TRUST_DIRECTORY_H_
