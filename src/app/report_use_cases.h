#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/analytics_use_cases.h"
#include "app/workspace.h"
#include "common/result.h"
#include "reports/inspection_report.h"

namespace antq {

// `antq report`: an official report written from the data, as a file. The HTTP API calls the
// same use case.
struct ReportRequest {
  std::string kind;             // "inspection" or "periodic"
  std::string under;            // the area's unit code
  std::string period;           // "2019..2022" or "2022"
  std::string layout;           // "state" or "party"
  std::filesystem::path out;    // .docx, .pdf or .xlsx (the annex workbook)
  std::string date;             // the report's date; empty: the inspection's, else today
  int number = 0;               // the document number; 0 leaves it blank
  std::string data_dir;         // where data/templates/ is (see FindDataDir)
  std::string language = "vi";  // "vi", the official text, or "en", an English translation copy
};

struct ReportOutcome {
  std::filesystem::path file;
  std::vector<reports::TracedFigure> figures;  // every number stated, with its query
  bool used_inspection_record = false;
};

// Builds the report from the current data and writes it; the file is replaced only once the
// new one is complete. The inspection report states the decision, findings and recommendations
// of the inspection of the area the team recorded in ANTQ whose years overlap the range (the one
// covering the last year, then the latest); without one, of the inspection register's record.
Result<ReportOutcome> WriteReport(Workspace& ws, const Actor& actor, const ReportRequest& request);

// The same report as bytes, for a download: written to a temporary file that is read back and
// removed. `request.out` names only the format (its extension).
struct RenderedReport {
  std::string bytes;
  std::string file_name;  // "bao-cao-kiem-tra-62-2019-2022.pdf"
  std::string media_type;
};
Result<RenderedReport> RenderReport(Workspace& ws, const Actor& actor,
                                    const ReportRequest& request);

// The analysis view's export: the query's answer as an XLSX workbook, headed in `language`
// ("vi" or "en"), with the query kept in the file. Access is RunQuery's.
Result<RenderedReport> ExportQuery(Workspace& ws, const Actor& actor, const QueryRequest& query,
                                   const std::string& language);

}  // namespace antq
