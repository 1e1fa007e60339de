// Indented "Label: value" output for `tinysign inspect`.
#ifndef TINYSIGN_CLI_INSPECT_WRITER_H_
#define TINYSIGN_CLI_INSPECT_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "core/der/input.h"

namespace tinysign::cli {

// InspectWriter writes one field per line, indented two spaces per open
// section. Control characters in labels and values are escaped, because
// values come from untrusted files.
//
// Example:
//   InspectWriter writer(out);
//   writer.Section("Validity");
//   writer.Field("Not before", "2026-05-08T06:45:13Z");
//   writer.EndSection();
// writes
//   Validity:
//     Not before: 2026-05-08T06:45:13Z
class InspectWriter {
 public:
  explicit InspectWriter(std::ostream& out) : out_(out) {}

  // Field writes "label: value".
  void Field(std::string_view label, std::string_view value);
  // HexField writes `data` as lowercase hexadecimal, 32 bytes per line,
  // after "label (N bytes):", on the same line when it fits.
  void HexField(std::string_view label, der::Input data);
  // Line writes `text` alone.
  void Line(std::string_view text);
  // Section writes "title:" and indents what follows until `EndSection`.
  void Section(std::string_view title);
  // Nest indents what follows until `EndSection`, without a title line,
  // for details of the field written just before.
  void Nest();
  void EndSection();
  // BlankLine separates top-level objects.
  void BlankLine();

 private:
  void Indent();

  std::ostream& out_;
  int depth_ = 0;
};

}  // namespace tinysign::cli

#endif  // TINYSIGN_CLI_INSPECT_WRITER_H_
