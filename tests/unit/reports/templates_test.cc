// Report sentences from TOML: placeholders filled by name, and errors that name the file and key.
#include "reports/templates.h"

#include <gtest/gtest.h>

#include "interop/template_toml.h"
#include "reports/official_layout.h"
#include "reports/periodic_report.h"

namespace antq::reports {
namespace {

Templates Read(const std::string& toml) {
  auto texts = ReadTemplateToml(toml, "t.toml");
  EXPECT_TRUE(texts) << texts.error().ToString();
  return Templates(texts ? *texts : TemplateTexts{}, "t.toml");
}

TEST(TemplatesTest, PlaceholdersAreFilledByNameInEveryText) {
  const Templates t = Read(R"(
[results]
ntm = "Năm {year}, {met}/{total} xã đạt."
items = ["Một {x};", "Hai {x}."]
)");
  EXPECT_EQ(*t.Render("results.ntm", {{"year", "2022"}, {"met", "70"}, {"total", "85"}}),
            "Năm 2022, 70/85 xã đạt.");
  EXPECT_EQ(*t.RenderAll("results.items", {{"x", "a"}}),
            (std::vector<std::string>{"Một a;", "Hai a."}));
}

TEST(TemplatesTest, AMissingKeyOrValueIsAnErrorNamingTheFileAndKey) {
  const Templates t = Read("a = \"{missing} here\"\n");
  auto no_value = t.Render("a", {{"other", "1"}});
  ASSERT_FALSE(no_value);
  EXPECT_EQ(no_value.error().where(), "t.toml");
  EXPECT_NE(no_value.error().message().find("template 'a'"), std::string::npos);
  EXPECT_NE(no_value.error().message().find("other"), std::string::npos);
  auto no_key = t.Render("b");
  ASSERT_FALSE(no_key);
  EXPECT_NE(no_key.error().message().find("'b' is missing"), std::string::npos);
}

TEST(TemplatesTest, TheReaderNamesTheLineOfAWrongValue) {
  auto bad = ReadTemplateToml("[a]\nb = 3\n", "t.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "t.toml:2: a.b");
  auto syntax = ReadTemplateToml("a = \"open\n", "t.toml");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().where().rfind("t.toml:1:", 0), 0u);
}

TEST(OfficialLayoutTest, NumbersFollowTheStateOrThePartyStyle) {
  Letterhead l;
  l.type_symbol = "BC";
  l.agency_symbol = "ĐKT";
  l.number = 5;
  EXPECT_EQ(DocumentNumber(Layout::kState, l), "Số: 05/BC-ĐKT");
  EXPECT_EQ(DocumentNumber(Layout::kParty, l), "Số 05-BC/ĐKT");
  l.number = 44;
  EXPECT_EQ(DocumentNumber(Layout::kParty, l), "Số 44-BC/ĐKT");
  EXPECT_FALSE(ParseLayout("memo"));
  EXPECT_EQ(ParseLayout("memo").error().where(), "--layout");
}

}  // namespace
}  // namespace antq::reports

namespace antq::reports {
namespace {

TEST(ChangeAgainstLastYearTest, SaysTheDirectionAndTheShareOrNothing) {
  EXPECT_EQ(ChangeAgainstLastYear(18, 13), "tăng 38,5 % so với cùng kỳ");
  EXPECT_EQ(ChangeAgainstLastYear(75, 100), "giảm 25 % so với cùng kỳ");
  EXPECT_EQ(ChangeAgainstLastYear(100, 100), "bằng cùng kỳ");
  EXPECT_EQ(ChangeAgainstLastYear(5, 0), "");
  EXPECT_EQ(ChangeAgainstLastYear(5, std::nullopt), "");
}

}  // namespace
}  // namespace antq::reports
