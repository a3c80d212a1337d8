#pragma once

#include <filesystem>

#include "common/result.h"
#include "documents/document.h"

namespace antq::documents {

// Writes the tables of `document` as an XLSX workbook (libxlsxwriter), one sheet per table,
// named after its title: the title on top, the header rows frozen, numbers as numbers in a
// Vietnamese format (1.234,5), totals as SUM formulas with their value cached (so readers that
// do not compute show them), each cell's note as a comment, and a last sheet listing every
// note with a link to its cell. The file at `path` is replaced only once it is complete.
Status WriteXlsx(const Document& document, const std::filesystem::path& path);

}  // namespace antq::documents
