#include <fmt/format.h>

#include <iostream>

#include "app/events_use_cases.h"
#include "app/json_mapping.h"
#include "cli/context.h"
#include "domain/values.h"

namespace antq::cli {
namespace {

struct EventsOptions {
  std::string register_code;
  std::string unit;
  std::string date;
  std::string under;
  std::string from;
  std::string to;
  std::string active_on;
  std::string file;
  int64_t id = 0;
  bool skip_invalid = false;
  bool dry_run = false;
  std::vector<std::string> assignments;
};

Result<EventsQuery> Query(const EventsOptions& o) {
  EventsQuery q;
  q.register_code = o.register_code;
  q.under = o.under;
  if (!o.from.empty()) {
    auto d = DateArg(o.from, "--from");
    if (!d) return Fail(d.error());
    q.from = *d;
  }
  if (!o.to.empty()) {
    auto d = DateArg(o.to, "--to");
    if (!d) return Fail(d.error());
    q.to = *d;
  }
  if (q.to < q.from) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--to {} is before --from {}", o.to, o.from), "--to");
  }
  if (!o.active_on.empty()) {
    auto d = DateArg(o.active_on, "--active-on");
    if (!d) return Fail(d.error());
    q.active_on = *d;
  }
  return q;
}

Status RunAdd(const Context& ctx, const EventsOptions& o) {
  auto pairs = Assignments(o.assignments);
  if (!pairs) return Fail(pairs.error());
  EventInput in;
  in.register_code = o.register_code;
  in.unit = o.unit;
  in.date = o.date;
  for (const auto& [k, v] : *pairs) in.fields[k] = v;
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto added = AddEvent(*ws, LocalActor(ctx), in, Date::Today());
  if (!added) return Fail(added.error());
  std::cout << (added->unchanged
                    ? fmt::format("event {} already holds exactly this; nothing changed\n",
                                  added->id)
                    : fmt::format("event {} added\n", added->id));
  return Ok();
}

// What `list` and `summary` both need: the output format, the query and the open database.
struct Reading {
  Format format;
  EventsQuery query;
  Workspace ws;
};

Result<Reading> OpenReading(const Context& ctx, const EventsOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto q = Query(o);
  if (!q) return Fail(q.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  return Reading{*format, std::move(*q), std::move(*ws)};
}

Status RunList(const Context& ctx, const EventsOptions& o) {
  auto reading = OpenReading(ctx, o);
  if (!reading) return Fail(reading.error());
  const Format* format = &reading->format;
  Workspace* ws = &reading->ws;
  auto rows = ListEvents(*ws, LocalActor(ctx), reading->query);
  if (!rows) return Fail(rows.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    PrintJson(views::EventRows(*ws, *rows), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"id", "date", "unit_code", "unit", "parent", "fields"};
  t.headers = {"Số", "Ngày", "Mã", "Đơn vị", "Thuộc", "Nội dung"};
  for (const EventRow& r : *rows) {
    const UnitVersion* parent = r.unit && r.unit->parent_id
                                    ? ws->units().VersionOf(r.unit->parent_id, r.event.date)
                                    : nullptr;
    t.rows.push_back({std::to_string(r.event.id), r.event.date.ToString(),
                      r.unit ? r.unit->code : "?", r.unit ? r.unit->FullName() : "?",
                      parent ? parent->FullName() : "", EventFieldsText(*ws, r.event)});
  }
  Print(t, *format, std::cout);
  if (*format == Format::kTable) std::cout << fmt::format("{} event(s)\n", rows->size());
  return Ok();
}

Status RunSummary(const Context& ctx, const EventsOptions& o) {
  auto reading = OpenReading(ctx, o);
  if (!reading) return Fail(reading.error());
  const Format* format = &reading->format;
  Workspace* ws = &reading->ws;
  auto s = SummariseEvents(*ws, LocalActor(ctx), reading->query);
  if (!s) return Fail(s.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    PrintJson(views::EventSummaryJson(*s), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"measure", "value"};
  t.headers = {"Chỉ số", "Giá trị"};
  t.rows.push_back({"events", std::to_string(s->count)});
  t.rows.push_back({"units", std::to_string(s->units)});
  auto number = [](double v) { return TypedValue{v, ""}.ToString(); };
  for (const auto& [field, total] : s->field_totals) t.rows.push_back({field, number(total)});
  for (const auto& [item, total] : s->item_totals) t.rows.push_back({item, number(total)});
  if (!s->item_totals.empty()) t.rows.push_back({"items.counted", number(s->counted_items)});
  t.rows.push_back({"parent_units", std::to_string(s->by_parent.size())});
  Print(t, *format, std::cout);
  return Ok();
}

Status RunImport(const Context& ctx, const EventsOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto report = ImportEventsCsv(*ws, LocalActor(ctx), o.file, o.register_code,
                                {o.skip_invalid, o.dry_run}, Date::Today());
  if (!report) return Fail(report.error());
  for (const RowProblem& p : report->problems) {
    const std::string at = p.column > 0 ? fmt::format("{}:{}:{}", o.file, p.line, p.column)
                                        : fmt::format("{}:{}", o.file, p.line);
    std::cerr << fmt::format("{}: {}{}\n", at, p.field.empty() ? "" : p.field + ": ", p.message);
  }
  if (o.dry_run) {
    std::cout << fmt::format("{}: {} row(s) checked, {} invalid; nothing written (--dry-run)\n",
                             o.file, report->rows, report->problems.size());
    if (report->problems.empty()) return Ok();
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} of {} row(s) are invalid", report->problems.size(), report->rows),
                o.file);
  }
  if (!report->written) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} of {} row(s) are invalid; nothing was imported (use --skip-invalid "
                            "to import the valid rows)",
                            report->problems.size(), report->rows),
                o.file);
  }
  std::cout << fmt::format("{}: {} row(s): {} added, {} unchanged, {} skipped as invalid{}\n",
                           o.file, report->rows, report->added, report->unchanged,
                           report->problems.size(),
                           report->added == 0 && report->problems.empty()
                               ? " (nothing new: the file was already imported)"
                               : "");
  return Ok();
}

Status RunEdit(const Context& ctx, const EventsOptions& o) {
  auto pairs = Assignments(o.assignments);
  if (!pairs) return Fail(pairs.error());
  RawFields changes;
  for (const auto& [k, v] : *pairs) changes[k] = v;
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto changed = EditEvent(*ws, LocalActor(ctx), o.id, changes, Date::Today());
  if (!changed) return Fail(changed.error());
  std::cout << (*changed
                    ? fmt::format("event {} saved\n", o.id)
                    : fmt::format("event {} already holds exactly this; nothing changed\n", o.id));
  return Ok();
}

Status RunDelete(const Context& ctx, const EventsOptions& o, bool deleted) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  if (auto s = SetEventDeleted(*ws, LocalActor(ctx), o.id, deleted); !s) return s;
  std::cout << (deleted
                    ? fmt::format("event {} deleted (undo: antq events restore {})\n", o.id, o.id)
                    : fmt::format("event {} restored\n", o.id));
  return Ok();
}

void QueryOptions(CLI::App* cmd, EventsOptions& o) {
  cmd->add_option("--register", o.register_code, "propaganda, handin, model, festival, inspection")
      ->required();
  cmd->add_option("--under", o.under, "Unit code: its area across time (default: everywhere)");
  cmd->add_option("--from", o.from, "First date YYYY-MM-DD");
  cmd->add_option("--to", o.to, "Last date YYYY-MM-DD");
  cmd->add_option("--active-on", o.active_on, "Records active on this date (models)");
}

}  // namespace

void AddEventsCommand(CLI::App& app, Context& ctx) {
  auto* events = app.add_subcommand("events", "Sổ theo dõi sự kiện / registers of events");
  events->require_subcommand(1);
  static EventsOptions o;

  auto* add = events->add_subcommand("add", "Thêm một sự kiện / add one event: FIELD=VALUE …");
  add->add_option("--register", o.register_code, "Register")->required();
  add->add_option("--unit", o.unit, "Unit code (or exact name) on the event's date")->required();
  add->add_option("--date", o.date, "Date YYYY-MM-DD")->required();
  add->add_option("FIELDS", o.assignments, "FIELD=VALUE; items as items.sung=3");
  add->callback([&ctx] { ctx.action = [&ctx] { return RunAdd(ctx, o); }; });

  auto* list = events->add_subcommand("list", "Liệt kê sự kiện / list events");
  QueryOptions(list, o);
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx, o); }; });

  auto* summary = events->add_subcommand("summary", "Tổng hợp / count and totals of events");
  QueryOptions(summary, o);
  summary->callback([&ctx] { ctx.action = [&ctx] { return RunSummary(ctx, o); }; });

  auto* import_cmd = events->add_subcommand(
      "import", "Nhập tệp CSV / import a CSV file of one register (all rows or none)");
  import_cmd->add_option("FILE", o.file, "CSV with a header row")->required();
  import_cmd->add_option("--register", o.register_code, "Register of every row")->required();
  import_cmd->add_flag("--skip-invalid", o.skip_invalid, "Import the valid rows, list the others");
  import_cmd->add_flag("--dry-run", o.dry_run, "Check every row and report; write nothing");
  import_cmd->callback([&ctx] { ctx.action = [&ctx] { return RunImport(ctx, o); }; });

  auto* edit = events->add_subcommand("edit", "Sửa sự kiện / change fields of an event");
  edit->add_option("ID", o.id, "Event number")->required();
  edit->add_option("FIELDS", o.assignments, "FIELD=VALUE (date=…, unit=… too)")->required();
  edit->callback([&ctx] { ctx.action = [&ctx] { return RunEdit(ctx, o); }; });

  auto* del =
      events->add_subcommand("delete", "Xoá (có thể khôi phục) / delete an event (undoable)");
  del->add_option("ID", o.id, "Event number")->required();
  del->callback([&ctx] { ctx.action = [&ctx] { return RunDelete(ctx, o, true); }; });

  auto* restore = events->add_subcommand("restore", "Khôi phục / undo a delete");
  restore->add_option("ID", o.id, "Event number")->required();
  restore->callback([&ctx] { ctx.action = [&ctx] { return RunDelete(ctx, o, false); }; });
}

}  // namespace antq::cli
