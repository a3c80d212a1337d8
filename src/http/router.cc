#include "http/router.h"

#include <string_view>

namespace antq::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t j = path.find('/', i);
    out.push_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    i = j == std::string_view::npos ? path.size() : j;
  }
  return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path, PathParams* params) {
  const auto want = Segments(pattern);
  const auto got = Segments(path);
  if (want.size() != got.size()) return false;
  PathParams found;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      found[std::string(w.substr(1, w.size() - 2))] = std::string(got[i]);
    } else if (w != got[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

std::optional<Router::Match> Router::Find(const std::string& method, const std::string& path,
                                          std::vector<std::string>* allowed) const {
  for (const Route& r : routes_) {
    PathParams params;
    if (!MatchPattern(r.pattern, path, &params)) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      return Match{&r, std::move(params)};
    }
    if (allowed) allowed->push_back(r.method);
  }
  return std::nullopt;
}

}  // namespace antq::http
