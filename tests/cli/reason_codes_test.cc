#include "report/reason_codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/support/files.h"

namespace tinysign::report {
namespace {

// DocsPath finds docs/ of this checkout from this file's own path.
std::filesystem::path DocsPath(const std::string& name) {
  return std::filesystem::path(__FILE__)
             .parent_path()
             .parent_path()
             .parent_path() /
         "docs" / name;
}

TEST(ReasonCodesTest, EveryCodeSaysWhenItOccurs) {
  std::set<std::string> ids;
  for (ErrorCode code : AllErrorCodes()) {
    EXPECT_FALSE(ReasonCodeOccurrence(code).empty()) << ErrorId(code);
    EXPECT_TRUE(ids.insert(std::string(ErrorId(code))).second)
        << "duplicate id " << ErrorId(code);
  }
  // core/error.h lists 114 codes; a new one must be added here on purpose.
  EXPECT_GE(ids.size(), 114u);
}

TEST(ReasonCodesTest, CheckedInListIsCurrent) {
  const Bytes file = testing::ReadFileBytes(DocsPath("reason-codes.md"));
  EXPECT_EQ(std::string(file.begin(), file.end()), ReasonCodesMarkdown())
      << "run: build/bin/tinysign reason-codes > docs/reason-codes.md";
}

TEST(ReasonCodesTest, ListNamesEveryCodeOnce) {
  const std::string markdown = ReasonCodesMarkdown();
  for (ErrorCode code : AllErrorCodes()) {
    const std::string cell = "| `" + std::string(ErrorId(code)) + "` |";
    const size_t first = markdown.find(cell);
    ASSERT_NE(first, std::string::npos) << cell;
    EXPECT_EQ(markdown.find(cell, first + 1), std::string::npos) << cell;
  }
}

}  // namespace
}  // namespace tinysign::report
