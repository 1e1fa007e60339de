#include "report/control_characters.h"

#include <gtest/gtest.h>

namespace tinysign::report {
namespace {

TEST(ControlCharactersTest, KeepsPrintableAndUtf8) {
  // "Қ" is U+049A, UTF-8 D2 9A.
  EXPECT_EQ(EscapeControlCharacters("CN=\xD2\x9A, O=\"A\\B\""),
            "CN=\xD2\x9A, O=\"A\\B\"");
}

TEST(ControlCharactersTest, EscapesC0AndDelete) {
  EXPECT_EQ(
      EscapeControlCharacters(std::string_view("a\nb\rc\td\x1b\x7f\0", 10)),
      "a\\nb\\rc\\td\\x1b\\x7f\\x00");
}

}  // namespace
}  // namespace tinysign::report
