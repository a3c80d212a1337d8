#pragma once

#include <filesystem>

#include "common/result.h"
#include "reports/report_builder.h"

namespace antq::reports {

// Writes a built report in the format its file name asks for: `.pdf` the document as PDF,
// `.xlsx` the annex workbook, anything else the document as DOCX. The use cases write reports
// only through here, so which writer makes which format is decided in one place.
Status WriteReportFile(const Report& report, const std::filesystem::path& out);

}  // namespace antq::reports
