#include "server/crl_status.h"

#include <set>

#include "core/time.h"
#include "server/metrics.h"

namespace tinysign::server {

namespace {

// LabelValue escapes a Prometheus label value: backslash, double quote
// and line feed are the characters the text format escapes.
std::string LabelValue(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

}  // namespace

std::string RenderCrlMetrics(const std::vector<fetch::CachedCrl>& crls,
                             Time now) {
  std::string age;
  AppendHeader("tinysign_crl_age_seconds", "gauge",
               "Seconds since the thisUpdate of the kept CRL.", &age);
  std::string next;
  AppendHeader("tinysign_crl_seconds_to_next_update", "gauge",
               "Seconds until the nextUpdate of the kept CRL, negative once "
               "it has passed.",
               &next);
  // A URL is kept once per issuer; a series may appear only once.
  std::set<std::string> seen;
  for (const fetch::CachedCrl& crl : crls) {
    if (!seen.insert(crl.url).second) {
      continue;
    }
    const std::string label = "url=\"" + LabelValue(crl.url) + "\"";
    AppendSignedSample("tinysign_crl_age_seconds", label, crl.age_seconds,
                       &age);
    if (crl.next_update.has_value()) {
      AppendSignedSample("tinysign_crl_seconds_to_next_update", label,
                         crl.next_update->unix_seconds - now.unix_seconds,
                         &next);
    }
  }
  return age + next;
}

boost::json::array DescribeCrls(const std::vector<fetch::CachedCrl>& crls) {
  boost::json::array list;
  for (const fetch::CachedCrl& crl : crls) {
    boost::json::object entry;
    entry["url"] = crl.url;
    entry["thisUpdate"] = FormatRfc3339(crl.this_update);
    if (crl.next_update.has_value()) {
      entry["nextUpdate"] = FormatRfc3339(*crl.next_update);
    }
    entry["fetchedAt"] = FormatRfc3339(crl.fetched_at);
    entry["ageSeconds"] = crl.age_seconds;
    entry["stale"] = crl.stale;
    if (crl.last_error.has_value()) {
      entry["lastError"] = crl.last_error->ToString();
    }
    list.push_back(std::move(entry));
  }
  return list;
}

}  // namespace tinysign::server
