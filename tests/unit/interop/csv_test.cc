#include "interop/csv.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

namespace antq {
namespace {

TEST(CsvTest, ReadsQuotedFieldsAndLineNumbers) {
  auto rows = ReadCsv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",z\n3,,\n",
      "f.csv");
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].fields, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ((*rows)[1].line, 2);
  EXPECT_EQ((*rows)[2].fields, (std::vector<std::string>{"2", "two\nlines", "z"}));
  EXPECT_EQ((*rows)[2].line, 4);
  EXPECT_EQ((*rows)[3].line, 6);
  EXPECT_EQ((*rows)[3].fields, (std::vector<std::string>{"3", "", ""}));
}

TEST(CsvTest, LastLineWithoutNewline) {
  auto rows = ReadCsv("a,b\n1,2", "f.csv");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].fields, (std::vector<std::string>{"1", "2"}));
}

TEST(CsvTest, ErrorsNameTheLine) {
  auto open = ReadCsv("a,b\n1,\"never closed\n2,3\n", "f.csv");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().where(), "f.csv:2");
  auto stray = ReadCsv("a,b\n1,x\"y\n", "f.csv");
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().where(), "f.csv:2");
  auto utf8 = ReadCsv("a,b\n1,\xff\n", "f.csv");
  ASSERT_FALSE(utf8);
  EXPECT_EQ(utf8.error().where(), "f.csv:2");
}

TEST(CsvTest, NormalisesToNfc) {
  auto rows = ReadCsv("Vi\x65\xcc\xa3\xcc\x82t\n", "f.csv");
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)[0].fields[0], "Việt");
}

std::string Quote(const std::string& field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

TEST(CsvTest, RandomTablesRoundTrip) {
  // Property: any table of fields, written with quoting, reads back the same.
  std::mt19937 rng(4180);
  const std::vector<std::string> pieces = {"a", "Đắk", ",", "\"", "\n", " ", "1.234", "", "ệ"};
  for (int i = 0; i < 500; ++i) {
    std::vector<std::vector<std::string>> table(1 + rng() % 5);
    const size_t columns = 1 + rng() % 4;
    std::string text;
    for (auto& row : table) {
      for (size_t c = 0; c < columns; ++c) {
        std::string field;
        for (size_t k = 0, n = rng() % 4; k < n; ++k) field += pieces[rng() % pieces.size()];
        row.push_back(field);
        if (c) text += ',';
        text += Quote(field);
      }
      text += "\r\n";
    }
    auto rows = ReadCsv(text, "r.csv");
    ASSERT_TRUE(rows) << rows.error().ToString();
    ASSERT_EQ(rows->size(), table.size());
    for (size_t r = 0; r < table.size(); ++r) EXPECT_EQ((*rows)[r].fields, table[r]);
  }
}

TEST(CsvTest, AStreamReadInBlocksGivesTheSameRecordsAsTheText) {
  // Over 2 MB, so records (and a quoted field with a line break) straddle the 1 MB blocks.
  std::string text =
      "\xEF\xBB\xBF"
      "a,b,c\n";
  for (int i = 0; text.size() < (5u << 19); ++i) {
    text += std::to_string(i) + ",\"Đắk\nHà, \"\"x\"\"\"," + std::string(i % 97, 'z') + "\r\n";
  }
  auto whole = ReadCsv(text, "w.csv");
  ASSERT_TRUE(whole) << whole.error().ToString();
  std::istringstream in(text);
  CsvReader reader(in, "w.csv");
  CsvRow row;
  size_t n = 0;
  while (true) {
    auto more = reader.Next(row);
    ASSERT_TRUE(more) << more.error().ToString();
    if (!*more) break;
    ASSERT_LT(n, whole->size());
    ASSERT_EQ(row.fields, (*whole)[n].fields) << "record " << n;
    ASSERT_EQ(row.line, (*whole)[n].line);
    ++n;
  }
  EXPECT_EQ(n, whole->size());
  EXPECT_EQ((*whole)[0].fields[0], "a");  // the byte-order mark is not part of it
  EXPECT_EQ((*whole)[1].fields[1], "Đắk\nHà, \"x\"");
  EXPECT_EQ((*whole)[2].line, 4);
}

TEST(CsvTest, GarbageNeverCrashes) {
  std::mt19937 rng(7);
  const std::string alphabet = "a,\"\n\r \xc3\xa9";
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    for (size_t k = 0, n = rng() % 20; k < n; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    auto rows = ReadCsv(s, "g.csv");
    if (!rows) {
      EXPECT_EQ(rows.error().where().rfind("g.csv", 0), 0u);
    }
  }
}

}  // namespace
}  // namespace antq
