#include "core/time.h"

#include <cstdio>

namespace tinysign {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// DaysFromCivil counts days from 1970-01-01 to a proleptic Gregorian date,
// with Howard Hinnant's days_from_civil algorithm.
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year =
      (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct Civil {
  int64_t year;
  int month, day, hour, minute, second;
};

Civil CivilFromTime(Time time) {
  int64_t days = time.unix_seconds / kSecondsPerDay;
  int64_t rest = time.unix_seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  Civil civil;
  civil.day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  civil.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  civil.year = year_of_era + era * 400 + (civil.month <= 2 ? 1 : 0);
  civil.hour = static_cast<int>(rest / 3600);
  civil.minute = static_cast<int>(rest % 3600 / 60);
  civil.second = static_cast<int>(rest % 60);
  return civil;
}

// ReadDigits parses `count` decimal digits at `*pos`.
bool ReadDigits(std::string_view text, size_t* pos, size_t count, int* out) {
  if (text.size() - *pos < count) {
    return false;
  }
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  *pos += count;
  *out = value;
  return true;
}

// IsLastSecondOfMonth returns whether `time` is 23:59:59 UTC on the last
// day of a month, the only second a leap second may follow.
bool IsLastSecondOfMonth(Time time) {
  const Civil civil = CivilFromTime(time);
  const Civil next = CivilFromTime(Time{time.unix_seconds + 1});
  return civil.hour == 23 && civil.minute == 59 && civil.second == 59 &&
         next.day == 1;
}

Error BadTime(ErrorCode code, std::string_view text) {
  std::string shown(text.substr(0, 40));
  for (char& c : shown) {
    if (c < 0x20 || c > 0x7e) {
      c = '?';
    }
  }
  return Fail(code, "\"" + shown + "\"");
}

}  // namespace

Result<Time> TimeFromCivil(int year, int month, int day, int hour, int minute,
                           int second) {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 ||
      second > 59 || hour < 0 || minute < 0 || second < 0 ||
      day > DaysInMonth(year, month)) {
    return Fail(ErrorCode::kInputBadTime, "date or time field out of range");
  }
  const int64_t days = DaysFromCivil(year, month, day);
  return Time{days * kSecondsPerDay + hour * 3600 + minute * 60 + second};
}

Result<Time> ParseUtcTime(der::Input contents) {
  const std::string_view text = contents.AsStringView();
  size_t pos = 0;
  int yy, month, day, hour, minute, second;
  // RFC 5280 4.1.2.5.1 requires seconds and the "Z" suffix.
  if (text.size() != 13 || !ReadDigits(text, &pos, 2, &yy) ||
      !ReadDigits(text, &pos, 2, &month) || !ReadDigits(text, &pos, 2, &day) ||
      !ReadDigits(text, &pos, 2, &hour) ||
      !ReadDigits(text, &pos, 2, &minute) ||
      !ReadDigits(text, &pos, 2, &second) || text[pos] != 'Z') {
    return BadTime(ErrorCode::kDerBadTime, text);
  }
  const int year = yy >= 50 ? 1900 + yy : 2000 + yy;
  auto time = TimeFromCivil(year, month, day, hour, minute, second);
  if (!time) {
    return BadTime(ErrorCode::kDerBadTime, text);
  }
  return time;
}

Result<Time> ParseGeneralizedTime(der::Input contents) {
  const std::string_view text = contents.AsStringView();
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(text, &pos, 4, &year) || !ReadDigits(text, &pos, 2, &month) ||
      !ReadDigits(text, &pos, 2, &day) || !ReadDigits(text, &pos, 2, &hour) ||
      !ReadDigits(text, &pos, 2, &minute) ||
      !ReadDigits(text, &pos, 2, &second)) {
    return BadTime(ErrorCode::kDerBadTime, text);
  }
  // RFC 3161 2.4.2 allows a fraction of a second; DER forbids trailing zeros
  // in it, which this parser does not enforce.
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ++pos;
    }
    if (pos == digits_start) {
      return BadTime(ErrorCode::kDerBadTime, text);
    }
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') {
    return BadTime(ErrorCode::kDerBadTime, text);
  }
  auto time = TimeFromCivil(year, month, day, hour, minute, second);
  if (!time) {
    return BadTime(ErrorCode::kDerBadTime, text);
  }
  return time;
}

Result<Time> ParseRfc3339(std::string_view text) {
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  auto expect = [&](char c) {
    if (pos < text.size() &&
        (text[pos] == c || (c == 'T' && text[pos] == 't'))) {
      ++pos;
      return true;
    }
    return false;
  };
  if (!ReadDigits(text, &pos, 4, &year) || !expect('-') ||
      !ReadDigits(text, &pos, 2, &month) || !expect('-') ||
      !ReadDigits(text, &pos, 2, &day) || !expect('T') ||
      !ReadDigits(text, &pos, 2, &hour) || !expect(':') ||
      !ReadDigits(text, &pos, 2, &minute) || !expect(':') ||
      !ReadDigits(text, &pos, 2, &second)) {
    return BadTime(ErrorCode::kInputBadTime, text);
  }
  if (expect('.')) {
    const size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ++pos;
    }
    if (pos == digits_start) {
      return BadTime(ErrorCode::kInputBadTime, text);
    }
  }
  int64_t offset_seconds = 0;
  if (expect('Z') || expect('z')) {
    // UTC.
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    int offset_hours, offset_minutes;
    if (!ReadDigits(text, &pos, 2, &offset_hours) || !expect(':') ||
        !ReadDigits(text, &pos, 2, &offset_minutes) || offset_hours > 23 ||
        offset_minutes > 59) {
      return BadTime(ErrorCode::kInputBadTime, text);
    }
    offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
  } else {
    return BadTime(ErrorCode::kInputBadTime, text);
  }
  if (pos != text.size()) {
    return BadTime(ErrorCode::kInputBadTime, text);
  }
  // RFC 3339 section 5.7 allows a leap second, 23:59:60 UTC at the end of
  // a month. `Time` counts seconds as POSIX time does, without leap
  // seconds, and so do X.509 validity times (RFC 5280 4.1.2.5), so the
  // leap second is read as the second before it, the last second of that
  // day.
  const bool leap_second = second == 60;
  auto time =
      TimeFromCivil(year, month, day, hour, minute, leap_second ? 59 : second);
  if (!time) {
    return BadTime(ErrorCode::kInputBadTime, text);
  }
  const Time utc{time->unix_seconds - offset_seconds};
  if (leap_second && !IsLastSecondOfMonth(utc)) {
    return Fail(ErrorCode::kInputBadTime,
                BadTime(ErrorCode::kInputBadTime, text).detail +
                    ": second 60 is a leap second, which only 23:59:60 UTC "
                    "on the last day of a month can be");
  }
  return utc;
}

std::string FormatRfc3339(Time time) {
  const Civil c = CivilFromTime(time);
  char text[40];
  std::snprintf(text, sizeof(text), "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                static_cast<long long>(c.year), c.month, c.day, c.hour,
                c.minute, c.second);
  return text;
}

std::string FormatUtcTime(Time time) {
  const Civil c = CivilFromTime(time);
  char text[40];
  std::snprintf(text, sizeof(text), "%02d%02d%02d%02d%02d%02dZ",
                static_cast<int>(c.year % 100), c.month, c.day, c.hour,
                c.minute, c.second);
  return text;
}

std::string FormatGeneralizedTime(Time time) {
  const Civil c = CivilFromTime(time);
  char text[40];
  std::snprintf(text, sizeof(text), "%04lld%02d%02d%02d%02d%02dZ",
                static_cast<long long>(c.year), c.month, c.day, c.hour,
                c.minute, c.second);
  return text;
}

}  // namespace tinysign
