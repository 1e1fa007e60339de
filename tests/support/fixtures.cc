#include "tests/support/fixtures.h"

#include <algorithm>
#include <cstdlib>

namespace tinysign::testing {

std::optional<std::filesystem::path> FixturesDir() {
  const char* from_env = std::getenv("TINYSIGN_FIXTURES");
  std::filesystem::path dir =
      from_env != nullptr ? from_env : TINYSIGN_DEFAULT_FIXTURES;
  std::error_code error;
  if (!std::filesystem::is_directory(dir / "nuc", error)) {
    return std::nullopt;
  }
  return dir;
}

std::filesystem::path FixturePath(const std::string& relative) {
  auto dir = FixturesDir();
  return dir ? *dir / relative : std::filesystem::path(relative);
}

std::vector<std::filesystem::path> FixtureFiles(
    const std::string& relative, const std::vector<std::string>& extensions) {
  std::vector<std::filesystem::path> files;
  auto dir = FixturesDir();
  if (!dir) {
    return files;
  }
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(*dir / relative)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    const std::string name = entry.path().filename().string();
    for (const std::string& extension : extensions) {
      if (name.size() >= extension.size() &&
          name.compare(name.size() - extension.size(), extension.size(),
                       extension) == 0) {
        files.push_back(entry.path());
        break;
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path BinaryDir() { return TINYSIGN_BINARY_DIR; }

}  // namespace tinysign::testing
