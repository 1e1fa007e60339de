// ParseStrictJson: the bound on the number of values, counted by hand.
#include "server/strict_json.h"

#include <gtest/gtest.h>

#include <string>

namespace tinysign::server {
namespace {

// ArrayOfZeros returns "[0,0,...]" with `count` zeros: count + 1 values,
// the array included.
std::string ArrayOfZeros(size_t count) {
  std::string text = "[";
  for (size_t i = 0; i < count; ++i) {
    text += i == 0 ? "0" : ",0";
  }
  return text + "]";
}

TEST(StrictJsonTest, AcceptsValuesUpToLimit) {
  boost::json::value value;
  const auto error =
      ParseStrictJson(ArrayOfZeros(kMaxJsonValues - 1), "the body", &value);
  EXPECT_FALSE(error.has_value()) << error->message;
  EXPECT_EQ(value.as_array().size(), kMaxJsonValues - 1);
}

TEST(StrictJsonTest, RejectsOneValuePastLimit) {
  boost::json::value value;
  const auto error =
      ParseStrictJson(ArrayOfZeros(kMaxJsonValues), "the body", &value);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, ApiErrorCode::kInvalidRequest);
  EXPECT_NE(error->message.find("more than 256 JSON values"), std::string::npos)
      << error->message;
}

TEST(StrictJsonTest, CountsKeysOfObjects) {
  // {"k0":0,...}: one object and one value per key.
  std::string text = "{";
  for (size_t i = 0; i < kMaxJsonValues; ++i) {
    text += (i == 0 ? "\"k" : ",\"k") + std::to_string(i) + "\":0";
  }
  text += "}";
  boost::json::value value;
  const auto error = ParseStrictJson(text, "the body", &value);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, ApiErrorCode::kInvalidRequest);
}

}  // namespace
}  // namespace tinysign::server
