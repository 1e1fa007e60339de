// File helpers for tests.
#ifndef TINYSIGN_TESTS_SUPPORT_FILES_H_
#define TINYSIGN_TESTS_SUPPORT_FILES_H_

#include <filesystem>
#include <string>

#include "core/der/input.h"

namespace tinysign::testing {

// ReadFileBytes returns the contents of `path`; it fails the current test
// when the file cannot be read.
Bytes ReadFileBytes(const std::filesystem::path& path);

void WriteFileBytes(const std::filesystem::path& path, der::Input data);

// TempDir returns a new empty folder under the system temporary folder,
// unique to this process and `name`.
std::filesystem::path TempDir(const std::string& name);

}  // namespace tinysign::testing

#endif  // TINYSIGN_TESTS_SUPPORT_FILES_H_
