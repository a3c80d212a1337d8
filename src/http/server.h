#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/sessions.h"
#include "common/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace antq::http {

// Limits that keep one client from holding the server: every one answers with a 4xx and closes
// the connection rather than waiting or reading on.
struct ServerLimits {
  size_t header_bytes = 16 * 1024;           // 431 beyond
  std::chrono::seconds request_time{15};     // to receive one whole request: 408
  std::chrono::seconds idle_keep_alive{60};  // between requests on one connection
  size_t max_connections = 512;              // 503 beyond
  std::chrono::seconds shutdown_grace{20};   // requests in flight finish within it
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 0;          // 0: one per core
  int worker_threads = 0;      // blocking work (the database, documents); 0: two per core
  std::string web_root;        // the web app's built files; "" serves a short page instead
  std::string access_log;      // a file, "-" for standard error, "" for none
  Metrics* metrics = nullptr;  // counts every answered request when set; must outlive the server
  ServerLimits limits;
  // Called once the server listens, with the address it listens on ("127.0.0.1:8080").
  std::function<void(const std::string& address)> on_listening;
};

// The HTTP/1.1 server on Boost.Beast with C++20 coroutines: one io thread per core accepts and
// parses, a worker pool runs the handlers (they block on the database). It authenticates each
// request to a signed-in route (a session cookie with the CSRF token on writes, or a bearer
// token) before its handler runs, serves the web app's files, writes a JSON access log line
// per request with a request id and counts it in the metrics, and on SIGTERM or SIGINT stops
// accepting, lets requests in flight finish and returns. Boost stays inside src/http.
class Server {
 public:
  // `authenticate` turns a token into the caller (the app's SessionService, under the service's
  // read lock).
  using Authenticator = std::function<Result<SessionService::Authenticated>(
      const std::string& token, const std::string& client)>;
  Server(ServerOptions options, const Router& router, Authenticator authenticate);
  ~Server();

  // Listens and serves until a signal (or Stop) ends it. Errors: the address cannot be bound.
  Status Run();
  // Asks a running server to stop, as SIGTERM does; safe from any thread.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The name of the session cookie.
inline constexpr const char* kSessionCookie = "antq_session";

}  // namespace antq::http
