#include "common/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace antq {
namespace {

TEST(TextTest, NormalizesNfdInputToNfc) {
  // e + combining dot below + combining circumflex = ệ (two marks, composed in two steps).
  const std::string nfd = "Vi\x65\xcc\xa3\xcc\x82t";
  auto r = NormalizeInput(nfd, "under");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "Việt");
}

TEST(TextTest, RejectsInvalidUtf8NamingTheInput) {
  const std::string bad = std::string("Kon ") + char(0xC3) + char(0x28);
  auto r = NormalizeInput(bad, "units.tsv:7");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "units.tsv:7");
  EXPECT_NE(r.error().message().find("byte 5"), std::string::npos) << r.error().message();
  EXPECT_FALSE(IsValidUtf8(bad));
  EXPECT_TRUE(IsValidUtf8("Đắk Hà"));
  // Overlong encoding and a lone continuation byte.
  EXPECT_FALSE(IsValidUtf8(std::string("\xC0\xAF")));
  EXPECT_FALSE(IsValidUtf8(std::string("\x80")));
}

TEST(TextTest, FoldsAccentsAndDStroke) {
  EXPECT_EQ(FoldAccents("Đắk Hà"), "dak ha");
  EXPECT_EQ(FoldAccents("Đăk Hà"), "dak ha");
  EXPECT_EQ(FoldAccents("ĐẮK HÀ"), "dak ha");
  EXPECT_EQ(FoldAccents("Việt Nam"), "viet nam");
  EXPECT_EQ(FoldAccents("Vi\x65\xcc\xa3\xcc\x82t"), "viet");  // NFD ệ
  EXPECT_EQ(FoldAccents("Ngọk Tụ"), "ngok tu");
  EXPECT_EQ(FoldAccents("Thủy Hòa Ưu Ơn"), "thuy hoa uu on");
}

TEST(TextTest, SearchKeyUnifiesOfficialSpellingVariants) {
  EXPECT_EQ(SearchKey("Ngọc Lây"), SearchKey("Ngọk Lây"));
  EXPECT_EQ(SearchKey("Ngok Wang"), SearchKey("Ngọk Wang"));
  EXPECT_EQ(SearchKey("Đắk Blô"), SearchKey("Đăk Plô"));
  EXPECT_EQ(SearchKey("Măng Buk"), SearchKey("Măng Bút"));
  EXPECT_EQ(SearchKey("Rơ Kơi"), SearchKey("Rờ Kơi"));
  EXPECT_EQ(SearchKey("Ia H' Drai"), SearchKey("Ia H'Drai"));
  EXPECT_EQ(SearchKey("Ia H'Drai"), SearchKey("Ia H\xe2\x80\x99"
                                              "Drai"));  // U+2019
  EXPECT_EQ(SearchKey("Ia  H'Drai "), "ia hdrai");
  EXPECT_NE(SearchKey("Đắk Hà"), SearchKey("Đắk Hring"));
}

TEST(TextTest, SearchMatchesAtWordStarts) {
  const std::string key = SearchKey("Thị trấn Đắk Hà");
  EXPECT_TRUE(SearchKeyMatches(key, SearchKey("dak ha")));
  EXPECT_TRUE(SearchKeyMatches(key, SearchKey("ĐĂK")));
  EXPECT_TRUE(SearchKeyMatches(key, SearchKey("tran dak")));
  EXPECT_FALSE(SearchKeyMatches(key, SearchKey("ak ha")));
  EXPECT_FALSE(SearchKeyMatches(key, SearchKey("dak hb")));
}

TEST(TextTest, VietnameseCollationOrdersLettersAndTones) {
  // ă, â, đ, ê, ô, ơ, ư are letters of their own; tones are secondary, in the order
  // ngang < huyền < hỏi < ngã < sắc < nặng.
  std::vector<std::string> words = {"ư", "u", "ơ", "ô", "o", "ê", "e",
                                    "đ", "d", "â", "ă", "a", "b", "z"};
  std::vector<std::string> expected = {"a", "ă", "â", "b", "d", "đ", "e",
                                       "ê", "o", "ô", "ơ", "u", "ư", "z"};
  std::shuffle(words.begin(), words.end(), std::mt19937(7));
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return CompareVietnamese(a, b) < 0; });
  EXPECT_EQ(words, expected);

  std::vector<std::string> tones = {"mạ", "má", "mã", "mả", "mà", "ma"};
  std::sort(tones.begin(), tones.end(),
            [](const std::string& a, const std::string& b) { return CompareVietnamese(a, b) < 0; });
  EXPECT_EQ(tones, (std::vector<std::string>{"ma", "mà", "mả", "mã", "má", "mạ"}));
  // Đ sorts after D, not after Z as a byte sort would put it.
  EXPECT_LT(CompareVietnamese("Đắk Tô", "Ia Chim"), 0);
  EXPECT_LT(CompareVietnamese("Dục Nông", "Đăk Bla"), 0);
}

TEST(TextTest, SortKeysAgreeWithCompare) {
  const std::vector<std::string> names = {
      "Đắk Hà", "Đăk Hà", "Dục Nông", "Ia H' Drai", "Kon Tum", "Ngọk Bay", "Ngọc Linh", "Ờ",
      "ơ",      "Ya Ly",  "A",        "Ă",          "Bờ Y",    "Sa Thầy",  "Sa Loong"};
  for (const auto& a : names) {
    for (const auto& b : names) {
      const int cmp = CompareVietnamese(a, b);
      const int key_cmp = VietnameseSortKey(a).compare(VietnameseSortKey(b));
      EXPECT_EQ(cmp < 0, key_cmp < 0) << a << " vs " << b;
      EXPECT_EQ(cmp == 0, key_cmp == 0) << a << " vs " << b;
    }
  }
}

TEST(TextTest, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("Đắk Hà"), 6u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
}

TEST(TextTest, FoldingRandomTextNeverBreaksUtf8) {
  // Property: for any valid UTF-8 input, every function returns valid UTF-8.
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {
      "a", "Đ", "ệ", "\xcc\x81", "\xcc\xa3",        " ", "'", "\xe2\x80\x99",
      "ư", "Ơ", "9", "-",        "\xf0\x9f\x98\x80"};
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) s += pieces[rng() % pieces.size()];
    ASSERT_TRUE(IsValidUtf8(s));
    EXPECT_TRUE(IsValidUtf8(ToNfc(s))) << s;
    EXPECT_TRUE(IsValidUtf8(FoldAccents(s))) << s;
    EXPECT_TRUE(IsValidUtf8(SearchKey(s))) << s;
    EXPECT_EQ(SearchKey(s), SearchKey(ToNfc(s))) << s;
  }
}

}  // namespace
}  // namespace antq

namespace antq {
namespace {

TEST(TextTest, FindsControlCharactersButNotTabOrNewline) {
  EXPECT_FALSE(FindControlCharacter("Thôn 3\tbản\nlàng"));
  auto nul = FindControlCharacter(std::string("Đắk\0Hà", 7));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->code_point, U'\0');
  EXPECT_EQ(nul->position, 4u);  // characters, not bytes
  EXPECT_EQ(FindControlCharacter("a\x7f")->code_point, 0x7Fu);
  EXPECT_EQ(FindControlCharacter("a\xC2\x9B")->code_point, 0x9Bu);  // C1 CSI
  EXPECT_EQ(FindControlCharacter("\r")->code_point, U'\r');
}

TEST(TextTest, QuotesInputForMessagesSafely) {
  EXPECT_EQ(QuoteForMessage("Đắk Hà"), "'Đắk Hà'");
  EXPECT_EQ(QuoteForMessage(std::string("a\0b\x1b[2J", 7)), "'a\\x00b\\x1B[2J'");
  EXPECT_EQ(QuoteForMessage("\xC2\x9B"), "'\\u{009B}'");
  EXPECT_EQ(QuoteForMessage(std::string("\xC3\x28")), "'\\xC3('");
  EXPECT_EQ(QuoteForMessage("abcdefghij", 4), "'abcd…' (10 characters)");
  EXPECT_EQ(CountCodePoints("Đắk Hà"), 6u);
}

}  // namespace
}  // namespace antq
