#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/service.h"
#include "cli/context.h"
#include "http/api.h"
#include "http/server.h"

namespace antq::cli {
namespace {

namespace fs = std::filesystem;

Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(ErrorCode::kUsage, fmt::format("'{}' is not HOST:PORT", listen), "--listen");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) {
    return Fail(ErrorCode::kUsage, fmt::format("'{}' has no port from 0 to 65535", listen),
                "--listen");
  }
  return std::make_pair(host, static_cast<unsigned short>(port));
}

// The first of `candidates` that exists, or "".
std::string FirstExisting(const std::vector<fs::path>& candidates) {
  for (const fs::path& p : candidates) {
    std::error_code ec;
    if (fs::exists(p, ec)) return p.string();
  }
  return {};
}

}  // namespace

Status Serve(const Context& ctx, const ServeOptions& o) {
  // Taken first: loading the engine below takes seconds on a large database.
  http::Metrics metrics(
      ANTQ_VERSION,
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
  auto listen = ParseListen(o.listen);
  if (!listen) return Fail(listen.error());
  auto data = FindDataDir(ctx.data_dir);
  if (!data) return Fail(data.error());
  const fs::path root = data->parent_path();
  const std::string openapi =
      FirstExisting({root / "docs" / "openapi.json", *data / "openapi.json"});
  const std::string web_root =
      !o.web_root.empty() ? o.web_root : FirstExisting({root / "web" / "dist", *data / "web"});
  auto service = Service::Open(ctx.db_url);
  if (!service) return Fail(service.error());
  http::Router router;
  http::AddApiRoutes(router, **service, metrics, openapi, data->string());
  http::ServerOptions options;
  options.host = listen->first;
  options.port = listen->second;
  options.web_root = web_root;
  options.access_log = o.access_log;
  options.metrics = &metrics;
  options.io_threads = o.threads;
  options.limits.request_time = std::chrono::seconds(o.request_timeout);
  options.on_listening = [&](const std::string& address) {
    std::cout << fmt::format("ANTQ đang phục vụ / serving on http://{}/ ({})\n", address,
                             ctx.db_url)
              << fmt::format("  API: http://{}/api/v1/ (openapi.json)\n", address)
              << (web_root.empty() ? "  (giao diện web chưa dựng / the web app is not built)\n"
                                   : "")
              << "  Ctrl-C hoặc SIGTERM để dừng / Ctrl-C or SIGTERM stops it\n"
              << std::flush;
  };
  Service& svc = **service;
  http::Server server(options, router, [&svc](const std::string& token, const std::string& client) {
    return svc.Read([&](Workspace& ws) { return svc.sessions().Authenticate(ws, token, client); });
  });
  if (auto s = server.Run(); !s) return s;
  std::cout << "Đã dừng / stopped\n";
  return Ok();
}

void AddServeOptions(CLI::App* cmd, ServeOptions& o) {
  cmd->add_option("--listen", o.listen, "HOST:PORT to listen on")->capture_default_str();
  cmd->add_option("--web-root", o.web_root,
                  "The built web app (default: web/dist of the source tree)");
  cmd->add_option("--access-log", o.access_log,
                  "Write a JSON line per request to this file ('-' for standard error)");
  cmd->add_option("--threads", o.threads, "Threads handling connections (default: one per core)");
  cmd->add_option("--request-timeout", o.request_timeout,
                  "Seconds a client has to send one whole request (408 after)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
}

void AddServeCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "serve", "Phục vụ ứng dụng web và API / serve the web app and the HTTP API");
  static ServeOptions o;
  AddServeOptions(cmd, o);
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Serve(ctx, o); }; });
}

}  // namespace antq::cli
