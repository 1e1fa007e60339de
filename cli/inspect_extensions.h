// `tinysign inspect` output for certificate extensions.
#ifndef TINYSIGN_CLI_INSPECT_EXTENSIONS_H_
#define TINYSIGN_CLI_INSPECT_EXTENSIONS_H_

#include <string>
#include <vector>

#include "cli/inspect_writer.h"
#include "core/x509/extensions.h"
#include "core/x509/general_name.h"

namespace tinysign::cli {

// PrintExtensions writes every extension in encoding order: its name, OID
// and criticality, then its decoded value, or the value in hexadecimal for
// an extension TinySign does not interpret.
void PrintExtensions(const x509::Extensions& extensions, InspectWriter& writer);

// GeneralNameText returns a GeneralName in the OpenSSL style, such as
// "URI:http://crl.pki.gov.kz/nca_gost_2022.crl" or "email:a@b.kz".
std::string GeneralNameText(const x509::GeneralName& name);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_EXTENSIONS_H_
