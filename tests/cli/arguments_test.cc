#include "cli/arguments.h"

#include <gtest/gtest.h>

namespace tinysign::cli {
namespace {

constexpr OptionSpec kSpecs[] = {
    {"--trust", true, true},
    {"--at", true, false},
    {"--json", false, false},
};

struct ParseOutcome {
  bool ok = false;
  Arguments arguments;
  std::string error;
};

ParseOutcome Parse(const std::vector<std::string>& args) {
  ParseOutcome outcome;
  outcome.ok = ParseArguments(args, kSpecs, &outcome.arguments, &outcome.error);
  return outcome;
}

TEST(ArgumentsTest, ReadsValuesFlagsAndPositional) {
  const ParseOutcome outcome =
      Parse({"--trust", "a", "sig.p7s", "--trust=b", "--json", "--at", "t"});
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(outcome.arguments.Values("--trust"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(outcome.arguments.Value("--at"), "t");
  EXPECT_TRUE(outcome.arguments.Has("--json"));
  EXPECT_EQ(outcome.arguments.positional(),
            std::vector<std::string>{"sig.p7s"});
}

TEST(ArgumentsTest, AbsentOptionHasNoValue) {
  const ParseOutcome outcome = Parse({"x"});
  ASSERT_TRUE(outcome.ok);
  EXPECT_FALSE(outcome.arguments.Has("--at"));
  EXPECT_EQ(outcome.arguments.Value("--at"), std::nullopt);
  EXPECT_TRUE(outcome.arguments.Values("--trust").empty());
}

TEST(ArgumentsTest, DashIsPositional) {
  const ParseOutcome outcome = Parse({"-"});
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.arguments.positional(), std::vector<std::string>{"-"});
}

TEST(ArgumentsTest, DoubleDashEndsOptions) {
  const ParseOutcome outcome = Parse({"--", "--json", "-x"});
  ASSERT_TRUE(outcome.ok);
  EXPECT_FALSE(outcome.arguments.Has("--json"));
  EXPECT_EQ(outcome.arguments.positional(),
            (std::vector<std::string>{"--json", "-x"}));
}

TEST(ArgumentsTest, ValueStartingWithDashNeedsEquals) {
  const ParseOutcome outcome = Parse({"--at=-1"});
  ASSERT_TRUE(outcome.ok);
  EXPECT_EQ(outcome.arguments.Value("--at"), "-1");
}

TEST(ArgumentsTest, RejectsUnknownOption) {
  const ParseOutcome outcome = Parse({"--trusted", "x"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "unknown option '--trusted'");
}

TEST(ArgumentsTest, RejectsUnknownShortOption) {
  const ParseOutcome outcome = Parse({"-j"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "unknown option '-j'");
}

TEST(ArgumentsTest, RejectsMissingValueAtEnd) {
  const ParseOutcome outcome = Parse({"--at"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "option --at requires a value");
}

TEST(ArgumentsTest, RejectsOptionTakenAsValue) {
  const ParseOutcome outcome = Parse({"--trust", "--json", "x"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "option --trust requires a value");
}

TEST(ArgumentsTest, RejectsRepeatedSingleOption) {
  const ParseOutcome outcome = Parse({"--at", "a", "--at", "b"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "option --at is given more than once");
}

TEST(ArgumentsTest, RejectsValueForFlag) {
  const ParseOutcome outcome = Parse({"--json=yes"});
  EXPECT_FALSE(outcome.ok);
  EXPECT_EQ(outcome.error, "option --json takes no value");
}

}  // namespace
}  // namespace tinysign::cli
