#include "interop/units_file.h"

#include <gtest/gtest.h>

#include <random>

namespace antq {
namespace {

const char* kValid =
    "antq-units\t1\n"
    "# a comment\n"
    "\n"
    "unit\tVN\tcountry\t\tViệt Nam\t\t\t\n"
    "unit\t62\tprovince\tTỉnh\tKon Tum\tVN\t\t2025-06-30\n"
    "unit\t51\tprovince\tTỉnh\tQuảng Ngãi\tVN\t2025-07-01\n"
    "lineage\t2025-07-01\tsplit\t62\t51:0.25 52:0.75\tNQ 1677\n"
    "group\tborder\tXã biên giới\tBorder communes\n"
    "member\tborder\t62\t\t2025-06-30\n";

TEST(UnitsFileTest, ParsesEveryRecord) {
  auto d = ParseUnitsFile(kValid, "u.tsv");
  ASSERT_TRUE(d) << d.error().ToString();
  ASSERT_EQ(d->units.size(), 3u);
  EXPECT_EQ(d->units[0].code, "VN");
  EXPECT_EQ(d->units[0].parent_code, "");
  EXPECT_EQ(d->units[1].name, "Kon Tum");
  EXPECT_EQ(d->units[1].type, "Tỉnh");
  EXPECT_EQ(d->units[1].valid.start, Date::Min());
  EXPECT_EQ(d->units[1].valid.end.ToString(), "2025-06-30");
  EXPECT_EQ(d->units[1].where, "u.tsv:5");
  EXPECT_EQ(d->units[2].valid.start.ToString(), "2025-07-01");
  EXPECT_EQ(d->units[2].valid.end, Date::Max());
  ASSERT_EQ(d->lineage.size(), 1u);
  EXPECT_EQ(d->lineage[0].kind, LineageKind::kSplit);
  ASSERT_EQ(d->lineage[0].to.size(), 2u);
  EXPECT_DOUBLE_EQ(d->lineage[0].to[1].weight, 0.75);
  EXPECT_EQ(d->lineage[0].source, "NQ 1677");
  ASSERT_EQ(d->groups.size(), 1u);
  EXPECT_EQ(d->groups[0].name_en, "Border communes");
  ASSERT_EQ(d->memberships.size(), 1u);
  EXPECT_EQ(d->memberships[0].unit_code, "62");
}

TEST(UnitsFileTest, NormalizesNamesToNfc) {
  const std::string nfd_name = "Vi\x65\xcc\xa3\xcc\x82t Nam";
  auto d = ParseUnitsFile("antq-units\t1\nunit\tVN\tcountry\t\t" + nfd_name + "\n", "u.tsv");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->units[0].name, "Việt Nam");
}

struct BadCase {
  std::string text;
  std::string where;
};

TEST(UnitsFileTest, ErrorsNameFileLineAndField) {
  const std::string h = "antq-units\t1\n";
  const BadCase cases[] = {
      {"", "u.tsv"},
      {"unit\tVN\tcountry\t\tViệt Nam\n", "u.tsv:1"},
      {h + "units\tVN\tcountry\t\tX\n", "u.tsv:2"},
      {h + "unit\tVN\tcountry\n", "u.tsv:2"},
      {h + "unit\tV N\tcountry\t\tX\t\n", "u.tsv:2: code"},
      {h + "unit\tVN\tstate\t\tX\t\n", "u.tsv:2: level"},
      {h + "unit\tVN\tcountry\t\t\t\n", "u.tsv:2: name"},
      {h + "unit\t62\tprovince\tTỉnh\tKon Tum\tVN\t2025-02-30\t\n", "u.tsv:2: valid_from"},
      {h + "unit\t62\tprovince\tTỉnh\tKon Tum\tVN\t\t31/12/2025\n", "u.tsv:2: valid_to"},
      {h + "unit\t62\tprovince\tTỉnh\tKon Tum\tVN\t2025-01-02\t2025-01-01\n", "u.tsv:2: valid_to"},
      {h + "\n\nlineage\t2025-07-01\tjoin\t1\t2\n", "u.tsv:4: kind"},
      {h + "lineage\t2025-7-1\tmerge\t1\t2\n", "u.tsv:2: date"},
      {h + "lineage\t2025-07-01\tsplit\t1\t2:x 3:0.5\n", "u.tsv:2: to"},
      {h + "lineage\t2025-07-01\tmerge\t\t2\n", "u.tsv:2: from"},
      {h + "member\tborder\n", "u.tsv:2"},
      {h + "unit\tVN\tcountry\t\tVi\xff\n", "u.tsv"},
  };
  for (const BadCase& c : cases) {
    auto d = ParseUnitsFile(c.text, "u.tsv");
    ASSERT_FALSE(d) << c.text;
    EXPECT_EQ(d.error().where(), c.where) << c.text << " -> " << d.error().ToString();
  }
}

TEST(UnitsFileTest, MutatedFilesNeverCrashAndErrorsAlwaysSayWhere) {
  // Property: any mutation of a valid file either parses or fails with a location in the file.
  std::mt19937 rng(1677);
  const std::string base = kValid;
  const std::string alphabet = "\t\n-:0123456789abcXđ \xc3";
  for (int i = 0; i < 5000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(pos, 1);
          break;
        case 1:
          text.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          text[pos] = alphabet[rng() % alphabet.size()];
      }
    }
    auto d = ParseUnitsFile(text, "m.tsv");
    if (!d) {
      EXPECT_EQ(d.error().where().rfind("m.tsv", 0), 0u) << d.error().ToString();
    }
  }
}

}  // namespace
}  // namespace antq
