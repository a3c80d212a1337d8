// List marks in the order official documents use.
#include "documents/document.h"

#include <gtest/gtest.h>

namespace antq::documents {
namespace {

TEST(ListMarkTest, VietnameseLettersPutDAfterDAndSkipLettersTheAlphabetLacks) {
  std::string marks;
  for (int i = 0; i < 23; ++i) marks += ListMark(ListStyle::kVietnameseLetters, i);
  EXPECT_EQ(marks, "a)b)c)d)đ)e)g)h)i)k)l)m)n)o)p)q)r)s)t)u)v)x)y)");
  EXPECT_EQ(ListMark(ListStyle::kVietnameseLetters, 23), "aa)");
  EXPECT_EQ(ListMark(ListStyle::kVietnameseLetters, 24), "ab)");
  EXPECT_EQ(ListMark(ListStyle::kVietnameseLetters, 23 + 23), "ba)");
}

TEST(ListMarkTest, NumbersAndDashes) {
  EXPECT_EQ(ListMark(ListStyle::kNumbers, 0), "1.");
  EXPECT_EQ(ListMark(ListStyle::kNumbers, 11), "12.");
  EXPECT_EQ(ListMark(ListStyle::kDashes, 4), "-");
}

}  // namespace
}  // namespace antq::documents
