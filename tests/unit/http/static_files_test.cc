// The web app's files: the gzip copy goes only to clients that take gzip, links are refused and
// app paths fall back to index.html.
#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "unit/temp_dir.h"

namespace antq::http {
namespace {

namespace fs = std::filesystem;

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(temp_.path() / "assets");
    Write("index.html", "<!doctype html><title>ANTQ</title>");
    Write("index.html.gz", "gz-index");
    Write("assets/app.js", "console.log(1)");
    Write("assets/app.js.gz", "gz-app");
    Write("assets/plain.css", "body{}");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(temp_.path() / name, std::ios::binary) << text;
  }
  Response Get(const std::string& path, const std::string& accept_encoding = "") {
    Request r;
    r.method = "GET";
    r.path = path;
    if (!accept_encoding.empty()) r.headers["accept-encoding"] = accept_encoding;
    return StaticFiles(temp_.path().string()).Serve(r);
  }

  antq::testing::TempDir temp_{"antq-static"};
};

TEST_F(StaticFilesTest, SendsTheGzipCopyOnlyToClientsThatTakeIt) {
  Response zipped = Get("/assets/app.js", "gzip, deflate, br");
  EXPECT_EQ(zipped.body, "gz-app");
  EXPECT_EQ(HeaderOf(zipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(zipped, "Vary"), "Accept-Encoding");
  EXPECT_EQ(zipped.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(zipped, "Cache-Control"), "public, max-age=31536000, immutable");

  Response plain = Get("/assets/app.js");
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding");

  EXPECT_EQ(Get("/assets/app.js", "gzip;q=0, br").body, "console.log(1)");
  EXPECT_EQ(Get("/assets/app.js", "br;q=1.0, GZip;q=0.5").body, "gz-app");
  // Without a copy the file goes as it is, with nothing said about encodings.
  Response css = Get("/assets/plain.css", "gzip");
  EXPECT_EQ(css.body, "body{}");
  EXPECT_EQ(HeaderOf(css, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(css, "Vary"), "");
}

TEST_F(StaticFilesTest, AppPathsGetTheCompressedIndexToo) {
  Response page = Get("/approval", "gzip");
  EXPECT_EQ(page.body, "gz-index");
  EXPECT_EQ(HeaderOf(page, "Content-Encoding"), "gzip");
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/assets/missing.js", "gzip").status, 404);
}

TEST_F(StaticFilesTest, ALinkedCopyIsNotFollowed) {
  Write("outside.txt", "secret");
  fs::remove(temp_.path() / "assets/app.js.gz");
  fs::create_symlink(temp_.path() / "outside.txt", temp_.path() / "assets/app.js.gz");
  Response r = Get("/assets/app.js", "gzip");
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "");
}

TEST(AcceptsGzipTest, ReadsTheCodingsAndTheirWeights) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip(" deflate , gzip ;q=0.001"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("x-gzip2, gzipx"));
}

}  // namespace
}  // namespace antq::http
