#include "interop/catalog_toml.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace antq {
namespace {

const char* kBase = R"toml(
[[category]]
code = "item_type"
name_vi = "Loại"
name_en = "Type"
  [[category.option]]
  code = "sung"
  name_vi = "Súng"
  name_en = "Guns"
  [[category.option]]
  code = "phao_kg"
  name_vi = "Pháo"
  name_en = "Fireworks"
  counted = false

[[register]]
code = "handin"
name_vi = "Giao nộp"
name_en = "Hand-ins"
level = "commune"
  [[register.field]]
  code = "participants"
  name_vi = "Số người"
  name_en = "Participants"
  type = "integer"
  required = true
  min = 0
  [[register.field]]
  code = "items"
  name_vi = "Vật phẩm"
  name_en = "Items"
  type = "items"
  category = "item_type"

[[element]]
code = "handin.items"
name_vi = "Số vật phẩm"
name_en = "Items"
value_type = "number"
aggregation = "sum"
category = "item_type"
  [element.source]
  register = "handin"
  function = "sum"
  field = "items"

[[element]]
code = "tips.received"
name_vi = "Tin báo"
name_en = "Tips"
value_type = "integer"
aggregation = "sum"

[[data_set]]
code = "monthly"
name_vi = "Tháng"
name_en = "Monthly"
period_type = "monthly"
calendar = "decree09"
level = "commune"
elements = ["tips.received"]
)toml";

Result<Catalog> Load(const std::string& text) {
  Catalog c;
  if (auto s = ReadCatalogToml(text, "c.toml", c); !s) return Fail(s.error());
  if (auto s = c.Validate(); !s) return Fail(s.error());
  return c;
}

TEST(CatalogTomlTest, LoadsAValidCatalogue) {
  auto c = Load(kBase);
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->elements().size(), 2u);
  const DataElement* e = c->FindElement("handin.items");
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->source);
  EXPECT_EQ(e->source->function, SourceFunction::kSum);
  EXPECT_FALSE(c->FindCategory("item_type")->Find("phao_kg")->counted);
  EXPECT_EQ(c->DataSetOf("tips.received")->code, "monthly");
  EXPECT_EQ(c->DataSetOf("handin.items"), nullptr);
  // The options a report's values may carry: none, and each option of a disaggregated element.
  EXPECT_EQ(c->OptionsOf({"tips.received"}), std::vector<std::string>{""});
  EXPECT_EQ(c->OptionsOf({"tips.received", "handin.items", "no.such"}),
            (std::vector<std::string>{"", "phao_kg", "sung"}));
}

TEST(CatalogTomlTest, TheShippedCatalogueIsValid) {
  Catalog c;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog")) {
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    auto s = ReadCatalogToml(text.str(), entry.path().filename().string(), c);
    ASSERT_TRUE(s) << s.error().ToString();
  }
  auto v = c.Validate();
  ASSERT_TRUE(v) << v.error().ToString();
  for (const char* code :
       {"propaganda.sessions", "propaganda.participants", "handin.sessions", "handin.participants",
        "handin.items", "models.active", "atantt.commune_recognised", "atantt.recognised"}) {
    EXPECT_NE(c.FindElement(code), nullptr) << code;
  }
  for (const char* reg : {"propaganda", "handin", "model", "festival", "inspection"}) {
    EXPECT_NE(c.FindRegister(reg), nullptr) << reg;
  }
  EXPECT_EQ(c.FindDataSet("commune-monthly")->calendar, "decree09");
  EXPECT_EQ(c.FindDataSet("atantt-commune")->calendar, "tt124-commune");
  EXPECT_EQ(c.FindDataSet("atantt-residential")->calendar, "tt124-residential");
}

struct Broken {
  std::string from;
  std::string to;
  std::string where;    // expected prefix of the error location
  std::string message;  // expected part of the message
};

TEST(CatalogTomlTest, RejectsEveryKindOfBrokenCatalogue) {
  const std::vector<Broken> cases = {
      {"value_type = \"integer\"", "value_type = \"float\"", "c.toml:51: value_type",
       "unknown value type 'float'"},
      {"aggregation = \"sum\"\n\n[[data_set]]", "aggregation = \"median\"\n\n[[data_set]]",
       "c.toml:52: aggregation", "unknown aggregation"},
      {"[[data_set]]", "[[data_set]\n", "c.toml:54:", "table header"},
      {"code = \"tips.received\"", "code = \"Tips Received\"", "c.toml:48: code", "not a code"},
      {"code = \"tips.received\"", "code = \"handin.items\"", "c.toml:47",
       "element 'handin.items' is defined twice"},
      {"elements = [\"tips.received\"]", "elements = [\"tips.unknown\"]", "c.toml:54: data set",
       "unknown element 'tips.unknown'"},
      {"elements = [\"tips.received\"]", "elements = [\"handin.items\"]", "c.toml:54: data set",
       "computed from register handin"},
      {"calendar = \"decree09\"", "calendar = \"tt124-commune\"", "c.toml:54: data set",
       "has no monthly periods"},
      {"calendar = \"decree09\"", "calendar = \"lunar\"", "c.toml:54: data set monthly: calendar",
       "unknown calendar"},
      {"level = \"commune\"\nelements", "level = \"commune\"\nsubmit_within_days = 2.5\nelements",
       "c.toml:61: submit_within_days", "whole number of days"},
      {"  field = \"items\"", "  field = \"nothing\"", "c.toml:35: element handin.items",
       "has no field 'nothing'"},
      {"  register = \"handin\"", "  register = \"nope\"", "c.toml:35: element handin.items",
       "unknown register 'nope'"},
      {"category = \"item_type\"\n  [element.source]", "category = \"\"\n  [element.source]",
       "c.toml:35: element handin.items", "needs category 'item_type'"},
      {"  function = \"sum\"", "  function = \"median\"", "c.toml:44: function",
       "unknown function"},
      {"  min = 0", "  min = \"zero\"", "c.toml:27: min", "must be a number"},
      {"  required = true", "  required = \"yes\"", "c.toml:26: required", "true or false"},
      {"  type = \"integer\"", "  type = \"decimal\"", "c.toml:25: type", "unknown field type"},
      {"  category = \"item_type\"\n\n[[element]]", "  category = \"weapons\"\n\n[[element]]",
       "c.toml:16: register handin: field items", "unknown category 'weapons'"},
      {"level = \"commune\"\n  [[register.field]]", "level = \"hamlet\"\n  [[register.field]]",
       "c.toml:20: level", "unknown level"},
      {"name_en = \"Tips\"", "name_en = \"Tips\"\ncolour = \"red\"", "c.toml:51",
       "unknown key 'colour'"},
      {"  code = \"participants\"", "  code = \"date\"", "c.toml:16: register handin: field date",
       "implicit"},
  };
  for (const Broken& b : cases) {
    std::string text = kBase;
    const size_t at = text.find(b.from);
    ASSERT_NE(at, std::string::npos) << b.from;
    text.replace(at, b.from.size(), b.to);
    auto c = Load(text);
    ASSERT_FALSE(c) << "accepted: " << b.to;
    EXPECT_EQ(c.error().where().rfind(b.where, 0), 0u) << b.to << " -> " << c.error().ToString();
    EXPECT_NE(c.error().message().find(b.message), std::string::npos)
        << b.to << " -> " << c.error().ToString();
  }
}

TEST(CatalogTomlTest, AnElementInTwoDataSetsIsRejected) {
  std::string text = kBase;
  text += R"toml(
[[data_set]]
code = "yearly"
name_vi = "Năm"
name_en = "Yearly"
period_type = "yearly"
calendar = "gregorian"
level = "commune"
elements = ["tips.received"]
)toml";
  auto c = Load(text);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message().find("already in data set monthly"), std::string::npos);
}

TEST(CatalogTomlTest, InvalidUtf8IsRejectedWithTheFileName) {
  Catalog c;
  auto s = ReadCatalogToml(std::string("[[element]]\ncode = \"a\xff\"\n"), "bad.toml", c);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().where(), "bad.toml");
}

}  // namespace
}  // namespace antq
