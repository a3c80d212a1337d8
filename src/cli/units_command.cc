#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/json_mapping.h"
#include "app/units_use_cases.h"
#include "cli/context.h"
#include "common/text.h"

namespace antq::cli {
namespace {

std::string DateOrEmpty(Date d) {
  return d == Date::Min() || d == Date::Max() ? std::string() : d.ToString();
}

std::string ParentCode(const Workspace& ws, const UnitVersion& v) {
  if (v.parent_id == 0) return {};
  const UnitVersion* p =
      ws.units().VersionOf(v.parent_id, v.valid.start == Date::Min() ? v.valid.end : v.valid.start);
  return p ? p->code : std::string();
}

Table UnitTable(const Workspace& ws, const std::vector<const UnitVersion*>& units) {
  Table t;
  t.keys = {"code", "name", "type", "level", "parent_code", "valid_from", "valid_to"};
  t.headers = {"Mã", "Tên", "Loại", "Cấp", "Mã cấp trên", "Hiệu lực từ", "Hiệu lực đến"};
  for (const UnitVersion* v : units) {
    t.rows.push_back({v->code, v->FullName(), v->type, std::string(UnitLevelName(v->level)),
                      ParentCode(ws, *v), DateOrEmpty(v->valid.start), DateOrEmpty(v->valid.end)});
  }
  return t;
}

struct UnitsOptions {
  std::string at;
  std::string under;
  std::string level;
  std::string code;
  std::string text;
  std::string file;
};

Result<Workspace> OpenWorkspace(const Context& ctx) {
  return Workspace::Open(ctx.db_url, OpenMode::kMustExist);
}

Status RunList(const Context& ctx, const UnitsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto at = DateArg(o.at, "--at");
  if (!at) return Fail(at.error());
  auto under = Arg(o.under, "--under");
  if (!under) return Fail(under.error());
  UnitListQuery q{*under, *at, {}};
  if (!o.level.empty()) {
    auto level = ParseUnitLevel(o.level);
    if (!level) return Fail(level.error().At("--level"));
    q.level = *level;
  }
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto units = ListUnits(*ws, LocalActor(ctx), q);
  if (!units) return Fail(units.error());
  if (*format == Format::kJson) {
    PrintJson(views::UnitList(*units), std::cout);
    return Ok();
  }
  Print(UnitTable(*ws, *units), *format, std::cout);
  return Ok();
}

Status RunShow(const Context& ctx, const UnitsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto at = DateArg(o.at, "--at");
  if (!at) return Fail(at.error());
  auto code = Arg(o.code, "CODE");
  if (!code) return Fail(code.error());
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto d = ShowUnit(*ws, LocalActor(ctx), *code, *at);
  if (!d) return Fail(d.error());
  const UnitVersion& v = *d->version;
  std::string chain;
  for (const UnitVersion* a : d->ancestors) AppendListItem(chain, a->FullName(), " › ");
  auto versions_text = [](const std::vector<const UnitVersion*>& vs) {
    std::vector<std::string> out;
    out.reserve(vs.size());
    for (const UnitVersion* x : vs) {
      out.push_back(fmt::format("{} {} ({})", x->code, x->FullName(), x->valid.ToString()));
    }
    return out;
  };
  if (*format == Format::kJson) {
    PrintJson(views::UnitDetailsJson(*d), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"field", "value"};
  t.headers = {"Thông tin", "Giá trị"};
  t.rows = {{"code", v.code},
            {"name", v.FullName()},
            {"level", fmt::format("{} ({})", UnitLevelName(v.level), v.type)},
            {"parents", chain},
            {"valid", v.valid.ToString()},
            {"as of", at->ToString()}};
  for (const std::string& h : versions_text(d->history)) t.rows.push_back({"unit history", h});
  for (const std::string& h : versions_text(d->same_code)) t.rows.push_back({"code used by", h});
  Print(t, *format, std::cout);
  return Ok();
}

Status RunLineage(const Context& ctx, const UnitsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto at = DateArg(o.at, "--at");
  if (!at) return Fail(at.error());
  auto code = Arg(o.code, "CODE");
  if (!code) return Fail(code.error());
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto rows = UnitLineage(*ws, LocalActor(ctx), *code, *at);
  if (!rows) return Fail(rows.error());
  if (*format == Format::kJson) {
    PrintJson(views::Lineage(*rows), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"direction",  "date",     "kind",   "code",  "name",
            "valid_from", "valid_to", "weight", "source"};
  t.headers = {"Chiều",       "Ngày",         "Loại",     "Mã",    "Tên",
               "Hiệu lực từ", "Hiệu lực đến", "Tỷ trọng", "Căn cứ"};
  for (const LineageRow& r : *rows) {
    t.rows.push_back({r.direction, r.event->date.ToString(),
                      std::string(LineageKindName(r.event->kind)), r.unit ? r.unit->code : "?",
                      r.unit ? r.unit->FullName() : "?",
                      r.unit ? DateOrEmpty(r.unit->valid.start) : "",
                      r.unit ? DateOrEmpty(r.unit->valid.end) : "", fmt::format("{:g}", r.weight),
                      r.event->source});
  }
  if (*format == Format::kTable) {
    const UnitVersion* v = ws->units().Find(*code, *at);
    std::cout << fmt::format("{} {} ({})\n", v->code, v->FullName(), v->valid.ToString());
  }
  Print(t, *format, std::cout);
  return Ok();
}

Status RunSearch(const Context& ctx, const UnitsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  std::optional<Date> at;
  if (!o.at.empty()) {
    auto d = DateArg(o.at, "--at");
    if (!d) return Fail(d.error());
    at = *d;
  }
  auto text = Arg(o.text, "TEXT");
  if (!text) return Fail(text.error());
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto units = SearchUnits(*ws, LocalActor(ctx), *text, at);
  if (!units) return Fail(units.error());
  if (*format == Format::kJson) {
    PrintJson(views::UnitList(*units), std::cout);
    return Ok();
  }
  Print(UnitTable(*ws, *units), *format, std::cout);
  return Ok();
}

Status RunImport(const Context& ctx, const UnitsOptions& o) {
  auto file = Arg(o.file, "FILE");
  if (!file) return Fail(file.error());
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto report = ImportUnitsFile(*ws, LocalActor(ctx), *file);
  if (!report) return Fail(report.error());
  std::cout << fmt::format(
      "{}: {} unit version(s), {} lineage event(s), {} group(s) and {} group member(s) added; {} "
      "unchanged{}\n",
      report->file, report->versions_added, report->lineage_added, report->groups_added,
      report->members_added, report->unchanged,
      report->added() == 0 ? " (nothing new: the file was already imported)" : "");
  return Ok();
}

Status RunGroups(const Context& ctx, const UnitsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  Date at = Date::Today();
  if (!o.at.empty()) {
    auto d = DateArg(o.at, "--at");
    if (!d) return Fail(d.error());
    at = *d;
  }
  auto ws = OpenWorkspace(ctx);
  if (!ws) return Fail(ws.error());
  auto groups = ListUnitGroups(*ws, LocalActor(ctx), o.code, at);
  if (!groups) return Fail(groups.error());
  SampleNotice(*ws, *format);  // the sample's members are synthetic
  if (groups->empty()) {
    std::cout << "Chưa có nhóm đơn vị nào / no unit groups yet: add them with antq units import "
                 "FILE (docs/units-file.md)\n";
    return Ok();
  }
  Table t;
  t.keys = {"group", "name", "name_en", "members", "ever"};
  t.headers = {"Nhóm", "Tên", "Name", fmt::format("Thành viên {}", at.ToString()), "Từng có"};
  for (const UnitGroupOnDate& g : *groups) {
    t.rows.push_back({g.group->code, g.group->name_vi, g.group->name_en,
                      std::to_string(g.members.size()), std::to_string(g.ever)});
  }
  // One group: its members too.
  if (!o.code.empty()) {
    const UnitGroupOnDate& g = groups->front();
    // Machine-readable output is the member list alone.
    if (*format == Format::kJson) {
      PrintJson(views::UnitList(g.members), std::cout);
      return Ok();
    }
    if (*format != Format::kTable) {
      Print(UnitTable(*ws, g.members), *format, std::cout);
      return Ok();
    }
    Print(t, *format, std::cout);
    if (g.members.empty()) {
      std::cout << fmt::format(
          "\nNhóm {0} không có thành viên ngày {1} / the group has no members on {1}\n",
          g.group->code, at.ToString());
      return Ok();
    }
    std::cout << "\n";
    Print(UnitTable(*ws, g.members), *format, std::cout);
    return Ok();
  }
  Print(t, *format, std::cout);
  return Ok();
}

}  // namespace

void AddUnitsCommand(CLI::App& app, Context& ctx) {
  auto* units = app.add_subcommand("units", "Đơn vị hành chính / administrative units");
  units->require_subcommand(1);
  static UnitsOptions o;

  auto* list =
      units->add_subcommand("list", "Liệt kê đơn vị / list the units under a unit on a date");
  list->add_option("--under", o.under, "Code of the unit whose descendants to list");
  list->add_option("--at", o.at, "Date YYYY-MM-DD (default: today)");
  list->add_option("--level", o.level, "Only this level: province, district, commune, residential");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx, o); }; });

  auto* show = units->add_subcommand("show", "Xem một đơn vị / show one unit on a date");
  show->add_option("CODE", o.code, "Unit code")->required();
  show->add_option("--at", o.at, "Date YYYY-MM-DD (default: today)");
  show->callback([&ctx] { ctx.action = [&ctx] { return RunShow(ctx, o); }; });

  auto* lineage = units->add_subcommand(
      "lineage", "Nguồn gốc và kế thừa / where a unit came from and what it became");
  lineage->add_option("CODE", o.code, "Unit code")->required();
  lineage->add_option("--at", o.at, "Date on which CODE is resolved (default: today)");
  lineage->callback([&ctx] { ctx.action = [&ctx] { return RunLineage(ctx, o); }; });

  auto* search = units->add_subcommand(
      "search", "Tìm theo tên, không phân biệt dấu / search names, accent-insensitive");
  search->add_option("TEXT", o.text, "Name or part of it, e.g. \"dak ha\"")->required();
  search->add_option("--at", o.at, "Only units valid on this date (default: all dates)");
  search->callback([&ctx] { ctx.action = [&ctx] { return RunSearch(ctx, o); }; });

  auto* groups = units->add_subcommand(
      "groups", "Nhóm đơn vị / unit groups (border communes, key areas, …) and their members");
  groups->add_option("CODE", o.code, "One group: list its members too");
  groups->add_option("--at", o.at, "Members on this date YYYY-MM-DD (default: today)");
  groups->callback([&ctx] { ctx.action = [&ctx] { return RunGroups(ctx, o); }; });

  auto* import_cmd = units->add_subcommand(
      "import", "Nhập tệp đơn vị / add units, lineage and groups from a units file");
  import_cmd->add_option("FILE", o.file, "An antq-units file (see docs/units-file.md)")->required();
  import_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunImport(ctx, o); }; });
}

}  // namespace antq::cli
