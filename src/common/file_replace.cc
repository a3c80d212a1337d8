#include "common/file_replace.h"

#include <fmt/format.h>
#include <unistd.h>

#include <system_error>

namespace antq {

std::filesystem::path TemporaryFor(const std::filesystem::path& target) {
  return target.string() + fmt::format(".{}.partial", static_cast<long>(::getpid()));
}

Status ReplaceWith(const std::filesystem::path& temporary, const std::filesystem::path& target) {
  std::error_code ec;
  std::filesystem::rename(temporary, target, ec);
  if (!ec) return Ok();
  std::filesystem::remove(temporary, ec);
  return Fail(ErrorCode::kIo, "cannot replace the file: " + ec.message(), target.string());
}

}  // namespace antq
