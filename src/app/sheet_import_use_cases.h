#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "app/access.h"
#include "app/data_value_use_cases.h"
#include "app/workspace.h"
#include "common/date.h"
#include "common/result.h"
#include "interop/sheet_mapping.h"

namespace antq {

// The mapping named `name_or_file`: a file's path, or the name of one of data/mappings/*.toml
// ("antq-template"). Errors list the mappings there are.
Result<SheetMapping> LoadSheetMapping(const std::filesystem::path& data_dir,
                                      const std::string& name_or_file);

// How to read one workbook.
struct SheetImportRequest {
  SheetMapping mapping;
  std::string sheet;   // overrides the mapping's sheet when not ""
  std::string period;  // overrides the mapping's period when not ""
  // Unit names are matched among the units under this one (a code); "" means the whole tree.
  std::string under;
};

// Imports the figures of an Excel workbook an office keeps, laid out as `request.mapping` says:
// unit names matched to the tree accent-insensitively (and through the mapping's aliases), old
// TCVN3/VNI text converted, numbers typed as text read the Vietnamese way ("1.234" = 1234,
// "15,5" = 15.5). What cannot be read for sure — a name that matches no unit or several, "1.5"
// in a count — is a conflict naming its cell, never a guess. Then as ImportDataValues: checked,
// all or nothing (or `skip_invalid`), recorded for undo.
Result<ImportSummary> ImportWorkbook(Workspace& ws, const Actor& actor, std::string_view bytes,
                                     const std::string& file_name,
                                     const SheetImportRequest& request, ImportOptions options,
                                     Date today);

// A fill-in workbook for data set `data_set`, period `period` and the units of the data set's
// level under `under`: a row per unit (code and name), a column per element (and per option of
// an element with a breakdown), the values already stored filled in. Read back with the
// "antq-template" mapping it imports exactly what it shows.
struct TemplateRequest {
  std::string data_set;
  std::string under;
  std::string period;
  std::string language = "vi";
};
Status WriteDataEntryTemplate(const Workspace& ws, const Actor& actor,
                              const TemplateRequest& request, const std::filesystem::path& path);

}  // namespace antq
