#pragma once

#include <filesystem>

#include "common/result.h"
#include "documents/document.h"

namespace antq::documents {

// Writes `document` as a PDF (Cairo, with text laid out by Pango): the page set-up's paper and
// margins, the document's font (fontconfig finds Liberation Serif for Times New Roman, with the
// same metrics and every Vietnamese letter) embedded, paragraphs justified and indented,
// tables with borders whose header rows repeat on each page, footnotes at the foot of the page
// that cites them, and page numbers centred in the top margin from page 2. The file at `path`
// is replaced only once it is complete.
Status WritePdf(const Document& document, const std::filesystem::path& path);

}  // namespace antq::documents
