// <utility> before Asio: g++ 12 otherwise fails on Asio's coroutine support (DESIGN.md §4).
#include "http/server.h"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <iostream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "common/secret.h"
#include "common/text.h"
#include "http/json_response.h"
#include "http/static_files.h"
#include "http/url.h"

namespace antq::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

// One line per request, JSON, to a file or standard error.
class AccessLog {
 public:
  explicit AccessLog(const std::string& where) {
    if (where == "-") {
      out_ = &std::cerr;
    } else if (!where.empty()) {
      file_.open(where, std::ios::app);
      if (file_) out_ = &file_;
    }
  }
  // Whether the log asked for could be opened: a server asked to log must not run without it.
  bool failed(const std::string& where) const { return !where.empty() && !out_; }
  void Write(const Request& req, int status, size_t bytes, double ms, const std::string& user) {
    if (!out_) return;
    const nlohmann::json line = {{"time", NowUtcIsoMillis()},
                                 {"id", req.request_id},
                                 {"client", req.client},
                                 {"method", req.method},
                                 {"path", req.path},
                                 {"status", status},
                                 {"bytes", bytes},
                                 {"ms", ms},
                                 {"user", user}};
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard lock(mu_);
    *out_ << text << std::flush;
  }

 private:
  std::mutex mu_;
  std::ofstream file_;
  std::ostream* out_ = nullptr;
};

std::string BearerToken(const Request& req) {
  const std::string auth = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0) {
    return auth.substr(kBearer.size());
  }
  return {};
}

bool IsSafeMethod(const std::string& method) { return method == "GET" || method == "HEAD"; }

bool IsPlainId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// A time limit on reading that leaves the connection open for the answer: tcp_stream's own
// timeout closes the socket, so a 408 could no longer be sent. On expiry it cancels the read.
class ReadDeadline {
 public:
  explicit ReadDeadline(const std::shared_ptr<beast::tcp_stream>& stream)
      : stream_(stream), timer_(stream->get_executor()) {}
  void Arm(std::chrono::steady_clock::duration limit) {
    expired_ = std::make_shared<bool>(false);
    timer_.expires_after(limit);
    timer_.async_wait([weak = std::weak_ptr<beast::tcp_stream>(stream_),
                       expired = expired_](const beast::error_code& e) {
      if (e) return;
      auto stream = weak.lock();
      if (!stream) return;
      *expired = true;
      beast::error_code ignored;
      stream->socket().cancel(ignored);
    });
  }
  void Disarm() { timer_.cancel(); }
  bool expired() const { return expired_ && *expired_; }

 private:
  std::shared_ptr<beast::tcp_stream> stream_;
  net::steady_timer timer_;
  std::shared_ptr<bool> expired_;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, Authenticator authenticate)
      : options_(std::move(options)),
        router_(router),
        authenticate_(std::move(authenticate)),
        workers_(static_cast<size_t>(options_.worker_threads > 0
                                         ? options_.worker_threads
                                         : 2 * std::max(1u, std::thread::hardware_concurrency()))),
        acceptor_(ioc_),
        signals_(ioc_, SIGINT, SIGTERM),
        log_(options_.access_log),
        files_(options_.web_root) {}

  Status Run() {
    if (log_.failed(options_.access_log)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("cannot open {} for appending", options_.access_log), "access_log");
    }
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.host, ec);
    if (ec) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not an IP address", options_.host), "listen");
    }
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Fail(
          ErrorCode::kIo,
          fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, ec.message()),
          "listen");
    }
    const auto bound = acceptor_.local_endpoint();
    if (options_.on_listening) {
      options_.on_listening(fmt::format("{}:{}", bound.address().to_string(), bound.port()));
    }
    signals_.async_wait([this](const beast::error_code& e, int) {
      if (!e) BeginShutdown();
    });
    net::co_spawn(ioc_, Accept(), net::detached);
    const int threads = options_.io_threads > 0
                            ? options_.io_threads
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (std::thread& t : pool) t.join();
    workers_.join();
    return Ok();
  }

  void Stop() {
    net::post(ioc_, [this] { BeginShutdown(); });
  }

 private:
  // Stops accepting, closes idle connections, and gives requests in flight the grace period.
  void BeginShutdown() {
    if (stopping_.exchange(true)) return;
    beast::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    CloseIdleConnections();
    grace_ = std::make_unique<net::steady_timer>(ioc_, options_.limits.shutdown_grace);
    grace_->async_wait([this](const beast::error_code&) { ioc_.stop(); });
    MaybeFinish();
  }

  void MaybeFinish() {
    if (stopping_ && connections_ == 0) ioc_.stop();
  }

  struct Connection {
    std::weak_ptr<beast::tcp_stream> stream;
    std::atomic<bool> busy{false};
  };

  void CloseIdleConnections() {
    std::lock_guard lock(connections_mu_);
    for (Connection* c : open_) {
      if (c->busy) continue;
      auto stream = c->stream.lock();
      if (!stream) continue;
      net::post(stream->get_executor(), [stream] { stream->cancel(); });
    }
  }

  net::awaitable<void> Accept() {
    while (!stopping_) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor_.async_accept(
          net::make_strand(ioc_), net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        if (stopping_) break;
        continue;  // a failed accept (too many files, a reset) leaves the listener running
      }
      if (connections_ >= options_.limits.max_connections) {
        // The executor is taken before the socket moves: argument order is unspecified.
        auto executor = socket.get_executor();
        net::co_spawn(executor, RefuseBusy(std::move(socket)), net::detached);
        continue;
      }
      ++connections_;
      auto executor = socket.get_executor();
      net::co_spawn(executor, Session(std::move(socket)), [this](const std::exception_ptr&) {
        --connections_;
        MaybeFinish();
      });
    }
  }

  net::awaitable<void> RefuseBusy(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    Response r = ErrorResponse(503, "unavailable", "the server has too many connections; retry");
    bhttp::response<bhttp::string_body> res{bhttp::status::service_unavailable, 11};
    res.set(bhttp::field::content_type, r.content_type);
    res.set(bhttp::field::retry_after, "5");
    res.keep_alive(false);
    res.body() = r.body;
    res.prepare_payload();
    beast::error_code ec;
    co_await bhttp::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  net::awaitable<void> Session(tcp::socket socket) {
    auto shared_stream = std::make_shared<beast::tcp_stream>(std::move(socket));
    beast::tcp_stream& stream = *shared_stream;
    ReadDeadline deadline(shared_stream);
    Connection connection;
    connection.stream = shared_stream;
    {
      std::lock_guard lock(connections_mu_);
      open_.insert(&connection);
    }
    struct Unregister {
      Impl* impl;
      Connection* c;
      ~Unregister() {
        std::lock_guard lock(impl->connections_mu_);
        impl->open_.erase(c);
      }
    } unregister{this, &connection};
    beast::error_code ec;
    const tcp::endpoint peer = stream.socket().remote_endpoint(ec);
    const std::string peer_address = ec ? "?" : peer.address().to_string();
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping_) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.limits.header_bytes));
      parser.body_limit((std::numeric_limits<std::uint64_t>::max)());  // the route decides
      // The first request must arrive within the request time; between requests the connection
      // may idle for longer, but a request once begun must finish within the request time.
      stream.expires_never();
      deadline.Arm(first || buffer.size() > 0 ? options_.limits.request_time
                                              : options_.limits.idle_keep_alive);
      first = false;
      if (buffer.size() == 0) {
        // Waiting for a request: a client that sends nothing in time, or leaves, is let go.
        const size_t n = co_await stream.async_read_some(
            buffer.prepare(4096), net::redirect_error(net::use_awaitable, ec));
        if (ec) {
          deadline.Disarm();
          break;
        }
        buffer.commit(n);
        deadline.Arm(options_.limits.request_time);  // a request has begun
      }
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        deadline.Disarm();
        if (ec == bhttp::error::header_limit) {
          co_await Send(stream, Plain(431, "the request's headers are too large"), false);
        } else if (deadline.expired() && buffer.size() > 0) {
          co_await Send(stream, Plain(408, "the request took too long to arrive"), false);
        } else if (ec != bhttp::error::end_of_stream && !deadline.expired() &&
                   ec != net::error::operation_aborted && ec != net::error::connection_reset &&
                   ec != net::error::eof) {
          co_await Send(stream, Plain(400, "the request is not valid HTTP/1.1"), false);
        }
        break;
      }
      connection.busy = true;
      const auto started = std::chrono::steady_clock::now();
      Request req;
      req.client = peer_address;
      auto& header = parser.get();
      req.method = std::string(header.method_string());
      for (const auto& field : header) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers[name] = std::string(field.value());
      }
      if (peer_address == "127.0.0.1" || peer_address == "::1") {
        // Behind the documented reverse proxy on the same machine.
        if (auto it = req.headers.find("x-forwarded-for"); it != req.headers.end()) {
          req.client = it->second.substr(0, it->second.find(','));
        }
        req.secure = req.Header("x-forwarded-proto") == "https";
      }
      // A client's own request id (a proxy's, a script's) is kept when it is plain.
      req.request_id = req.Header("x-request-id");
      if (!IsPlainId(req.request_id)) req.request_id = RandomToken(9);
      const bool keep_alive = header.keep_alive();
      Response response;
      std::string user;
      bool read_body = true;
      auto target = ParseTarget(std::string_view(header.target().data(), header.target().size()));
      const Router::Match* match = nullptr;
      std::optional<Router::Match> found;
      if (!target) {
        response = ErrorResponse(400, "invalid_argument", target.error().message());
        read_body = false;
      } else {
        req.path = target->path;
        req.query = std::move(target->query);
        std::vector<std::string> allowed;
        found = router_.Find(req.method, req.path, &allowed);
        if (found) {
          match = &*found;
        } else if (!allowed.empty()) {
          response = ErrorResponse(405, "method_not_allowed",
                                   fmt::format("{} does not take {}", req.path, req.method));
          std::string allow;
          for (const std::string& m : allowed) AppendListItem(allow, m, ", ");
          response.headers.emplace_back("Allow", allow);
          read_body = false;
        } else if (req.path.rfind("/api/", 0) == 0 ||
                   (req.method != "GET" && req.method != "HEAD")) {
          response = ErrorResponse(404, "not_found", "no such resource");
          read_body = false;
        }
      }
      const size_t body_limit = match ? match->route->body_limit : 0;
      if (read_body && header.has_content_length() && *parser.content_length() > body_limit) {
        response = ErrorResponse(413, "too_large",
                                 fmt::format("the body may have at most {} bytes", body_limit));
        read_body = false;
      }
      bool close_after = !keep_alive;
      if (read_body && !parser.is_done()) {
        parser.body_limit(body_limit);
        co_await bhttp::async_read(stream, buffer, parser,
                                   net::redirect_error(net::use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
          response = ErrorResponse(413, "too_large",
                                   fmt::format("the body may have at most {} bytes", body_limit));
          read_body = false;
          close_after = true;
        } else if (deadline.expired()) {
          response = Plain(408, "the request took too long to arrive");
          read_body = false;
          close_after = true;
        } else if (ec) {
          break;
        }
      } else if (!read_body && !parser.is_done()) {
        close_after = true;  // an unread body would be taken for the next request
      }
      deadline.Disarm();
      const bool to_static = read_body && !match;
      if (read_body) {
        req.body = std::move(parser.get().body());
        response = co_await net::co_spawn(
            workers_.get_executor(),
            [this, &req, match, &user]() -> net::awaitable<Response> {
              co_return Dispatch(req, match, user);
            },
            net::use_awaitable);
      }
      const int status = response.status;
      const size_t bytes = response.body.size();
      const bool ok = co_await Send(stream, std::move(response), !close_after && !stopping_,
                                    req.request_id, req.method == "HEAD");
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      log_.Write(req, status, bytes, ms, user);
      if (options_.metrics) {
        // The route's pattern, never the path: the number of series must stay bounded.
        const std::string_view route = match       ? std::string_view(match->route->pattern)
                                       : to_static ? Metrics::kStaticRoute
                                                   : Metrics::kNoRoute;
        options_.metrics->ObserveRequest(req.method, route, status, ms / 1000.0);
      }
      connection.busy = false;
      if (!ok || close_after) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Runs on a worker: static files, or authentication, CSRF and the route's handler.
  Response Dispatch(const Request& req, const Router::Match* match, std::string& user) {
    try {
      if (!match) return files_.Serve(req);
      const Route& route = *match->route;
      Caller caller;
      const Caller* as = nullptr;
      if (route.access == Access::kSignedIn) {
        const std::string bearer = BearerToken(req);
        caller.token = bearer.empty() ? req.Cookie(kSessionCookie) : bearer;
        if (caller.token.empty()) {
          return ErrorResponse(401, "unauthenticated", "sign in first (POST /api/v1/session)");
        }
        auto auth = authenticate_(caller.token, req.client);
        if (!auth) return ErrorResponseOf(auth.error());
        caller.auth = std::move(*auth);
        user = caller.auth.actor.user;
        if (bearer.empty() && !caller.auth.bearer && !IsSafeMethod(req.method) &&
            !SecretsEqual(req.Header("x-csrf-token"), caller.auth.csrf_token)) {
          return ErrorResponse(403, "csrf",
                               "a browser write must carry the session's X-CSRF-Token header");
        }
        as = &caller;
      }
      return route.handler(req, match->params, as);
    } catch (const std::exception& e) {
      std::cerr << fmt::format("antq serve: request {} failed: {}\n", req.request_id, e.what());
      return ErrorResponse(500, "internal",
                           fmt::format("an internal error; the request id is {}", req.request_id));
    }
  }

  static Response Plain(int status, const std::string& message) {
    return ErrorResponse(status, status == 408 ? "timeout" : "invalid_argument", message);
  }

  net::awaitable<bool> Send(beast::tcp_stream& stream, Response r, bool keep_alive,
                            const std::string& request_id = {}, bool head = false) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), 11};
    stream.expires_after(std::chrono::seconds(60));  // a client that does not read is let go
    res.set(bhttp::field::server, "antq");
    res.set(bhttp::field::content_type, r.content_type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
    if (!request_id.empty()) res.set("X-Request-Id", request_id);
    bool cache_set = false;
    for (const auto& [name, value] : r.headers) {
      res.insert(name, value);
      if (name == "Cache-Control") cache_set = true;
    }
    if (!cache_set) res.set(bhttp::field::cache_control, "no-store");
    if (!r.attachment.empty()) {
      res.set(bhttp::field::content_disposition,
              fmt::format("attachment; filename=\"{}\"", r.attachment));
    }
    res.keep_alive(keep_alive);
    const size_t length = r.body.size();
    if (!head) res.body() = std::move(r.body);
    res.prepare_payload();
    if (head) res.content_length(length);
    beast::error_code ec;
    if (head) {
      bhttp::response_serializer<bhttp::string_body> sr{res};
      co_await bhttp::async_write_header(stream, sr, net::redirect_error(net::use_awaitable, ec));
    } else {
      co_await bhttp::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
    }
    co_return !ec;
  }

  ServerOptions options_;
  const Router& router_;
  Authenticator authenticate_;
  net::io_context ioc_;
  net::thread_pool workers_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  std::unique_ptr<net::steady_timer> grace_;
  AccessLog log_;
  StaticFiles files_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> connections_{0};
  std::mutex connections_mu_;
  std::set<Connection*> open_;
};

Server::Server(ServerOptions options, const Router& router, Authenticator authenticate)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(authenticate))) {}

Server::~Server() = default;

Status Server::Run() { return impl_->Run(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace antq::http
