#include "cli/cli.h"

#include <gtest/gtest.h>

#include <regex>

#include "tests/cli/cli_runner.h"

namespace tinysign::cli {
namespace {

using testing::CliRun;
using testing::RunInProcess;

TEST(CliTest, HelpGoesToStandardOutput) {
  const CliRun run = RunInProcess({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("Usage: tinysign COMMAND", 0), 0u) << run.out;
  EXPECT_TRUE(run.err.empty());
}

TEST(CliTest, NoArgumentsIsUsageError) {
  const CliRun run = RunInProcess({});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(run.err.rfind("Usage: tinysign COMMAND", 0), 0u) << run.err;
}

TEST(CliTest, VersionPrintsProjectVersion) {
  const CliRun run = RunInProcess({"--version"});
  EXPECT_EQ(run.exit_code, 0);
  // The version comes from project() in the top CMakeLists.txt.
  EXPECT_TRUE(std::regex_match(
      run.out, std::regex("tinysign [0-9]+\\.[0-9]+\\.[0-9]+\n")))
      << run.out;
}

TEST(CliTest, UnknownCommandIsUsageError) {
  const CliRun run = RunInProcess({"notarize", "x"});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_EQ(run.err,
            "tinysign: unknown command 'notarize'\n"
            "Run 'tinysign --help' to see the commands.\n");
}

}  // namespace
}  // namespace tinysign::cli
