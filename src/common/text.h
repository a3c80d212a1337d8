#pragma once

#include <functional>
#include <memory>
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

// Number of code points, used to align table columns (NFC Vietnamese has one per glyph).
size_t DisplayWidth(std::string_view text);

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
