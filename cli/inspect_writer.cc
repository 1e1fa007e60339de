#include "cli/inspect_writer.h"

#include "core/encoding/input_form.h"
#include "report/control_characters.h"

namespace tinysign::cli {

namespace {

// Hex dumps longer than this many bytes go on lines of their own.
constexpr size_t kHexBytesPerLine = 32;

}  // namespace

void InspectWriter::Indent() {
  for (int i = 0; i < depth_; ++i) {
    out_ << "  ";
  }
}

void InspectWriter::Field(std::string_view label, std::string_view value) {
  Indent();
  out_ << report::EscapeControlCharacters(label) << ": "
       << report::EscapeControlCharacters(value) << "\n";
}

void InspectWriter::HexField(std::string_view label, der::Input data) {
  const std::string head =
      std::string(label) + " (" + std::to_string(data.size()) + " bytes)";
  if (data.size() <= kHexBytesPerLine) {
    Field(head, encoding::HexEncode(data));
    return;
  }
  Section(head);
  for (size_t start = 0; start < data.size(); start += kHexBytesPerLine) {
    const size_t length = std::min(kHexBytesPerLine, data.size() - start);
    Line(encoding::HexEncode(der::Input(data.span().subspan(start, length))));
  }
  EndSection();
}

void InspectWriter::Line(std::string_view text) {
  Indent();
  out_ << report::EscapeControlCharacters(text) << "\n";
}

void InspectWriter::Section(std::string_view title) {
  Indent();
  out_ << report::EscapeControlCharacters(title) << ":\n";
  ++depth_;
}

void InspectWriter::Nest() { ++depth_; }

void InspectWriter::EndSection() {
  if (depth_ > 0) {
    --depth_;
  }
}

void InspectWriter::BlankLine() { out_ << "\n"; }

}  // namespace tinysign::cli
