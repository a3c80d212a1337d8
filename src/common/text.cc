#include "common/text.h"

#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <vector>

namespace antq {
namespace {

// Spelling variants of the same syllable seen in GSO lists and NQ 1677 (after accent folding).
// Each pair maps a variant to the form the search key uses.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kTokenAliases = {{
    {"ngoc", "ngok"},
    {"blo", "plo"},
    {"buk", "but"},
}};

icu::UnicodeString FromUtf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser is unavailable");
  return *n;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD normaliser is unavailable");
  return *n;
}

// ICU collators are not safe to share between threads, so each thread gets its own.
icu::Collator& VietnameseCollator() {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU 'vi' collator is unavailable");
    return c;
  }();
  return *collator;
}

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == '`' || c == 0x00B4;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

Result<std::string> NormalizeInput(std::string_view text, std::string_view where) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("invalid UTF-8 at byte {}; save the text as UTF-8", start + 1),
                  std::string(where));
    }
  }
  return ToNfc(text);
}

std::string ToNfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& nfc = Nfc();
  // Most input is already NFC: check it in UTF-8, without converting to UTF-16.
  if (nfc.isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                           status) &&
      U_SUCCESS(status) && IsValidUtf8(text)) {
    return std::string(text);
  }
  status = U_ZERO_ERROR;
  const icu::UnicodeString in = FromUtf8(text);
  if (nfc.isNormalized(in, status) && U_SUCCESS(status)) return ToUtf8(in);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc.normalize(in, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
  return ToUtf8(out);
}

std::string FoldAccents(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decomposed = Nfd().normalize(FromUtf8(text), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD normalisation failed");
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) {
      stripped.append(static_cast<UChar32>('d'));
    } else if (c == 0x0110) {
      stripped.append(static_cast<UChar32>('D'));
    } else {
      stripped.append(c);
    }
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString composed = Nfc().normalize(stripped, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
  composed.foldCase();
  return ToUtf8(composed);
}

std::string SearchKey(std::string_view text) {
  const std::string folded = FoldAccents(text);
  // Tokenise on whitespace and punctuation; an apostrophe joins its neighbours ("h' drai" ->
  // "hdrai").
  std::vector<std::string> tokens;
  std::string current;
  bool joining = false;
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  const auto n = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (IsApostrophe(c)) {
      joining = true;
      continue;
    }
    if (u_isUWhiteSpace(c) || c == '-' || c == ',' || c == '.' || c == '(' || c == ')') {
      if (!current.empty() && !joining) {
        tokens.push_back(std::move(current));
        current.clear();
      }
      continue;
    }
    joining = false;
    current.append(folded, static_cast<size_t>(start), static_cast<size_t>(i - start));
  }
  if (!current.empty()) tokens.push_back(std::move(current));

  std::string key;
  for (auto& token : tokens) {
    for (const auto& [variant, canonical] : kTokenAliases) {
      if (token == variant) token = canonical;
    }
    if (!key.empty()) key.push_back(' ');
    key += token;
  }
  return key;
}

bool SearchKeyMatches(std::string_view key, std::string_view query_key) {
  if (query_key.empty()) return true;
  for (size_t pos = key.find(query_key); pos != std::string_view::npos;
       pos = key.find(query_key, pos + 1)) {
    if (pos == 0 || key[pos - 1] == ' ') return true;
  }
  return false;
}

void AppendListItem(std::string& list, std::string_view item, std::string_view separator) {
  if (!list.empty()) list.append(separator);
  list.append(item);
}

std::string UpperCaseVi(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

size_t DisplayWidth(std::string_view text) { return CountCodePoints(text); }

namespace {

bool IsControl(UChar32 c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

}  // namespace

std::optional<ControlCharacter> FindControlCharacter(std::string_view text) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t position = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    ++position;
    if (c >= 0 && IsControl(c) && c != '\t' && c != '\n') {
      return ControlCharacter{static_cast<char32_t>(c), position};
    }
  }
  return std::nullopt;
}

std::string QuoteForMessage(std::string_view text, size_t max_chars) {
  std::string out = "'";
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t shown = 0;
  while (i < n) {
    if (shown == max_chars) {
      out += fmt::format("…' ({} characters)", CountCodePoints(text));
      return out;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    ++shown;
    if (c < 0) {
      for (int32_t k = start; k < i; ++k) out += fmt::format("\\x{:02X}", s[k]);
    } else if (IsControl(c)) {
      out += c < 0x80 ? fmt::format("\\x{:02X}", c) : fmt::format("\\u{{{:04X}}}", c);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  out += "'";
  return out;
}

int CompareVietnamese(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = VietnameseCollator().compareUTF8(
      icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU collation failed");
  return static_cast<int>(r);
}

std::string VietnameseSortKey(std::string_view text) {
  icu::Collator& collator = VietnameseCollator();
  const icu::UnicodeString s = FromUtf8(text);
  std::string key(64, '\0');
  int32_t n = collator.getSortKey(s, reinterpret_cast<uint8_t*>(key.data()),
                                  static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(n));
    n = collator.getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  key.resize(n > 0 ? static_cast<size_t>(n - 1) : 0);  // drop the terminating zero
  return key;
}

}  // namespace antq
