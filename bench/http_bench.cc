// HTTP benchmark (issue 17): `antq serve` on a copy of the national store (bench/national_store.h)
// loaded by wrk at 64 connections from 127.0.0.1, against Debian's nginx serving static files of
// the same sizes, started by this program, as the ceiling. Three loads, one after the other:
//   read_dashboard  a national analytics query: three elements by province for a year
//   read_form       a commune's monthly report form (a different commune each request)
//   write_value     one figure saved into a commune's draft report (a different cell each time);
//                   nginx answers a GET of a file as large as the write's answer
// Prints requests/s, p50 and p99 for each and the ratio to nginx, and writes
// build/bench/http.json with systems.antq and systems.nginx keyed read_dashboard, read_form,
// write_value (requests per second) and ..._p99_ms, ..._p50_ms.
// Usage: antq_http_bench [small|full] [OUT.json]   (wrk, curl and nginx must be installed)
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/national_store.h"

extern char** environ;

namespace antq::bench {
namespace {

// A child process that is stopped (SIGTERM, then waited for) when this goes out of scope.
class ChildProcess {
 public:
  // Starts `argv` with its standard output and error going to `log`; exits on failure.
  ChildProcess(const std::vector<std::string>& argv, const fs::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      std::cerr << "http bench: could not start " << argv[0] << "\n";
      std::exit(1);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  bool Running() const { return ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = 0;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Runs a shell command and returns its standard output; exits when it fails.
std::string Run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) std::exit(1);
  char buffer[4096];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, got);
  if (::pclose(p) != 0) {
    std::cerr << "http bench: failed: " << command << "\n" << out << "\n";
    std::exit(1);
  }
  return out;
}

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    std::exit(1);
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

// Waits until the file `log` holds `marker` followed by a port number; returns the port.
int WaitForPort(const ChildProcess& child, const fs::path& log, const std::string& marker) {
  for (int i = 0; i < 6000; ++i) {
    const std::string text = ReadFile(log);
    if (const size_t at = text.find(marker); at != std::string::npos) {
      return std::atoi(text.c_str() + at + marker.size());
    }
    if (!child.Running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::cerr << "http bench: the server did not start:\n" << ReadFile(log) << "\n";
  std::exit(1);
}

// The wrk script: each request from `request()` in `lua_request`; done() writes the figures.
constexpr const char* kWrkReport = R"(
errors = 0
function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("http bench: ", status, " ", body, "\n") end
  end
end
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args) n = id * 1000003 end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  local f = io.open(out_path, "w")
  f:write(string.format("%f %f %f %d %d\n", summary.requests / (summary.duration / 1e6),
          latency:percentile(50) / 1000, latency:percentile(99) / 1000, e,
          summary.errors.connect + summary.errors.read + summary.errors.write +
          summary.errors.timeout))
  f:close()
end
)";

struct Load {
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  long errors = 0;
};

// Runs wrk at 64 connections for `seconds` with the request function `lua_request`.
Load RunWrk(const fs::path& dir, const std::string& name, const std::string& url,
            const std::string& lua_request, int seconds) {
  const fs::path script = dir / (name + ".lua");
  const fs::path out = dir / (name + ".out");
  WriteFile(script,
            fmt::format("out_path = \"{}\"\n{}\n{}", out.string(), lua_request, kWrkReport));
  Run(fmt::format("wrk -t2 -c64 -d{}s -s {} {} > {}.log 2>&1", seconds, script.string(), url,
                  (dir / name).string()));
  Load load;
  long socket_errors = 0;
  std::istringstream in(ReadFile(out));
  in >> load.requests_per_second >> load.p50_ms >> load.p99_ms >> load.errors >> socket_errors;
  load.errors += socket_errors;
  return load;
}

// A Lua request() that GETs `path_expression` (a Lua string expression of the counter `n`).
std::string LuaGet(const std::string& path_expression, const std::string& token) {
  return fmt::format(R"(n = 0
function request()
  n = n + 1
  return wrk.format("GET", {}, {{["Authorization"] = "Bearer {}"}})
end)",
                     path_expression, token);
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/http.json";
  const int seconds = size == "small" ? 5 : 15;
  const fs::path antq = fs::canonical("/proc/self/exe").parent_path() / "antq";
  const fs::path cache = out_json.parent_path();
  fs::create_directories(cache);
  for (const char* tool : {"wrk", "curl", "nginx"}) {
    if (std::system(
            fmt::format("command -v {} >/dev/null || test -x /usr/sbin/{}", tool, tool).c_str()) !=
        0) {
      std::cerr << "http bench: " << tool << " is missing (make bench installs it)\n";
      return 1;
    }
  }

  // The national store, copied: the writes must not change the one the benchmarks share.
  Nation n = MakeNation(ProvincesFor(size));
  const size_t values = CountValues(n);
  const fs::path shared = cache / fmt::format("analytics-{}.antq.db", size);
  AntqStore(n, shared, values).reset();
  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-http-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir / "www");
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  std::cout << "copying the national store (" << values << " values)…" << std::endl;
  fs::copy_file(shared, dir / "antq.db");
  const std::string db = "--db sqlite:" + (dir / "antq.db").string();
  Run(
      fmt::format("echo do-tai-quoc-gia-2026 | {} {} user add bench --role admin "
                  "--password-stdin > /dev/null",
                  antq.string(), db));
  std::string token = Run(fmt::format("{} {} user token bench 2>/dev/null", antq.string(), db));
  token.erase(token.find_last_not_of(" \n") + 1);

  nlohmann::json antq_figures, nginx_figures;
  struct Case {
    std::string name;
    std::string path;  // a Lua string expression of the request counter n
    std::string example;
    std::string write_body;  // for writes: a Lua expression of n
  };
  const std::string communes = std::to_string(n.communes);
  const std::vector<Case> cases = {
      {"read_dashboard",
       "\"/api/v1/analytics?measure=e00,e01,e02&under=VN&by=province&period=2022\"",
       "/api/v1/analytics?measure=e00,e01,e02&under=VN&by=province&period=2022", ""},
      {"read_form",
       "\"/api/v1/data-sets/monthly/reports/C\" .. (n % " + communes + ") .. \"/202203\"",
       "/api/v1/data-sets/monthly/reports/C7/202203", ""},
      {"write_value",
       "\"/api/v1/data-sets/monthly/reports/C\" .. (n % " + communes +
           ") .. \"/\" .. (2015 + "
           "math.floor(n / " +
           communes + ") % 10) .. string.format(\"%02d\", 1 + math.floor(n / " + communes +
           " / 10) % 12)",
       "/api/v1/data-sets/monthly/reports/C7/202203",
       "string.format('{\"values\":[{\"element\":\"e%02d\",\"value\":%d}]}', "
       "math.floor(n / " +
           communes + " / 120) % 40, n % 1000)"},
  };

  {
    const fs::path log = dir / "serve.log";
    ChildProcess server({antq.string(), "--db", "sqlite:" + (dir / "antq.db").string(), "serve",
                         "--listen", "127.0.0.1:0"},
                        log);
    int port = 0;
    const double start_seconds =
        SecondsOf([&] { port = WaitForPort(server, log, "serving on http://127.0.0.1:"); });
    std::cout << fmt::format("antq serve started in {:.1f} s on port {}\n", start_seconds, port);
    const std::string base = fmt::format("http://127.0.0.1:{}", port);
    const std::string auth = "-H 'Authorization: Bearer " + token + "'";
    for (const Case& c : cases) {
      // The answer nginx will serve in its place, of the same size.
      const std::string body =
          c.write_body.empty()
              ? Run(fmt::format("curl -sf {} '{}{}'", auth, base, c.example))
              : Run(fmt::format("curl -sf -X PUT -H 'Content-Type: application/json' {} "
                                "--data '{{\"values\":[{{\"element\":\"e00\",\"value\":1}}]}}' "
                                "'{}{}'",
                                auth, base, c.example));
      WriteFile(dir / "www" / (c.name + ".json"), body);
      std::string lua;
      if (c.write_body.empty()) {
        lua = LuaGet(c.path, token);
      } else {
        lua = fmt::format(R"(n = 0
function request()
  n = n + 1
  return wrk.format("PUT", {}, {{["Authorization"] = "Bearer {}",
                    ["Content-Type"] = "application/json"}}, {})
end)",
                          c.path, token, c.write_body);
      }
      const Load load = RunWrk(dir, "antq-" + c.name, base, lua, seconds);
      antq_figures[c.name] = load.requests_per_second;
      antq_figures[c.name + "_p50_ms"] = load.p50_ms;
      antq_figures[c.name + "_p99_ms"] = load.p99_ms;
      antq_figures[c.name + "_errors"] = load.errors;
      antq_figures[c.name + "_bytes"] = body.size();
    }
  }

  {
    const int port = FreePort();
    const fs::path conf = dir / "nginx.conf";
    WriteFile(conf, fmt::format(R"(worker_processes auto;
daemon off;
pid {0}/nginx.pid;
error_log {0}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {0}/body;
  proxy_temp_path {0}/proxy;
  fastcgi_temp_path {0}/fastcgi;
  uwsgi_temp_path {0}/uwsgi;
  scgi_temp_path {0}/scgi;
  server {{
    listen 127.0.0.1:{1};
    root {0}/www;
    location / {{ default_type application/json; }}
  }}
}}
)",
                                dir.string(), port));
    for (const auto& entry : fs::directory_iterator(dir / "www")) {
      fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write |
                                        fs::perms::group_read | fs::perms::others_read);
    }
    const std::string nginx =
        std::system("command -v nginx >/dev/null") == 0 ? "nginx" : "/usr/sbin/nginx";
    ChildProcess server({nginx, "-p", dir.string(), "-c", conf.string()}, dir / "nginx.log");
    const std::string base = fmt::format("http://127.0.0.1:{}", port);
    for (int i = 0; i < 100; ++i) {
      if (std::system(fmt::format("curl -sf -o /dev/null {}/read_form.json", base).c_str()) == 0)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (const Case& c : cases) {
      const Load load =
          RunWrk(dir, "nginx-" + c.name, base, LuaGet("\"/" + c.name + ".json\"", token), seconds);
      nginx_figures[c.name] = load.requests_per_second;
      nginx_figures[c.name + "_p50_ms"] = load.p50_ms;
      nginx_figures[c.name + "_p99_ms"] = load.p99_ms;
      nginx_figures[c.name + "_errors"] = load.errors;
    }
  }

  bool ok = true;
  std::cout << fmt::format("http bench ({}): {} values, wrk -t2 -c64 for {} s each, 127.0.0.1\n",
                           size, values, seconds);
  std::cout << fmt::format("{:<15} {:>8} {:>12} {:>9} {:>9} {:>12} {:>9} {:>9} {:>12}\n", "",
                           "bytes", "antq req/s", "p50 ms", "p99 ms", "nginx req/s", "p50 ms",
                           "p99 ms", "antq/nginx");
  for (const Case& c : cases) {
    const double a = antq_figures[c.name];
    const double x = nginx_figures[c.name];
    std::cout << fmt::format(
        "{:<15} {:>8} {:>12.0f} {:>9.2f} {:>9.2f} {:>12.0f} {:>9.2f} {:>9.2f} "
        "{:>11.2f}x\n",
        c.name, antq_figures[c.name + "_bytes"].get<size_t>(), a,
        antq_figures[c.name + "_p50_ms"].get<double>(),
        antq_figures[c.name + "_p99_ms"].get<double>(), x,
        nginx_figures[c.name + "_p50_ms"].get<double>(),
        nginx_figures[c.name + "_p99_ms"].get<double>(), x > 0 ? a / x : 0);
    const long errors = antq_figures[c.name + "_errors"].get<long>() +
                        nginx_figures[c.name + "_errors"].get<long>();
    if (errors > 0) {
      std::cout << "  ERROR: " << errors << " requests of " << c.name << " failed\n";
      ok = false;
    }
  }
  std::cout << "aims: reads at least 0.5x nginx with p99 under 20 ms; writes over 2,000/s\n";
  WriteReport(out_json, size, {{"antq", antq_figures}, {"nginx", nginx_figures}},
              fmt::format("{} values; wrk -t2 -c64 -d{}s; nginx serves static files of the same "
                          "sizes (for write_value a GET of a file as large as the answer)",
                          values, seconds));
  fs::remove_all(dir);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
