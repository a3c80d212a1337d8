#include "common/display_path.h"

namespace antq {

namespace fs = std::filesystem;

std::string DisplayPath(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (ec) return path.string();
  const fs::path here = fs::current_path(ec);
  if (ec) return absolute.string();
  const fs::path relative = absolute.lexically_relative(here);
  if (relative.empty() || *relative.begin() == "..") return absolute.string();
  return relative.string();
}

}  // namespace antq
