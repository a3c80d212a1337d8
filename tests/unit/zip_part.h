#pragma once

// Reading one part of a zip package (DOCX, XLSX) back, for tests that look inside what a writer
// produced.
#include <zip.h>

#include <filesystem>
#include <string>

namespace antq::testing {

// The bytes of `name` in `package`, or "<no archive>" / "<missing>" so a failed expectation
// says which.
inline std::string ReadZipPart(const std::filesystem::path& package, const std::string& name) {
  int error = 0;
  zip_t* archive = zip_open(package.c_str(), ZIP_RDONLY, &error);
  if (!archive) return "<no archive>";
  std::string out;
  zip_stat_t stat;
  if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
    out.resize(stat.size);
    zip_fread(file, out.data(), stat.size);
    zip_fclose(file);
  } else {
    out = "<missing>";
  }
  zip_close(archive);
  return out;
}

}  // namespace antq::testing
