#include "common/display_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace antq {
namespace {

namespace fs = std::filesystem;

// Runs each test in a scratch folder and goes back afterwards, so the working folder is known.
class DisplayPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    before_ = fs::current_path();
    dir_ = fs::temp_directory_path() / ("antq-display-path-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "data" / "units");
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(before_);
    fs::remove_all(dir_);
  }
  fs::path before_;
  fs::path dir_;
};

TEST_F(DisplayPathTest, AFileBelowTheWorkingFolderIsNamedRelativeToIt) {
  EXPECT_EQ(DisplayPath(dir_ / "data" / "units" / "x.tsv"), "data/units/x.tsv");
  EXPECT_EQ(DisplayPath("data/units/../units/x.tsv"), "data/units/x.tsv");
  EXPECT_EQ(DisplayPath("./x.tsv"), "x.tsv");
}

TEST_F(DisplayPathTest, AFileElsewhereIsNamedByItsAbsolutePath) {
  const fs::path outside = dir_.parent_path() / "elsewhere" / "x.tsv";
  EXPECT_EQ(DisplayPath(outside), outside.lexically_normal().string());
  EXPECT_EQ(DisplayPath("../elsewhere/x.tsv"), outside.lexically_normal().string());
}

}  // namespace
}  // namespace antq
