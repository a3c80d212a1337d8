#include "app/report_use_cases.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "app/analytics_use_cases.h"
#include "app/events_use_cases.h"
#include "app/inspection_use_cases.h"
#include "app/validation_use_cases.h"
#include "common/display_path.h"
#include "common/secret.h"
#include "interop/template_toml.h"
#include "reports/periodic_report.h"
#include "reports/query_workbook.h"
#include "reports/report_file.h"

namespace antq {
namespace {

// The words all reports share (shared.vi.toml), then the report's own (inspection.vi.toml), in
// the language asked for.
Result<reports::Templates> LoadTemplates(const std::string& data_dir, const std::string& report,
                                         Language language) {
  auto dir = FindDataDir(data_dir);
  if (!dir) return Fail(dir.error());
  reports::Templates templates;
  for (const std::string& name : {std::string("shared"), report}) {
    const std::filesystem::path path =
        *dir / "templates" / fmt::format("{}.{}.toml", name, LanguageCode(language));
    const std::string shown = DisplayPath(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read the report's templates", shown);
    std::ostringstream text;
    text << in.rdbuf();
    auto texts = ReadTemplateToml(text.str(), shown);
    if (!texts) return Fail(texts.error());
    templates.Add(*texts, shown);
  }
  return templates;
}

std::string Text(const nlohmann::json& fields, const char* key) {
  auto it = fields.find(key);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string DayMonthYear(Date d) {
  return fmt::format("{:02d}/{:02d}/{}", d.day(), d.month(), d.year());
}

// The inspection the team recorded in ANTQ (antq serve, /api/v1/inspections) for `area` whose
// years overlap the range, preferring one that covers the range's last year, then the latest
// decision: its decision, findings and recommendations as the report states them.
Result<std::optional<std::pair<reports::InspectionRecord, Date>>> FindRecordedInspection(
    const Workspace& ws, const Actor& actor, const std::string& area, const Period& from,
    const Period& to) {
  auto all = ListInspections(ws, actor);
  if (!all) return Fail(all.error());
  const std::string first = std::to_string(from.year());
  const std::string last = std::to_string(to.year());
  const Inspection* best = nullptr;
  for (const Inspection& i : *all) {
    if (i.scope.code != area || i.period_from > last || i.period_to < first) continue;
    if (!best || std::pair(i.period_to >= last, i.decision_date) >
                     std::pair(best->period_to >= last, best->decision_date)) {
      best = &i;
    }
  }
  if (!best) return std::nullopt;
  auto details = GetInspection(ws, actor, best->id);
  if (!details) return Fail(details.error());
  reports::InspectionRecord r;
  r.decision_number = best->decision_number;
  r.decision_date = DayMonthYear(best->decision_date);
  r.issuing_body = best->issuing_body;
  r.subject = best->subject;
  for (const TeamMember& member : best->team) {
    if (member.head) {
      r.head_title = member.body.empty() ? member.title : member.title + ", " + member.body;
      break;
    }
  }
  for (const Finding& f : details->findings) r.findings.push_back(f.text);
  for (const Recommendation& rec : details->recommendations) {
    const UnitVersion* owner = ws.units().VersionOf(rec.responsible_unit, best->scope.as_of);
    r.recommendations.push_back({rec.text, owner ? owner->name : std::string(),
                                 rec.deadline.ToString(),
                                 std::string(RecommendationStatusName(rec.status))});
  }
  return std::make_optional(std::make_pair(std::move(r), best->decision_date));
}

// The inspection of `area` in the inspection register (records imported or entered as events)
// whose period overlaps the range, preferring one that ends in the range's last year, then the
// latest.
Result<std::optional<std::pair<reports::InspectionRecord, Date>>> FindRegisteredInspection(
    const Workspace& ws, const Actor& actor, const std::string& area, const Period& from,
    const Period& to) {
  if (!ws.catalog().FindRegister("inspection")) return std::nullopt;
  EventsQuery q;
  q.register_code = "inspection";
  q.under = area;
  q.from = *Date::FromYmd(from.year(), 1, 1);
  auto rows = ListEvents(ws, actor, q);
  if (!rows) return Fail(rows.error());
  const std::string first = std::to_string(from.year());
  const std::string last = std::to_string(to.year());
  auto overlaps = [&](const EventRow& row) {
    const std::string start = Text(row.event.fields, "period_from").substr(0, 4);
    const std::string end = Text(row.event.fields, "period_to").substr(0, 4);
    return !start.empty() && !end.empty() && start <= last && end >= first;
  };
  auto covers = [&](const EventRow& row) {
    return Text(row.event.fields, "period_to").rfind(last, 0) == 0;
  };
  const EventRow* best = nullptr;
  for (const EventRow& row : *rows) {
    if (!overlaps(row)) continue;
    if (!best ||
        std::pair(covers(row), row.event.date) > std::pair(covers(*best), best->event.date)) {
      best = &row;
    }
  }
  if (!best) return std::nullopt;
  const nlohmann::json& f = best->event.fields;
  reports::InspectionRecord r;
  r.decision_number = Text(f, "decision_number");
  if (auto d = Date::Parse(Text(f, "decision_date"))) r.decision_date = DayMonthYear(*d);
  r.issuing_body = Text(f, "issuing_body");
  r.head_title = Text(f, "head_title");
  r.subject = Text(f, "subject");
  if (std::string findings = Text(f, "findings"); !findings.empty()) {
    r.findings.push_back(std::move(findings));
  }
  if (auto it = f.find("recommendations"); it != f.end() && it->is_array()) {
    for (const nlohmann::json& item : *it) {
      r.recommendations.push_back(
          {Text(item, "text"), Text(item, "owner"), Text(item, "deadline"), Text(item, "status")});
    }
  }
  return std::make_optional(std::make_pair(std::move(r), best->event.date));
}

// What the team recorded in ANTQ, else the inspection register's record, else nothing.
Result<std::optional<std::pair<reports::InspectionRecord, Date>>> FindInspection(
    const Workspace& ws, const Actor& actor, const std::string& area, const Period& from,
    const Period& to) {
  auto recorded = FindRecordedInspection(ws, actor, area, from, to);
  if (!recorded || *recorded) return recorded;
  return FindRegisteredInspection(ws, actor, area, from, to);
}

// How the reports of every data set with a deadline came in from the units under `area`.
Result<std::vector<reports::ReportingTimeliness>> Timeliness(const Workspace& ws,
                                                             const std::string& area,
                                                             const std::vector<Period>& within) {
  std::vector<reports::ReportingTimeliness> out;
  for (const auto& [code, ds] : ws.catalog().data_sets()) {
    if (ds.submit_within_days <= 0) continue;
    std::vector<Period> periods;
    for (const Period& p : within) {
      if (PeriodsWithin(p, ds.period_type)) periods.push_back(p);
    }
    if (periods.empty()) continue;  // the data set's periods are longer than the report's
    auto counted = CountTimeliness(ws, ds, area, periods, Date::Today());
    if (!counted) return Fail(counted.error());
    out.push_back(std::move(counted->counts));
  }
  return out;
}

// Writes a built report in the format its file name asks for.
Result<ReportOutcome> Write(reports::Report& report, const std::filesystem::path& out,
                            bool used_inspection_record) {
  if (auto written = reports::WriteReportFile(report, out); !written) {
    return Fail(written.error());
  }
  ReportOutcome outcome;
  outcome.file = out;
  outcome.figures = std::move(report.figures);
  outcome.used_inspection_record = used_inspection_record;
  return outcome;
}

Result<reports::Report> BuildPeriodic(Workspace& ws, const ReportRequest& r, reports::Layout layout,
                                      Language language, const analytics::Engine& engine) {
  if (r.period.find("..") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                "a periodic report covers one period: a month (202303), a quarter (2023Q1), a "
                "half (2023S1) or a year (2023)",
                "period");
  }
  auto period = Period::Parse(r.period);
  if (!period) return Fail(period.error().At("period"));
  auto templates = LoadTemplates(r.data_dir, "periodic", language);
  if (!templates) return Fail(templates.error());
  reports::PeriodicRequest request;
  request.language = language;
  auto timeliness = Timeliness(ws, r.under, {*period});
  if (!timeliness) return Fail(timeliness.error());
  request.timeliness = std::move(*timeliness);
  request.area = r.under;
  request.period = *period;
  request.layout = layout;
  request.number = r.number;
  if (!r.date.empty()) {
    auto d = Date::Parse(r.date);
    if (!d) return Fail(d.error().At("date"));
    request.date = *d;
  } else {
    request.date = Date::Today();
  }
  if (ws.has_sample()) request.notice = kSampleNotice;
  return reports::BuildPeriodicReport(engine, ws.units(), ws.catalog(), *templates, request);
}

}  // namespace

Result<ReportOutcome> WriteReport(Workspace& ws, const Actor& actor, const ReportRequest& r) {
  if (r.kind != "inspection" && r.kind != "periodic") {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("unknown report '{}'; write inspection or periodic", r.kind), "report");
  }
  auto layout = reports::ParseLayout(r.layout);
  if (!layout) return Fail(layout.error());
  auto language = ParseLanguage(r.language);
  if (!language) return Fail(language.error());
  const std::string extension = r.out.extension().string();
  if (extension != ".docx" && extension != ".xlsx" && extension != ".pdf") {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}': give a file ending in .docx, .pdf or .xlsx", r.out.string()),
                "out");
  }
  if (r.under.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  if (r.period.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "is required", "period");
  }
  if (auto s = RequireArea(ws.units(), actor, r.under, Date::Today()); !s) return Fail(s.error());
  if (r.kind == "periodic") {
    auto engine = EnsureAnalytics(ws);
    if (!engine) return Fail(engine.error());
    auto report = BuildPeriodic(ws, r, *layout, *language, **engine);
    if (!report) return Fail(report.error());
    return Write(*report, r.out, false);
  }
  const size_t dots = r.period.find("..");
  auto from = Period::Parse(dots == std::string::npos ? r.period : r.period.substr(0, dots));
  if (!from) return Fail(from.error().At("period"));
  auto to = Period::Parse(dots == std::string::npos ? r.period : r.period.substr(dots + 2));
  if (!to) return Fail(to.error().At("period"));
  auto templates = LoadTemplates(r.data_dir, "inspection", *language);
  if (!templates) return Fail(templates.error());
  auto engine = EnsureAnalytics(ws);
  if (!engine) return Fail(engine.error());

  reports::InspectionRequest request;
  request.area = r.under;
  request.from = *from;
  request.to = *to;
  request.layout = *layout;
  request.language = *language;
  request.number = r.number;
  std::vector<Period> years;
  for (Period p = *from; !(*to < p); p = p.Next()) years.push_back(p);
  auto timeliness = Timeliness(ws, r.under, years);
  if (!timeliness) return Fail(timeliness.error());
  request.timeliness = std::move(*timeliness);
  auto inspection = FindInspection(ws, actor, r.under, *from, *to);
  if (!inspection) return Fail(inspection.error());
  if (*inspection) request.inspection = (*inspection)->first;
  if (!r.date.empty()) {
    auto d = Date::Parse(r.date);
    if (!d) return Fail(d.error().At("date"));
    request.date = *d;
  } else {
    request.date = *inspection ? (*inspection)->second : Date::Today();
  }
  if (ws.has_sample()) request.notice = kSampleNotice;
  auto report =
      reports::BuildInspectionReport(**engine, ws.units(), ws.catalog(), *templates, request);
  if (!report) return Fail(report.error());
  return Write(*report, r.out, request.inspection.has_value());
}

}  // namespace antq

namespace antq {
namespace {

const char* MediaType(const std::string& extension) {
  if (extension == ".pdf") return "application/pdf";
  if (extension == ".docx") {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

// The writers write files (replacing them only once complete); a download needs bytes. So the
// file is written into a private temporary folder, read back and removed with its folder.
Result<RenderedReport> WriteToBytes(
    const std::string& stem, const std::string& extension,
    const std::function<Result<std::filesystem::path>(const std::filesystem::path&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec) / ("antq-report-" + RandomToken(12));
  if (ec || !fs::create_directories(dir, ec)) {
    return Fail(ErrorCode::kIo, "cannot make a temporary folder for the report");
  }
  struct RemoveDir {
    fs::path dir;
    ~RemoveDir() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{dir};
  auto written = write(dir / (stem + extension));
  if (!written) return Fail(written.error());
  std::ifstream in(*written, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Fail(ErrorCode::kIo, "cannot read the report back");
  RenderedReport out;
  out.bytes = bytes.str();
  // "2019..2022" reads as "2019-2022" in a file name, and no other dot may look like one.
  out.file_name = stem;
  for (size_t at = out.file_name.find(".."); at != std::string::npos;
       at = out.file_name.find("..", at)) {
    out.file_name.erase(at, 1);
  }
  for (char& c : out.file_name) {
    if (c == '.') c = '-';
  }
  out.file_name += extension;
  out.media_type = MediaType(extension);
  return out;
}

// A measure as the workbook's heading names it: the element's name (with the option's), or
// the formula as written.
std::string MeasureName(const Catalog& catalog, const std::string& measure, Language language) {
  const bool vi = language == Language::kVietnamese;
  if (const DataElement* element = catalog.FindElement(measure)) {
    return vi || element->name_en.empty() ? element->name_vi : element->name_en;
  }
  if (auto found = catalog.FindMeasure(measure); found && found->first) {
    std::string name =
        vi || found->first->name_en.empty() ? found->first->name_vi : found->first->name_en;
    const Category* category = catalog.FindCategory(found->first->category);
    const CategoryOption* option = category ? category->Find(found->second) : nullptr;
    if (option) name += " – " + (vi || option->name_en.empty() ? option->name_vi : option->name_en);
    return name;
  }
  return measure;
}

}  // namespace

Result<RenderedReport> RenderReport(Workspace& ws, const Actor& actor,
                                    const ReportRequest& request) {
  const std::string stem =
      fmt::format("bao-cao-{}-{}-{}", request.kind == "periodic" ? "dinh-ky" : "kiem-tra",
                  request.under, request.period);
  return WriteToBytes(stem, request.out.extension().string(),
                      [&](const std::filesystem::path& out) -> Result<std::filesystem::path> {
                        ReportRequest r = request;
                        r.out = out;
                        auto written = WriteReport(ws, actor, r);
                        if (!written) return Fail(written.error());
                        return written->file;
                      });
}

Result<RenderedReport> ExportQuery(Workspace& ws, const Actor& actor, const QueryRequest& query,
                                   const std::string& language_code) {
  auto language = ParseLanguage(language_code);
  if (!language) return Fail(language.error().At("language"));
  auto result = RunQuery(ws, actor, query);
  if (!result) return Fail(result.error());
  reports::QueryWorkbookRequest request;
  request.language = *language;
  request.title = *language == Language::kVietnamese ? "Phân tích" : "Analysis";
  for (const std::string& measure : result->measures) {
    request.measure_names.push_back(MeasureName(ws.catalog(), measure, *language));
  }
  request.query = fmt::format("measure={}; under={}; by={}; period={}; calendar={}{}",
                              fmt::join(query.measures, " | "), query.under,
                              fmt::join(query.by, ","), query.period, query.calendar,
                              query.as_of.empty() ? "" : "; as_of=" + query.as_of);
  const reports::Report report = reports::QueryWorkbook(*result, request);
  const std::string stem = fmt::format("phan-tich-{}-{}", query.under, query.period);
  return WriteToBytes(stem, ".xlsx",
                      [&](const std::filesystem::path& out) -> Result<std::filesystem::path> {
                        if (auto s = reports::WriteReportFile(report, out); !s) {
                          return Fail(s.error());
                        }
                        return out;
                      });
}

}  // namespace antq
