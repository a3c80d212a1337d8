#pragma once

#include <string>
#include <string_view>

namespace antq {

// Vietnamese text typed in the 8-bit encodings of the 1990s and kept in old spreadsheets. Excel
// stores such a cell as the Latin-1 characters that have the same bytes, so "Bảo Thắng" typed in
// TCVN3 arrives as "B¶o Th¾ng" and "Xin chào" typed in VNI as "Xin chaøo"; the fonts (.VnTime,
// VNI-Times) made them look right on screen.

enum class LegacyEncoding {
  kNone,   // the text is Unicode (or not recognisably legacy): returned as given
  kTcvn3,  // TCVN 5712:1993 "ABC" (VN3), fonts .VnTime, .VnArial, ... and .VnTimeH (capitals)
  kVni,    // VNI-Windows, fonts VNI-Times, VNI-Helve, ...: a letter followed by a mark character
};

// "TCVN3", "VNI" or "none", for messages and import summaries.
std::string_view LegacyEncodingName(LegacyEncoding encoding);

struct LegacyText {
  std::string text;  // NFC when converted; exactly the input when encoding is kNone
  LegacyEncoding encoding = LegacyEncoding::kNone;
};

// Converts one cell to Unicode (NFC) when it is TCVN3 or VNI, and says which; otherwise returns
// it unchanged with kNone (also for invalid UTF-8, and when the conversion would change nothing).
// Any character above U+00FF other than Windows-1252 punctuation (’ “ – …) means real Unicode.
//
// `font_name` is the cell's font when known. A ".Vn…" font means TCVN3 (".Vn…H" fonts show
// lower-case codes as capitals, so the result is upper-cased) and "VNI-…" means VNI: the hinted
// encoding is used whenever every character decodes in it, else detection runs as without one.
//
// Without a font an encoding is chosen only when (1) every Latin-1 letter decodes in it, (2) every
// word it changes is one Vietnamese syllable (onset, known vowel group, tone in place, final), and
// (3) it has more evidence than the other: codes that Unicode Vietnamese never holds (TCVN3 ¶ ¾ ä,
// VNI aø oï ö ñ), so real "Yên Bái" or "Hoà Bình", which also decode, stay. A tie converts nothing.
// Thread-safe; linear time.
LegacyText ConvertLegacyText(std::string_view utf8_cell, std::string_view font_name = "");

}  // namespace antq
