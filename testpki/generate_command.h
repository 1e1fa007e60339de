// `tinysign-testpki generate`: builds the RSA, GOST 2004 and GOST 2015
// hierarchies and writes them under an output folder.
#ifndef TINYSIGN_TESTPKI_GENERATE_COMMAND_H_
#define TINYSIGN_TESTPKI_GENERATE_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/time.h"

namespace tinysign::testpki {

// RunGenerate parses `arguments` (after "generate") and writes DIR/trust,
// DIR/services, DIR/keys, DIR/crl and DIR/manifest.json. `now` is the
// default of --at. It returns the process exit code: 0 on success, 2 for
// invalid arguments and 1 when building or writing fails.
int RunGenerate(const std::vector<std::string>& arguments, Time now,
                std::ostream& out, std::ostream& err);

}  // namespace tinysign::testpki

#endif  // TINYSIGN_TESTPKI_GENERATE_COMMAND_H_
