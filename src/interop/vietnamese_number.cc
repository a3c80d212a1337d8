#include "interop/vietnamese_number.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "common/text.h"

namespace antq {
namespace {

constexpr size_t kMaxChars = 40;

// The bytes of a space (U+0020, U+00A0 or U+202F) starting at `i`, or 0.
size_t SpaceAt(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  if (rest.starts_with(" ")) return 1;
  if (rest.starts_with("\u00A0")) return 2;
  if (rest.starts_with("\u202F")) return 3;
  return 0;
}

std::string_view TrimSpaces(std::string_view text) {
  for (size_t n = SpaceAt(text, 0); n > 0; n = SpaceAt(text, 0)) text.remove_prefix(n);
  while (true) {
    if (text.ends_with(" ")) {
      text.remove_suffix(1);
    } else if (text.ends_with("\u00A0")) {
      text.remove_suffix(2);
    } else if (text.ends_with("\u202F")) {
      text.remove_suffix(3);
    } else {
      return text;
    }
  }
}

// A run of digits and the separator before it ('.', ',', ' ' for any space, or 0 for none).
struct Group {
  char separator = 0;
  std::string digits;
};

// The text after the sign as groups; nullopt with `why` set when a character is not a digit
// or a separator, or separators are misplaced.
std::optional<std::vector<Group>> SplitGroups(std::string_view body, std::string& why) {
  std::vector<Group> groups(1);
  for (size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c >= '0' && c <= '9') {
      groups.back().digits += c;
      ++i;
      continue;
    }
    char separator = 0;
    size_t width = SpaceAt(body, i);
    if (width > 0) {
      separator = ' ';
    } else if (c == '.' || c == ',') {
      separator = c;
      width = 1;
    }
    if (separator == 0) {
      const auto byte = static_cast<unsigned char>(c);
      if ((c == 'e' || c == 'E') && i > 0) {
        why = "it has an exponent; write the number in full";
      } else if (c == '-' || c == '+') {
        why = i == 0 ? "it has two signs" : "a sign is only allowed at the start";
      } else if (byte < 0x20 || byte == 0x7F ||
                 (byte == 0xC2 && i + 1 < body.size() &&
                  static_cast<unsigned char>(body[i + 1]) < 0xA0)) {
        why = "it has a control character";
      } else {
        why = R"(only digits, "." and "," are allowed)";
      }
      return std::nullopt;
    }
    if (groups.size() == 1 && groups[0].digits.empty() && separator == ' ') {
      why = "a space after the sign";
      return std::nullopt;
    }
    const bool after_separator = groups.size() > 1 || groups[0].separator != 0;
    if (groups.back().digits.empty() && after_separator) {
      why = "two separators in a row";
      return std::nullopt;
    }
    if (groups.size() == 1 && groups[0].digits.empty()) {
      groups[0].separator = separator;  // ",5" or ".5": a fraction without an integer part
    } else {
      groups.push_back({separator, ""});
    }
    i += width;
  }
  if (groups.back().digits.empty()) {
    why = groups.size() == 1 && groups[0].separator == 0 ? "it has no digits"
                                                         : "it ends with a separator";
    return std::nullopt;
  }
  return groups;
}

// "-"?, the integer part without leading zeros, "." and the fraction without trailing zeros.
std::string Canonical(bool negative, std::string whole, std::string fraction) {
  const size_t first = whole.find_first_not_of('0');
  whole = first == std::string::npos ? "0" : whole.substr(first);
  const size_t last = fraction.find_last_not_of('0');
  fraction = last == std::string::npos ? "" : fraction.substr(0, last + 1);
  std::string out = negative && (whole != "0" || !fraction.empty()) ? "-" : "";
  out += whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

// A number read in one convention: its canonical digits and whether it had a decimal mark.
struct Reading {
  std::string digits;
  bool has_decimal = false;
};

// Reads the groups with `decimal` as the decimal mark and the other separators (the other of
// "." and ",", or a space) between thousands; nullopt with `why` set when the text does not
// follow that convention.
std::optional<Reading> Read(const std::vector<Group>& groups, bool negative, char decimal,
                            std::string& why) {
  std::string whole;
  std::string fraction;
  bool has_decimal = false;
  const bool grouped = groups.size() > 1 && groups[1].separator != decimal;
  for (size_t i = 0; i < groups.size(); ++i) {
    const Group& g = groups[i];
    if (g.separator == decimal) {
      if (has_decimal) {
        why = fmt::format("it has more than one \"{}\"", decimal);
        return std::nullopt;
      }
      has_decimal = true;
      fraction = g.digits;
      continue;
    }
    if (i == 0 && g.separator != 0) {
      why = fmt::format("it starts with \"{}\"", g.separator);
      return std::nullopt;
    }
    if (has_decimal) {
      why = fmt::format("only digits may follow the decimal mark \"{}\"", decimal);
      return std::nullopt;
    }
    if (grouped && i == 0 && (g.digits.size() > 3 || g.digits[0] == '0')) {
      why = "the first group of thousands must have one to three digits, not starting with 0";
      return std::nullopt;
    }
    if (grouped && i > 0 && g.digits.size() != 3) {
      why = "groups of thousands after the first must have three digits";
      return std::nullopt;
    }
    whole += g.digits;
  }
  return Reading{Canonical(negative, whole, fraction), has_decimal};
}

VietnameseNumber Invalid(std::string_view text, std::string_view why) {
  return {VietnameseNumber::Status::kInvalid, "",
          fmt::format("{} is not a number: {}", QuoteForMessage(text), why)};
}

VietnameseNumber Ambiguous(std::string reason) {
  return {VietnameseNumber::Status::kAmbiguous, "", std::move(reason)};
}

}  // namespace

VietnameseNumber ParseVietnameseNumber(std::string_view text, NumberKind kind) {
  const std::string_view trimmed = TrimSpaces(text);
  if (CountCodePoints(trimmed) > kMaxChars) {
    return Invalid(text, fmt::format("too long (at most {} characters)", kMaxChars));
  }
  std::string_view body = trimmed;
  const bool negative = body.starts_with("-");
  if (negative || body.starts_with("+")) body.remove_prefix(1);
  std::string why;
  const auto groups = SplitGroups(body, why);
  if (!groups) return Invalid(text, why);

  std::string vi_why;
  std::string en_why;
  const auto vi = Read(*groups, negative, ',', vi_why);
  const auto en = Read(*groups, negative, '.', en_why);
  if (vi) {
    if (vi->has_decimal && en && kind == NumberKind::kWhole) {
      return Ambiguous(fmt::format(
          "{} is ambiguous in a column of whole numbers: in Vietnamese \",\" marks decimals "
          "({}), but it may be an English thousands separator ({})",
          QuoteForMessage(text), vi->digits, en->digits));
    }
    return {VietnameseNumber::Status::kOk, vi->digits, ""};
  }
  if (en) {
    return Ambiguous(fmt::format(
        "{} is ambiguous: it reads as an English number ({}); in Vietnamese \".\" groups "
        "thousands in threes and \",\" marks decimals, as in 1.234,5",
        QuoteForMessage(text), en->digits));
  }
  return Invalid(text, vi_why);
}

}  // namespace antq
