#include "core/verify/chain.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/limits.h"
#include "core/verify/signed_bytes.h"
#include "core/verify/verdict.h"

namespace tinysign::verify {

namespace {

std::string SubjectOf(const x509::Certificate& certificate) {
  return certificate.subject().ToRfc4514();
}

bool IsTrusted(const CertificatePool& pool,
               const x509::Certificate& certificate) {
  for (const CertificatePtr& trusted : pool.trusted) {
    if (trusted->der() == certificate.der()) {
      return true;
    }
  }
  return false;
}

// MayHaveIssued returns true when `issuer` is a candidate issuer of
// `child`: its subject matches the child's issuer name and, when both key
// identifiers are present, the child's authorityKeyIdentifier equals the
// issuer's subjectKeyIdentifier (RFC 5280 section 4.2.1.1).
bool MayHaveIssued(const x509::Certificate& issuer,
                   const x509::Certificate& child) {
  if (!x509::NamesMatch(issuer.subject(), child.issuer())) {
    return false;
  }
  const auto& aki = child.authority_key_identifier();
  const auto& ski = issuer.subject_key_identifier();
  if (aki && aki->key_identifier && ski) {
    return *aki->key_identifier == *ski;
  }
  return true;
}

bool InPath(const std::vector<CertificatePtr>& path,
            const x509::Certificate& certificate) {
  return std::any_of(path.begin(), path.end(), [&](const CertificatePtr& c) {
    return c->der() == certificate.der();
  });
}

// Candidates lists the possible issuers of `child`, trusted ones first, each
// certificate once.
std::vector<CertificatePtr> Candidates(const CertificatePool& pool,
                                       const x509::Certificate& child) {
  std::vector<CertificatePtr> out;
  auto add = [&](const CertificatePtr& candidate) {
    if (MayHaveIssued(*candidate, child) && !InPath(out, *candidate)) {
      out.push_back(candidate);
    }
  };
  for (const CertificatePtr& candidate : pool.trusted) {
    add(candidate);
  }
  for (const CertificatePtr& candidate : pool.untrusted) {
    add(candidate);
  }
  return out;
}

// PathSearch enumerates paths depth first, bounded by the chain length and
// the number of paths tried.
class PathSearch {
 public:
  PathSearch(const CertificatePool& pool) : pool_(pool) {}

  // Run calls `on_path` for each path that ends at a trusted self-issued
  // certificate, and records the longest path that reached none. It stops
  // early when `on_path` returns true.
  template <typename Callback>
  void Run(const CertificatePtr& start, Callback on_path) {
    std::vector<CertificatePtr> path = {start};
    Extend(&path, on_path);
  }

  const std::vector<CertificatePtr>& longest_incomplete() const {
    return longest_incomplete_;
  }
  bool hit_limit() const { return hit_limit_; }

 private:
  template <typename Callback>
  bool Extend(std::vector<CertificatePtr>* path, Callback& on_path) {
    const x509::Certificate& last = *path->back();
    if (IsTrusted(pool_, last) && last.IsSelfIssued()) {
      ++num_paths_;
      return on_path(*path);
    }
    if (path->size() >= limits::kMaxChainLength) {
      // A path cut off here counts like any other, so that layers of
      // same-name CAs cannot multiply the work without bound.
      ++num_paths_;
      hit_limit_ = true;
      RecordIncomplete(*path);
      return false;
    }
    bool extended = false;
    for (const CertificatePtr& candidate : Candidates(pool_, last)) {
      if (InPath(*path, *candidate)) {
        continue;
      }
      if (num_paths_ >= limits::kMaxPathCandidates) {
        hit_limit_ = true;
        return false;
      }
      extended = true;
      path->push_back(candidate);
      const bool done = Extend(path, on_path);
      path->pop_back();
      if (done) {
        return true;
      }
    }
    if (!extended) {
      ++num_paths_;
      RecordIncomplete(*path);
    }
    return false;
  }

  void RecordIncomplete(const std::vector<CertificatePtr>& path) {
    if (path.size() > longest_incomplete_.size()) {
      longest_incomplete_ = path;
    }
  }

  const CertificatePool& pool_;
  size_t num_paths_ = 0;
  bool hit_limit_ = false;
  std::vector<CertificatePtr> longest_incomplete_;
};

class PathValidator {
 public:
  PathValidator(Time control_time) : control_time_(control_time) {}

  ChainResult Validate(const std::vector<CertificatePtr>& path) {
    result_ = ChainResult();
    result_.path = path;
    result_.reached_anchor = true;
    result_.result = CheckResult::kPassed;
    for (size_t i = 0; i < path.size(); ++i) {
      const x509::Certificate& certificate = *path[i];
      const x509::Certificate& issuer =
          i + 1 < path.size() ? *path[i + 1] : certificate;
      CheckSignature(certificate, issuer);
      CheckValidity(certificate);
      CheckCriticalExtensions(certificate);
      if (i > 0) {
        CheckIssuer(certificate, i - 1);
      }
    }
    return result_;
  }

 private:
  void AddFailure(CheckResult severity, ErrorCode code,
                  const x509::Certificate& certificate, std::string what) {
    result_.reasons.push_back(
        Reason{code, what + ": " + SubjectOf(certificate)});
    if (CheckSeverity(severity) > CheckSeverity(result_.result)) {
      result_.result = severity;
    }
  }

  // VerifyCached verifies each (certificate, issuer) pair once, because
  // candidate paths share most of their links.
  const Status& VerifyCached(const x509::Certificate& certificate,
                             const x509::Certificate& issuer) {
    const auto key = std::make_pair(&certificate, &issuer);
    auto found = verified_.find(key);
    if (found == verified_.end()) {
      found = verified_
                  .emplace(key, VerifyCertificateSignature(certificate, issuer))
                  .first;
    }
    return found->second;
  }

  void CheckSignature(const x509::Certificate& certificate,
                      const x509::Certificate& issuer) {
    const Status& verified = VerifyCached(certificate, issuer);
    if (verified.has_value()) {
      return;
    }
    const bool unsupported =
        verified.error().code == ErrorCode::kCryptoUnsupportedAlgorithm;
    AddFailure(unsupported ? CheckResult::kIndeterminate : CheckResult::kFailed,
               unsupported ? ErrorCode::kCryptoUnsupportedAlgorithm
                           : ErrorCode::kChainSignatureInvalid,
               certificate,
               "signature does not verify (" +
                   std::string(ErrorId(verified.error().code)) + ")");
  }

  // CheckValidity fails the path as indeterminate outside the validity
  // period: an expired certificate may still have been valid when the
  // signature was made, which only a timestamp can prove.
  void CheckValidity(const x509::Certificate& certificate) {
    if (control_time_ < certificate.not_before()) {
      AddFailure(CheckResult::kIndeterminate, ErrorCode::kChainNotYetValid,
                 certificate,
                 "not valid before " + FormatRfc3339(certificate.not_before()));
    } else if (control_time_ > certificate.not_after()) {
      AddFailure(CheckResult::kIndeterminate, ErrorCode::kChainExpired,
                 certificate,
                 "expired at " + FormatRfc3339(certificate.not_after()));
    }
  }

  void CheckCriticalExtensions(const x509::Certificate& certificate) {
    for (der::Input oid : certificate.unknown_critical_extensions()) {
      AddFailure(CheckResult::kFailed, ErrorCode::kX509UnknownCriticalExtension,
                 certificate,
                 "unknown critical extension " + der::OidToString(oid));
    }
  }

  // CheckIssuer applies RFC 5280 6.1.4 (k), (l) and (n) to a certificate
  // that issued another; `num_below` counts the non-leaf certificates
  // between it and the leaf.
  void CheckIssuer(const x509::Certificate& issuer, size_t num_below) {
    const auto& constraints = issuer.basic_constraints();
    if (!constraints || !constraints->is_ca) {
      AddFailure(CheckResult::kFailed, ErrorCode::kChainNotCa, issuer,
                 "issuer is not a CA (basicConstraints cA is not set)");
    }
    const auto& key_usage = issuer.key_usage();
    if (key_usage && !key_usage->Has(x509::KeyUsageBit::kKeyCertSign)) {
      AddFailure(CheckResult::kFailed, ErrorCode::kChainCaKeyUsage, issuer,
                 "issuer key usage lacks keyCertSign");
    }
    if (constraints && constraints->path_len_constraint &&
        static_cast<int64_t>(num_below) > *constraints->path_len_constraint) {
      AddFailure(CheckResult::kFailed, ErrorCode::kChainPathLength, issuer,
                 "pathLenConstraint " +
                     std::to_string(*constraints->path_len_constraint) +
                     " exceeded");
    }
  }

  Time control_time_;
  ChainResult result_;
  std::map<std::pair<const x509::Certificate*, const x509::Certificate*>,
           Status>
      verified_;
};

}  // namespace

ChainResult BuildChain(const CertificatePtr& certificate,
                       const CertificatePool& pool, Time control_time) {
  PathValidator validator(control_time);
  PathSearch search(pool);
  std::optional<ChainResult> best;
  search.Run(certificate, [&](const std::vector<CertificatePtr>& path) {
    ChainResult result = validator.Validate(path);
    const bool better =
        !best || CheckSeverity(result.result) < CheckSeverity(best->result);
    if (better) {
      best = std::move(result);
    }
    return best->result == CheckResult::kPassed;
  });
  // A search that gave up before it found a passing path proves nothing
  // against the certificate: extra certificates in a CMS, which anyone can
  // add, must not turn a good signature into an invalid one.
  if (best && (best->result == CheckResult::kPassed || !search.hit_limit())) {
    return *best;
  }
  ChainResult none;
  none.result = CheckResult::kIndeterminate;
  none.path = search.longest_incomplete();
  if (none.path.empty()) {
    none.path = {certificate};
  }
  const x509::Certificate& top = *none.path.back();
  if (search.hit_limit()) {
    none.reasons.push_back(Reason{
        ErrorCode::kChainTooLong,
        "no path to a trust anchor within " +
            std::to_string(limits::kMaxChainLength) + " certificates and " +
            std::to_string(limits::kMaxPathCandidates) + " paths"});
  } else {
    none.reasons.push_back(
        Reason{ErrorCode::kChainNoTrustAnchor,
               "no trusted CA certificate found for issuer " +
                   top.issuer().ToRfc4514() +
                   "; add the CA certificates of this hierarchy to the trust "
                   "directory"});
  }
  return none;
}

}  // namespace tinysign::verify
