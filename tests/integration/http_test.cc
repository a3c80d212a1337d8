// The server as its clients meet it: `antq serve` on the demo database, spoken to over real
// sockets. The officers' flow of issue 17, every route of docs/openapi.json walked for who may
// not call it, and hostile input that must leave the server up and the database unchanged.
#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <fstream>
#include <set>
#include <tuple>

#include "integration/http_client.h"
#include "integration/run_antq.h"

namespace {

namespace fs = std::filesystem;
using antq::testing::HttpClient;
using antq::testing::HttpReply;
using antq::testing::RunAntq;
using antq::testing::RunCommand;
using nlohmann::json;

constexpr const char* kPassword = "antq-demo-2026";
const std::vector<std::string> kRoles = {"admin",           "province-officer", "district-officer",
                                         "commune-officer", "inspector",        "viewer"};
const std::map<std::string, std::string> kUserOfRole = {{"admin", "quan-tri"},
                                                        {"province-officer", "can-bo-tinh"},
                                                        {"district-officer", "can-bo-huyen"},
                                                        {"commune-officer", "can-bo-xa"},
                                                        {"inspector", "doan-kiem-tra"},
                                                        {"viewer", "lanh-dao"}};

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("antq-http-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = antq::testing::SuiteDatabase("antq.db", "antq_http");
    auto demo = RunAntq(dir_, "demo --no-serve", db_);
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    server_ = new antq::testing::ServerProcess(dir_, db_, "--request-timeout 3");
    ASSERT_GT(server_->port(), 0) << server_->Output();
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(dir_);
  }

  static HttpClient Client() { return HttpClient(server_->port()); }
  static HttpClient SignedIn(const std::string& user) {
    HttpClient c = Client();
    HttpReply r = c.SignIn(user, kPassword);
    EXPECT_EQ(r.status, 201) << user << ": " << r.body;
    return c;
  }
  // The audit rows other than sign-ins: what a refused request must not add to.
  static std::string Written() {
    const std::string audit =
        "SELECT count(*) || ' ' || coalesce(max(id), 0) FROM audit_log WHERE action NOT LIKE "
        "'session.%'";
    const std::string values = "SELECT count(*) FROM data_values";
    if (db_.find("://") != std::string::npos) {
      return RunCommand(dir_, "psql '" + db_ + "' -At -c \"" + audit + "\" -c \"" + values + "\"")
          .out;
    }
    return RunCommand(dir_, "sqlite3 antq.db \"" + audit + "; " + values + "\"").out;
  }
  static void ExpectErrorBody(const HttpReply& r, const std::string& what) {
    const json body = r.Json();
    ASSERT_TRUE(body.is_object()) << what << ": " << r.body;
    EXPECT_EQ(body.size(), 1u) << what << ": only the error, no data: " << r.body;
    ASSERT_TRUE(body.contains("error")) << what;
    const json& e = body["error"];
    EXPECT_EQ(e.size(), 3u) << what << ": " << r.body;
    EXPECT_TRUE(e.contains("code") && e.contains("message") && e.contains("field")) << what;
  }

  static fs::path dir_;
  static std::string db_;  // the SQLite file, or the PostgreSQL URL
  static antq::testing::ServerProcess* server_;
};

fs::path HttpTest::dir_;
std::string HttpTest::db_;
antq::testing::ServerProcess* HttpTest::server_ = nullptr;

// The flow of issue 17's acceptance, with the demo's users.
TEST_F(HttpTest, ACommuneDraftIsSubmittedThenApprovedByTheDistrict) {
  const std::string report = "/api/v1/data-sets/commune-monthly/reports/23317/202209";
  HttpClient xa = SignedIn("can-bo-xa");
  HttpReply form = xa.Send("GET", report);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.Json()["status"]["state"], "draft");
  EXPECT_TRUE(form.Json()["writable"].get<bool>());
  EXPECT_FALSE(form.Json()["values"].empty());
  // A neighbouring commune (Xã Chư Hreng, same district) is not its own.
  HttpReply neighbour = xa.Send("GET", "/api/v1/data-sets/commune-monthly/reports/23332/202209");
  EXPECT_EQ(neighbour.status, 403) << neighbour.body;
  ExpectErrorBody(neighbour, "neighbour");
  HttpReply saved =
      xa.Write("PUT", report, R"({"values":[{"element":"tips.received","value":14}]})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["updated"].get<int>() + saved.Json()["added"].get<int>(), 1);
  HttpReply submitted = xa.Write("POST", report + "/submit");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["status"]["state"], "submitted");
  HttpReply again =
      xa.Write("PUT", report, R"({"values":[{"element":"tips.received","value":15}]})");
  EXPECT_EQ(again.status, 409) << again.body;
  ExpectErrorBody(again, "submitted");
  EXPECT_NE(again.body.find("was submitted"), std::string::npos);
  // The commune cannot approve itself; the district can.
  EXPECT_EQ(xa.Write("POST", report + "/approve").status, 403);
  HttpClient huyen = SignedIn("can-bo-huyen");
  HttpReply approved = huyen.Write("POST", report + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["state"], "approved");
  auto status = RunAntq(dir_,
                        "values status --data-set commune-monthly --under 23317 --period 202209 "
                        "--format csv",
                        db_);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("23317,Xã Ngọk Bay,202209,2022-09-16,approved,"), std::string::npos)
      << status.out;
  // The figure saved is the one stored, and the history shows who did what.
  HttpReply history = xa.Send("GET", report + "/history");
  ASSERT_EQ(history.status, 200);
  const json entries = history.Json();
  std::vector<std::string> actions;
  for (const json& e : entries["items"]) actions.push_back(e["action"]);
  ASSERT_GE(actions.size(), 3u) << history.body;
  EXPECT_EQ(actions[0], "report.approve");
  EXPECT_EQ(actions[1], "report.submit");
  EXPECT_EQ(actions[2], "value.set");
  EXPECT_EQ(entries["items"][0]["user"], "can-bo-huyen");
}

TEST_F(HttpTest, SignInFailuresAreSlowAndTheSameAndSignOutEndsTheSession) {
  HttpClient c = Client();
  HttpReply unknown = c.SignIn("khong-co-ai", "sai-mat-khau-1");
  HttpReply wrong = c.SignIn("lanh-dao", "sai-mat-khau-1");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.Json()["error"]["message"], wrong.Json()["error"]["message"]);
  HttpClient viewer = SignedIn("lanh-dao");
  EXPECT_NE(viewer.cookie().find("antq_session="), std::string::npos);
  EXPECT_EQ(viewer.Send("GET", "/api/v1/session").status, 200);
  EXPECT_EQ(viewer.Write("DELETE", "/api/v1/session").status, 200);
  EXPECT_EQ(viewer.Send("GET", "/api/v1/session").status, 401);
}

// Every operation of the description, for who may not call it: anonymous callers get 401, roles
// the operation does not list get 403, officers outside the unit named get 403, and a browser
// write without the CSRF header gets 403. Nothing is written, and no error carries data.
TEST_F(HttpTest, EveryRouteRefusesWhoMayNotCallIt) {
  std::ifstream in(std::string(ANTQ_SOURCE_DIR) + "/docs/openapi.json");
  const json doc = json::parse(in);
  std::map<std::string, HttpClient> clients;
  for (const auto& [role, user] : kUserOfRole) clients.emplace(role, SignedIn(user));
  const std::string before = Written();
  int checked = 0;
  for (const auto& [pattern, methods] : doc["paths"].items()) {
    for (const auto& [method_lower, op] : methods.items()) {
      std::string method = method_lower;
      for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      auto target_with = [&](const std::map<std::string, std::string>& overrides) {
        std::string path = pattern;
        std::string query;
        for (const json& p : op["parameters"]) {
          const std::string name = p["name"];
          std::string value = p["example"];
          if (auto it = overrides.find(name); it != overrides.end()) value = it->second;
          if (p["in"] == "path") {
            path.replace(path.find("{" + name + "}"), name.size() + 2, value);
          } else if (p.value("required", false) || overrides.contains(name) ||
                     (name == "under" && op.contains("x-antq-out-of-scope"))) {
            query += (query.empty() ? "?" : "&") + name + "=" + value;
          }
        }
        return path + query;
      };
      std::string body;
      std::map<std::string, std::string> headers;
      if (op.contains("requestBody")) {
        const json& content = op["requestBody"]["content"];
        if (content.contains("application/json")) {
          body = content["application/json"]["example"].dump();
        } else {
          body = content["text/csv"]["example"].get<std::string>();
          headers["Content-Type"] = "text/csv";
        }
      }
      const std::string what = method + " " + pattern;
      const std::string target = target_with({});
      if (op["x-antq-access"] == "public") continue;
      ++checked;
      HttpReply anonymous = Client().Send(method, target, body, headers);
      EXPECT_EQ(anonymous.status, 401) << what << ": " << anonymous.body;
      ExpectErrorBody(anonymous, what);
      std::set<std::string> allowed;
      for (const json& r : op["x-antq-roles"]) allowed.insert(r.get<std::string>());
      for (const std::string& role : kRoles) {
        if (allowed.contains(role)) continue;
        HttpReply r = method == "GET" ? clients.at(role).Send(method, target, body, headers)
                                      : clients.at(role).Write(method, target, body);
        EXPECT_EQ(r.status, 403) << what << " as " << role << " " << target << ": " << r.body;
        ExpectErrorBody(r, what + " as " + role);
      }
      if (op.contains("x-antq-out-of-scope")) {
        std::map<std::string, std::string> overrides;
        std::string scoped_body = body;
        for (const auto& [name, value] : op["x-antq-out-of-scope"].items()) {
          if (name.rfind("body.", 0) == 0) {
            json b = json::parse(body);
            b[name.substr(5)] = value;
            scoped_body = b.dump();
          } else {
            overrides[name] = value.get<std::string>();
          }
        }
        for (const std::string& role :
             {std::string("commune-officer"), std::string("district-officer")}) {
          if (!allowed.contains(role)) continue;
          const std::string outside = target_with(overrides);
          HttpReply r = method == "GET"
                            ? clients.at(role).Send(method, outside, scoped_body, headers)
                            : clients.at(role).Write(method, outside, scoped_body);
          EXPECT_EQ(r.status, 403)
              << what << " outside the scope of " << role << " " << outside << ": " << r.body;
          ExpectErrorBody(r, what + " outside the scope");
        }
      }
      if (method != "GET") {
        // The administrator's browser session, without the CSRF header.
        HttpReply r = clients.at("admin").Send(method, target, body, headers);
        EXPECT_EQ(r.status, 403) << what << " without CSRF: " << r.body;
        EXPECT_EQ(r.Json()["error"]["code"], "csrf") << what;
      }
    }
  }
  EXPECT_GE(checked, 45);
  EXPECT_EQ(Written(), before) << "a refused request wrote something";
}

// Raw bytes on a socket, for requests an HTTP library would not send; returns what came back
// before the server closed or `wait` passed.
std::string RawExchange(int port, const std::vector<std::string>& pieces,
                        std::chrono::milliseconds pause, std::chrono::seconds wait) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  socket.non_blocking(true);
  boost::system::error_code ec;
  std::string out;
  char buffer[4096];
  // Whatever has arrived so far; false once the server has closed.
  auto drain = [&] {
    while (true) {
      const size_t n = socket.read_some(net::buffer(buffer), ec);
      if (ec == net::error::would_block) return true;
      if (ec) return false;
      out.append(buffer, n);
    }
  };
  bool open = true;
  for (const std::string& piece : pieces) {
    // Read what came during the pause before writing again: a write to a socket the server has
    // closed draws a reset, which can throw away an answer not read yet (the 408 below).
    if (!(open = drain())) break;
    size_t sent = 0;
    while (open && sent < piece.size()) {
      sent += socket.write_some(net::buffer(piece.data() + sent, piece.size() - sent), ec);
      if (ec == net::error::would_block) {
        open = drain();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      if (ec) open = false;
    }
    if (!open || !(open = drain())) break;
    std::this_thread::sleep_for(pause);
  }
  const auto until = std::chrono::steady_clock::now() + wait;
  while (open && std::chrono::steady_clock::now() < until) {
    open = drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return out;
}

int StatusOf(const std::string& raw) {
  if (raw.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::atoi(raw.c_str() + 9);
}

TEST_F(HttpTest, HostileInputGetsA4xxAndChangesNothing) {
  HttpClient xa = SignedIn("can-bo-xa");
  const std::string before = Written();
  const std::string report = "/api/v1/data-sets/commune-monthly/reports/23317/202309";
  struct Bad {
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Bad> bodies = {
      {"{", 400, ""},
      {"[1,2]", 400, ""},
      {R"({"values":"14"})", 400, "values"},
      {R"({"values":[{"element":7,"value":"1"}]})", 400, "values[0].element"},
      {R"({"values":[{"element":"tips.received","value":{"a":1}}]})", 400, "values[0].value"},
      {R"({"values":[],"extra":1})", 400, "extra"},
      {R"({"values":[{"element":"tips.received","value":"1","colour":"red"}]})", 400,
       "values[0].colour"},
      {R"({"values":[{"element":"tips.received","value":"99999999999999999999"}]})", 400,
       "tips.received"},
      {R"({"values":[{"element":"tips.received","value":1e3}]})", 400, "tips.received"},
      {std::string(R"({"values":[{"element":"tips.received","value":")") + "\xC3\x28" + "\"}]}",
       400, ""},
      {R"({"values":[{"element":"tips.received","value":"1","comment":"a\u0000b"}]})", 400,
       "tips.received.comment"},
  };
  for (const Bad& b : bodies) {
    HttpReply r = xa.Write("PUT", report, b.body);
    EXPECT_EQ(r.status, b.status) << b.body << " → " << r.body;
    ExpectErrorBody(r, b.body);
    if (!b.field.empty()) {
      EXPECT_EQ(r.Json()["error"]["field"], b.field) << b.body;
    }
  }
  // A body far over the route's limit is refused from its headers, unread.
  const std::string huge_headers =
      "PUT " + report +
      " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCookie: " + xa.cookie() +
      "\r\nContent-Length: 104857600\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(server_->port(), {huge_headers}, std::chrono::milliseconds(0),
                                 std::chrono::seconds(2))),
            413);
  // A client that sends a byte a second is cut off (the server was started with a 3 s limit).
  std::vector<std::string> bytes;
  for (char ch : std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) bytes.emplace_back(1, ch);
  const auto started = std::chrono::steady_clock::now();
  const std::string slow =
      RawExchange(server_->port(), bytes, std::chrono::milliseconds(1000), std::chrono::seconds(1));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(12));
  EXPECT_EQ(StatusOf(slow), 408) << slow;
  // Headers too large.
  EXPECT_EQ(StatusOf(RawExchange(server_->port(),
                                 {"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                  std::string(64 * 1024, 'a') + "\r\n\r\n"},
                                 std::chrono::milliseconds(0), std::chrono::seconds(2))),
            431);
  // Not HTTP at all.
  EXPECT_EQ(StatusOf(RawExchange(server_->port(), {"HELLO\r\n\r\n"}, std::chrono::milliseconds(0),
                                 std::chrono::seconds(2))),
            400);
  // Paths that climb out, plainly or encoded, and paths that are not UTF-8.
  for (const char* path :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
        "/api/v1/units/%C3%28", "/api/v1/units/a%00b", "/..%5c..%5cetc%5cpasswd"}) {
    const std::string raw = RawExchange(
        server_->port(),
        {std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
        std::chrono::milliseconds(0), std::chrono::seconds(2));
    EXPECT_EQ(StatusOf(raw), 400) << path << ": " << raw.substr(0, 200);
    EXPECT_EQ(raw.find("root:"), std::string::npos) << path;
  }
  // SQL metacharacters in every string parameter of every read: a clear 4xx (free-text search
  // finds nothing: 200 with no items), and the database is the same afterwards.
  std::ifstream in(std::string(ANTQ_SOURCE_DIR) + "/docs/openapi.json");
  const json doc = json::parse(in);
  HttpClient admin = SignedIn("quan-tri");
  const std::string sql = "x'%20OR%20'1'='1;%20DROP%20TABLE%20users;--";
  int tried = 0;
  for (const auto& [pattern, methods] : doc["paths"].items()) {
    if (!methods.contains("get")) continue;
    const json& op = methods["get"];
    for (const json& target_param : op["parameters"]) {
      if (target_param["schema"]["type"] != "string") continue;
      std::string path = pattern;
      std::string query;
      for (const json& p : op["parameters"]) {
        const std::string name = p["name"];
        const std::string value =
            p["name"] == target_param["name"] ? sql : p["example"].get<std::string>();
        if (p["in"] == "path") {
          path.replace(path.find("{" + name + "}"), name.size() + 2, value);
        } else if (p.value("required", false) || p["name"] == target_param["name"]) {
          query += (query.empty() ? "?" : "&") + name + "=" + value;
        }
      }
      HttpReply r = admin.Send("GET", path + query);
      ++tried;
      const std::string what = pattern + " " + target_param["name"].get<std::string>();
      if (target_param["name"] == "search") {
        EXPECT_EQ(r.status, 200) << what;
        EXPECT_EQ(r.Json()["total"], 0) << what;
      } else {
        EXPECT_GE(r.status, 400) << what << ": " << r.body.substr(0, 300);
        EXPECT_LT(r.status, 500) << what << ": " << r.body.substr(0, 300);
      }
    }
  }
  EXPECT_GT(tried, 40);
  EXPECT_EQ(Written(), before);
  EXPECT_TRUE(server_->alive());
  EXPECT_EQ(Client().Send("GET", "/healthz").status, 200);
  auto check = RunAntq(dir_, "check", db_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// DHIS2's endpoint: a commune officer's values for other communes are conflicts (E8010, with
// their indexes) and store nothing, in JSON and in CSV; the export is scoped like every read.
TEST_F(HttpTest, DataValueSetsRefuseValuesOutsideTheScope) {
  HttpClient xa = SignedIn("can-bo-xa");
  const std::string before = Written();
  const std::string body = R"({"dataValues":[
    {"dataElement":"tips.received","period":"202209","orgUnit":"23320","value":"5"},
    {"dataElement":"tips.valuable","period":"202209","orgUnit":"23332","value":"2"}]})";
  // All or nothing (409, ERROR), or the rest (200, WARNING): here the rest is nothing.
  for (auto [path, status, word] : {std::tuple{"/api/dataValueSets", 409, "ERROR"},
                                    {"/api/v1/dataValueSets?atomicMode=NONE", 200, "WARNING"}}) {
    HttpReply r = xa.Write("POST", path, body);
    ASSERT_EQ(r.status, status) << path << ": " << r.body;
    const auto summary = r.Json();
    EXPECT_EQ(summary["status"], word);
    EXPECT_EQ(summary["response"]["importCount"]["imported"], 0);
    ASSERT_EQ(summary["response"]["conflicts"].size(), 2u) << r.body;
    EXPECT_EQ(summary["response"]["conflicts"][0]["errorCode"], "E8010");
    EXPECT_EQ(summary["response"]["conflicts"][1]["indexes"][0], 1);
    EXPECT_EQ(summary["response"]["rejectedIndexes"].size(), 2u);
  }
  HttpReply csv = xa.Send("POST", "/api/dataValueSets?dryRun=true",
                          "dataelement,period,orgunit,value\ntips.received,202209,23320,5\n",
                          {{"X-CSRF-Token", xa.csrf()}, {"Content-Type", "application/csv"}});
  ASSERT_EQ(csv.status, 409) << csv.body;
  EXPECT_EQ(csv.Json()["response"]["conflicts"][0]["errorCode"], "E8010");
  HttpReply broken = xa.Write("POST", "/api/dataValueSets", R"({"dataValues":[5]})");
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(Written(), before) << "a refused import wrote something";

  HttpReply mine = xa.Send("GET", "/api/dataValueSets?orgUnit=23317&period=2022&format=csv");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.body.rfind("dataelement,period,orgunit,", 0), 0u) << mine.body.substr(0, 100);
  EXPECT_NE(mine.body.find(",23317,"), std::string::npos);
  EXPECT_EQ(mine.body.find(",23320,"), std::string::npos);
  EXPECT_EQ(xa.Send("GET", "/api/dataValueSets?orgUnit=608&period=2022").status, 403);
  HttpReply json = xa.Send("GET", "/api/v1/dataValueSets?orgUnit=23317&period=2022", "",
                           {{"Accept", "application/json"}});
  ASSERT_EQ(json.status, 200);
  EXPECT_FALSE(json.Json()["dataValues"].empty());
}

// The query's unit-group parameters over HTTP: a filter, rows by group, and the note of an
// empty group.
TEST_F(HttpTest, AnalyticsTakesAUnitGroup) {
  HttpClient tinh = SignedIn("can-bo-tinh");
  HttpReply border =
      tinh.Send("GET",
                "/api/v1/analytics?measure=propaganda.sessions,OUG%7Bborder%7D&under=62&by=group&"
                "period=2019..2022");
  ASSERT_EQ(border.status, 200) << border.body;
  bool found = false;
  const auto answer = border.Json();
  for (const auto& row : answer["rows"]) {
    if (row["unit_code"] != "border") continue;
    found = true;
    EXPECT_GT(row["values"][0].get<double>(), 0) << border.body;
    EXPECT_EQ(row["values"][1], 13) << border.body;
  }
  EXPECT_TRUE(found) << border.body;
  HttpReply empty = tinh.Send(
      "GET", "/api/v1/analytics?measure=propaganda.sessions&under=62&group=key-area&period=2022");
  ASSERT_EQ(empty.status, 200) << empty.body;
  ASSERT_EQ(empty.Json()["notes"].size(), 1u) << empty.body;
  EXPECT_EQ(empty.Json()["rows"][0]["values"][0], 0) << empty.body;
  HttpReply unknown = tinh.Send(
      "GET", "/api/v1/analytics?measure=propaganda.sessions&under=62&group=coast&period=2022");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.Json()["error"]["field"], "group") << unknown.body;
}

TEST_F(HttpTest, StaticFilesAndHeaders) {
  HttpReply home = Client().Send("GET", "/");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.headers["x-content-type-options"], "nosniff");
  EXPECT_FALSE(home.headers["x-request-id"].empty());
  HttpReply described = Client().Send("GET", "/api/v1/openapi.json");
  ASSERT_EQ(described.status, 200);
  EXPECT_EQ(described.Json()["openapi"], "3.0.3");
  HttpReply missing = Client().Send("GET", "/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  HttpReply wrong_method = Client().Send("DELETE", "/api/v1/catalog");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.headers["allow"], "GET");
  HttpReply id = Client().Send("GET", "/healthz", "", {{"X-Request-Id", "load-7-42"}});
  EXPECT_EQ(id.headers["x-request-id"], "load-7-42");
}

// /metrics for a Prometheus scraper: requests counted by route pattern, never by raw path.
TEST_F(HttpTest, MetricsCountRequestsByRoute) {
  ASSERT_EQ(Client().Send("GET", "/healthz").status, 200);
  HttpClient admin = SignedIn("quan-tri");
  ASSERT_EQ(admin.Send("GET", "/api/v1/units/23317").status, 200);
  HttpReply metrics = Client().Send("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("# TYPE antq_http_requests_total counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("antq_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"/api/v1/units/{code}\",status=\"200\"}"), std::string::npos) << text;
  EXPECT_EQ(text.find("23317"), std::string::npos) << "a raw path became a label";
  EXPECT_NE(text.find("antq_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"),
            std::string::npos);
  for (const char* name : {"antq_engine_values ", "antq_engine_last_refresh_age_seconds ",
                           "antq_db_connections ", "antq_db_connections_in_use ",
                           "process_start_time_seconds ", "antq_build_info{version=\""}) {
    EXPECT_NE(text.find(std::string("\n") + name), std::string::npos) << name;
  }
  EXPECT_EQ(text.find("\nantq_engine_values 0\n"), std::string::npos) << "the demo has values";
}

}  // namespace
