#include "http/url.h"

#include <gtest/gtest.h>

#include "http/message.h"
#include "http/router.h"

namespace antq::http {
namespace {

TEST(UrlTest, DecodesPathAndQuery) {
  auto t = ParseTarget("/api/v1/units?search=%C4%91%E1%BA%AFk+h%C3%A0&level=commune&x=1&x=2");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/units");
  EXPECT_EQ(t->query.find("search")->second, "đắk hà");
  EXPECT_EQ(t->query.count("x"), 2u);
}

TEST(UrlTest, RefusesWhatCouldClimbOutOrBreakText) {
  for (const char* bad :
       {"", "api", "/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd",
        "/assets/..%2f..%2fetc%2fpasswd", "/a/%2E%2E", "/a/.", "/a%5c..%5cb", "/a%00b", "/a%C3%28",
        "/a%", "/a%4", "/a%zz", "/a?q=%00", "/a?q=%FF", "/a?q=%0A"}) {
    EXPECT_FALSE(ParseTarget(bad)) << bad;
  }
  EXPECT_TRUE(ParseTarget("/a/..b/c.d"));
}

TEST(UrlTest, ReadsCookies) {
  Request r;
  r.headers["cookie"] = "a=1; antq_session=abc; b=2";
  EXPECT_EQ(r.Cookie("antq_session"), "abc");
  EXPECT_EQ(r.Cookie("b"), "2");
  EXPECT_EQ(r.Cookie("c"), "");
}

TEST(RouterTest, MatchesSegmentsAndTellsOtherMethods) {
  Router router;
  router.Add({"GET", "/api/v1/units/{code}", Access::kSignedIn, 0, nullptr});
  router.Add({"GET", "/api/v1/units/{code}/lineage", Access::kSignedIn, 0, nullptr});
  router.Add({"PUT", "/api/v1/units/{code}", Access::kSignedIn, 10, nullptr});
  std::vector<std::string> allowed;
  auto m = router.Find("GET", "/api/v1/units/23317", &allowed);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->params.at("code"), "23317");
  EXPECT_TRUE(router.Find("HEAD", "/api/v1/units/23317", nullptr));
  EXPECT_EQ(router.Find("GET", "/api/v1/units/23317/lineage", nullptr)->route->pattern,
            "/api/v1/units/{code}/lineage");
  EXPECT_FALSE(router.Find("GET", "/api/v1/units", nullptr));
  allowed.clear();
  EXPECT_FALSE(router.Find("DELETE", "/api/v1/units/1", &allowed));
  EXPECT_EQ(allowed, (std::vector<std::string>{"GET", "PUT"}));
}

}  // namespace
}  // namespace antq::http
