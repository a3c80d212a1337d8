#include "documents/zip_package.h"

#include <fmt/format.h>
#include <zip.h>

#include <system_error>

#include "common/file_replace.h"

namespace antq::documents {
namespace {

Status ZipError(zip_t* archive, const std::filesystem::path& path, std::string_view doing) {
  return Fail(ErrorCode::kIo, fmt::format("{}: {}", doing, zip_strerror(archive)), path.string());
}

}  // namespace

Status WriteZipPackage(const std::vector<std::pair<std::string, std::string>>& parts,
                       const std::filesystem::path& path) {
  const std::filesystem::path temporary = TemporaryFor(path);
  int error = 0;
  zip_t* archive = zip_open(temporary.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_error_t e;
    zip_error_init_with_code(&e, error);
    const std::string message = zip_error_strerror(&e);
    zip_error_fini(&e);
    return Fail(ErrorCode::kIo, "cannot create the file: " + message, path.string());
  }
  // libzip reads the buffers when the archive is closed, so `parts` must outlive zip_close.
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (!source) {
      Status s = ZipError(archive, path, "cannot add " + name);
      zip_discard(archive);
      std::filesystem::remove(temporary);
      return s;
    }
    if (zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(source);
      Status s = ZipError(archive, path, "cannot add " + name);
      zip_discard(archive);
      std::filesystem::remove(temporary);
      return s;
    }
  }
  if (zip_close(archive) != 0) {
    Status s = ZipError(archive, path, "cannot write the file");
    zip_discard(archive);
    std::filesystem::remove(temporary);
    return s;
  }
  return ReplaceWith(temporary, path);
}

}  // namespace antq::documents
