#pragma once

// A small HTTP/1.1 client for the server tests (Boost.Beast, synchronous, one connection per
// request), and a helper that starts `antq serve` on a free port and stops it.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/run_antq.h"

namespace antq::testing {

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}

  // Sends one request; `headers` are added as given. A session cookie, when set, goes with it.
  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 std::map<std::string, std::string> headers = {}) const {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(120));
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                                  static_cast<unsigned short>(port_)));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
    if (!bearer_.empty()) req.set(http::field::authorization, "Bearer " + bearer_);
    if (!body.empty() && !headers.contains("Content-Type")) {
      req.set(http::field::content_type, "application/json");
    }
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(512 * 1024 * 1024);
    beast::error_code ec;
    http::read(stream, buffer, parser, ec);
    HttpReply reply;
    if (ec) return reply;  // status 0: no answer
    auto& res = parser.get();
    reply.status = res.result_int();
    reply.body = res.body();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string& slot = reply.headers[name];
      slot += (slot.empty() ? "" : "\n") + std::string(field.value());
    }
    return reply;
  }

  // Signs in and keeps the session cookie and CSRF token for the next requests.
  HttpReply SignIn(const std::string& user, const std::string& password) {
    HttpReply r = Send("POST", "/api/v1/session",
                       nlohmann::json{{"username", user}, {"password", password}}.dump());
    if (r.status == 201) {
      const std::string set = r.headers["set-cookie"];
      cookie_ = set.substr(0, set.find(';'));
      csrf_ = r.Json()["csrf_token"];
    }
    return r;
  }
  // A write from the signed-in browser session, with its CSRF header.
  const std::string& csrf() const { return csrf_; }
  HttpReply Write(const std::string& method, const std::string& target,
                  const std::string& body = "") const {
    return Send(method, target, body, {{"X-CSRF-Token", csrf_}});
  }
  void UseBearer(const std::string& token) { bearer_ = token; }
  const std::string& cookie() const { return cookie_; }

 private:
  int port_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
};

// `antq serve` on a free port of 127.0.0.1, in `dir`, on `db`, until Stop (SIGTERM) or
// destruction. `extra` are more options (limits for the tests).
class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& dir, const std::string& db, std::string extra = "")
      : dir_(dir) {
    // Named per server, so that several servers in one folder (nodes on one database) do not
    // read each other's port or write into each other's files.
    static std::atomic<int> started{0};
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(started++);
    const std::filesystem::path out = dir / ("serve-" + tag + ".out");
    const std::string command = "exec '" + std::string(ANTQ_BINARY) + "' --db " +
                                DatabaseArgument(db) + " serve --listen 127.0.0.1:0 --access-log " +
                                "access-" + tag + ".log " + extra + " > '" + out.string() +
                                "' 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::chdir(dir.c_str());
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The server prints its address once it listens.
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::ifstream in(out);
      std::string line;
      while (std::getline(in, line)) {
        const std::string marker = "serving on http://127.0.0.1:";
        const size_t at = line.find(marker);
        if (at != std::string::npos) port_ = std::atoi(line.c_str() + at + marker.size());
      }
    }
    output_ = out;
  }
  ~ServerProcess() { Stop(); }

  int port() const { return port_; }
  bool alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }
  // SIGTERM and wait: returns the exit status (or -1).
  int Stop(int signal = SIGTERM) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  std::string Output() const {
    std::ifstream in(output_);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path output_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace antq::testing
