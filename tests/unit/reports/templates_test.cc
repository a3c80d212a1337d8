// Report sentences from TOML: placeholders filled by name, and errors that name the file and key.
#include "reports/templates.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

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

// A template file the project ships, in data/templates/.
TemplateTexts Shipped(const std::string& name) {
  const std::string path = std::string(ANTQ_SOURCE_DATA_DIR) + "/templates/" + name;
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  auto texts = ReadTemplateToml(text.str(), path);
  EXPECT_TRUE(texts) << texts.error().ToString();
  return texts ? *texts : TemplateTexts{};
}

// The shared words and a report's sentences in one language, as the app loads them.
Templates ShippedFor(const std::string& report, const std::string& language) {
  Templates t;
  t.Add(Shipped("shared." + language + ".toml"), "shared." + language + ".toml");
  t.Add(Shipped(report + "." + language + ".toml"), report + "." + language + ".toml");
  return t;
}

// The {name}s of the texts (no std::regex: GCC 12 warns inside it under the sanitizers).
std::set<std::string> Placeholders(const std::vector<std::string>& texts) {
  std::set<std::string> names;
  for (const std::string& text : texts) {
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      const size_t close = text.find('}', open);
      if (close == std::string::npos) break;
      names.insert(text.substr(open + 1, close - open - 1));
    }
  }
  return names;
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

TEST(TemplatesTest, ALaterFileOverridesAKeyAndSectionsListTheirKeys) {
  Templates t;
  t.Add({{"layout.total", {"Tổng cộng"}}, {"unit_name.Xã", {"{name} Commune"}}}, "shared.toml");
  t.Add({{"layout.total", {"Cộng"}}, {"unit_name.Phường", {"{name} Ward"}}}, "report.toml");
  EXPECT_EQ(*t.Render("layout.total"), "Cộng");
  EXPECT_EQ(t.KeysOf("unit_name"), (std::vector<std::string>{"Phường", "Xã"}));
  EXPECT_TRUE(t.Has("unit_name.Xã"));
  EXPECT_FALSE(t.Has("unit_name"));
  auto missing = t.Render("nothing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().where(), "shared.toml, report.toml");
}

// The English copy must say everything the official text says: the same keys (besides the
// words only a translation needs) and, in each, every figure.
TEST(TemplatesTest, EveryEnglishTemplateHasTheVietnameseKeysAndPlaceholders) {
  for (const std::string name : {"shared", "inspection", "periodic"}) {
    const TemplateTexts vi = Shipped(name + ".vi.toml");
    const TemplateTexts en = Shipped(name + ".en.toml");
    ASSERT_FALSE(vi.empty()) << name;
    auto translation_only = [](const std::string& key) {
      return key.rfind("unit_name.", 0) == 0 || key.rfind("unit_type.", 0) == 0 ||
             key == "layout.translation_note";
    };
    for (const auto& [key, texts] : vi) {
      if (translation_only(key)) continue;
      auto it = en.find(key);
      ASSERT_NE(it, en.end()) << name << ".en.toml lacks " << key;
      // Every value the Vietnamese states, the English states (it may say more, as "in {years}").
      const std::set<std::string> said = Placeholders(it->second);
      for (const std::string& placeholder : Placeholders(texts)) {
        EXPECT_TRUE(said.contains(placeholder))
            << name << ".en.toml: " << key << " lacks {" << placeholder << "}";
      }
      EXPECT_EQ(it->second.size(), texts.size()) << name << ": " << key;
    }
    for (const auto& [key, texts] : en) {
      if (!translation_only(key)) {
        EXPECT_TRUE(vi.contains(key)) << name << ".vi.toml lacks " << key;
      }
    }
  }
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
  auto vi = ReadLayoutWords(ShippedFor("inspection", "vi"));
  ASSERT_TRUE(vi) << vi.error().ToString();
  auto en = ReadLayoutWords(ShippedFor("inspection", "en"));
  ASSERT_TRUE(en) << en.error().ToString();
  Letterhead l;
  l.type_symbol = "BC";
  l.agency_symbol = "ĐKT";
  l.number = 5;
  EXPECT_EQ(DocumentNumber(Layout::kState, l, *vi), "Số: 05/BC-ĐKT");
  EXPECT_EQ(DocumentNumber(Layout::kParty, l, *vi), "Số 05-BC/ĐKT");
  EXPECT_EQ(DocumentNumber(Layout::kState, l, *en), "No.: 05/BC-ĐKT");
  l.number = 44;
  EXPECT_EQ(DocumentNumber(Layout::kParty, l, *vi), "Số 44-BC/ĐKT");
  EXPECT_EQ(vi->nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(en->party, "COMMUNIST PARTY OF VIETNAM");
  auto incomplete = ReadLayoutWords(Read("[layout]\nnation = \"X\"\n"));
  ASSERT_FALSE(incomplete);
  EXPECT_NE(incomplete.error().message().find("layout.motto"), std::string::npos);
  EXPECT_FALSE(ParseLayout("memo"));
  EXPECT_EQ(ParseLayout("memo").error().where(), "layout");
}

}  // namespace
}  // namespace antq::reports

namespace antq::reports {
namespace {

TEST(ChangeAgainstLastYearTest, SaysTheDirectionAndTheShareOrNothing) {
  const Templates t = ShippedFor("periodic", "vi");
  const LanguageFormat vi(Language::kVietnamese);
  EXPECT_EQ(*ChangeAgainstLastYear(t, vi, 18, 13), "tăng 38,5 % so với cùng kỳ");
  EXPECT_EQ(*ChangeAgainstLastYear(t, vi, 75, 100), "giảm 25 % so với cùng kỳ");
  EXPECT_EQ(*ChangeAgainstLastYear(t, vi, 100, 100), "bằng cùng kỳ");
  EXPECT_EQ(*ChangeAgainstLastYear(t, vi, 5, 0), "");
  EXPECT_EQ(*ChangeAgainstLastYear(t, vi, 5, std::nullopt), "");
}

TEST(ChangeAgainstLastYearTest, TheEnglishCopySaysItInEnglish) {
  const Templates t = ShippedFor("periodic", "en");
  const LanguageFormat en(Language::kEnglish);
  EXPECT_EQ(*ChangeAgainstLastYear(t, en, 18, 13), "up 38.5% on the same period last year");
  EXPECT_EQ(*ChangeAgainstLastYear(t, en, 75, 100), "down 25% on the same period last year");
}

}  // namespace
}  // namespace antq::reports
