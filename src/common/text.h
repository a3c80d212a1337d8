#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace antq {

// Text handling for Vietnamese, on ICU. All text that enters ANTQ (arguments, files, HTTP bodies)
// passes through NormalizeInput, so everything stored and compared is valid UTF-8 in NFC.

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Validates UTF-8 and returns the NFC form. The error names `where` (an argument, file:line or
// field) and the byte offset of the first bad byte.
Result<std::string> NormalizeInput(std::string_view text, std::string_view where);

// NFC form of valid UTF-8 text. Invalid sequences are replaced with U+FFFD.
std::string ToNfc(std::string_view text);

// Accent-folded, lower-case form: NFD, drop combining marks, NFC, đ→d, Đ→D, lower case.
// "Đắk Hà", "Đăk Hà" and "dak ha" (in NFC or NFD) all fold to "dak ha".
std::string FoldAccents(std::string_view text);

// The key used for accent-insensitive search: FoldAccents, then the spelling variants found in
// official unit lists are unified (Ngọc/Ngọk/Ngok, Blô/Plô, Buk/Bút, apostrophes and the space
// after them as in "Ia H' Drai" / "Ia H'Drai" / "Ia H’Drai"), and runs of spaces become one.
std::string SearchKey(std::string_view text);

// True when `key` (a SearchKey) contains `query_key` starting at a word boundary.
bool SearchKeyMatches(std::string_view key, std::string_view query_key);

// Appends `item` to a separated list: ("a, b", "c") -> "a, b, c". For messages and SQL lists.
void AppendListItem(std::string& list, std::string_view item, std::string_view separator = ", ");

// Upper case by Vietnamese rules (ICU "vi"): "Ban Nội chính Trung ương" → "BAN NỘI CHÍNH TRUNG
// ƯƠNG".
std::string UpperCaseVi(std::string_view text);

// Number of code points of UTF-8 text: the length limits of text values count these.
size_t CountCodePoints(std::string_view text);

// Number of code points, used to align table columns (NFC Vietnamese has one per glyph).
size_t DisplayWidth(std::string_view text);

// The first control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) of valid
// UTF-8 text other than tab and line feed, as its code point and 1-based character position;
// nullopt when there is none. Stored text must not hold them: NUL ends C strings, the others
// move the cursor or change a terminal's state when a record is printed.
struct ControlCharacter {
  char32_t code_point = 0;
  size_t position = 0;
};
std::optional<ControlCharacter> FindControlCharacter(std::string_view text);

// A piece of user input for an error message: in quotes, control characters and invalid bytes
// written as \xNN or \u{NNNN} escapes, and text longer than `max_chars` cut with "…" and its
// full length, so that a message never carries a 20 MB field or a terminal escape sequence.
std::string QuoteForMessage(std::string_view text, size_t max_chars = 40);

// Compares in Vietnamese alphabetical order (ICU "vi": ă, â, đ, ê, ô, ơ, ư are letters of their
// own; tones are a secondary difference). Returns <0, 0 or >0. Thread-safe: each thread uses its
// own collator.
int CompareVietnamese(std::string_view a, std::string_view b);

// A binary sort key for the ICU "vi" collation: comparing two keys with memcmp (or std::string's
// operator<) gives the same order as CompareVietnamese, much faster when sorting many names.
std::string VietnameseSortKey(std::string_view text);

// A hash for unordered containers keyed by std::string that are looked up by std::string_view
// without building a string (with std::equal_to<> as the key-equal).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace antq
