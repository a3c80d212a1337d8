#include "reports/report_file.h"

#include "documents/docx_writer.h"
#include "documents/pdf_writer.h"
#include "documents/xlsx_writer.h"

namespace antq::reports {

Status WriteReportFile(const Report& report, const std::filesystem::path& out) {
  const std::string extension = out.extension().string();
  if (extension == ".xlsx") return documents::WriteXlsx(report.annex, out);
  if (extension == ".pdf") return documents::WritePdf(report.document, out);
  return documents::WriteDocx(report.document, out);
}

}  // namespace antq::reports
