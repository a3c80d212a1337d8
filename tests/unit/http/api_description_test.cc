// The API description (docs/openapi.json) and the router agree: every route is described and
// every described operation is routed, with its access and body limit where the description says.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "app/service.h"
#include "app/units_use_cases.h"
#include "http/api.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq::http {
namespace {

nlohmann::json Description() {
  std::ifstream in(std::string(ANTQ_SOURCE_DIR) + "/docs/openapi.json");
  return nlohmann::json::parse(in, nullptr, false);
}

TEST(ApiDescriptionTest, EveryRouteIsDescribedAndEveryDescribedRouteExists) {
  antq::testing::TempDir dir("antq-api-description");
  const std::string db = antq::testing::TestDatabaseUrl(dir.path(), "antq");
  ASSERT_TRUE(InitDatabase(db, ANTQ_SOURCE_DATA_DIR));
  auto service = Service::Open(db);
  ASSERT_TRUE(service) << service.error().ToString();
  Router router;
  Metrics metrics("test", 0);
  AddApiRoutes(router, **service, metrics, "", "");
  const nlohmann::json doc = Description();
  ASSERT_FALSE(doc.is_discarded()) << "docs/openapi.json is not JSON";
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> described;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.insert(m + " " + path);
      EXPECT_TRUE(operation.contains("x-antq-roles")) << m << " " << path;
      EXPECT_TRUE(operation.contains("summary")) << m << " " << path;
      EXPECT_TRUE(operation["responses"].is_object()) << m << " " << path;
    }
  }
  std::set<std::string> routed;
  for (const Route& r : router.routes()) {
    const std::string key = r.method + " " + r.pattern;
    routed.insert(key);
    EXPECT_TRUE(described.contains(key)) << key << " is routed but not in docs/openapi.json";
    if (!described.contains(key)) continue;
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& operation = doc["paths"][r.pattern][method];
    EXPECT_EQ(operation["x-antq-access"], r.access == Access::kPublic ? "public" : "signed-in")
        << key;
    EXPECT_EQ(operation.contains("requestBody"), r.body_limit > 0 && r.method != "GET") << key;
  }
  for (const std::string& key : described) {
    EXPECT_TRUE(routed.contains(key)) << key << " is described but not routed";
  }
  EXPECT_GE(routed.size(), 50u);
}

}  // namespace
}  // namespace antq::http
