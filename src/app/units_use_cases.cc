#include "app/units_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "app/catalog_use_cases.h"
#include "common/display_path.h"
#include "common/text.h"
#include "interop/units_file.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kNotFound, fmt::format("cannot read {}", file.string()), file.string());
  }
  std::ostringstream body;
  body << in.rdbuf();
  return body.str();
}

// Parses and applies one file to `registry` (a working copy) and records what changed.
Result<std::pair<UnitsFileReport, UnitChanges>> ApplyText(UnitRegistry& registry,
                                                          const std::string& text,
                                                          const std::string& label) {
  auto decl = ParseUnitsFile(text, label);
  if (!decl) return Fail(decl.error());
  auto changes = registry.Apply(*decl);
  if (!changes) return Fail(changes.error());
  UnitsFileReport report;
  report.file = label;
  report.versions_added = changes->versions.size();
  report.lineage_added = changes->events.size();
  report.groups_added = changes->groups.size();
  report.members_added = changes->memberships.size();
  for (const UnitGroup& g : changes->groups) report.members_added += g.members.size();
  report.unchanged = changes->unchanged;
  return std::make_pair(report, std::move(*changes));
}

Result<std::pair<UnitsFileReport, UnitChanges>> ApplyFile(UnitRegistry& registry,
                                                          const fs::path& file,
                                                          const std::string& label) {
  auto text = ReadFile(file);
  if (!text) return Fail(text.error());
  return ApplyText(registry, *text, label);
}

Result<InitReport> InitInto(Workspace& ws, const fs::path& data_dir) {
  InitReport report;
  report.database = ws.store().Describe();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto applied = ws.store().Migrate();
  if (!applied) return Fail(applied.error());
  report.migrations_applied = *applied;
  // Load what is stored (nothing for a new database) and add the shipped units.
  auto stored_units = ws.store().LoadUnits();
  if (!stored_units) return Fail(stored_units.error());
  UnitRegistry registry = std::move(*stored_units);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(data_dir / "units")) {
    if (entry.is_regular_file() && entry.path().extension() == ".tsv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    auto result = ApplyFile(registry, file, DisplayPath(file));
    if (!result) return Fail(result.error());
    if (auto s = ws.store().SaveUnitChanges(result->second); !s) return Fail(s.error());
    report.files.push_back(result->first);
  }
  ws.set_units(registry);
  auto catalog = ReadCatalogFolder(data_dir / "catalog");
  if (!catalog) return Fail(catalog.error());
  auto stored = ws.store().LoadCatalog();
  if (!stored) return Fail(stored.error());
  ws.set_catalog(stored->first, std::move(stored->second));
  auto upgrade = UpgradeCatalog(ws, Actor::LocalOperator("antq init"), *catalog);
  if (!upgrade) return Fail(upgrade.error());
  report.catalog_version = upgrade->version;
  report.catalog_changed = upgrade->changed;
  report.catalog_elements = upgrade->elements;
  report.catalog_data_sets = upgrade->data_sets;
  report.catalog_registers = upgrade->registers;
  auto summary = ws.store().Summary();
  if (!summary) return Fail(summary.error());
  report.summary = *summary;
  report.schema_version = summary->schema_version;
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  ws.set_units(std::move(registry));
  return report;
}

}  // namespace

Result<InitReport> InitDatabase(const std::string& db_url, const fs::path& data_dir) {
  std::string path = db_url;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  const bool existed = !path.empty() && fs::exists(path);
  Result<InitReport> report = [&]() -> Result<InitReport> {
    auto ws = Workspace::Open(db_url, OpenMode::kCreateIfMissing);
    if (!ws) return Fail(ws.error());
    return InitInto(*ws, data_dir);
  }();
  if (!report && !existed && !path.empty()) {
    // Leave no trace of a database that init itself created.
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
  }
  return report;
}

namespace {

// Applies units text read from `file` (or given as it is) in one audited write transaction.
Result<UnitsFileReport> ImportUnits(Workspace& ws, const Actor& actor,
                                    const std::optional<std::string>& text, const fs::path& file,
                                    const std::string& label) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  // Validate against what is stored now, inside the write transaction, so that a concurrent
  // writer cannot make the checks stale.
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().LoadUnits();
  if (!stored) return Fail(stored.error());
  UnitRegistry registry = std::move(*stored);
  auto result = text ? ApplyText(registry, *text, label) : ApplyFile(registry, file, label);
  if (!result) return Fail(result.error());
  if (!result->second.empty()) {
    if (auto s = ws.store().SaveUnitChanges(result->second); !s) return Fail(s.error());
    if (ws.store().SchemaVersion().value_or(0) >= 2) {
      AuditEntry audit;
      audit.user = actor.user;
      audit.client = actor.client;
      audit.action = "units.import";
      audit.subject = text ? label : file.filename().string();
      audit.new_value = fmt::format("{} versions, {} lineage events, {} groups, {} members",
                                    result->first.versions_added, result->first.lineage_added,
                                    result->first.groups_added, result->first.members_added);
      if (auto s = ws.store().AppendAudit(audit); !s) return Fail(s.error());
    }
    if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  }
  ws.set_units(std::move(registry));
  return result->first;
}

}  // namespace

Result<UnitsFileReport> ImportUnitsFile(Workspace& ws, const Actor& actor, const fs::path& file) {
  return ImportUnits(ws, actor, std::nullopt, file, file.string());
}

Result<UnitsFileReport> ImportUnitsText(Workspace& ws, const Actor& actor, const std::string& text,
                                        const std::string& label) {
  return ImportUnits(ws, actor, text, {}, label);
}

Result<std::vector<const UnitVersion*>> ListUnits(const Workspace& ws, const Actor& actor,
                                                  const UnitListQuery& q) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  const UnitRegistry& units = ws.units();
  if (q.under.empty()) {
    std::vector<const UnitVersion*> out;
    for (const UnitVersion& v : units.versions()) {
      if (v.parent_id == 0 && v.valid.Contains(q.at)) {
        if (!q.level || v.level == *q.level) out.push_back(&v);
        auto below = units.Descendants(v.unit_id, q.at, q.level);
        out.insert(out.end(), below.begin(), below.end());
      }
    }
    return out;
  }
  auto root = units.Resolve(q.under, q.at);
  if (!root) return Fail(root.error().Within("under"));
  return units.Descendants((*root)->unit_id, q.at, q.level);
}

Result<UnitDetails> ShowUnit(const Workspace& ws, const Actor& actor, const std::string& code,
                             Date at) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  const UnitRegistry& units = ws.units();
  auto v = units.Resolve(code, at);
  if (!v) return Fail(v.error());
  UnitDetails d;
  d.version = *v;
  d.ancestors = units.Ancestors((*v)->unit_id, at);
  d.history = units.VersionsOfUnit((*v)->unit_id);
  d.same_code = units.VersionsOfCode(code);
  return d;
}

Result<std::vector<LineageRow>> UnitLineage(const Workspace& ws, const Actor& actor,
                                            const std::string& code, Date at) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  const UnitRegistry& units = ws.units();
  auto v = units.Resolve(code, at);
  if (!v) return Fail(v.error());
  const UnitId id = (*v)->unit_id;
  std::vector<LineageRow> rows;
  // A rename or move links a unit to itself: one "from" row shows its previous version.
  for (const LineageEvent* e : units.EventsInto(id)) {
    for (const LineageLink& l : e->links) {
      if (l.to != id) continue;
      rows.push_back({"from", e, units.VersionOf(l.from, e->date.AddDays(-1)), l.weight});
    }
  }
  for (const LineageEvent* e : units.EventsFrom(id)) {
    for (const LineageLink& l : e->links) {
      if (l.from != id || l.to == id) continue;
      rows.push_back({"to", e, units.VersionOf(l.to, e->date), l.weight});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const LineageRow& a, const LineageRow& b) {
    if (a.event->date != b.event->date) return a.event->date < b.event->date;
    if (a.direction != b.direction) return a.direction == "from";
    return CompareVietnamese(a.unit ? a.unit->name : "", b.unit ? b.unit->name : "") < 0;
  });
  return rows;
}

Result<std::vector<const UnitVersion*>> SearchUnits(const Workspace& ws, const Actor& actor,
                                                    const std::string& text,
                                                    std::optional<Date> at) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  if (SearchKey(text).empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the search text has no letters or digits", "text");
  }
  return ws.units().Search(text, at);
}

Result<std::vector<UnitGroupOnDate>> ListUnitGroups(const Workspace& ws, const Actor& actor,
                                                    const std::string& code, Date at) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  std::vector<UnitGroupOnDate> out;
  std::string known;
  for (const UnitGroup& g : ws.units().groups()) {
    AppendListItem(known, g.code);
    if (!code.empty() && g.code != code) continue;
    UnitGroupOnDate row;
    row.group = &g;
    row.members = ws.units().GroupMembers(g, at);
    std::sort(row.members.begin(), row.members.end(),
              [](const UnitVersion* a, const UnitVersion* b) {
                return VietnameseSortKey(a->name) < VietnameseSortKey(b->name);
              });
    std::set<UnitId> ever;
    for (const UnitGroupMember& m : g.members) ever.insert(m.unit_id);
    row.ever = ever.size();
    out.push_back(std::move(row));
  }
  if (!code.empty() && out.empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no unit group {}; known: {}", QuoteForMessage(code),
                            known.empty() ? "none" : known),
                "group");
  }
  return out;
}

Result<PeriodWindow> ShowPeriod(const std::string& code, const std::string& calendar) {
  auto cal = Calendar::Find(calendar);
  if (!cal) return Fail(cal.error().Within("calendar"));
  auto period = Period::Parse(code);
  if (!period) return Fail(period.error());
  auto window = (*cal)->Window(*period);
  if (!window) return Fail(window.error());
  return PeriodWindow{*period, *cal, *window};
}

Result<PeriodWindow> PeriodOfDate(Date date, const std::string& type, const std::string& calendar) {
  auto cal = Calendar::Find(calendar);
  if (!cal) return Fail(cal.error().Within("calendar"));
  auto t = ParsePeriodType(type);
  if (!t) return Fail(t.error().At("type"));
  auto period = (*cal)->PeriodOf(date, *t);
  if (!period) return Fail(period.error());
  auto window = (*cal)->Window(*period);
  if (!window) return Fail(window.error());
  return PeriodWindow{*period, *cal, *window};
}

}  // namespace antq
