#include "interop/legacy_text.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/text.h"

namespace antq {
namespace {

// One Vietnamese letter and how each legacy encoding writes it, as the Latin-1 characters whose
// codes are the legacy bytes. TCVN3 "ABC" has one code per letter and no toned capitals (""):
// those were typed with the ".VnTimeH" fonts, which draw the lower-case codes as capitals. VNI
// writes a base letter (a e o u y, or ô ö for ơ ư) and then a mark; i, ơ, ư, đ and ỵ have codes
// of their own.
struct LegacyLetter {
  std::string_view unicode;  // NFC
  std::string_view tcvn3;
  std::string_view vni;
};

// The vowels in rows of six: no tone, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng
// (dot). Twelve lower-case rows, đ, the same twelve in capitals, Đ.
constexpr LegacyLetter kLetters[] = {
    {"a", "a", "a"},      {"à", "µ", "aø"}, {"ả", "¶", "aû"},
    {"ã", "·", "aõ"},     {"á", "¸", "aù"}, {"ạ", "¹", "aï"},  //
    {"ă", "¨", "aê"},     {"ằ", "»", "aè"}, {"ẳ", "¼", "aú"},
    {"ẵ", "½", "aü"},     {"ắ", "¾", "aé"}, {"ặ", "Æ", "aë"},  //
    {"â", "©", "aâ"},     {"ầ", "Ç", "aà"}, {"ẩ", "È", "aå"},
    {"ẫ", "É", "aã"},     {"ấ", "Ê", "aá"}, {"ậ", "Ë", "aä"},  //
    {"e", "e", "e"},      {"è", "Ì", "eø"}, {"ẻ", "Î", "eû"},
    {"ẽ", "Ï", "eõ"},     {"é", "Ð", "eù"}, {"ẹ", "Ñ", "eï"},  //
    {"ê", "ª", "eâ"},     {"ề", "Ò", "eà"}, {"ể", "Ó", "eå"},
    {"ễ", "Ô", "eã"},     {"ế", "Õ", "eá"}, {"ệ", "Ö", "eä"},  //
    {"i", "i", "i"},      {"ì", "×", "ì"},  {"ỉ", "Ø", "æ"},
    {"ĩ", "Ü", "ó"},      {"í", "Ý", "í"},  {"ị", "Þ", "ò"},  //
    {"o", "o", "o"},      {"ò", "ß", "oø"}, {"ỏ", "á", "oû"},
    {"õ", "â", "oõ"},     {"ó", "ã", "où"}, {"ọ", "ä", "oï"},  //
    {"ô", "«", "oâ"},     {"ồ", "å", "oà"}, {"ổ", "æ", "oå"},
    {"ỗ", "ç", "oã"},     {"ố", "è", "oá"}, {"ộ", "é", "oä"},  //
    {"ơ", "¬", "ô"},      {"ờ", "ê", "ôø"}, {"ở", "ë", "ôû"},
    {"ỡ", "ì", "ôõ"},     {"ớ", "í", "ôù"}, {"ợ", "î", "ôï"},  //
    {"u", "u", "u"},      {"ù", "ï", "uø"}, {"ủ", "ñ", "uû"},
    {"ũ", "ò", "uõ"},     {"ú", "ó", "uù"}, {"ụ", "ô", "uï"},  //
    {"ư", "\u00AD", "ö"}, {"ừ", "õ", "öø"}, {"ử", "ö", "öû"},
    {"ữ", "÷", "öõ"},     {"ứ", "ø", "öù"}, {"ự", "ù", "öï"},  //
    {"y", "y", "y"},      {"ỳ", "ú", "yø"}, {"ỷ", "û", "yû"},
    {"ỹ", "ü", "yõ"},     {"ý", "ý", "yù"}, {"ỵ", "þ", "î"},  //
    {"đ", "®", "ñ"},                                          //
    {"A", "A", "A"},      {"À", "", "AØ"},  {"Ả", "", "AÛ"},
    {"Ã", "", "AÕ"},      {"Á", "", "AÙ"},  {"Ạ", "", "AÏ"},  //
    {"Ă", "¡", "AÊ"},     {"Ằ", "", "AÈ"},  {"Ẳ", "", "AÚ"},
    {"Ẵ", "", "AÜ"},      {"Ắ", "", "AÉ"},  {"Ặ", "", "AË"},  //
    {"Â", "¢", "AÂ"},     {"Ầ", "", "AÀ"},  {"Ẩ", "", "AÅ"},
    {"Ẫ", "", "AÃ"},      {"Ấ", "", "AÁ"},  {"Ậ", "", "AÄ"},  //
    {"E", "E", "E"},      {"È", "", "EØ"},  {"Ẻ", "", "EÛ"},
    {"Ẽ", "", "EÕ"},      {"É", "", "EÙ"},  {"Ẹ", "", "EÏ"},  //
    {"Ê", "£", "EÂ"},     {"Ề", "", "EÀ"},  {"Ể", "", "EÅ"},
    {"Ễ", "", "EÃ"},      {"Ế", "", "EÁ"},  {"Ệ", "", "EÄ"},  //
    {"I", "I", "I"},      {"Ì", "", "Ì"},   {"Ỉ", "", "Æ"},
    {"Ĩ", "", "Ó"},       {"Í", "", "Í"},   {"Ị", "", "Ò"},  //
    {"O", "O", "O"},      {"Ò", "", "OØ"},  {"Ỏ", "", "OÛ"},
    {"Õ", "", "OÕ"},      {"Ó", "", "OÙ"},  {"Ọ", "", "OÏ"},  //
    {"Ô", "¤", "OÂ"},     {"Ồ", "", "OÀ"},  {"Ổ", "", "OÅ"},
    {"Ỗ", "", "OÃ"},      {"Ố", "", "OÁ"},  {"Ộ", "", "OÄ"},  //
    {"Ơ", "¥", "Ô"},      {"Ờ", "", "ÔØ"},  {"Ở", "", "ÔÛ"},
    {"Ỡ", "", "ÔÕ"},      {"Ớ", "", "ÔÙ"},  {"Ợ", "", "ÔÏ"},  //
    {"U", "U", "U"},      {"Ù", "", "UØ"},  {"Ủ", "", "UÛ"},
    {"Ũ", "", "UÕ"},      {"Ú", "", "UÙ"},  {"Ụ", "", "UÏ"},  //
    {"Ư", "¦", "Ö"},      {"Ừ", "", "ÖØ"},  {"Ử", "", "ÖÛ"},
    {"Ữ", "", "ÖÕ"},      {"Ứ", "", "ÖÙ"},  {"Ự", "", "ÖÏ"},  //
    {"Y", "Y", "Y"},      {"Ỳ", "", "YØ"},  {"Ỷ", "", "YÛ"},
    {"Ỹ", "", "YÕ"},      {"Ý", "", "YÙ"},  {"Ỵ", "", "Î"},  //
    {"Đ", "§", "Ñ"},
};

constexpr int kVowelRows = 12;
constexpr int kTones = 6;
constexpr int kLowerD = kVowelRows * kTones;  // index of đ
constexpr int kUpperStart = kLowerD + 1;
constexpr int kUpperD = kUpperStart + kVowelRows * kTones;
static_assert(std::size(kLetters) == kUpperD + 1, "twelve vowel rows of six and đ, in each case");

// The rows' toneless lower-case vowels, and the ASCII vowels' rows.
constexpr std::string_view kVowelBases[kVowelRows] = {"a", "ă", "â", "e", "ê", "i",
                                                      "o", "ô", "ơ", "u", "ư", "y"};

int AsciiVowelRow(char c) {
  switch (c | 0x20) {
    case 'a':
      return 0;
    case 'e':
      return 3;
    case 'i':
      return 5;
    case 'o':
      return 6;
    case 'u':
      return 9;
    case 'y':
      return 11;
    default:
      return -1;
  }
}

// The vowel groups (nuclei with their glides) of Vietnamese syllables, plus "oo", "ei" and "ya"
// of minority place names (Kroong, Đăk Glei, Ya Ly), with the vowel that carries the tone: -1
// for oa, oe and uy, which take it on either ("hoà" and "hòa"). "gi" and "qu" are consonants.
struct VowelGroup {
  std::string_view vowels;
  int tone_at;
};

constexpr VowelGroup kVowelGroups[] = {
    {"a", 0},   {"ă", 0},   {"â", 0},   {"e", 0},   {"ê", 0},   {"i", 0},   {"o", 0},   {"ô", 0},
    {"ơ", 0},   {"u", 0},   {"ư", 0},   {"y", 0},   {"ai", 0},  {"ao", 0},  {"au", 0},  {"ay", 0},
    {"âu", 0},  {"ây", 0},  {"eo", 0},  {"êu", 0},  {"ia", 0},  {"iê", 1},  {"iu", 0},  {"oa", -1},
    {"oă", 1},  {"oe", -1}, {"oi", 0},  {"ôi", 0},  {"ơi", 0},  {"ua", 0},  {"uâ", 1},  {"uê", 1},
    {"ui", 0},  {"uô", 1},  {"uơ", 1},  {"uy", -1}, {"ưa", 0},  {"ưi", 0},  {"ươ", 1},  {"ưu", 0},
    {"yê", 1},  {"oo", 0},  {"ei", 0},  {"ya", 0},  {"iêu", 1}, {"yêu", 1}, {"oai", 1}, {"oay", 1},
    {"oao", 1}, {"oeo", 1}, {"uây", 1}, {"uôi", 1}, {"ươi", 1}, {"ươu", 1}, {"uyê", 2}, {"uya", 1},
    {"uyu", 1},
};

constexpr std::string_view kFinals[] = {"", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"};

// The Latin-1 letters that Unicode Vietnamese uses itself: a cell of only these may be real
// text ("Yên Bái"), so as legacy codes they are no evidence (see Evidence).
bool IsVietnameseLatin1(char32_t c) {
  constexpr std::u32string_view kLetters1 = U"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
  return kLetters1.find(c) != std::u32string_view::npos;
}

// Characters that Windows-1252 puts in 0x80–0x9F (quotes, dashes, …): Excel writes them for
// those bytes, so they may appear in legacy text and are kept as they are.
bool IsWindows1252Extra(char32_t c) {
  constexpr std::u32string_view kExtras = U"€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
  return kExtras.find(c) != std::u32string_view::npos;
}

struct CodePoint {
  char32_t c;
  uint32_t begin;  // byte offsets in the cell
  uint32_t end;
};

// The cell's code points; nullopt for invalid UTF-8 or a character that no legacy text has.
std::optional<std::vector<CodePoint>> LegacyCandidate(std::string_view text) {
  if (text.size() > INT32_MAX) return std::nullopt;  // not a spreadsheet cell
  std::vector<CodePoint> out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) return std::nullopt;
    if (c > 0xFF && !IsWindows1252Extra(static_cast<char32_t>(c))) return std::nullopt;
    out.push_back(
        {static_cast<char32_t>(c), static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
  }
  return out;
}

std::u32string ToCodePoints(std::string_view utf8) {
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

// The tables turned around for decoding: a legacy code (or VNI pair) to its kLetters index.
struct Decoders {
  std::array<int16_t, 256> tcvn3{};
  std::array<int16_t, 256> vni_single{};
  std::unordered_map<uint32_t, int16_t> vni_pair;  // (base << 8) | mark

  Decoders() {
    tcvn3.fill(-1);
    vni_single.fill(-1);
    for (size_t i = 0; i < std::size(kLetters); ++i) {
      const auto index = static_cast<int16_t>(i);
      const std::u32string t = ToCodePoints(kLetters[i].tcvn3);
      if (t.size() == 1 && t[0] >= 0x80) tcvn3[t[0]] = index;
      const std::u32string v = ToCodePoints(kLetters[i].vni);
      if (v.size() == 1 && v[0] >= 0x80) vni_single[v[0]] = index;
      if (v.size() == 2) vni_pair[(static_cast<uint32_t>(v[0]) << 8) | v[1]] = index;
    }
  }
};

const Decoders& GetDecoders() {
  static const Decoders decoders;
  return decoders;
}

// One character of the decoded text.
struct Token {
  std::string_view text;  // UTF-8: a letter from kLetters or the cell's own character
  int letter = -1;        // kLetters index when decoded through the table
  bool is_letter = false;
  bool is_lower = false;
  bool changed = false;   // differs from the cell's character(s)
  bool evidence = false;  // a code real Unicode Vietnamese never has (see Evidence)
};

Token Passthrough(std::string_view cell, const CodePoint& cp) {
  Token token;
  token.text = cell.substr(cp.begin, cp.end - cp.begin);
  const char32_t c = cp.c;
  token.is_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  token.is_lower = c >= 'a' && c <= 'z';
  return token;
}

Token FromTable(std::string_view source, int index) {
  Token token;
  token.text = kLetters[index].unicode;
  token.letter = index;
  token.is_letter = true;
  token.is_lower = index <= kLowerD;
  token.changed = token.text != source;
  return token;
}

bool PreviousIsLower(const std::vector<Token>& tokens) {
  return !tokens.empty() && tokens.back().is_lower;
}

// Decodes as TCVN3; nullopt when a character from U+00A1 on has no TCVN3 code.
std::optional<std::vector<Token>> DecodeTcvn3(std::string_view cell,
                                              const std::vector<CodePoint>& cps) {
  const Decoders& d = GetDecoders();
  std::vector<Token> tokens;
  tokens.reserve(cps.size());
  for (const CodePoint& cp : cps) {
    if (cp.c < 0xA1 || cp.c > 0xFF) {
      tokens.push_back(Passthrough(cell, cp));
      continue;
    }
    const int index = d.tcvn3[cp.c];
    if (index < 0) return std::nullopt;
    Token token = FromTable(cell.substr(cp.begin, cp.end - cp.begin), index);
    const bool latin1_capital = cp.c >= 0xC0 && cp.c <= 0xDE && cp.c != 0xD7;
    token.evidence = !IsVietnameseLatin1(cp.c) || (latin1_capital && PreviousIsLower(tokens));
    tokens.push_back(token);
  }
  return tokens;
}

// VNI pairs that are also real Unicode Vietnamese with the tone on the a of "oa" ("Hoà",
// "Toán", "Loãng"), so they are no evidence of VNI.
bool IsAmbiguousVniPair(char32_t base, char32_t mark) {
  return (base == U'o' && (mark == U'à' || mark == U'á' || mark == U'ã')) ||
         (base == U'O' && (mark == U'À' || mark == U'Á' || mark == U'Ã'));
}

// Decodes as VNI; nullopt when a character from U+00C0 on is not part of a VNI letter.
std::optional<std::vector<Token>> DecodeVni(std::string_view cell,
                                            const std::vector<CodePoint>& cps) {
  const Decoders& d = GetDecoders();
  std::vector<Token> tokens;
  tokens.reserve(cps.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    const CodePoint& cp = cps[i];
    if (i + 1 < cps.size() && cp.c <= 0xFF && cps[i + 1].c >= 0xC0 && cps[i + 1].c <= 0xFF) {
      const auto pair = d.vni_pair.find((static_cast<uint32_t>(cp.c) << 8) | cps[i + 1].c);
      if (pair != d.vni_pair.end()) {
        Token token = FromTable(cell.substr(cp.begin, cps[i + 1].end - cp.begin), pair->second);
        token.evidence = !IsAmbiguousVniPair(cp.c, cps[i + 1].c);
        tokens.push_back(token);
        ++i;
        continue;
      }
    }
    if (cp.c < 0xC0 || cp.c > 0xFF) {
      tokens.push_back(Passthrough(cell, cp));
      continue;
    }
    const int index = d.vni_single[cp.c];
    if (index < 0) return std::nullopt;
    Token token = FromTable(cell.substr(cp.begin, cp.end - cp.begin), index);
    token.evidence = !IsVietnameseLatin1(cp.c);
    tokens.push_back(token);
  }
  return tokens;
}

// A letter's sound for the syllable check: a vowel row and tone, or a lower-case consonant.
struct Sound {
  int row = -1;  // kVowelBases index for a vowel
  int tone = 0;
  char consonant = 0;  // 'a'..'z' except vowels; '#' for đ
};

Sound SoundOf(const Token& token) {
  Sound sound;
  if (token.letter >= 0) {
    if (token.letter == kLowerD || token.letter == kUpperD) {
      sound.consonant = '#';
      return sound;
    }
    const int i = token.letter < kUpperStart ? token.letter : token.letter - kUpperStart;
    sound.row = i / kTones;
    sound.tone = i % kTones;
    return sound;
  }
  const char c = token.text[0];
  sound.row = AsciiVowelRow(c);
  if (sound.row < 0) sound.consonant = static_cast<char>(c | 0x20);
  return sound;
}

// True when the letters form one Vietnamese syllable: consonants, a known vowel group with at
// most one tone, on the vowel that carries it, and a known final.
bool IsSyllable(const Token* begin, const Token* end) {
  std::vector<Sound> sounds;
  sounds.reserve(static_cast<size_t>(end - begin));
  for (const Token* t = begin; t != end; ++t) sounds.push_back(SoundOf(*t));
  std::string onset;
  size_t i = 0;
  for (; i < sounds.size() && sounds[i].row < 0; ++i) onset += sounds[i].consonant;
  std::vector<Sound> vowels;
  for (; i < sounds.size() && sounds[i].row >= 0; ++i) vowels.push_back(sounds[i]);
  std::string final_consonants;
  for (; i < sounds.size() && sounds[i].row < 0; ++i) final_consonants += sounds[i].consonant;
  if (i != sounds.size() || vowels.empty() || vowels.size() > 4) return false;
  if (std::find(std::begin(kFinals), std::end(kFinals), final_consonants) == std::end(kFinals)) {
    return false;
  }
  // The i of "gi" and the u of "qu" belong to the consonant ("giường", "quyết"), untoned.
  if (vowels.size() > 1 &&
      ((onset == "g" && vowels[0].row == 5) || (onset == "q" && vowels[0].row == 9))) {
    if (vowels[0].tone != 0) return false;
    vowels.erase(vowels.begin());
  }
  std::string group;
  int toned = -1;
  for (size_t v = 0; v < vowels.size(); ++v) {
    group += kVowelBases[vowels[v].row];
    if (vowels[v].tone == 0) continue;
    if (toned >= 0) return false;  // two tones
    toned = static_cast<int>(v);
  }
  for (const VowelGroup& g : kVowelGroups) {
    if (g.vowels != group) continue;
    return toned < 0 || toned == g.tone_at || (g.tone_at < 0 && toned <= 1);
  }
  return false;
}

// How strongly the decoded text looks legacy: the evidence in words of two or more letters,
// or -1 when a word that the decoding changes is not a Vietnamese syllable. Evidence is a code
// that Unicode Vietnamese never contains: any legacy character but à á â ã è é ê ì í ò ó ô õ ù
// ú ý (TCVN3 ¶ ¾ « ä å, VNI ö ñ æ î); one of those as a capital after a lower-case letter
// (TCVN3 "QuyÕt"); or a VNI vowel with its mark (aø eä oï), but not oà oá oã ("Hoà", "Toán").
int Evidence(const std::vector<Token>& tokens) {
  int evidence = 0;
  for (size_t i = 0; i < tokens.size();) {
    if (!tokens[i].is_letter) {
      ++i;
      continue;
    }
    size_t end = i;
    bool changed = false;
    int word_evidence = 0;
    for (; end < tokens.size() && tokens[end].is_letter; ++end) {
      changed = changed || tokens[end].changed;
      if (tokens[end].evidence) ++word_evidence;
    }
    if (changed && !IsSyllable(&tokens[i], &tokens[i] + (end - i))) return -1;
    if (end - i >= 2) evidence += word_evidence;
    i = end;
  }
  return evidence;
}

std::string Join(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) out += t.text;
  return ToNfc(out);
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if ((text[i] | 0x20) != prefix[i]) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

LegacyText Converted(std::string_view cell, std::string text, LegacyEncoding encoding) {
  if (text == cell) return {std::string(cell), LegacyEncoding::kNone};
  return {std::move(text), encoding};
}

}  // namespace

std::string_view LegacyEncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3:
      return "TCVN3";
    case LegacyEncoding::kVni:
      return "VNI";
    case LegacyEncoding::kNone:
      break;
  }
  return "none";
}

LegacyText ConvertLegacyText(std::string_view utf8_cell, std::string_view font_name) {
  const auto cps = LegacyCandidate(utf8_cell);
  if (!cps) return {std::string(utf8_cell), LegacyEncoding::kNone};
  const std::optional<std::vector<Token>> tcvn3 = DecodeTcvn3(utf8_cell, *cps);
  const std::optional<std::vector<Token>> vni = DecodeVni(utf8_cell, *cps);

  const std::string_view font = TrimSpaces(font_name);
  if (StartsWithNoCase(font, ".vn") && tcvn3) {
    std::string text = Join(*tcvn3);
    if (font.back() == 'H') text = ToNfc(UpperCaseVi(text));
    return Converted(utf8_cell, std::move(text), LegacyEncoding::kTcvn3);
  }
  if ((StartsWithNoCase(font, "vni-") || StartsWithNoCase(font, "vni ")) && vni) {
    return Converted(utf8_cell, Join(*vni), LegacyEncoding::kVni);
  }

  // -1 when the text does not decode, or a word it changes is not a Vietnamese syllable.
  const int tcvn3_evidence = tcvn3 ? Evidence(*tcvn3) : -1;
  const int vni_evidence = vni ? Evidence(*vni) : -1;
  if (tcvn3_evidence > 0 && tcvn3_evidence > vni_evidence) {
    return Converted(utf8_cell, Join(*tcvn3), LegacyEncoding::kTcvn3);
  }
  if (vni_evidence > 0 && vni_evidence > tcvn3_evidence) {
    return Converted(utf8_cell, Join(*vni), LegacyEncoding::kVni);
  }
  return {std::string(utf8_cell), LegacyEncoding::kNone};
}

}  // namespace antq
