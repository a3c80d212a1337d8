#include "documents/document.h"

#include <array>
#include <string_view>

namespace antq::documents {

Paragraph Paragraph::Of(std::vector<Run> runs, Align align) {
  Paragraph p;
  p.runs = std::move(runs);
  p.align = align;
  return p;
}

std::string ListMark(ListStyle style, int index) {
  switch (style) {
    case ListStyle::kNumbers:
      return std::to_string(index + 1) + ".";
    case ListStyle::kDashes:
      return "-";
    case ListStyle::kVietnameseLetters:
      break;
  }
  // The điểm order of Nghị định 30/2020: the Vietnamese alphabet without its vowels with
  // diacritics, and đ after d.
  static constexpr std::array<std::string_view, 18> kLetters = {
      "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s"};
  static constexpr std::array<std::string_view, 5> kTail = {"t", "u", "v", "x", "y"};
  constexpr int kCount = static_cast<int>(kLetters.size() + kTail.size());
  auto letter = [&](int i) {
    return std::string(i < static_cast<int>(kLetters.size()) ? kLetters[i]
                                                             : kTail[i - kLetters.size()]);
  };
  std::string mark;
  int i = index;
  do {
    mark = letter(i % kCount) + mark;
    i = i / kCount - 1;
  } while (i >= 0);
  return mark + ")";
}

}  // namespace antq::documents
