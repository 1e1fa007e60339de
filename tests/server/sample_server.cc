#include "tests/server/sample_server.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/encoding/input_form.h"
#include "tests/server/signed_samples.h"

namespace tinysign::testing {

std::unique_ptr<ServerProcess> StartSampleServer(
    const std::vector<std::string>& args,
    const std::vector<EnvironmentVariable>& environment) {
  std::vector<std::string> all = {"--trust", Samples().trust_dir.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::string error;
  auto server = ServerProcess::Start(all, environment, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

std::string ValidVerifyBody() {
  return boost::json::serialize(boost::json::object{
      {"signature", encoding::EncodeBase64(Samples().attached)},
      {"policy",
       {{"revocation", "off"}, {"validationTime", kValidationTime}}}});
}

}  // namespace tinysign::testing
