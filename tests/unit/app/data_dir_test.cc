// Where the binary finds its shipped data (FindDataDir's order): an installed antq uses the data
// installed with it even on a machine that still has the source tree it was built from.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/workspace.h"
#include "unit/temp_dir.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

class DataDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* d : {"usr/bin", "usr/share/antq/units", "src/data/units", "env/units",
                          "given/units", "other/bin"}) {
      fs::create_directories(dir_ / d);
    }
  }
  fs::path At(const std::string& p) const { return dir_ / p; }

  antq::testing::TempDir dir_{"antq-data-dir"};
};

TEST_F(DataDirTest, TheInstalledDataNextToTheBinaryComesBeforeTheSourceTree) {
  auto found = ChooseDataDir("", "", At("usr/bin/antq"), At("src/data"));
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(*found, At("usr/share/antq"));
}

TEST_F(DataDirTest, ABinaryWithNoInstalledDataUsesTheSourceTree) {
  auto found = ChooseDataDir("", "", At("other/bin/antq"), At("src/data"));
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(*found, At("src/data"));
}

TEST_F(DataDirTest, TheOptionThenTheEnvironmentComeFirst) {
  auto given =
      ChooseDataDir(At("given").string(), At("env").string(), At("usr/bin/antq"), At("src/data"));
  ASSERT_TRUE(given);
  EXPECT_EQ(*given, At("given"));
  auto env = ChooseDataDir("", At("env").string(), At("usr/bin/antq"), At("src/data"));
  ASSERT_TRUE(env);
  EXPECT_EQ(*env, At("env"));
}

TEST_F(DataDirTest, AFolderWithoutUnitsIsRefusedByName) {
  auto bad = ChooseDataDir("", At("usr/bin").string(), At("usr/bin/antq"), At("src/data"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "ANTQ_DATA_DIR");
  auto none = ChooseDataDir("", "", At("other/bin/antq"), At("nowhere"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace antq
