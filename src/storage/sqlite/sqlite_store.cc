#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "storage/sqlite/migrations.h"

namespace antq::sqlite {
namespace {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Database& db) : db_(db) {}
  ~SqliteTransaction() override {
    if (!done_) (void)db_.Exec("ROLLBACK");
  }
  Status Commit() override {
    auto s = db_.Exec("COMMIT");
    done_ = s.has_value();
    return s;
  }

 private:
  Database& db_;
  bool done_ = false;
};

std::optional<std::string> DateText(Date d, Date open) {
  if (d == open) return std::nullopt;
  return d.ToString();
}

Result<Date> ReadDate(const Statement& s, int column, Date open) {
  if (s.IsNull(column)) return open;
  auto d = Date::Parse(s.Text(column));
  if (!d) return Fail(ErrorCode::kInternal, "corrupt date in database: " + d.error().message());
  return *d;
}

Result<DateRange> ReadRange(const Statement& s, int from_column) {
  auto from = ReadDate(s, from_column, Date::Min());
  if (!from) return Fail(from.error());
  auto to = ReadDate(s, from_column + 1, Date::Max());
  if (!to) return Fail(to.error());
  return DateRange{*from, *to};
}

std::string NowUtc() {
  const auto now = std::chrono::system_clock::now();
  const auto secs =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const Date d = Date::FromDays(secs / 86400);
  const int64_t s = secs % 86400;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", d.ToString(), s / 3600, (s / 60) % 60, s % 60);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, OpenMode mode) {
  auto db = Database::Open(path, mode == OpenMode::kCreateIfMissing);
  if (!db) return Fail(db.error());
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*db)));
}

Result<std::unique_ptr<Transaction>> SqliteStore::Begin() {
  if (auto s = db_.Exec("BEGIN IMMEDIATE"); !s) return Fail(s.error());
  return std::unique_ptr<Transaction>(new SqliteTransaction(db_));
}

Result<int> SqliteStore::SchemaVersion() {
  auto exists = db_.Prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists) return Fail(exists.error());
  if (auto r = exists->Step(); !r) return Fail(r.error());
  if (exists->Int(0) == 0) return 0;
  auto st = db_.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return Fail(st.error());
  if (auto r = st->Step(); !r) return Fail(r.error());
  return static_cast<int>(st->Int(0));
}

Result<int> SqliteStore::Migrate() {
  if (auto s = db_.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                        " applied_at TEXT NOT NULL) STRICT");
      !s) {
    return Fail(s.error());
  }
  auto current = SchemaVersion();
  if (!current) return Fail(current.error());
  const auto all = Migrations();
  if (!all.empty() && *current > all.back().version) {
    return Fail(ErrorCode::kConflict,
                fmt::format("the database has schema version {}, newer than this antq knows ({}); "
                            "upgrade antq",
                            *current, all.back().version),
                "--db");
  }
  int applied = 0;
  for (const Migration& m : all) {
    if (m.version <= *current) continue;
    if (auto s = db_.Exec(m.sql); !s) {
      return Fail(ErrorCode::kInternal, fmt::format("migration {} ({}) failed: {}", m.version,
                                                    m.name, s.error().message()));
    }
    auto ins =
        db_.Prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)");
    if (!ins) return Fail(ins.error());
    if (auto s = ins->Bind(1, int64_t{m.version}).Bind(2, m.name).Bind(3, NowUtc()).Run(); !s) {
      return Fail(s.error());
    }
    ++applied;
  }
  return applied;
}

Result<UnitRegistry> SqliteStore::LoadUnits() {
  std::vector<UnitVersion> versions;
  {
    auto st = db_.Prepare(
        "SELECT id, unit_id, code, level, type, name, coalesce(parent_unit_id, 0), valid_from, "
        "valid_to FROM unit_versions ORDER BY id");
    if (!st) return Fail(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      UnitVersion v;
      v.id = st->Int(0);
      v.unit_id = st->Int(1);
      v.code = st->Text(2);
      auto level = ParseUnitLevel(st->Text(3));
      if (!level) return Fail(level.error());
      v.level = *level;
      v.type = st->Text(4);
      v.name = st->Text(5);
      v.parent_id = st->Int(6);
      auto range = ReadRange(*st, 7);
      if (!range) return Fail(range.error());
      v.valid = *range;
      versions.push_back(std::move(v));
    }
  }
  std::vector<LineageEvent> events;
  {
    std::map<int64_t, size_t> index;
    auto st = db_.Prepare("SELECT id, event_date, kind, source FROM lineage_events ORDER BY id");
    if (!st) return Fail(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      LineageEvent e;
      e.id = st->Int(0);
      auto date = ReadDate(*st, 1, Date::Min());
      if (!date) return Fail(date.error());
      e.date = *date;
      auto kind = ParseLineageKind(st->Text(2));
      if (!kind) return Fail(kind.error());
      e.kind = *kind;
      e.source = st->Text(3);
      index[e.id] = events.size();
      events.push_back(std::move(e));
    }
    auto links = db_.Prepare(
        "SELECT event_id, from_unit_id, to_unit_id, weight FROM lineage_links "
        "ORDER BY event_id, rowid");
    if (!links) return Fail(links.error());
    while (true) {
      auto row = links->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      events[index.at(links->Int(0))].links.push_back(
          {links->Int(1), links->Int(2), links->Real(3)});
    }
  }
  std::vector<UnitGroup> groups;
  {
    std::map<int64_t, size_t> index;
    auto st = db_.Prepare("SELECT id, code, name_vi, name_en FROM unit_groups ORDER BY id");
    if (!st) return Fail(st.error());
    while (true) {
      auto row = st->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      index[st->Int(0)] = groups.size();
      groups.push_back({st->Int(0), st->Text(1), st->Text(2), st->Text(3), {}});
    }
    auto members = db_.Prepare(
        "SELECT group_id, unit_id, valid_from, valid_to FROM unit_group_members ORDER BY rowid");
    if (!members) return Fail(members.error());
    while (true) {
      auto row = members->Step();
      if (!row) return Fail(row.error());
      if (!*row) break;
      auto range = ReadRange(*members, 2);
      if (!range) return Fail(range.error());
      groups[index.at(members->Int(0))].members.push_back({members->Int(1), *range});
    }
  }
  return UnitRegistry::FromParts(std::move(versions), std::move(events), std::move(groups));
}

Status SqliteStore::SaveUnitChanges(const UnitChanges& changes) {
  auto unit = db_.Prepare("INSERT OR IGNORE INTO units(id) VALUES (?)");
  auto version = db_.Prepare(
      "INSERT INTO unit_versions(id, unit_id, code, level, type, name, parent_unit_id, valid_from, "
      "valid_to) VALUES (?,?,?,?,?,?,?,?,?)");
  auto event =
      db_.Prepare("INSERT INTO lineage_events(id, event_date, kind, source) VALUES (?,?,?,?)");
  auto link = db_.Prepare(
      "INSERT INTO lineage_links(event_id, from_unit_id, to_unit_id, weight) VALUES (?,?,?,?)");
  auto group = db_.Prepare("INSERT INTO unit_groups(id, code, name_vi, name_en) VALUES (?,?,?,?)");
  auto member = db_.Prepare(
      "INSERT INTO unit_group_members(group_id, unit_id, valid_from, valid_to) VALUES (?,?,?,?)");
  for (auto* st : {&unit, &version, &event, &link, &group, &member}) {
    if (!*st) return Fail(st->error());
  }
  for (const UnitVersion& v : changes.versions) {
    if (auto s = unit->Bind(1, v.unit_id).Run(); !s) return s;
  }
  for (const UnitVersion& v : changes.versions) {
    version->Bind(1, v.id).Bind(2, v.unit_id).Bind(3, v.code).Bind(4, UnitLevelName(v.level));
    version->Bind(5, v.type).Bind(6, v.name);
    if (v.parent_id) {
      version->Bind(7, v.parent_id);
    } else {
      version->BindNull(7);
    }
    version->BindOptional(8, DateText(v.valid.start, Date::Min()))
        .BindOptional(9, DateText(v.valid.end, Date::Max()));
    if (auto s = version->Run(); !s) return s;
  }
  for (const LineageEvent& e : changes.events) {
    if (auto s = event->Bind(1, e.id)
                     .Bind(2, e.date.ToString())
                     .Bind(3, LineageKindName(e.kind))
                     .Bind(4, e.source)
                     .Run();
        !s) {
      return s;
    }
    for (const LineageLink& l : e.links) {
      if (auto s = link->Bind(1, e.id).Bind(2, l.from).Bind(3, l.to).Bind(4, l.weight).Run(); !s) {
        return s;
      }
    }
  }
  auto save_member = [&](int64_t group_id, const UnitGroupMember& m) {
    return member->Bind(1, group_id)
        .Bind(2, m.unit_id)
        .BindOptional(3, DateText(m.valid.start, Date::Min()))
        .BindOptional(4, DateText(m.valid.end, Date::Max()))
        .Run();
  };
  for (const UnitGroup& g : changes.groups) {
    if (auto s = group->Bind(1, g.id).Bind(2, g.code).Bind(3, g.name_vi).Bind(4, g.name_en).Run();
        !s) {
      return s;
    }
    for (const UnitGroupMember& m : g.members) {
      if (auto s = save_member(g.id, m); !s) return s;
    }
  }
  for (const auto& m : changes.memberships) {
    if (auto s = save_member(m.group_id, m.member); !s) return s;
  }
  return Ok();
}

Result<int64_t> SqliteStore::Count(const char* table) {
  auto st = db_.Prepare(fmt::format("SELECT count(*) FROM {}", table));
  if (!st) return Fail(st.error());
  if (auto r = st->Step(); !r) return Fail(r.error());
  return st->Int(0);
}

Result<StoreSummary> SqliteStore::Summary() {
  StoreSummary s;
  auto version = SchemaVersion();
  if (!version) return Fail(version.error());
  s.schema_version = *version;
  if (s.schema_version == 0) return s;
  std::pair<const char*, int64_t*> counts[] = {{"units", &s.units},
                                               {"unit_versions", &s.unit_versions},
                                               {"lineage_events", &s.lineage_events},
                                               {"unit_groups", &s.unit_groups}};
  for (auto& [table, out] : counts) {
    auto n = Count(table);
    if (!n) return Fail(n.error());
    *out = *n;
  }
  return s;
}

}  // namespace antq::sqlite
