// Time values for validity checks: seconds since 1970-01-01T00:00:00Z.
//
// The core never reads the clock; callers pass the time to validate at.
#ifndef TINYSIGN_CORE_TIME_H_
#define TINYSIGN_CORE_TIME_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/der/input.h"
#include "core/result.h"

namespace tinysign {

// Time is a UTC instant with one-second resolution. Fractions of a second in
// GeneralizedTime are dropped (truncated), so genTime 10:00:00.9 is 10:00:00.
struct Time {
  int64_t unix_seconds = 0;

  friend auto operator<=>(const Time&, const Time&) = default;
};

// TimeFromCivil returns the instant of a UTC calendar date and time. It
// checks the ranges of every field (leap years included).
Result<Time> TimeFromCivil(int year, int month, int day, int hour, int minute,
                           int second);

// ParseUtcTime reads UTCTime contents "YYMMDDHHMMSSZ" (RFC 5280 4.1.2.5.1:
// years 50-99 are 19xx, 00-49 are 20xx).
Result<Time> ParseUtcTime(der::Input contents);

// ParseGeneralizedTime reads GeneralizedTime contents "YYYYMMDDHHMMSS[.f]Z".
Result<Time> ParseGeneralizedTime(der::Input contents);

// ParseRfc3339 reads "2026-12-04T10:00:00Z" or with an offset such as
// "+05:00", with optional fractional seconds.
Result<Time> ParseRfc3339(std::string_view text);

// FormatRfc3339 writes `time` as "2026-12-04T10:00:00Z".
std::string FormatRfc3339(Time time);

// FormatUtcTime and FormatGeneralizedTime write DER time contents.
std::string FormatUtcTime(Time time);
std::string FormatGeneralizedTime(Time time);

}  // namespace tinysign

#endif  // TINYSIGN_CORE_TIME_H_
