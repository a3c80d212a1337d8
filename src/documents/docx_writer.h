#pragma once

#include <filesystem>

#include "common/result.h"
#include "documents/document.h"

namespace antq::documents {

// Writes `document` as a WordprocessingML package (.docx): the body, styles with the
// document's font and size, numbering for numbered and dashed lists, footnotes, and page numbers
// centred in a header that page 1 leaves out. The file at `path` is replaced only once the new
// one is complete, so a failure leaves no half-written file.
Status WriteDocx(const Document& document, const std::filesystem::path& path);

}  // namespace antq::documents
