#include "interop/legacy_text.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/text.h"

namespace antq {
namespace {

// A test-side encoder, written independently of the converter's table: the TCVN3 codes as
// bytes and VNI as a base letter plus a mark byte, generated per tone. Its letters are checked
// against ICU below, so a typo on either side shows up as a failed round trip.

// The vowels, each with no tone, huyền, hỏi, ngã, sắc, nặng.
const char* const kLowerRows[] = {"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
                                  "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ"};
const char* const kUpperRows[] = {"AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
                                  "OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ"};
constexpr char32_t kToneMarks[] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

// TCVN3 (ABC) bytes of the lower-case rows; the level a e i o u y are ASCII.
constexpr unsigned kTcvn3Rows[12][6] = {
    {'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9},  {0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6},
    {0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB}, {'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1},
    {0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6}, {'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE},
    {'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4},  {0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9},
    {0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE}, {'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4},
    {0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9}, {'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE},
};
// TCVN3 capitals: only the base letters Ă Â Ê Ô Ơ Ư (rows 1, 2, 4, 7, 8, 10) and Đ.
const std::map<int, unsigned> kTcvn3UpperBases = {{1, 0xA1}, {2, 0xA2}, {4, 0xA3},
                                                  {7, 0xA4}, {8, 0xA5}, {10, 0xA6}};

// VNI lower-case marks per tone; capitals use the mark 0x20 lower (ø 0xF8 → Ø 0xD8).
constexpr unsigned kVniTone[6] = {0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF};           // ø û õ ù ï
constexpr unsigned kVniCircumflex[6] = {0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4};  // â à å ã á ä
constexpr unsigned kVniBreve[6] = {0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB};       // ê è ú ü é ë
constexpr unsigned kVniI[6] = {'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2};            // i ì æ ó í ò

std::u32string ToUtf32(std::string_view utf8) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  }
  return out;
}

// The legacy characters of one letter, as the Latin-1 code points Excel shows for the bytes.
std::u32string VniOf(int row, int tone, bool upper) {
  const char32_t shift = upper ? 0x20 : 0;
  auto mark = [&](unsigned m) { return static_cast<char32_t>(m) - shift; };
  auto base = [&](char c) { return static_cast<char32_t>(upper ? c - 0x20 : c); };
  std::u32string out;
  switch (row) {
    case 0:
      out = {base('a')};
      break;
    case 1:
      return {base('a'), mark(kVniBreve[tone])};
    case 2:
      return {base('a'), mark(kVniCircumflex[tone])};
    case 3:
      out = {base('e')};
      break;
    case 4:
      return {base('e'), mark(kVniCircumflex[tone])};
    case 5:
      return {tone == 0 ? base('i') : mark(kVniI[tone])};
    case 6:
      out = {base('o')};
      break;
    case 7:
      return {base('o'), mark(kVniCircumflex[tone])};
    case 8:
      out = {mark(0xF4)};
      break;  // ô is ơ
    case 9:
      out = {base('u')};
      break;
    case 10:
      out = {mark(0xF6)};
      break;  // ö is ư
    case 11:
      if (tone == 5) return {mark(0xEE)};  // î is ỵ
      out = {base('y')};
      break;
  }
  if (tone != 0) out.push_back(mark(kVniTone[tone]));
  return out;
}

struct TestEncoder {
  std::map<char32_t, std::u32string> tcvn3;
  std::map<char32_t, std::u32string> vni;

  TestEncoder() {
    for (int row = 0; row < 12; ++row) {
      const std::u32string lower = ToUtf32(kLowerRows[row]);
      const std::u32string upper = ToUtf32(kUpperRows[row]);
      for (int tone = 0; tone < 6; ++tone) {
        tcvn3[lower[tone]] = {static_cast<char32_t>(kTcvn3Rows[row][tone])};
        vni[lower[tone]] = VniOf(row, tone, false);
        vni[upper[tone]] = VniOf(row, tone, true);
      }
      if (kTcvn3UpperBases.count(row)) tcvn3[upper[0]] = {kTcvn3UpperBases.at(row)};
    }
    tcvn3[U'đ'] = {0xAE};
    tcvn3[U'Đ'] = {0xA7};
    vni[U'đ'] = {0xF1};
    vni[U'Đ'] = {0xD1};
  }

  // Encodes NFC text; characters without a code (ASCII, or a TCVN3 toned capital) stay.
  std::string Encode(std::string_view text, LegacyEncoding encoding) const {
    const auto& table = encoding == LegacyEncoding::kTcvn3 ? tcvn3 : vni;
    std::u32string out;
    for (char32_t c : ToUtf32(text)) {
      const auto it = table.find(c);
      out += it == table.end() ? std::u32string{c} : it->second;
    }
    return ToUtf8(out);
  }
};

const TestEncoder& Encoder() {
  static const TestEncoder encoder;
  return encoder;
}

std::string Tcvn3(std::string_view text) { return Encoder().Encode(text, LegacyEncoding::kTcvn3); }
std::string Vni(std::string_view text) { return Encoder().Encode(text, LegacyEncoding::kVni); }

TEST(LegacyTextTest, TestAlphabetMatchesUnicode) {
  // Each letter of the test's rows decomposes to its row's base and that column's tone mark.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  size_t letters = 0;
  for (const auto* rows : {kLowerRows, kUpperRows}) {
    for (int row = 0; row < 12; ++row) {
      const std::u32string letters_of_row = ToUtf32(rows[row]);
      ASSERT_EQ(letters_of_row.size(), 6u) << rows[row];
      const icu::UnicodeString base =
          nfd->normalize(icu::UnicodeString(static_cast<UChar32>(letters_of_row[0])), status);
      for (int tone = 1; tone < 6; ++tone) {
        icu::UnicodeString expected = base;
        expected.append(static_cast<UChar32>(kToneMarks[tone]));
        expected = nfd->normalize(expected, status);
        const icu::UnicodeString got =
            nfd->normalize(icu::UnicodeString(static_cast<UChar32>(letters_of_row[tone])), status);
        EXPECT_EQ(got, expected) << rows[row] << " tone " << tone;
      }
      letters += 6;
    }
  }
  // 144 vowels + đ Đ, less the 12 plain a e i o u y: the 134 letters of Vietnamese.
  EXPECT_EQ(letters + 2 - 12, 134u);
  EXPECT_EQ(Encoder().vni.size(), 146u);
  EXPECT_EQ(Encoder().tcvn3.size(), 72u + 1 + 7);
}

TEST(LegacyTextTest, NamesTheEncodings) {
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kTcvn3), "TCVN3");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kVni), "VNI");
  EXPECT_EQ(LegacyEncodingName(LegacyEncoding::kNone), "none");
}

TEST(LegacyTextTest, ConvertsTheKnownExamples) {
  const LegacyText tcvn3 = ConvertLegacyText("B¶o Th¾ng");
  EXPECT_EQ(tcvn3.text, "Bảo Thắng");
  EXPECT_EQ(tcvn3.encoding, LegacyEncoding::kTcvn3);
  const LegacyText vni = ConvertLegacyText("Xin chaøo caùc baïn");
  EXPECT_EQ(vni.text, "Xin chào các bạn");
  EXPECT_EQ(vni.encoding, LegacyEncoding::kVni);
  // The test encoder writes the same forms.
  EXPECT_EQ(Tcvn3("Bảo Thắng"), "B¶o Th¾ng");
  EXPECT_EQ(Vni("Xin chào các bạn"), "Xin chaøo caùc baïn");
}

TEST(LegacyTextTest, ConvertsHandWrittenUnitNames) {
  struct Case {
    const char* legacy;
    const char* unicode;
    LegacyEncoding encoding;
  };
  const Case cases[] = {
      {"§¾k Hµ", "Đắk Hà", LegacyEncoding::kTcvn3},
      {"X· Ngäk Bay", "Xã Ngọk Bay", LegacyEncoding::kTcvn3},
      {"Ph\u00ADêng QuyÕt Th¾ng", "Phường Quyết Thắng", LegacyEncoding::kTcvn3},
      {"Sa ThÇy", "Sa Thầy", LegacyEncoding::kTcvn3},
      {"Tu M¬ R«ng", "Tu Mơ Rông", LegacyEncoding::kTcvn3},
      {"Ngäc Håi", "Ngọc Hồi", LegacyEncoding::kTcvn3},
      {"Ñaék Haø", "Đắk Hà", LegacyEncoding::kVni},
      {"Phöôøng Quyeát Thaéng", "Phường Quyết Thắng", LegacyEncoding::kVni},
      {"Tu Mô Roâng", "Tu Mơ Rông", LegacyEncoding::kVni},
      {"Ngoïc Hoài", "Ngọc Hồi", LegacyEncoding::kVni},
      {"XAÕ ÑAÉK TOÂ", "XÃ ĐẮK TÔ", LegacyEncoding::kVni},
  };
  for (const Case& c : cases) {
    const LegacyText got = ConvertLegacyText(c.legacy);
    EXPECT_EQ(got.text, c.unicode) << c.legacy;
    EXPECT_EQ(got.encoding, c.encoding) << c.legacy;
  }
}

TEST(LegacyTextTest, UnitNamesRoundTripInBothEncodings) {
  const char* const names[] = {"Đắk Hà",      "Ngọk Bay",      "Phường Quyết Thắng", "Sa Thầy",
                               "Tu Mơ Rông",  "Đắk Tô",        "Ngọc Hồi",           "Bảo Thắng",
                               "Xã Ngọk Bay", "Huyện Kon Rẫy", "Thị trấn Đắk Glei"};
  for (const char* name : names) {
    const std::string tcvn3 = Tcvn3(name);
    const std::string vni = Vni(name);
    ASSERT_NE(tcvn3, name);
    ASSERT_NE(vni, name);
    const LegacyText from_tcvn3 = ConvertLegacyText(tcvn3);
    EXPECT_EQ(from_tcvn3.text, name) << tcvn3;
    EXPECT_EQ(from_tcvn3.encoding, LegacyEncoding::kTcvn3) << tcvn3;
    const LegacyText from_vni = ConvertLegacyText(vni);
    EXPECT_EQ(from_vni.text, name) << vni;
    EXPECT_EQ(from_vni.encoding, LegacyEncoding::kVni) << vni;
    // The converted text is Unicode, which is left alone.
    EXPECT_EQ(ConvertLegacyText(name).encoding, LegacyEncoding::kNone) << name;
    EXPECT_EQ(ConvertLegacyText(name).text, name);
  }
  // ASCII names are the same in every encoding.
  for (const char* name : {"Kon Tum", "Ia H'Drai"}) {
    EXPECT_EQ(Tcvn3(name), name);
    EXPECT_EQ(Vni(name), name);
    const LegacyText got = ConvertLegacyText(name, ".VnTime");
    EXPECT_EQ(got.text, name);
    EXPECT_EQ(got.encoding, LegacyEncoding::kNone);
  }
}

TEST(LegacyTextTest, LeavesUnicodeAsciiAndLatin1WordsAlone) {
  const char* const texts[] = {
      "Đắk Hà", "Xã Ngọk Bay", "Kon Tum", "Ia H'Drai", "café", "Ñandú", "naïve", "São Paulo",
      "Müller", "Straße", "col·legi", "Raphaël", "Zaïre", "Köln", "Bär", "Ramón", "España",
      // Vietnamese whose Unicode letters are all in Latin-1 is decodable, and must stay.
      "Yên Bái", "Hà Tây", "Hoà Bình", "Toàn", "Khoá", "Tây Ninh", "Chí Linh", "Mô Rai", "Cà Mau",
      "HÀ TÂY", "Lớp", "Ia H’Drai", "25°C", "© 2020", "1½ kg", "", " ", "123,5", "Tổng: 12",
      // Decomposed (NFD) Vietnamese has combining marks above U+00FF.
      "Ða\xCC\x86\xCC\x81k", "Kon Tum\xC3"};
  for (const char* text : texts) {
    const LegacyText got = ConvertLegacyText(text);
    EXPECT_EQ(got.encoding, LegacyEncoding::kNone) << text << " became " << got.text;
    EXPECT_EQ(got.text, text);
  }
}

TEST(LegacyTextTest, FontNameIsAStrongHint) {
  // "Lớp" in TCVN3 has only letters real Vietnamese also uses: only the font tells.
  EXPECT_EQ(ConvertLegacyText("Líp").encoding, LegacyEncoding::kNone);
  const LegacyText lop = ConvertLegacyText("Líp", ".VnTime");
  EXPECT_EQ(lop.text, "Lớp");
  EXPECT_EQ(lop.encoding, LegacyEncoding::kTcvn3);
  EXPECT_EQ(ConvertLegacyText("Líp", " .VNARIAL ").text, "Lớp");
  // VNI "Hoàng" is Hồng: the same characters as the Unicode name Hoàng.
  EXPECT_EQ(ConvertLegacyText("Hoàng").encoding, LegacyEncoding::kNone);
  const LegacyText hong = ConvertLegacyText("Hoàng", "VNI-Times");
  EXPECT_EQ(hong.text, "Hồng");
  EXPECT_EQ(hong.encoding, LegacyEncoding::kVni);
  // A hint that does not decode falls back to detection: VNI "Thầy" has à, which TCVN3 lacks.
  const LegacyText vni = ConvertLegacyText("Sa Thaày", ".VnTime");
  EXPECT_EQ(vni.text, "Sa Thầy");
  EXPECT_EQ(vni.encoding, LegacyEncoding::kVni);
  // The hint decides when the text decodes in it, even to nonsense.
  EXPECT_EQ(ConvertLegacyText("Ñaék Haø", ".VnTime").text, "ẹaộk Haứ");
  // Unicode typed in a cell that kept a legacy font stays Unicode.
  EXPECT_EQ(ConvertLegacyText("Đắk Hà", ".VnTime").text, "Đắk Hà");
  EXPECT_EQ(ConvertLegacyText("Đắk Hà", "VNI-Times").encoding, LegacyEncoding::kNone);
  // Other fonts are no hint.
  EXPECT_EQ(ConvertLegacyText("Líp", "Times New Roman").encoding, LegacyEncoding::kNone);
}

TEST(LegacyTextTest, VnTimeHFontWritesCapitals) {
  // .VnTimeH draws the lower-case codes as capitals: "§¾k hµ" shows as ĐẮK HÀ.
  const LegacyText got = ConvertLegacyText("§¾k hµ", ".VnTimeH");
  EXPECT_EQ(got.text, "ĐẮK HÀ");
  EXPECT_EQ(got.encoding, LegacyEncoding::kTcvn3);
  EXPECT_EQ(ConvertLegacyText("kon tum", ".VnTimeH").text, "KON TUM");
  EXPECT_EQ(ConvertLegacyText(Tcvn3("phường quyết thắng"), ".VnArialH").text, "PHƯỜNG QUYẾT THẮNG");
}

TEST(LegacyTextTest, KeepsPunctuationAndDigits) {
  EXPECT_EQ(ConvertLegacyText(Tcvn3("Xã Đắk Hà (huyện Đắk Hà), 12 người – “mới”")).text,
            "Xã Đắk Hà (huyện Đắk Hà), 12 người – “mới”");
  EXPECT_EQ(ConvertLegacyText(Vni("Tổ dân phố 3, thị trấn Sa Thầy")).text,
            "Tổ dân phố 3, thị trấn Sa Thầy");
}

// Random Vietnamese: syllables of an onset, a vowel group with its tone in place, and a final.
class RandomVietnamese {
 public:
  explicit RandomVietnamese(unsigned seed) : rng_(seed) {}

  // `tcvn3_capitals`: capitalise only where TCVN3 has a capital (ASCII or a base letter).
  std::string Text(bool tcvn3_capitals) {
    std::string out;
    const int words = Pick(3) + 1;
    for (int w = 0; w < words; ++w) {
      if (w > 0) out += Pick(8) == 0 ? ", " : " ";
      out += Syllable(tcvn3_capitals);
    }
    return out;
  }

  // Any letters of the alphabet, with spaces: not syllables, for conversions with a font.
  std::string Letters(bool lower_only) {
    std::u32string out;
    const int n = Pick(20) + 1;
    for (int i = 0; i < n; ++i) {
      const int k = Pick(16);
      if (k == 0) {
        out += U' ';
      } else if (k == 1) {
        out += lower_only || Pick(2) ? U'đ' : U'Đ';
      } else if (k == 2) {
        out += static_cast<char32_t>(U'b' + Pick(3));
      } else {
        const auto* rows = lower_only || Pick(2) ? kLowerRows : kUpperRows;
        out += ToUtf32(rows[Pick(12)])[Pick(6)];
      }
    }
    return ToUtf8(out);
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string Syllable(bool tcvn3_capitals) {
    static const char* const kOnsets[] = {"",   "b", "c", "ch", "d",  "đ",   "gh", "h", "k",
                                          "kh", "l", "m", "n",  "ng", "ngh", "nh", "p", "ph",
                                          "r",  "s", "t", "th", "tr", "v",   "x"};
    // Vowel groups as rows of kLowerRows, and the vowel that takes the tone (-1: either of the
    // first two, as in "hoà" and "hòa").
    struct Group {
      std::vector<int> rows;
      int tone_at;
    };
    static const std::vector<Group> kGroups = {
        {{0}, 0},        {{1}, 0},        {{2}, 0},        {{3}, 0},        {{4}, 0},
        {{5}, 0},        {{6}, 0},        {{7}, 0},        {{8}, 0},        {{9}, 0},
        {{10}, 0},       {{11}, 0},       {{0, 5}, 0},     {{0, 6}, 0},     {{0, 9}, 0},
        {{0, 11}, 0},    {{2, 9}, 0},     {{2, 11}, 0},    {{3, 6}, 0},     {{4, 9}, 0},
        {{5, 0}, 0},     {{5, 4}, 1},     {{5, 9}, 0},     {{6, 0}, -1},    {{6, 1}, 1},
        {{6, 3}, -1},    {{6, 5}, 0},     {{7, 5}, 0},     {{8, 5}, 0},     {{9, 0}, 0},
        {{9, 2}, 1},     {{9, 4}, 1},     {{9, 5}, 0},     {{9, 7}, 1},     {{9, 11}, -1},
        {{10, 0}, 0},    {{10, 5}, 0},    {{10, 8}, 1},    {{10, 9}, 0},    {{11, 4}, 1},
        {{5, 4, 9}, 1},  {{11, 4, 9}, 1}, {{6, 0, 5}, 1},  {{6, 0, 11}, 1}, {{9, 7, 5}, 1},
        {{10, 8, 5}, 1}, {{10, 8, 9}, 1}, {{9, 11, 4}, 2}, {{9, 2, 11}, 1}};
    static const char* const kFinals[] = {"", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
    const Group& group = kGroups[Pick(static_cast<int>(kGroups.size()))];
    const int tone = Pick(6);
    const int toned = group.tone_at >= 0 ? group.tone_at : Pick(2);
    std::u32string s = ToUtf32(kOnsets[Pick(std::size(kOnsets))]);
    for (size_t i = 0; i < group.rows.size(); ++i) {
      s += ToUtf32(kLowerRows[group.rows[i]])[static_cast<int>(i) == toned ? tone : 0];
    }
    s += ToUtf32(kFinals[Pick(std::size(kFinals))]);
    if (Pick(3) == 0) s[0] = Capital(s[0], tcvn3_capitals);
    return ToUtf8(s);
  }

  static char32_t Capital(char32_t c, bool tcvn3_capitals) {
    if (c < 0x80) return c >= U'a' && c <= U'z' ? c - 0x20 : c;
    if (c == U'đ') return U'Đ';
    for (int row = 0; row < 12; ++row) {
      const std::u32string lower = ToUtf32(kLowerRows[row]);
      for (int tone = 0; tone < 6; ++tone) {
        if (lower[tone] != c) continue;
        if (tcvn3_capitals && (tone != 0 || !kTcvn3UpperBases.count(row))) return c;
        return ToUtf32(kUpperRows[row])[tone];
      }
    }
    return c;
  }

  std::mt19937 rng_;
};

TEST(LegacyTextTest, RandomLettersRoundTripWithAFontHint) {
  RandomVietnamese random(20250701);
  for (int i = 0; i < 2000; ++i) {
    const std::string any = random.Letters(false);
    EXPECT_EQ(ConvertLegacyText(Vni(any), "VNI-Times").text, any) << Vni(any);
    const std::string lower = random.Letters(true);
    EXPECT_EQ(ConvertLegacyText(Tcvn3(lower), ".VnTime").text, lower) << Tcvn3(lower);
    EXPECT_EQ(ConvertLegacyText(Tcvn3(lower), ".VnTimeH").text, UpperCaseVi(lower));
  }
}

TEST(LegacyTextTest, RandomSyllablesRoundTripWithoutAFont) {
  RandomVietnamese random(7);
  const int kTexts = 3000;
  int tcvn3_converted = 0;
  int vni_converted = 0;
  for (int i = 0; i < kTexts; ++i) {
    const std::string text = random.Text(i % 2 == 0);
    // Real Unicode is never converted.
    const LegacyText same = ConvertLegacyText(text);
    ASSERT_EQ(same.encoding, LegacyEncoding::kNone) << text << " became " << same.text;
    // Legacy text converts back exactly, or is left as it is when it has no evidence.
    for (const LegacyEncoding encoding : {LegacyEncoding::kTcvn3, LegacyEncoding::kVni}) {
      if (encoding == LegacyEncoding::kTcvn3 && i % 2 != 0) continue;
      const std::string legacy = Encoder().Encode(text, encoding);
      const LegacyText got = ConvertLegacyText(legacy);
      if (got.encoding == LegacyEncoding::kNone) {
        EXPECT_EQ(got.text, legacy);
        continue;
      }
      ASSERT_EQ(got.encoding, encoding) << legacy << " became " << got.text;
      ASSERT_EQ(got.text, text) << legacy;
      ++(encoding == LegacyEncoding::kTcvn3 ? tcvn3_converted : vni_converted);
    }
  }
  RecordProperty("tcvn3_converted", tcvn3_converted);
  RecordProperty("vni_converted", vni_converted);
  // Most random texts carry evidence (a TCVN3 symbol code, a VNI mark after a vowel).
  EXPECT_GT(tcvn3_converted, kTexts / 2 * 8 / 10);
  EXPECT_GT(vni_converted, kTexts * 7 / 10);
}

}  // namespace
}  // namespace antq
