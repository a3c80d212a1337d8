#include "http/static_files.h"

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

Response FileResponse(const fs::path& file, bool immutable) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  Response r;
  r.content_type = MediaType(file);
  r.body = bytes.str();
  r.headers.emplace_back("Cache-Control",
                         immutable ? "public, max-age=31536000, immutable" : "no-cache");
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
  std::error_code ec;
  const auto status = fs::symlink_status(wanted, ec);
  const bool inside = wanted.string().rfind(root_ + "/", 0) == 0;
  if (inside && !ec && fs::is_regular_file(status)) {
    const bool immutable = request.path.rfind("/assets/", 0) == 0;
    return FileResponse(wanted, immutable);
  }
  // A path of the app itself (/data-entry, /approval …): the page that routes it.
  if (fs::path(request.path).has_extension()) {
    return ErrorResponse(404, "not_found", "no such file");
  }
  return FileResponse(root / "index.html", false);
}

}  // namespace antq::http
