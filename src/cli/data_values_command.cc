// `antq import` and `antq export`: DHIS2 dataValueSets in and out, over the same use cases as
// /api/dataValueSets.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/data_value_use_cases.h"
#include "app/json_mapping.h"
#include "app/sheet_import_use_cases.h"
#include "cli/context.h"
#include "cli/output.h"

namespace antq::cli {
namespace {

struct ImportOptionsArgs {
  std::string file;
  std::string format;
  std::string strategy = "CREATE_AND_UPDATE";
  bool dry_run = false;
  bool skip_invalid = false;
  // Excel workbooks
  std::string mapping = "antq-template";
  std::string sheet;
  std::string period;
  std::string under;
};

struct TemplateArgs {
  std::string data_set;
  std::string under;
  std::string period;
  std::string out;
  std::string language = "vi";
};

struct ExportOptionsArgs {
  std::string format = "dvs-json";
  std::string under;
  std::string period;
  std::string data_set;
  std::string out;
};

// The file's format: as given, else from its extension.
Result<std::string> FileFormat(const std::string& given, const std::string& file) {
  std::string format = given;
  if (format.empty()) {
    const std::string ext = std::filesystem::path(file).extension().string();
    if (ext == ".json") format = "dvs-json";
    if (ext == ".csv") format = "dvs-csv";
    if (ext == ".xml" || ext == ".adx") format = "adx";
    if (ext == ".xlsx") format = "xlsx";
  }
  if (format != "dvs-json" && format != "dvs-csv" && format != "adx" && format != "xlsx") {
    return Fail(ErrorCode::kUsage,
                given.empty()
                    ? "cannot tell the format from the file name; give --format "
                      "dvs-json, dvs-csv, adx or xlsx"
                    : fmt::format("unknown format '{}'; use dvs-json, dvs-csv, adx or xlsx", given),
                "--format");
  }
  return format;
}

Status RunImport(const Context& ctx, const ImportOptionsArgs& o) {
  if (o.file.empty()) {
    return Fail(ErrorCode::kUsage,
                "give the file to import (or: antq import list, antq import undo ID)", "FILE");
  }
  auto format = FileFormat(o.format, o.file);
  if (!format) return Fail(format.error());
  auto strategy = ParseImportStrategy(o.strategy);
  if (!strategy) return Fail(strategy.error());
  auto output = FormatArg(ctx);
  if (!output) return Fail(output.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  ImportOptions options;
  options.strategy = *strategy;
  options.dry_run = o.dry_run;
  options.skip_invalid = o.skip_invalid;
  options.format = *format;
  // Progress on a terminal: values checked, of how many, and the rate.
  const auto start = std::chrono::steady_clock::now();
  if (ShowProgress()) {
    options.progress = [start](size_t done, size_t all) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
      std::cerr << (all > 0
                        ? fmt::format("\r  {}/{} số liệu / values, {:.0f}/s   ", done, all, rate)
                        : fmt::format("\r  {} số liệu / values, {:.0f}/s   ", done, rate))
                << std::flush;
    };
  }
  Result<ImportSummary> summary;
  if (*format == "xlsx") {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read the file", o.file);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto data = FindDataDir(ctx.data_dir);
    if (!data) return Fail(data.error());
    auto mapping = LoadSheetMapping(*data, o.mapping);
    if (!mapping) return Fail(mapping.error());
    summary = ImportWorkbook(*ws, LocalActor(ctx), bytes.str(), o.file,
                             {*mapping, o.sheet, o.period, o.under}, options, Date::Today());
  } else {
    summary = ImportDataValuePath(*ws, LocalActor(ctx), o.file, options, Date::Today());
  }
  if (options.progress) std::cerr << "\n";
  if (!summary) return Fail(summary.error());
  if (*output == Format::kJson) {
    std::cout << views::ImportSummaryJson(*summary).dump(2) << "\n";
  } else {
    for (const std::string& note : summary->notes) std::cerr << o.file << ": " << note << "\n";
    for (const ImportConflict& c : summary->conflicts) {
      std::cerr << fmt::format("{}: value {}: {} {} '{}': {}\n", o.file,
                               c.indexes.empty() ? 0 : c.indexes.front(), c.error_code, c.property,
                               c.object, c.message);
    }
    std::cout << fmt::format(
        "{}: {} value(s): {} imported, {} updated, {}{} ignored, {} refused{}{}{}\n", o.file,
        summary->values, summary->imported, summary->updated,
        summary->deleted > 0 ? fmt::format("{} deleted, ", summary->deleted) : "", summary->ignored,
        summary->conflicts.size(), summary->dry_run ? "; nothing written (--dry-run)" : "",
        summary->status == "SUCCESS" &&
                summary->imported + summary->updated + summary->deleted == 0 && !summary->dry_run
            ? " (nothing new: every value is already stored)"
            : "",
        summary->import_id > 0 ? fmt::format("; recorded as import {} (undo: antq import undo {})",
                                             summary->import_id, summary->import_id)
                               : "");
  }
  if (summary->status == "ERROR") {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} value(s) refused; nothing was imported (use --skip-invalid to "
                            "import the others)",
                            summary->conflicts.size()),
                o.file);
  }
  return Ok();
}

Status RunExport(const Context& ctx, const ExportOptionsArgs& o) {
  if (o.format != "dvs-json" && o.format != "dvs-csv" && o.format != "adx") {
    return Fail(ErrorCode::kUsage,
                fmt::format("unknown format '{}'; use dvs-json, dvs-csv or adx", o.format),
                "--format");
  }
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto values = ExportDataValues(*ws, LocalActor(ctx), {o.under, o.period, o.data_set});
  if (!values) return Fail(values.error());
  if (ws->has_sample()) std::cerr << "antq: " << kSampleNotice << "\n";
  std::ofstream file;
  if (!o.out.empty()) {
    file.open(o.out, std::ios::binary | std::ios::trunc);
    if (!file) return Fail(ErrorCode::kIo, "cannot write the file", o.out);
  }
  std::ostream& out = o.out.empty() ? std::cout : file;
  if (auto s = WriteDataValueSet(*values, o.format, out); !s) return s;
  out.flush();
  if (!out) return Fail(ErrorCode::kIo, "could not write everything", o.out.empty() ? "-" : o.out);
  if (!o.out.empty()) {
    std::cerr << fmt::format("{}: {} value(s) written\n", o.out, values->size());
  }
  return Ok();
}

Status RunList(const Context& ctx) {
  auto output = FormatArg(ctx);
  if (!output) return Fail(output.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto imports = ListDataImports(*ws, LocalActor(ctx));
  if (!imports) return Fail(imports.error());
  if (*output == Format::kJson) {
    PrintJson(views::DataImportsJson(*imports), std::cout);
    return Ok();
  }
  if (imports->empty()) {
    std::cout << "no imports yet (antq import FILE records one)\n";
    return Ok();
  }
  Table t;
  t.keys = {"id", "at", "user", "file", "sha256", "imported", "updated", "ignored", "undone"};
  t.headers = {"Số", "Lúc", "Người nhập", "Tệp", "SHA-256", "Thêm", "Sửa", "Bỏ qua", "Hoàn tác"};
  for (const DataImport& d : *imports) {
    t.rows.push_back({std::to_string(d.id), d.at, d.user, d.file_name, d.sha256.substr(0, 12),
                      std::to_string(d.imported), std::to_string(d.updated),
                      std::to_string(d.ignored),
                      d.undone_at.empty() ? "" : d.undone_at + " (" + d.undone_by + ")"});
  }
  Print(t, *output, std::cout);
  return Ok();
}

Status RunTemplate(const Context& ctx, const TemplateArgs& a) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  const std::string out =
      a.out.empty() ? fmt::format("mau-{}-{}-{}.xlsx", a.data_set, a.under, a.period) : a.out;
  if (auto s = WriteDataEntryTemplate(*ws, LocalActor(ctx),
                                      {a.data_set, a.under, a.period, a.language}, out);
      !s) {
    return s;
  }
  std::cout << fmt::format("{}: fill-in template written; import it back with: antq import {}\n",
                           out, out);
  return Ok();
}

Status RunUndo(const Context& ctx, int64_t id) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto undone = UndoDataImport(*ws, LocalActor(ctx), id, Date::Today());
  if (!undone) return Fail(undone.error());
  std::cout << fmt::format("import {} undone: {} value(s) put back as they were, {} removed\n", id,
                           undone->restored, undone->removed);
  return Ok();
}

}  // namespace

void AddDataValuesCommands(CLI::App& app, Context& ctx) {
  static ImportOptionsArgs in;
  auto* import_cmd = app.add_subcommand(
      "import",
      "Nhập số liệu DHIS2 hoặc Excel / import a DHIS2 dataValueSet (JSON, CSV, ADX) or an "
      "Excel workbook");
  import_cmd->add_option("FILE", in.file, "The file");
  import_cmd->add_option("--format", in.format,
                         "dvs-json, dvs-csv, adx or xlsx (default: from the file's extension)");
  import_cmd->add_option("--mapping", in.mapping,
                         "xlsx: the sheet's layout, a name in data/mappings/ or a .toml file "
                         "(default: antq-template, what antq template xlsx writes)");
  import_cmd->add_option("--sheet", in.sheet,
                         "xlsx: the sheet (default: the mapping's, or the first)");
  import_cmd->add_option("--period", in.period, "xlsx: the period, when the sheet does not say it");
  import_cmd->add_option("--under", in.under,
                         "xlsx: match unit names among the units under this one (a code)");
  import_cmd->add_option("--strategy", in.strategy,
                         "CREATE, UPDATE, CREATE_AND_UPDATE (default) or DELETE");
  import_cmd->add_flag("--dry-run", in.dry_run, "Check every value and report; write nothing");
  import_cmd->add_flag("--skip-invalid", in.skip_invalid,
                       "Store the valid values when some are refused");
  import_cmd->callback([&ctx, import_cmd] {
    if (!import_cmd->get_subcommands().empty()) return;  // list or undo
    ctx.action = [&ctx] { return RunImport(ctx, in); };
  });
  auto* list_cmd = import_cmd->add_subcommand("list", "Các lần nhập / the recorded imports");
  list_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });
  static int64_t undo_id = 0;
  auto* undo_cmd = import_cmd->add_subcommand(
      "undo", "Hoàn tác một lần nhập / put back what one import changed");
  undo_cmd->add_option("ID", undo_id, "The import's number (antq import list)")->required();
  undo_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunUndo(ctx, undo_id); }; });

  static ExportOptionsArgs out;
  auto* export_cmd = app.add_subcommand(
      "export", "Xuất số liệu dạng DHIS2 / export stored figures as a DHIS2 dataValueSet");
  export_cmd->add_option("--format", out.format, "dvs-json (default), dvs-csv or adx");
  export_cmd->add_option("--under", out.under, "The area, as a unit code")->required();
  export_cmd->add_option("--period", out.period, "A year or years: 2022, 2019..2022")->required();
  export_cmd->add_option("--data-set", out.data_set, "Only this data set");
  export_cmd->add_option("--out", out.out, "Write to this file (default: standard output)");
  export_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunExport(ctx, out); }; });

  static TemplateArgs tpl;
  auto* template_cmd = app.add_subcommand("template", "Mẫu nhập số liệu / fill-in templates");
  template_cmd->require_subcommand(1);
  auto* xlsx_cmd = template_cmd->add_subcommand(
      "xlsx", "Mẫu Excel để nhập số liệu / an Excel workbook to fill in and import back");
  xlsx_cmd->add_option("--data-set", tpl.data_set, "The data set (antq catalog data-sets)")
      ->required();
  xlsx_cmd->add_option("--under", tpl.under, "The area: a row per unit under it")->required();
  xlsx_cmd->add_option("--period", tpl.period, "The period, of the data set's type: 202209, 2022")
      ->required();
  xlsx_cmd->add_option("--out", tpl.out, "The file (default: mau-DATASET-UNIT-PERIOD.xlsx)");
  xlsx_cmd->add_option("--language", tpl.language, "vi (default) or en: the headings");
  xlsx_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunTemplate(ctx, tpl); }; });
}

}  // namespace antq::cli
