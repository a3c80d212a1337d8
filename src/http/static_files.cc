#include "http/static_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/json_response.h"

namespace antq::http {
namespace {

namespace fs = std::filesystem;

std::string MediaType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// A regular file (not a link) at `path`: only those are served, so a link cannot lead out of
// the folder.
bool IsPlainFile(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  return !ec && fs::is_regular_file(status);
}

// `file`, or its gzip-compressed copy `file.gz` (written by the web app's build) when the client
// takes gzip: the ECharts chunk is a third of its size compressed, which counts on a slow rural
// line. Either way caches are told the answer depends on Accept-Encoding.
Response FileResponse(const fs::path& file, bool immutable, bool gzip) {
  fs::path compressed = file;
  compressed += ".gz";
  const bool has_compressed = IsPlainFile(compressed);
  std::ifstream in(gzip && has_compressed ? compressed : file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Response r;
  r.content_type = MediaType(file);
  r.body = bytes.str();
  r.headers.emplace_back("Cache-Control",
                         immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (has_compressed) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (gzip && has_compressed) r.headers.emplace_back("Content-Encoding", "gzip");
  if (r.content_type.rfind("text/html", 0) == 0) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self' "
                           "'unsafe-inline'; frame-ancestors 'none'");
  }
  return r;
}

constexpr const char* kNoWebApp = R"(<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>ANTQ</title></head>
<body><h1>ANTQ</h1>
<p>Máy chủ ANTQ đang chạy; chưa có giao diện web trong thư mục <code>--web-root</code>,
nên hiện chỉ dùng được API.</p>
<p>The ANTQ server is running; there is no web app in its <code>--web-root</code> folder, so
only the API is served.
The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</body></html>
)";

}  // namespace

bool AcceptsGzip(std::string_view header) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view coding = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::string_view params;
    if (const size_t semicolon = coding.find(';'); semicolon != std::string_view::npos) {
      params = coding.substr(semicolon + 1);
      coding = coding.substr(0, semicolon);
    }
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) {
      coding.remove_prefix(1);
    }
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) {
      coding.remove_suffix(1);
    }
    if (coding.size() != 4 || !std::equal(coding.begin(), coding.end(), "gzip", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      continue;
    }
    // "q=0" (or 0.0, 0.000) refuses the coding; any other weight accepts it.
    const size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view weight = params.substr(q + 2);
    weight = weight.substr(0, weight.find_first_of(" ;\t"));
    return weight.find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (!root.empty() && fs::is_regular_file(fs::path(root) / "index.html", ec)) {
    root_ = fs::canonical(root, ec).string();
  }
}

Response StaticFiles::Serve(const Request& request) const {
  if (root_.empty()) {
    if (request.path != "/") return ErrorResponse(404, "not_found", "no such file");
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = kNoWebApp;
    return r;
  }
  const fs::path root(root_);
  const fs::path wanted = (root / fs::path(request.path).relative_path()).lexically_normal();
  const bool inside = wanted.string().rfind(root_ + "/", 0) == 0;
  const bool gzip = AcceptsGzip(request.Header("accept-encoding"));
  if (inside && IsPlainFile(wanted)) {
    const bool immutable = request.path.rfind("/assets/", 0) == 0;
    return FileResponse(wanted, immutable, gzip);
  }
  // A path of the app itself (/data-entry, /approval …): the page that routes it.
  if (fs::path(request.path).has_extension()) {
    return ErrorResponse(404, "not_found", "no such file");
  }
  return FileResponse(root / "index.html", false, gzip);
}

}  // namespace antq::http
