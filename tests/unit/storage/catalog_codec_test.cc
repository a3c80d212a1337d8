// The catalogue's stored JSON form: the shipped catalogue survives a round trip, and a stored
// document with a value no reader accepts is an error, never undefined behaviour.
#include "storage/catalog_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/catalog_use_cases.h"

namespace antq {
namespace {

Catalog Shipped() {
  auto catalog = ReadCatalogFolder(std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog");
  EXPECT_TRUE(catalog) << catalog.error().ToString();
  return catalog ? std::move(*catalog) : Catalog();
}

TEST(CatalogCodecTest, TheShippedCatalogueRoundTrips) {
  const Catalog catalog = Shipped();
  const std::string stored = EncodeCatalog(catalog);
  auto decoded = DecodeCatalog(stored);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(decoded->elements().size(), catalog.elements().size());
  EXPECT_EQ(decoded->data_sets().size(), catalog.data_sets().size());
  EXPECT_EQ(EncodeCatalog(*decoded), stored);
}

// Each edit puts a value into the stored document that its parser refuses.
TEST(CatalogCodecTest, AnUnreadableStoredValueIsAnError) {
  const std::string stored = EncodeCatalog(Shipped());
  const std::vector<std::pair<std::string, std::function<void(nlohmann::json&)>>> edits = {
      {"aggregation", [](nlohmann::json& d) { d["elements"][0]["aggregation"] = "bogus"; }},
      {"valid_from", [](nlohmann::json& d) { d["elements"][0]["valid_from"] = "2023-02-30"; }},
      {"period_type", [](nlohmann::json& d) { d["data_sets"][0]["period_type"] = "fortnight"; }},
      {"level", [](nlohmann::json& d) { d["data_sets"][0]["level"] = "hamlet"; }},
  };
  for (const auto& [what, edit] : edits) {
    nlohmann::json doc = nlohmann::json::parse(stored);
    edit(doc);
    auto decoded = DecodeCatalog(doc.dump());
    ASSERT_FALSE(decoded) << what;
    EXPECT_EQ(decoded.error().code(), ErrorCode::kInternal) << what;
    EXPECT_NE(decoded.error().message().find("stored catalogue"), std::string::npos)
        << decoded.error().message();
  }
}

}  // namespace
}  // namespace antq
