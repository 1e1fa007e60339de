#include "report/pretty_json.h"

#include <cstdint>
#include <cstdio>

namespace tinysign::report {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
constexpr int kIndentWidth = 2;

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

// Utf8SequenceLength returns the length of the well-formed UTF-8 sequence
// at `pos`, or 0 when the bytes there are not one. The ranges are those of
// RFC 3629 section 4, which exclude overlong forms, surrogates and code
// points above U+10FFFF.
size_t Utf8SequenceLength(std::string_view text, size_t pos) {
  const auto byte_at = [&](size_t i) {
    return static_cast<uint8_t>(text[pos + i]);
  };
  const uint8_t lead = byte_at(0);
  if (lead < 0x80) {
    return 1;
  }
  size_t length = 0;
  uint8_t second_min = 0x80;
  uint8_t second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    second_min = lead == 0xE0 ? 0xA0 : 0x80;
    second_max = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    second_min = lead == 0xF0 ? 0x90 : 0x80;
    second_max = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (text.size() - pos < length) {
    return 0;
  }
  if (byte_at(1) < second_min || byte_at(1) > second_max) {
    return 0;
  }
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte_at(i))) {
      return 0;
    }
  }
  return length;
}

void AppendEscapedAscii(char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      break;
  }
  if (static_cast<uint8_t>(c) < 0x20) {
    char escaped[8];
    std::snprintf(escaped, sizeof(escaped), "\\u%04x",
                  static_cast<unsigned>(static_cast<uint8_t>(c)));
    out += escaped;
    return;
  }
  out.push_back(c);
}

void AppendQuoted(std::string_view text, std::string& out) {
  out.push_back('"');
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length = Utf8SequenceLength(text, pos);
    if (length == 0) {
      out += kReplacementCharacter;
      ++pos;
    } else if (length == 1) {
      AppendEscapedAscii(text[pos], out);
      ++pos;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  out.push_back('"');
}

void AppendIndent(int depth, std::string& out) {
  out.append(static_cast<size_t>(depth * kIndentWidth), ' ');
}

void AppendValue(const boost::json::value& value, int depth, std::string& out);

void AppendObject(const boost::json::object& object, int depth,
                  std::string& out) {
  if (object.empty()) {
    out += "{}";
    return;
  }
  out += "{\n";
  bool first = true;
  for (const auto& member : object) {
    if (!first) {
      out += ",\n";
    }
    first = false;
    AppendIndent(depth + 1, out);
    AppendQuoted(member.key(), out);
    out += ": ";
    AppendValue(member.value(), depth + 1, out);
  }
  out.push_back('\n');
  AppendIndent(depth, out);
  out.push_back('}');
}

void AppendArray(const boost::json::array& array, int depth, std::string& out) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  bool first = true;
  for (const auto& element : array) {
    if (!first) {
      out += ",\n";
    }
    first = false;
    AppendIndent(depth + 1, out);
    AppendValue(element, depth + 1, out);
  }
  out.push_back('\n');
  AppendIndent(depth, out);
  out.push_back(']');
}

void AppendValue(const boost::json::value& value, int depth, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::object:
      AppendObject(value.get_object(), depth, out);
      return;
    case boost::json::kind::array:
      AppendArray(value.get_array(), depth, out);
      return;
    case boost::json::kind::string:
      AppendQuoted(value.get_string(), out);
      return;
    default:
      // Numbers, booleans and null have no layout of their own.
      out += boost::json::serialize(value);
      return;
  }
}

}  // namespace

std::string PrettyPrintJson(const boost::json::value& value) {
  std::string out;
  AppendValue(value, 0, out);
  out.push_back('\n');
  return out;
}

std::string QuoteJsonString(std::string_view text) {
  std::string out;
  AppendQuoted(text, out);
  return out;
}

}  // namespace tinysign::report
