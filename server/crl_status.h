// The kept CRLs as operators see them: their age in /metrics and their
// times and last download error in the /readyz body.
#ifndef TINYSIGN_SERVER_CRL_STATUS_H_
#define TINYSIGN_SERVER_CRL_STATUS_H_

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "fetch/crl_fetcher.h"

namespace tinysign::server {

// RenderCrlMetrics returns the Prometheus text of two gauges per kept
// CRL, labelled by its URL: tinysign_crl_age_seconds (since thisUpdate)
// and tinysign_crl_seconds_to_next_update (negative once stale).
std::string RenderCrlMetrics(const std::vector<fetch::CachedCrl>& crls,
                             Time now);

// DescribeCrls returns one JSON object per kept CRL: url, thisUpdate,
// nextUpdate, fetchedAt, ageSeconds, stale and, after a failed download,
// lastError.
boost::json::array DescribeCrls(const std::vector<fetch::CachedCrl>& crls);

}  // namespace tinysign::server

#endif  // TINYSIGN_SERVER_CRL_STATUS_H_
