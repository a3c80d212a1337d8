#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace antq::documents {

// The parts of an Office Open XML package (path inside the package, content), written as one
// zip file with libzip. Writes to a temporary file beside `path` and renames it over `path` at
// the end, so readers never see a partial package.
Status WriteZipPackage(const std::vector<std::pair<std::string, std::string>>& parts,
                       const std::filesystem::path& path);

}  // namespace antq::documents
