#include "common/display_path.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "unit/temp_dir.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

// Runs each test inside a scratch folder and goes back afterwards, so the working folder is
// known.
class DisplayPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "data" / "units");
    fs::current_path(dir_.path());
  }
  void TearDown() override { fs::current_path(before_); }
  const fs::path before_ = fs::current_path();
  antq::testing::TempDir dir_{"antq-display-path"};
};

TEST_F(DisplayPathTest, AFileBelowTheWorkingFolderIsNamedRelativeToIt) {
  EXPECT_EQ(DisplayPath(dir_ / "data" / "units" / "x.tsv"), "data/units/x.tsv");
  EXPECT_EQ(DisplayPath("data/units/../units/x.tsv"), "data/units/x.tsv");
  EXPECT_EQ(DisplayPath("./x.tsv"), "x.tsv");
}

TEST_F(DisplayPathTest, AFileElsewhereIsNamedByItsAbsolutePath) {
  const fs::path outside = dir_.path().parent_path() / "elsewhere" / "x.tsv";
  EXPECT_EQ(DisplayPath(outside), outside.lexically_normal().string());
  EXPECT_EQ(DisplayPath("../elsewhere/x.tsv"), outside.lexically_normal().string());
}

}  // namespace
}  // namespace antq
