#include "fetch/cache_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/crypto/digest.h"
#include "core/encoding/input_form.h"
#include "core/limits.h"

namespace tinysign::fetch {

namespace {

std::string_view SubfolderOf(CacheKind kind) {
  return kind == CacheKind::kCrl ? "crl" : "ocsp";
}

std::string_view ExtensionOf(CacheKind kind) {
  return kind == CacheKind::kCrl ? ".crl" : ".der";
}

Error FileError(const std::filesystem::path& path, std::string_view action,
                int error_number) {
  return Error{ErrorCode::kFetchCacheFileFailed,
               "cannot " + std::string(action) + " " + path.string() + ": " +
                   std::strerror(error_number)};
}

// FileDescriptor closes its descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) {
      close(fd_);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return fd_; }
  // Close closes the descriptor and returns close's errno, or 0.
  int Close() {
    const int result = close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

constexpr std::string_view kTemporaryMarker = ".tmp-";

// RemoveStaleTemporaryFiles removes the temporary files in `folder` last
// written more than `max_age` ago. Failures are ignored, because a file
// left behind only takes space.
void RemoveStaleTemporaryFiles(const std::filesystem::path& folder,
                               std::chrono::hours max_age) {
  const auto oldest_kept =
      std::filesystem::file_time_type::clock::now() -
      std::chrono::duration_cast<std::filesystem::file_time_type::duration>(
          max_age);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.find(kTemporaryMarker) == std::string::npos ||
        !entry.is_regular_file(error)) {
      continue;
    }
    const auto written = entry.last_write_time(error);
    if (!error && written < oldest_kept) {
      std::filesystem::remove(entry.path(), error);
    }
  }
}

// TemporaryPathFor returns a name beside `path` that no other writer of
// this process or another one uses at the same time.
std::filesystem::path TemporaryPathFor(const std::filesystem::path& path) {
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path temporary = path;
  temporary += std::string(kTemporaryMarker) + std::to_string(getpid()) + "-" +
               std::to_string(counter.fetch_add(1));
  return temporary;
}

// WriteAll writes `contents` to `fd`. It returns 0 or the errno of the
// failed call. There is no fsync, which would add its latency to the
// request that cached an OCSP response: a file cut short by a power loss
// fails the checks on reading and is ignored.
int WriteAll(int fd, der::Input contents) {
  const uint8_t* next = contents.data();
  size_t remaining = contents.size();
  while (remaining > 0) {
    const ssize_t written = write(fd, next, remaining);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    next += written;
    remaining -= static_cast<size_t>(written);
  }
  return 0;
}

// ReadAll reads up to `max_bytes` + 1 bytes from `fd`, so that a file
// that grew after it was measured is still caught as too large.
Result<Bytes> ReadAll(int fd, const std::filesystem::path& path,
                      size_t max_bytes) {
  Bytes contents;
  uint8_t buffer[64 * 1024];
  while (contents.size() <= max_bytes) {
    const ssize_t count = read(fd, buffer, sizeof(buffer));
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      return FileError(path, "read", errno);
    }
    if (count == 0) {
      break;
    }
    contents.insert(contents.end(), buffer, buffer + count);
  }
  if (contents.size() > max_bytes) {
    return Fail(ErrorCode::kInputTooLarge, path.string() + " is larger than " +
                                               std::to_string(max_bytes) +
                                               " bytes");
  }
  return contents;
}

}  // namespace

std::string CacheFileName(std::initializer_list<der::Input> parts) {
  Bytes input;
  for (der::Input part : parts) {
    const uint64_t size = part.size();
    for (int shift = 56; shift >= 0; shift -= 8) {
      input.push_back(static_cast<uint8_t>(size >> shift));
    }
    input.insert(input.end(), part.begin(), part.end());
  }
  return encoding::HexEncode(
      crypto::ComputeDigest(crypto::DigestAlgorithm::kSha256, input));
}

std::filesystem::path CacheDirectory::PathOf(CacheKind kind,
                                             const std::string& name) const {
  return root_ / SubfolderOf(kind) / (name + std::string(ExtensionOf(kind)));
}

Status CacheDirectory::Prepare() const {
  for (CacheKind kind : {CacheKind::kCrl, CacheKind::kOcsp}) {
    const std::filesystem::path folder = root_ / SubfolderOf(kind);
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
      return Fail(ErrorCode::kFetchCacheFileFailed,
                  "cannot create " + folder.string() + ": " + error.message());
    }
    // A probe file shows a folder that exists but cannot be written, such
    // as one owned by another user or on a read-only mount.
    const std::string probe = "write-probe-" + std::to_string(getpid());
    TINYSIGN_TRY(Write(kind, probe, der::Input()));
    std::filesystem::remove(PathOf(kind, probe), error);
    RemoveStaleTemporaryFiles(folder, kStaleTemporaryAge);
  }
  return OkStatus();
}

Result<std::optional<CacheFile>> CacheDirectory::Read(
    CacheKind kind, const std::string& name) const {
  const std::filesystem::path path = PathOf(kind, name);
  // O_NONBLOCK keeps open() from waiting for a writer when the name is a
  // FIFO; the type check below then rejects it.
  FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      return std::optional<CacheFile>();
    }
    return FileError(path, "open", errno);
  }
  struct stat status {};
  if (fstat(fd.get(), &status) != 0) {
    return FileError(path, "read the status of", errno);
  }
  if (!S_ISREG(status.st_mode)) {
    return Fail(ErrorCode::kFetchCacheFileFailed,
                path.string() + " is not a regular file");
  }
  if (static_cast<uint64_t>(status.st_size) > limits::kMaxInputBytes) {
    return Fail(ErrorCode::kInputTooLarge,
                path.string() + " has " + std::to_string(status.st_size) +
                    " bytes, more than " +
                    std::to_string(limits::kMaxInputBytes));
  }
  TINYSIGN_ASSIGN_OR_RETURN(Bytes contents,
                            ReadAll(fd.get(), path, limits::kMaxInputBytes));
  return std::optional<CacheFile>(
      CacheFile{std::move(contents), Time{status.st_mtim.tv_sec}});
}

Status CacheDirectory::Write(CacheKind kind, const std::string& name,
                             der::Input contents) const {
  const std::filesystem::path path = PathOf(kind, name);
  const std::filesystem::path temporary = TemporaryPathFor(path);
  FileDescriptor fd(
      open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    return FileError(temporary, "create", errno);
  }
  int error_number = WriteAll(fd.get(), contents);
  const int close_error = fd.Close();
  if (error_number == 0) {
    error_number = close_error;
  }
  if (error_number == 0 && rename(temporary.c_str(), path.c_str()) != 0) {
    error_number = errno;
  }
  if (error_number != 0) {
    unlink(temporary.c_str());
    return FileError(path, "write", error_number);
  }
  return OkStatus();
}

Status CacheDirectory::Remove(CacheKind kind, const std::string& name) const {
  const std::filesystem::path path = PathOf(kind, name);
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    return FileError(path, "remove", errno);
  }
  return OkStatus();
}

}  // namespace tinysign::fetch
