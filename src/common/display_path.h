#pragma once

#include <filesystem>
#include <string>

namespace antq {

// How a file is named in messages: relative to the working folder when it lies beneath it
// ("data/units/20-kon-tum-2019.tsv" from the project folder), else its absolute path, so a
// message stays short where the user stands and is still exact anywhere else.
std::string DisplayPath(const std::filesystem::path& path);

}  // namespace antq
