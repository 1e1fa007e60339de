// Access to the real NUC samples that live outside the repository.
//
// The folder comes from the TINYSIGN_FIXTURES environment variable, and
// defaults to ../shared/fixtures beside the checkout. Tests that need it call
// TINYSIGN_REQUIRE_FIXTURES() and are skipped, with a message, without it.
#ifndef TINYSIGN_TESTS_SUPPORT_FIXTURES_H_
#define TINYSIGN_TESTS_SUPPORT_FIXTURES_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tinysign::testing {

// FixturesDir returns the fixtures folder when it exists.
std::optional<std::filesystem::path> FixturesDir();

// FixturePath returns the path of `relative` inside the fixtures folder.
std::filesystem::path FixturePath(const std::string& relative);

// FixtureFiles lists files under `relative` whose names end in one of
// `extensions`, sorted.
std::vector<std::filesystem::path> FixtureFiles(
    const std::string& relative, const std::vector<std::string>& extensions);

// BinaryDir returns the CMake build folder, where bin/tinysign lives.
std::filesystem::path BinaryDir();

}  // namespace tinysign::testing

#define TINYSIGN_REQUIRE_FIXTURES()                                     \
  do {                                                                  \
    if (!::tinysign::testing::FixturesDir()) {                          \
      GTEST_SKIP() << "NUC fixtures not found: set TINYSIGN_FIXTURES "  \
                      "to the shared fixtures folder to run this test"; \
    }                                                                   \
  } while (0)

#endif  // TINYSIGN_TESTS_SUPPORT_FIXTURES_H_
