// Files of fetched CRLs and OCSP responses, so that a restarted process
// can use them before, or instead of, a new download.
//
// Layout under the root folder:
//   crl/<64 hex digits>.crl   a DER CertificateList; the name is the
//                             SHA-256 of the URL and the issuer's DER
//   ocsp/<64 hex digits>.der  a DER OCSPResponse; the name is the SHA-256
//                             of the DER CertID
// A file is written under a temporary name in its own folder and then
// renamed into place, so that a reader sees either the old or the new
// file, never part of one. Nothing read back is trusted: the
// fetchers check each file as they check a download.
//
// An OCSP file is removed once it is found expired. A file that no later
// fetch reads stays until it is removed by hand.
// NOTE: nothing bounds the number of files, which grows by one OCSP
// response per certificate checked and one CRL per URL and issuer.
#ifndef TINYSIGN_FETCH_CACHE_DIRECTORY_H_
#define TINYSIGN_FETCH_CACHE_DIRECTORY_H_

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/der/input.h"
#include "core/result.h"
#include "core/time.h"

namespace tinysign::fetch {

// CacheKind selects the subfolder of a cache file.
enum class CacheKind { kCrl, kOcsp };

// CacheFile is the contents of a cache file and when it was last written.
struct CacheFile {
  Bytes contents;
  Time modified_at;
};

// CacheFileName returns the SHA-256, in lowercase hex, of `parts`, each
// preceded by its length as 8 big-endian bytes so that two different lists
// of parts never hash the same input.
std::string CacheFileName(std::initializer_list<der::Input> parts);

// CacheDirectory reads and writes the files of one cache folder. It keeps
// no state besides the path, so it is safe to use from several threads.
class CacheDirectory {
 public:
  explicit CacheDirectory(std::filesystem::path root)
      : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }

  // PathOf returns the path of the file `name` of `kind`.
  std::filesystem::path PathOf(CacheKind kind, const std::string& name) const;

  // Prepare creates the root folder and its crl/ and ocsp/ subfolders when
  // they are missing, and then writes and removes a file in each. It fails
  // with `fetch.cache_file_failed`, naming the folder, when a folder cannot
  // be created or written. It also removes temporary files more than
  // `kStaleTemporaryAge` old, which a process killed while writing leaves.
  Status Prepare() const;

  // kStaleTemporaryAge is the age after which `Prepare` takes a temporary
  // file for abandoned. A write takes far less, so a younger one may still
  // belong to another process that shares the folder.
  static constexpr std::chrono::hours kStaleTemporaryAge{1};

  // Read returns the file `name` of `kind`, or nullopt when it does not
  // exist. It fails with `input.too_large` for a file of more than
  // `limits::kMaxInputBytes`, the cap on a downloaded body, and with
  // `fetch.cache_file_failed` when the file cannot be read.
  Result<std::optional<CacheFile>> Read(CacheKind kind,
                                        const std::string& name) const;

  // Write replaces the file `name` of `kind` with `contents` atomically
  // (temporary file and rename in the same folder). It fails with
  // `fetch.cache_file_failed` when the file cannot be written.
  Status Write(CacheKind kind, const std::string& name,
               der::Input contents) const;

  // Remove deletes the file `name` of `kind`, if it exists. It fails with
  // `fetch.cache_file_failed` when the file cannot be removed.
  Status Remove(CacheKind kind, const std::string& name) const;

 private:
  std::filesystem::path root_;
};

}  // namespace tinysign::fetch

#endif  // TINYSIGN_FETCH_CACHE_DIRECTORY_H_
