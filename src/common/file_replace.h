#pragma once

#include <filesystem>

#include "common/result.h"

namespace antq {

// Writers write to a temporary file beside the target and rename it over the target only once
// it is complete, so that a reader never sees a partial file and a failure leaves none.

// The temporary file for `target`: in the same folder (so the rename is atomic), named after it.
std::filesystem::path TemporaryFor(const std::filesystem::path& target);

// Renames `temporary` over `target`; on failure removes `temporary` and names `target`.
Status ReplaceWith(const std::filesystem::path& temporary, const std::filesystem::path& target);

}  // namespace antq
