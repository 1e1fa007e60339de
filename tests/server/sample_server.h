// The service set up for the signed samples: started with their trust
// folder, and the JSON body that verifies the attached sample as valid.
#ifndef TINYSIGN_TESTS_SERVER_SAMPLE_SERVER_H_
#define TINYSIGN_TESTS_SERVER_SAMPLE_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "tests/server/server_process.h"

namespace tinysign::testing {

// StartSampleServer starts tinysign-server trusting the samples' CAs, with
// `args` added after --trust and `environment` set. It records a test
// failure and returns null when the server does not start.
std::unique_ptr<ServerProcess> StartSampleServer(
    const std::vector<std::string>& args,
    const std::vector<EnvironmentVariable>& environment);

// ValidVerifyBody returns a JSON verify request for the attached sample
// with revocation off at `kValidationTime`, which the service reports
// valid.
std::string ValidVerifyBody();

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SERVER_SAMPLE_SERVER_H_
