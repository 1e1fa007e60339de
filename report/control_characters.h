// Escaping of control characters in text printed to a terminal.
//
// Names in certificates and the content of signatures are untrusted, and an
// escape sequence in them could rewrite what a terminal shows. The text
// summary and `tinysign inspect` pass every untrusted string through
// `EscapeControlCharacters`.
#ifndef TINYSIGN_REPORT_CONTROL_CHARACTERS_H_
#define TINYSIGN_REPORT_CONTROL_CHARACTERS_H_

#include <string>
#include <string_view>

namespace tinysign::report {

// EscapeControlCharacters returns `text` with the ASCII control characters
// (0x00-0x1f and 0x7f) written as "\n", "\r", "\t" or "\xHH". Other bytes,
// UTF-8 included, are kept.
std::string EscapeControlCharacters(std::string_view text);

}  // namespace tinysign::report

#endif  // TINYSIGN_REPORT_CONTROL_CHARACTERS_H_
