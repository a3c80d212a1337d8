#pragma once

#include <string>
#include <string_view>

namespace antq {

// Numbers typed as text in Vietnamese spreadsheets, where "." (or a space, U+00A0, U+202F)
// groups thousands and "," marks decimals: "1.234.567" is 1234567 and "1.234,5" is 1234.5.
// Files made with English settings write the opposite, so a text that may be English is
// reported as ambiguous for the importer to ask about, never guessed.

// What the column holds: a count (people, sessions) or a measure that may have decimals (kg).
enum class NumberKind { kWhole, kDecimal };

struct VietnameseNumber {
  enum class Status {
    kOk,         // `digits` holds the value
    kAmbiguous,  // reads as an English number with another value ("1.5", "1,234" for a count)
    kInvalid,    // not a number
  };
  Status status = Status::kInvalid;
  // For kOk: "-"?, the integer part without leading zeros, and "." with the fraction when it is
  // not zero, trailing zeros dropped: "1234", "15.5", "-3", "0.25". Empty otherwise.
  std::string digits;
  // For kAmbiguous and kInvalid: why, in English, quoting the text. Empty for kOk.
  std::string reason;
};

// Parses `text` after trimming spaces (U+0020, U+00A0, U+202F) at both ends. Rules:
//   - an optional sign ("-3", "+3"); grouping with ".", " ", U+00A0 or U+202F in groups of three
//     after a first group of one to three digits that does not start with 0 ("1.234", "1 234");
//   - at most one "," and digits after it ("15,5"; ",5" is 0.5). A decimal is kOk in a kWhole
//     column too ("15,5" gives "15.5"): refusing it is the caller's type check;
//   - kAmbiguous when the text is not Vietnamese but reads as English ("1.5", "12.34", ".5",
//     "0.500", "1,234,567", "1,234.5"), and for "," followed by exactly three digits in a kWhole
//     column ("1,234": Vietnamese 1.234 or English 1234). In a kDecimal column "1,234" is 1.234,
//     and "1.234" is always 1234;
//   - kInvalid for anything else: empty text, letters, exponents ("1e5"), control characters,
//     two signs, bad grouping ("1..2", "1.23.4"), a trailing separator, more than 40 characters.
// Thread-safe; reads at most the trimmed text's first 41 characters after trimming.
VietnameseNumber ParseVietnameseNumber(std::string_view text, NumberKind kind);

}  // namespace antq
