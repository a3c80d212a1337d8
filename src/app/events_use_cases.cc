#include "app/events_use_cases.h"

#include <fmt/format.h>

#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "app/analytics_use_cases.h"
#include "app/scope.h"
#include "common/hash.h"
#include "common/text.h"
#include "interop/event_csv.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

const Register* FindRegisterOrFail(const Workspace& ws, const std::string& code, Error* error) {
  const Register* r = ws.catalog().FindRegister(code);
  if (!r) {
    std::string known;
    for (const auto& [c, reg] : ws.catalog().registers()) AppendListItem(known, c, ", ");
    *error =
        Error(ErrorCode::kNotFound,
              fmt::format("unknown register '{}'; the catalogue has {}", code, known), "register");
  }
  return r;
}

// The unit of an event: a code valid on the event's date, or else a name that matches exactly
// one unit of the register's level on that date (accent-insensitive).
Result<const UnitVersion*> EventUnit(const Workspace& ws, const Register& reg,
                                     const std::string& text, Date date) {
  const UnitVersion* v = ws.units().Find(text, date);
  if (!v) {
    std::vector<const UnitVersion*> named;
    const std::string key = SearchKey(text);
    for (const UnitVersion* c : ws.units().Search(text, date)) {
      if (LevelRank(c->level) < LevelRank(reg.level)) continue;
      if (SearchKey(c->FullName()) == key || SearchKey(c->name) == key) named.push_back(c);
    }
    if (named.size() == 1) v = named.front();
    if (named.size() > 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' names {} units on {}; use the unit code", text, named.size(),
                              date.ToString()),
                  "unit");
    }
  }
  if (!v) {
    if (ws.units().VersionsOfCode(text).empty()) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("no unit has code or name '{}' on {}", text, date.ToString()),
                  "unit");
    }
    return Fail(ws.units().Resolve(text, date).error().At("unit"));
  }
  if (LevelRank(v->level) < LevelRank(reg.level)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("{} {} is a {}; register {} records events of a {} or below", v->code,
                    v->FullName(), UnitLevelName(v->level), reg.code, UnitLevelName(reg.level)),
        "unit");
  }
  return v;
}

Result<Event> PrepareEvent(const Workspace& ws, const EventInput& in, Date today) {
  Error error(ErrorCode::kNotFound, "");
  const Register* reg = FindRegisterOrFail(ws, in.register_code, &error);
  if (!reg) return Fail(error);
  auto date = Date::Parse(in.date);
  if (!date) return Fail(date.error().At("date"));
  if (*date > today) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is in the future; today is {}", in.date, today.ToString()), "date");
  }
  auto unit = EventUnit(ws, *reg, in.unit, *date);
  if (!unit) return Fail(unit.error());
  const UnitResolver resolve = [&](const std::string& code, Date d) -> Result<UnitId> {
    auto v = ws.units().Resolve(code, d);
    if (!v) return Fail(v.error());
    return (*v)->unit_id;
  };
  auto fields = BuildEventFields(*reg, ws.catalog(), in.fields, *date, resolve);
  if (!fields) return Fail(fields.error());
  Event e;
  e.register_code = reg->code;
  e.unit_id = (*unit)->unit_id;
  e.date = *date;
  e.fields = std::move(*fields);
  return e;
}

// The identity of an event's content; `fields_json` is e.fields.dump().
int64_t ContentHashOf(const Event& e, const std::string& fields_json) {
  return ContentHasher()
      .Add(e.register_code)
      .Add(std::to_string(e.unit_id))
      .Add(e.date.ToString())
      .Add(fields_json)
      .Finish();
}

int64_t ContentHashOf(const Event& e) { return ContentHashOf(e, e.fields.dump()); }

// An identical live event already stored, if any.
Result<std::optional<int64_t>> FindIdentical(Workspace& ws, const Event& e, int64_t hash) {
  auto same = ws.store().FindEventsByHash(e.register_code, e.date, hash);
  if (!same) return Fail(same.error());
  for (const Event& s : *same) {
    if (s.unit_id == e.unit_id && s.date == e.date && s.fields == e.fields) {
      return std::optional<int64_t>(s.id);
    }
  }
  return std::optional<int64_t>();
}

std::string EventSubject(const Event& e) {
  return fmt::format("event {} ({})", e.id, e.register_code);
}

std::string EventText(const Event& e) {
  return fmt::format("{} {}", e.date.ToString(), e.fields.dump());
}

Status Insert(Workspace& ws, Event& e, int64_t hash, const Actor& actor, const std::string& now) {
  e.created_by = e.updated_by = actor.user;
  e.created_at = e.updated_at = now;
  auto id = ws.store().InsertEvent(e, hash, e.fields.dump());
  if (!id) return Fail(id.error());
  e.id = *id;
  AuditEntry audit;
  audit.at = now;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = "event.add";
  audit.unit_id = e.unit_id;
  audit.subject = EventSubject(e);
  audit.new_value = EventText(e);
  return ws.store().AppendAudit(audit);
}

}  // namespace

Result<AddedEvent> AddEvent(Workspace& ws, const Actor& actor, const EventInput& input,
                            Date today) {
  auto event = PrepareEvent(ws, input, today);
  if (!event) return Fail(event.error());
  if (auto s = RequireUnit(actor, Action::kEnter, event->unit_id); !s) return Fail(s.error());
  const int64_t hash = ContentHashOf(*event);
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto existing = FindIdentical(ws, *event, hash);
  if (!existing) return Fail(existing.error());
  if (*existing) return AddedEvent{**existing, true};
  if (auto s = Insert(ws, *event, hash, actor, NowUtcIso()); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  NotifyEvent(ws, *event);
  return AddedEvent{event->id, false};
}

Result<bool> EditEvent(Workspace& ws, const Actor& actor, int64_t id, const RawFields& changes,
                       Date today) {
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().GetEvent(id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(ErrorCode::kNotFound, fmt::format("no event has id {}", id), "id");
  const Event before = **stored;
  if (auto s = RequireUnit(actor, Action::kEnter, before.unit_id); !s) return Fail(s.error());
  // Re-validate the whole event with the changes applied, from its typed form back to text.
  EventInput input;
  input.register_code = before.register_code;
  input.date = before.date.ToString();
  const auto versions = ws.units().VersionsOfUnit(before.unit_id);
  for (const UnitVersion* v : versions) {
    if (v->valid.Contains(before.date)) input.unit = v->code;
  }
  const Register* reg = ws.catalog().FindRegister(before.register_code);
  for (const auto& [key, value] : before.fields.items()) {
    const RegisterField* f = reg ? reg->Field(key) : nullptr;
    if (f && f->type == FieldType::kItems) {
      for (const auto& [option, q] : value.items()) input.fields[key + "." + option] = RawText(q);
    } else if (f && f->type == FieldType::kUnits) {
      std::string codes;
      for (const auto& unit_id : value) {
        for (const UnitVersion* v : ws.units().VersionsOfUnit(unit_id.get<UnitId>())) {
          if (v->valid.Contains(before.date)) AppendListItem(codes, v->code, " ");
        }
      }
      input.fields[key] = codes;
    } else {
      input.fields[key] = RawText(value);
    }
  }
  for (const auto& [key, value] : changes) {
    if (key == "date") {
      input.date = value;
    } else if (key == "unit") {
      input.unit = value;
    } else {
      input.fields[key] = value;
    }
  }
  auto after = PrepareEvent(ws, input, today);
  if (!after) return Fail(after.error());
  after->id = before.id;
  after->created_by = before.created_by;
  after->created_at = before.created_at;
  after->updated_by = actor.user;
  // The edited event must still be the actor's to enter (a moved event moves in scope only).
  if (auto s = RequireUnit(actor, Action::kEnter, after->unit_id); !s) return Fail(s.error());
  after->updated_at = NowUtcIso();
  if (after->unit_id == before.unit_id && after->date == before.date &&
      after->fields == before.fields) {
    return false;
  }
  if (auto s = ws.store().UpdateEvent(*after, ContentHashOf(*after)); !s) return Fail(s.error());
  AuditEntry audit;
  audit.at = after->updated_at;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = "event.edit";
  audit.unit_id = after->unit_id;
  audit.subject = EventSubject(*after);
  audit.old_value = EventText(before);
  audit.new_value = EventText(*after);
  if (auto s = ws.store().AppendAudit(audit); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  NotifyEvent(ws, *after);
  return true;
}

Status SetEventDeleted(Workspace& ws, const Actor& actor, int64_t id, bool deleted) {
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().GetEvent(id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(ErrorCode::kNotFound, fmt::format("no event has id {}", id), "id");
  Event e = **stored;
  if (auto s = RequireUnit(actor, Action::kEnter, e.unit_id); !s) return s;
  if (e.deleted == deleted) {
    return Fail(ErrorCode::kConflict,
                fmt::format("event {} is already {}", id, deleted ? "deleted" : "live"), "id");
  }
  e.deleted = deleted;
  e.updated_by = actor.user;
  e.updated_at = NowUtcIso();
  if (auto s = ws.store().UpdateEvent(e, ContentHashOf(e)); !s) return s;
  AuditEntry audit;
  audit.at = e.updated_at;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = deleted ? "event.delete" : "event.restore";
  audit.unit_id = e.unit_id;
  audit.subject = EventSubject(e);
  (deleted ? audit.old_value : audit.new_value) = EventText(e);
  if (auto s = ws.store().AppendAudit(audit); !s) return s;
  if (auto s = (*tx)->Commit(); !s) return s;
  NotifyEvent(ws, e);
  return Ok();
}

namespace {

const UnitVersion* VersionOn(const UnitRegistry& units, UnitId unit, Date d) {
  if (const UnitVersion* v = units.VersionOf(unit, d)) return v;
  const auto all = units.VersionsOfUnit(unit);
  return all.empty() ? nullptr : all.back();
}

Status ScanQuery(const Workspace& ws, const Actor& actor, const EventsQuery& q, const Register& reg,
                 const std::function<void(const Event&)>& visit) {
  Date at = q.active_on ? *q.active_on : (q.to == Date::Max() ? Date::Today() : q.to);
  auto area = AreaOf(ws.units(), q.under, at);
  if (!area) return Fail(area.error().At("under"));
  if (auto s = RequireArea(ws.units(), actor, q.under, at); !s) return s;
  if (q.active_on && reg.active_from.empty()) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("register {} has no records that last, so none is active on a day", reg.code),
        "active_on");
  }
  EventFilter filter;
  filter.register_code = reg.code;
  filter.units = area->unit_ids();
  filter.from = q.from;
  filter.to = q.active_on ? std::min(q.to, *q.active_on) : q.to;
  return ws.store().ScanEvents(filter, [&](const Event& e) {
    if (!area->Contains(e.unit_id, q.active_on ? *q.active_on : e.date)) return;
    if (q.active_on && !IsActiveOn(reg, e, *q.active_on)) return;
    if (!actor.MayReadAt(e.unit_id)) return;
    visit(e);
  });
}

}  // namespace

std::string EventFieldsText(const Workspace& ws, const Event& e) {
  const Register* reg = ws.catalog().FindRegister(e.register_code);
  std::string out;
  for (const auto& [key, value] : e.fields.items()) {
    const RegisterField* f = reg ? reg->Field(key) : nullptr;
    std::string text;
    if (f && f->type == FieldType::kUnits && value.is_array()) {
      for (const auto& id : value) {
        const UnitVersion* v = VersionOn(ws.units(), id.get<UnitId>(), e.date);
        AppendListItem(text, v ? v->code : "?", " ");
      }
    } else {
      text = value.is_string() ? value.get<std::string>() : value.dump();
    }
    AppendListItem(out, key + "=" + text, "; ");
  }
  return out;
}

Result<std::vector<EventRow>> ListEvents(const Workspace& ws, const Actor& actor,
                                         const EventsQuery& q) {
  Error error(ErrorCode::kNotFound, "");
  const Register* reg = FindRegisterOrFail(ws, q.register_code, &error);
  if (!reg) return Fail(error);
  std::vector<EventRow> rows;
  auto s = ScanQuery(ws, actor, q, *reg, [&](const Event& e) {
    rows.push_back({e, VersionOn(ws.units(), e.unit_id, e.date)});
  });
  if (!s) return Fail(s.error());
  return rows;
}

Result<EventSummary> SummariseEvents(const Workspace& ws, const Actor& actor,
                                     const EventsQuery& q) {
  Error error(ErrorCode::kNotFound, "");
  const Register* reg = FindRegisterOrFail(ws, q.register_code, &error);
  if (!reg) return Fail(error);
  EventSummary summary;
  std::set<UnitId> units;
  auto s = ScanQuery(ws, actor, q, *reg, [&](const Event& e) {
    ++summary.count;
    units.insert(e.unit_id);
    const UnitVersion* v = VersionOn(ws.units(), e.unit_id, e.date);
    const UnitVersion* parent =
        v && v->parent_id ? VersionOn(ws.units(), v->parent_id, e.date) : nullptr;
    ++summary.by_parent[parent ? parent->FullName() : "-"];
    for (const RegisterField& f : reg->fields) {
      auto it = e.fields.find(f.code);
      if (it == e.fields.end()) continue;
      if (IsNumericField(f.type) && it->is_number()) {
        summary.field_totals[f.code] += it->get<double>();
      } else if (f.type == FieldType::kItems && it->is_object()) {
        const Category* category = ws.catalog().FindCategory(f.category);
        for (const auto& [option, qty] : it->items()) {
          if (!qty.is_number()) continue;
          summary.item_totals[f.code + "." + option] += qty.get<double>();
          const CategoryOption* o = category ? category->Find(option) : nullptr;
          if (!o || o->counted) summary.counted_items += qty.get<double>();
        }
      }
    }
  });
  if (!s) return Fail(s.error());
  summary.units = units.size();
  return summary;
}

Result<CsvImportReport> ImportEventsCsv(Workspace& ws, const Actor& actor, const fs::path& file,
                                        const std::string& register_code,
                                        const CsvImportOptions& options, Date today) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kNotFound, fmt::format("cannot read {}", file.string()), file.string());
  }
  std::ostringstream body;
  body << in.rdbuf();
  return ImportEventsCsv(ws, actor, body.str(), file.string(), register_code, options, today);
}

Result<CsvImportReport> ImportEventsCsv(Workspace& ws, const Actor& actor, std::string_view text,
                                        const std::string& name, const std::string& register_code,
                                        const CsvImportOptions& options, Date today) {
  if (auto s = RequireRole(actor, Action::kEnter); !s) return Fail(s.error());
  Error error(ErrorCode::kNotFound, "");
  const Register* reg = FindRegisterOrFail(ws, register_code, &error);
  if (!reg) return Fail(error);
  auto csv = ReadEventCsv(text, name, *reg, ws.catalog());
  if (!csv) return Fail(csv.error());

  CsvImportReport report;
  report.register_code = reg->code;
  report.rows = csv->rows.size();

  // Rows are checked in batches on a second core while the previous batch is written. Writing
  // happens inside one transaction: if a row turns out to be invalid (and invalid rows are not
  // to be skipped), writing stops, every remaining row is still checked so that all problems are
  // reported, and the transaction is rolled back. Checking is pure: it reads units and the
  // catalogue only.
  struct Checked {
    int line = 0;
    std::optional<Event> event;
    int64_t hash = 0;
    std::string fields_json;
    RowProblem problem;
  };
  constexpr size_t kBatch = 8192;
  auto check_batch = [&](size_t begin) {
    std::vector<Checked> out;
    const size_t end = std::min(csv->rows.size(), begin + kBatch);
    out.reserve(end - begin);
    for (size_t r = begin; r < end; ++r) {
      EventCsvRow& row = csv->rows[r];
      Checked& c = out.emplace_back();
      c.line = row.line;
      if (!row.shape_problem.empty()) {
        c.problem = {row.line, 0, "", row.shape_problem};
        continue;
      }
      EventInput input{reg->code, std::move(row.unit), std::move(row.date), std::move(row.fields)};
      auto event = PrepareEvent(ws, input, today);
      if (!event) {
        const std::string& field = event.error().where();
        c.problem = {row.line, csv->ColumnOf(field), field, event.error().message()};
        continue;
      }
      if (auto allowed = RequireUnit(actor, Action::kEnter, event->unit_id); !allowed) {
        c.problem = {row.line, csv->ColumnOf("unit"), "unit", allowed.error().message()};
        continue;
      }
      c.fields_json = event->fields.dump();
      c.hash = ContentHashOf(*event, c.fields_json);
      c.event = std::move(*event);
    }
    return out;
  };

  std::unique_ptr<Transaction> tx;
  std::unordered_set<int64_t> stored_hashes;
  if (!options.dry_run) {
    auto begun = ws.store().Begin();
    if (!begun) return Fail(begun.error());
    tx = std::move(*begun);
    auto stored = ws.store().EventHashes(reg->code);
    if (!stored) return Fail(stored.error());
    stored_hashes.insert(stored->begin(), stored->end());
  }
  const std::string now = NowUtcIso();
  int64_t first_id = 0;
  int64_t last_id = 0;
  std::vector<Event> added;                     // for the analytics engine, when it is loaded
  std::unordered_map<int64_t, int> first_line;  // content hash -> line, to find duplicates
  const size_t total = csv->rows.size();
  first_line.reserve(total);
  std::future<std::vector<Checked>> next = std::async(std::launch::async, check_batch, 0);
  for (size_t begin = 0; begin < total; begin += kBatch) {
    std::vector<Checked> batch = next.get();
    if (begin + kBatch < total) next = std::async(std::launch::async, check_batch, begin + kBatch);
    for (Checked& c : batch) {
      if (!c.event) {
        report.problems.push_back(std::move(c.problem));
        continue;
      }
      if (auto [it, inserted] = first_line.emplace(c.hash, c.line); !inserted) {
        report.problems.push_back({c.line, 0, "", fmt::format("duplicate of line {}", it->second)});
        continue;
      }
      const bool writing = tx && (options.skip_invalid || report.problems.empty());
      if (!writing) continue;
      if (stored_hashes.contains(c.hash)) {
        auto existing = FindIdentical(ws, *c.event, c.hash);
        if (!existing) return Fail(existing.error());
        if (*existing) {
          ++report.unchanged;
          continue;
        }
      }
      c.event->created_by = c.event->updated_by = actor.user;
      c.event->created_at = c.event->updated_at = now;
      auto id = ws.store().InsertEvent(*c.event, c.hash, c.fields_json);
      if (!id) return Fail(id.error());
      if (first_id == 0) first_id = *id;
      last_id = *id;
      ++report.added;
      if (ws.analytics()) {
        c.event->id = *id;
        added.push_back(std::move(*c.event));
      }
    }
  }
  if (!tx || (!report.problems.empty() && !options.skip_invalid)) {
    // Dry run, or rejected: the transaction (if any) rolls back when `tx` goes.
    report.added = 0;
    report.unchanged = 0;
    return report;
  }
  // One audit entry for the import: each event carries who created it and when, and the entry
  // names the file and the ids it added.
  if (report.added > 0) {
    AuditEntry audit;
    audit.at = now;
    audit.user = actor.user;
    audit.client = actor.client;
    audit.action = "event.import";
    audit.subject = fmt::format("{} events ({}) from {}", report.added, reg->code,
                                fs::path(name).filename().string());
    audit.new_value = fmt::format("events {}..{}", first_id, last_id);
    if (auto s = ws.store().AppendAudit(audit); !s) return Fail(s.error());
  }
  if (auto s = tx->Commit(); !s) return Fail(s.error());
  for (const Event& ev : added) NotifyEvent(ws, ev);
  report.written = true;
  return report;
}

Result<std::vector<AuditRow>> RecentChanges(const Workspace& ws, const Actor& actor,
                                            const std::string& under, size_t limit, Date at) {
  auto area = AreaOf(ws.units(), under, at);
  if (!area) return Fail(area.error().At("under"));
  if (auto s = RequireArea(ws.units(), actor, under, at, Action::kReadAudit); !s) {
    return Fail(s.error());
  }
  auto entries = ws.store().RecentAudit(area->unit_ids(), limit);
  if (!entries) return Fail(entries.error());
  std::vector<AuditRow> rows;
  for (AuditEntry& e : *entries) {
    const auto versions = ws.units().VersionsOfUnit(e.unit_id);
    rows.push_back({std::move(e), versions.empty() ? nullptr : versions.back()});
  }
  return rows;
}

}  // namespace antq
