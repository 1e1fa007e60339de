// Display names of the OBJECT IDENTIFIERs that `tinysign inspect` prints:
// extensions, key purposes, NUC roles, name attributes and CMS attributes.
// Algorithms are named by the crypto layer instead.
#ifndef TINYSIGN_CLI_OID_NAMES_H_
#define TINYSIGN_CLI_OID_NAMES_H_

#include <string>
#include <string_view>

#include "core/der/input.h"

namespace tinysign::cli {

// OidName returns the display name of the OID with contents `oid`, such as
// "keyUsage" or "NUC role first_head", or "" when it has none.
std::string_view OidName(der::Input oid);

// DescribeOid returns "name (dotted)" for a named OID, else the dotted form.
std::string DescribeOid(der::Input oid);

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_OID_NAMES_H_
