#include "storage/sql/sql_store.h"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "common/text.h"
#include "storage/catalog_codec.h"

namespace antq::sql {
namespace {

// The statement of one read: the connection's kept one when its text has bound parameters (the
// same text comes again), else one prepared for this read alone, so texts that name many ids
// do not fill the connection's cache.
class ReadStatement {
 public:
  static Result<ReadStatement> Of(Connection& db, const std::string& sql, bool keep) {
    ReadStatement r;
    if (keep) {
      auto cached = db.Cached(sql);
      if (!cached) return Fail(cached.error());
      r.lease_.emplace(std::move(*cached));
    } else {
      auto prepared = db.Prepare(sql);
      if (!prepared) return Fail(prepared.error());
      r.own_.emplace(std::move(*prepared));
    }
    return r;
  }
  Statement& operator*() { return lease_ ? **lease_ : *own_; }

 private:
  std::optional<Statement> own_;
  std::optional<StatementLease> lease_;
};

}  // namespace

// The outermost transaction is the backend's BEGIN … COMMIT; one begun inside it is a savepoint,
// so a use case can call others (the sample loader calls SetValues) and still commit once. The
// store's cached audit head is forgotten whenever writes are undone or the outer transaction
// ends, since it may no longer be the head.
class SqlTransaction final : public Transaction {
 public:
  SqlTransaction(SqlStore& store, bool read_only)
      : store_(store), level_(store.depth_), read_only_(read_only) {
    ++store_.depth_;
  }
  ~SqlTransaction() override {
    if (!done_) {
      if (level_ == 0) {
        (void)store_.Control("ROLLBACK");
      } else {
        (void)store_.Control(fmt::format("ROLLBACK TO SAVEPOINT sp{}", level_));
        (void)store_.Control(fmt::format("RELEASE SAVEPOINT sp{}", level_));
      }
      store_.audit_head_.reset();
      --store_.depth_;
    }
  }
  Status Commit() override {
    Status s = Ok();
    if (level_ == 0) {
      if (!read_only_) s = store_.BeforeCommit();
      if (s) s = store_.Control("COMMIT");
    } else {
      s = store_.Control(fmt::format("RELEASE SAVEPOINT sp{}", level_));
    }
    if (s) {
      done_ = true;
      --store_.depth_;
    }
    if (level_ == 0) store_.audit_head_.reset();
    return s;
  }

 private:
  SqlStore& store_;
  int level_;
  bool read_only_;
  bool done_ = false;
};

namespace {

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

std::string NowUtc() { return NowUtcIso(); }

// data_elements.value_type records how an element's values are stored, in the four words its
// CHECK constraint has always allowed: integer types as 'integer' (whole numbers in `number`),
// number and percentage as 'number', 'boolean' (0/1 in `number`), and text, long text and dates
// as 'text'. The precise type and bounds live in the catalogue document.
std::string_view StorageClassOf(ValueType type) {
  if (IsIntegerType(type)) return "integer";
  if (IsNumericType(type)) return "number";
  if (type == ValueType::kBoolean) return "boolean";
  return "text";
}

}  // namespace

Result<std::unique_ptr<Transaction>> SqlStore::Begin() {
  // A write transaction must start from no read at all: in SQLite a read left open pins an old
  // snapshot, and SQLite refuses at once (without the busy timeout) to upgrade it when another
  // process has committed since. Statements are leased and reset after each use, so this is a
  // bug if it happens.
  if (depth_ == 0 && db_.HasActiveStatement()) {
    return Fail(ErrorCode::kInternal,
                "a read is still open on the connection when a write begins; nothing was written");
  }
  const std::string sql = depth_ == 0 ? BeginSql() : fmt::format("SAVEPOINT sp{}", depth_);
  if (auto s = Control(sql); !s) return Fail(s.error());
  return std::unique_ptr<Transaction>(new SqlTransaction(*this, false));
}

Result<std::unique_ptr<Transaction>> SqlStore::BeginSnapshot() {
  if (depth_ != 0) {
    return Fail(ErrorCode::kInternal, "a snapshot is begun only outside other transactions");
  }
  if (auto s = db_.Exec(BeginSnapshotSql()); !s) return Fail(s.error());
  return std::unique_ptr<Transaction>(new SqlTransaction(*this, true));
}

Status SqlStore::ScanTable(const CopiedTable& table,
                           const std::function<Status(const TableRow&)>& visit) {
  auto st = db_.Prepare(SelectAllSql(table));
  if (!st) return Fail(st.error());
  TableRow row(table.columns.size());
  while (true) {
    auto more = st->Step();
    if (!more) return Fail(more.error());
    if (!*more) return Ok();
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const int c = static_cast<int>(i);
      if (st->IsNull(c)) {
        row[i].reset();
      } else if (table.columns[i].kind == ColumnKind::kInteger) {
        row[i] = std::to_string(st->Int(c));
      } else if (table.columns[i].kind == ColumnKind::kReal) {
        row[i] = RealText(st->Real(c));
      } else {
        row[i] = st->Text(c);
      }
    }
    if (auto s = visit(row); !s) return s;
  }
}

Status SqlStore::AppendRows(const CopiedTable& table, const std::vector<TableRow>& rows) {
  std::string marks;
  for (size_t i = 0; i < table.columns.size(); ++i) marks += i ? ",?" : "?";
  auto st = db_.Cached(
      fmt::format("INSERT INTO {} ({}) VALUES ({})", table.name, QuotedColumns(table), marks));
  if (!st) return Fail(st.error());
  for (const TableRow& row : rows) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      if (!row[i]) {
        (*st)->BindNull(index);
      } else if (table.columns[i].kind == ColumnKind::kInteger) {
        (*st)->Bind(index, static_cast<int64_t>(std::stoll(*row[i])));
      } else if (table.columns[i].kind == ColumnKind::kReal) {
        (*st)->Bind(index, std::stod(*row[i]));
      } else {
        (*st)->Bind(index, std::string_view(*row[i]));
      }
    }
    if (auto s = (*st)->Run(); !s) {
      return Fail(s.error().code(),
                  fmt::format("copying a row of {}: {}", table.name, s.error().message()));
    }
  }
  return Ok();
}

Result<int64_t> SqlStore::CountRows(const CopiedTable& table) {
  return Count(std::string(table.name).c_str());
}

Result<int> SqlStore::SchemaVersion() {
  auto exists = HasTable("schema_migrations");
  if (!exists) return Fail(exists.error());
  if (!*exists) return 0;
  auto st = db_.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return Fail(st.error());
  if (auto r = st->Step(); !r) return Fail(r.error());
  return static_cast<int>(st->Int(0));
}

int SqlStore::KnownSchemaVersion() const { return Migrations().back().version; }

Result<int> SqlStore::Migrate() {
  if (auto s = db_.Exec(MigrationsTableSql()); !s) {
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
                "db");
  }
  int applied = 0;
  for (const Migration& m : all) {
    if (m.version <= *current) continue;
    Status done = db_.Exec(MigrationSql(m));
    if (done && m.after) done = m.after(db_);
    if (!done) {
      return Fail(ErrorCode::kInternal, fmt::format("migration {} ({}) failed: {}", m.version,
                                                    m.name, done.error().message()));
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

Result<UnitRegistry> SqlStore::LoadUnits() {
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

Status SqlStore::SaveUnitChanges(const UnitChanges& changes) {
  auto unit = db_.Prepare("INSERT INTO units(id) VALUES (?) ON CONFLICT DO NOTHING");
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

namespace {

DataValue ReadValue(const Statement& st) {
  DataValue v;
  v.unit_id = st.Int(0);
  v.element = st.Text(1);
  v.option = st.Text(2);
  v.period = st.Text(3);
  v.data_set = st.Text(4);
  if (!st.IsNull(5)) {
    v.value.number = st.Real(5);
  } else {
    v.value.text = st.Text(6);
  }
  v.stored_by = st.Text(7);
  v.updated_at = st.Text(8);
  v.comment = st.Text(9);
  return v;
}

constexpr const char* kValueColumns =
    "unit_id, element, option, period, data_set, number, text, stored_by, updated_at, comment";
constexpr const char* kEventColumns =
    "id, register, unit_id, event_date, fields, deleted, created_by, created_at, updated_by, "
    "updated_at";

Result<Event> ReadEvent(const Statement& st) {
  Event e;
  e.id = st.Int(0);
  e.register_code = st.Text(1);
  e.unit_id = st.Int(2);
  auto d = Date::Parse(st.Text(3));
  if (!d) return Fail(ErrorCode::kInternal, "corrupt event date in database");
  e.date = *d;
  e.fields = nlohmann::json::parse(st.Text(4), nullptr, false);
  if (e.fields.is_discarded())
    return Fail(ErrorCode::kInternal, "corrupt event fields in database");
  e.deleted = st.Int(5) != 0;
  e.created_by = st.Text(6);
  e.created_at = st.Text(7);
  e.updated_by = st.Text(8);
  e.updated_at = st.Text(9);
  return e;
}

}  // namespace

Result<std::pair<int, Catalog>> SqlStore::LoadCatalog() {
  auto st =
      db_.Prepare("SELECT version, document FROM catalog_versions ORDER BY version DESC LIMIT 1");
  if (!st) return Fail(st.error());
  auto row = st->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::make_pair(0, Catalog());
  auto catalog = DecodeCatalog(st->Text(1));
  if (!catalog) return Fail(catalog.error());
  return std::make_pair(static_cast<int>(st->Int(0)), std::move(*catalog));
}

Status SqlStore::SaveCatalog(int version, const Catalog& catalog) {
  auto st =
      db_.Prepare("INSERT INTO catalog_versions(version, loaded_at, document) VALUES (?,?,?)");
  if (!st) return Fail(st.error());
  if (auto s =
          st->Bind(1, int64_t{version}).Bind(2, NowUtc()).Bind(3, EncodeCatalog(catalog)).Run();
      !s) {
    return s;
  }
  auto el = db_.Prepare(
      "INSERT INTO data_elements(code, value_type) VALUES (?,?) "
      "ON CONFLICT(code) DO UPDATE SET value_type = excluded.value_type");
  if (!el) return Fail(el.error());
  for (const auto& [code, e] : catalog.elements()) {
    if (auto s = el->Bind(1, code).Bind(2, StorageClassOf(e.value_type)).Run(); !s) return s;
  }
  return Ok();
}

Result<std::map<std::string, int64_t>> SqlStore::ValueCountsByElement() {
  std::map<std::string, int64_t> out;
  auto st = db_.Prepare("SELECT element, count(*) FROM data_values GROUP BY element");
  if (!st) return Fail(st.error());
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out[st->Text(0)] = st->Int(1);
  }
  return out;
}

Result<std::optional<DataValue>> SqlStore::GetValue(UnitId unit, const std::string& element,
                                                    const std::string& option,
                                                    const std::string& period) {
  // The SQL is built once: a write reads and writes values many times.
  static const std::string kSql = fmt::format(
      "SELECT {} FROM data_values WHERE unit_id = ? AND element = ? "
      "AND option = ? AND period = ?",
      kValueColumns);
  auto st = db_.Cached(kSql);
  if (!st) return Fail(st.error());
  (*st)->Bind(1, unit).Bind(2, element).Bind(3, option).Bind(4, period);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<DataValue>();
  return std::optional<DataValue>(ReadValue(**st));
}

Status SqlStore::PutValue(const DataValue& v) {
  static const std::string kSql = fmt::format(
      "INSERT INTO data_values({}) VALUES (?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT(unit_id, element, option, period) DO UPDATE SET data_set = excluded.data_set, "
      "number = excluded.number, text = excluded.text, stored_by = excluded.stored_by, "
      "updated_at = excluded.updated_at, comment = excluded.comment",
      kValueColumns);
  auto st = db_.Cached(kSql);
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, v.unit_id).Bind(2, v.element).Bind(3, v.option).Bind(4, v.period).Bind(5, v.data_set);
  if (v.value.number) {
    s.Bind(6, *v.value.number).BindNull(7);
  } else {
    s.BindNull(6).Bind(7, v.value.text);
  }
  s.Bind(8, v.stored_by).Bind(9, v.updated_at).Bind(10, v.comment);
  return s.Run();
}

Status SqlStore::DeleteValue(UnitId unit, const std::string& element, const std::string& option,
                             const std::string& period) {
  auto st = db_.Cached(
      "DELETE FROM data_values WHERE unit_id = ? AND element = ? AND option = ? AND period = ?");
  if (!st) return Fail(st.error());
  return (*st)->Bind(1, unit).Bind(2, element).Bind(3, option).Bind(4, period).Run();
}

Status SqlStore::ScanValues(const ValueFilter& filter,
                            const std::function<void(const DataValue&)>& visit) {
  // Short lists are bound as parameters, so the SQL depends only on how long each list is: a
  // report form (a unit, its data set's elements and options, a period) reuses one prepared
  // statement per data set instead of parsing the query on every read. Long lists (an area's
  // units, beyond SQLite's limit on parameters) are written into the SQL and prepared once.
  constexpr size_t kMostBinds = 64;
  const size_t binds =
      filter.units.size() + filter.elements.size() + filter.options.size() + filter.periods.size();
  const bool bound = binds <= kMostBinds;
  auto list = [&](const auto& items, auto inline_list) {
    if (!bound) return inline_list(items);
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) AppendListItem(out, "?", ",");
    return out;
  };
  auto quoted = [](const std::vector<std::string>& items) { return QuotedList(items); };
  std::string where = "1 = 1";
  if (!filter.units.empty()) {
    where += " AND unit_id IN (" + list(filter.units, IdList) + ")";
  }
  if (!filter.elements.empty()) where += " AND element IN (" + list(filter.elements, quoted) + ")";
  if (!filter.options.empty()) where += " AND option IN (" + list(filter.options, quoted) + ")";
  if (!filter.periods.empty()) where += " AND period IN (" + list(filter.periods, quoted) + ")";
  const std::string sql =
      fmt::format("SELECT {} FROM data_values WHERE {} ORDER BY element, option, period, unit_id",
                  kValueColumns, where);
  // A cached statement serves one scan at a time: a scan started from inside another one's
  // visitor prepares its own.
  auto statement = ReadStatement::Of(db_, sql, bound && scanning_values_ == 0);
  if (!statement) return Fail(statement.error());
  Statement* st = &**statement;
  if (bound) {
    int index = 1;
    for (int64_t unit : filter.units) st->Bind(index++, unit);
    for (const std::string& e : filter.elements) st->Bind(index++, e);
    for (const std::string& o : filter.options) st->Bind(index++, o);
    for (const std::string& p : filter.periods) st->Bind(index++, p);
  }
  ++scanning_values_;
  struct Done {
    int& depth;
    ~Done() { --depth; }
  } done{scanning_values_};
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return Ok();
    visit(ReadValue(*st));
  }
}

Status SqlStore::ScanNumbers(const std::function<void(const NumberRow&)>& visit) {
  // In key order (the table's primary key), so the engine can build its columns as it reads.
  auto st = db_.Prepare(
      "SELECT unit_id, element, option, data_set, period, number FROM data_values "
      "WHERE number IS NOT NULL ORDER BY unit_id, element, option, period");
  if (!st) return Fail(st.error());
  NumberRow row;
  while (true) {
    auto more = st->Step();
    if (!more) return Fail(more.error());
    if (!*more) return Ok();
    row.unit = st->Int(0);
    row.element = st->TextView(1);
    row.option = st->TextView(2);
    row.data_set = st->TextView(3);
    row.period = st->TextView(4);
    row.number = st->Real(5);
    visit(row);
  }
}

Result<int64_t> SqlStore::InsertEvent(const Event& e, int64_t content_hash,
                                      const std::string& fields_json) {
  // An import inserts rows by the million: where the connection knows the id it gave the last
  // row (SQLite), the insert is run without RETURNING, which costs SQLite a temporary table and
  // a statement journal for every row (RETURNING makes the insert a multi-row write).
  static constexpr std::string_view kInsert =
      "INSERT INTO events(register, unit_id, event_date, fields, content_hash, deleted, "
      "created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)";
  static const std::string kInsertReturning = std::string(kInsert) + " RETURNING id";
  const bool returning = !db_.HasLastInsertRowId();
  auto st = db_.Cached(returning ? std::string_view(kInsertReturning) : kInsert);
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, e.register_code).Bind(2, e.unit_id).Bind(3, e.date.ToString()).Bind(4, fields_json);
  s.Bind(5, content_hash).Bind(6, int64_t{e.deleted ? 1 : 0}).Bind(7, e.created_by);
  s.Bind(8, e.created_at).Bind(9, e.updated_by).Bind(10, e.updated_at);
  if (returning) return s.RunReturningId();
  if (auto done = s.Run(); !done) return Fail(done.error());
  return db_.LastInsertRowId();
}

Status SqlStore::UpdateEvent(const Event& e, int64_t content_hash) {
  auto st = db_.Cached(
      "UPDATE events SET unit_id = ?, event_date = ?, fields = ?, content_hash = ?, deleted = ?, "
      "updated_by = ?, updated_at = ? WHERE id = ?");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, e.unit_id).Bind(2, e.date.ToString()).Bind(3, e.fields.dump()).Bind(4, content_hash);
  s.Bind(5, int64_t{e.deleted ? 1 : 0}).Bind(6, e.updated_by).Bind(7, e.updated_at).Bind(8, e.id);
  return s.Run();
}

Result<std::optional<Event>> SqlStore::GetEvent(int64_t id) {
  static const std::string kSql = fmt::format("SELECT {} FROM events WHERE id = ?", kEventColumns);
  auto st = db_.Cached(kSql);
  if (!st) return Fail(st.error());
  (*st)->Bind(1, id);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Event>();
  auto e = ReadEvent(**st);
  if (!e) return Fail(e.error());
  return std::optional<Event>(std::move(*e));
}

Result<std::vector<int64_t>> SqlStore::EventHashes(const std::string& register_code) {
  auto st = db_.Prepare("SELECT content_hash FROM events WHERE register = ? AND deleted = 0");
  if (!st) return Fail(st.error());
  st->Bind(1, register_code);
  std::vector<int64_t> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back(st->Int(0));
  }
}

Result<std::vector<Event>> SqlStore::FindEventsByHash(const std::string& register_code, Date date,
                                                      int64_t content_hash) {
  static const std::string kSql = fmt::format(
      "SELECT {} FROM events WHERE register = ? AND event_date = ? AND content_hash = ? AND "
      "deleted = 0",
      kEventColumns);
  auto st = db_.Cached(kSql);
  if (!st) return Fail(st.error());
  (*st)->Bind(1, register_code).Bind(2, date.ToString()).Bind(3, content_hash);
  std::vector<Event> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    auto e = ReadEvent(**st);
    if (!e) return Fail(e.error());
    out.push_back(std::move(*e));
  }
}

Status SqlStore::ScanEvents(const EventFilter& filter,
                            const std::function<void(const Event&)>& visit) {
  std::string where = "register = ?1 AND event_date >= ?2 AND event_date <= ?3";
  if (!filter.include_deleted) where += " AND deleted = 0";
  if (!filter.units.empty()) where += " AND unit_id IN (" + IdList(filter.units) + ")";
  auto st = db_.Prepare(
      fmt::format("SELECT {} FROM events WHERE {} ORDER BY event_date, id", kEventColumns, where));
  if (!st) return Fail(st.error());
  st->Bind(1, filter.register_code)
      .Bind(2, filter.from == Date::Min() ? std::string("0000-00-00") : filter.from.ToString())
      .Bind(3, filter.to == Date::Max() ? std::string("9999-99-99") : filter.to.ToString());
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return Ok();
    auto e = ReadEvent(*st);
    if (!e) return Fail(e.error());
    visit(*e);
  }
}

Status SqlStore::ScanStoredEvents(const std::function<void(const StoredEventRow&)>& visit) {
  auto st = db_.Prepare(
      "SELECT id, register, unit_id, event_date, fields, deleted FROM events ORDER BY id");
  if (!st) return Fail(st.error());
  StoredEventRow row;
  while (true) {
    auto more = st->Step();
    if (!more) return Fail(more.error());
    if (!*more) return Ok();
    row.id = st->Int(0);
    row.register_code = st->TextView(1);
    row.unit = st->Int(2);
    row.date = st->TextView(3);
    row.fields = st->TextView(4);
    row.deleted = st->Int(5) != 0;
    visit(row);
  }
}

namespace {

// A row of `SELECT unit_id, period, state, changed_by, changed_at FROM report_status`.
ReportStatus ReadReportStatus(const Statement& st, const std::string& data_set) {
  ReportStatus r;
  r.unit_id = static_cast<UnitId>(st.Int(0));
  r.data_set = data_set;
  r.period = st.Text(1);
  // The CHECK constraint admits only the four states.
  r.state = ParseReportState(st.TextView(2)).value_or(ReportState::kDraft);
  r.changed_by = st.Text(3);
  r.changed_at = st.Text(4);
  r.comment = st.Text(5);
  r.submitted_at = st.Text(6);
  return r;
}

constexpr const char* kReportStatusColumns =
    "unit_id, period, state, changed_by, changed_at, comment, submitted_at";

}  // namespace

Result<std::optional<ReportStatus>> SqlStore::GetReportStatus(UnitId unit,
                                                              const std::string& data_set,
                                                              const std::string& period) {
  static const std::string kSql =
      fmt::format("SELECT {} FROM report_status WHERE unit_id = ? AND data_set = ? AND period = ?",
                  kReportStatusColumns);
  auto st = db_.Cached(kSql);
  if (!st) return Fail(st.error());
  (*st)->Bind(1, static_cast<int64_t>(unit)).Bind(2, data_set).Bind(3, period);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<ReportStatus>();
  return std::optional<ReportStatus>(ReadReportStatus(**st, data_set));
}

Status SqlStore::PutReportStatus(const ReportStatus& r) {
  auto st = db_.Cached(
      "INSERT INTO report_status(unit_id, data_set, period, state, changed_by, changed_at, "
      "comment, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(unit_id, data_set, "
      "period) DO UPDATE SET state = excluded.state, changed_by = excluded.changed_by, "
      "changed_at = excluded.changed_at, comment = excluded.comment, "
      "submitted_at = excluded.submitted_at");
  if (!st) return Fail(st.error());
  return (*st)
      ->Bind(1, static_cast<int64_t>(r.unit_id))
      .Bind(2, r.data_set)
      .Bind(3, r.period)
      .Bind(4, ReportStateName(r.state))
      .Bind(5, r.changed_by)
      .Bind(6, r.changed_at)
      .Bind(7, r.comment)
      .Bind(8, r.submitted_at)
      .Run();
}

Result<std::vector<ReportStatus>> SqlStore::ReportStatuses(const std::string& data_set,
                                                           const std::string& first,
                                                           const std::string& last) {
  // Period codes of one type sort as their periods do ("201912" < "202001").
  auto st = db_.Cached(fmt::format(
      "SELECT {} FROM report_status WHERE data_set = ? AND period >= ? AND period <= ? AND "
      "length(period) = ?",
      kReportStatusColumns));
  if (!st) return Fail(st.error());
  (*st)->Bind(1, data_set).Bind(2, first).Bind(3, last).Bind(4, static_cast<int64_t>(first.size()));
  std::vector<ReportStatus> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadReportStatus(**st, data_set));
  }
  return out;
}

Status SqlStore::PutEvaluationRecord(const EvaluationRecord& r) {
  auto st = db_.Cached(
      "INSERT INTO evaluation_results(criteria_set, period, unit_id, met, detail, basis, "
      "recogniser, evaluated_by, evaluated_at, confirmed_by, confirmed_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(criteria_set, period, unit_id) DO UPDATE SET "
      "met = excluded.met, detail = excluded.detail, basis = excluded.basis, "
      "recogniser = excluded.recogniser, evaluated_by = excluded.evaluated_by, "
      "evaluated_at = excluded.evaluated_at, confirmed_by = excluded.confirmed_by, "
      "confirmed_at = excluded.confirmed_at");
  if (!st) return Fail(st.error());
  return (*st)
      ->Bind(1, r.criteria_set)
      .Bind(2, r.period)
      .Bind(3, static_cast<int64_t>(r.unit_id))
      .Bind(4, static_cast<int64_t>(r.met ? 1 : 0))
      .Bind(5, r.detail)
      .Bind(6, r.basis)
      .Bind(7, r.recogniser)
      .Bind(8, r.evaluated_by)
      .Bind(9, r.evaluated_at)
      .Bind(10, r.confirmed_by)
      .Bind(11, r.confirmed_at)
      .Run();
}

Result<std::vector<EvaluationRecord>> SqlStore::EvaluationRecords(
    const std::string& criteria_set, const std::string& period, const std::vector<UnitId>& units) {
  // A save asks after every write for the verdicts of a unit and its ancestors in one set and
  // year: with a set, a period and a few units the SQL depends only on how many units there are,
  // so it is prepared once and reused, and it names the key's columns so that the primary key
  // finds the rows. Other shapes (a whole area, any set) are prepared for the one call.
  constexpr size_t kMostBoundUnits = 16;
  const bool exact = !criteria_set.empty() && !period.empty();
  const bool bound = exact && !units.empty() && units.size() <= kMostBoundUnits;
  std::string where = exact ? "criteria_set = ?1 AND period = ?2"
                            : "(?1 = '' OR criteria_set = ?1) AND (?2 = '' OR period = ?2)";
  if (bound) {
    std::string marks;
    for (size_t i = 0; i < units.size(); ++i) AppendListItem(marks, fmt::format("?{}", i + 3), ",");
    where += " AND unit_id IN (" + marks + ")";
  } else if (!units.empty()) {
    where += " AND unit_id IN (" + IdList(units) + ")";
  }
  const std::string sql = fmt::format(
      "SELECT criteria_set, period, unit_id, met, detail, basis, recogniser, evaluated_by, "
      "evaluated_at, confirmed_by, confirmed_at FROM evaluation_results WHERE {} "
      "ORDER BY criteria_set, period, unit_id",
      where);
  auto statement = ReadStatement::Of(db_, sql, bound);
  if (!statement) return Fail(statement.error());
  Statement* st = &**statement;
  st->Bind(1, criteria_set).Bind(2, period);
  if (bound) {
    for (size_t i = 0; i < units.size(); ++i) {
      st->Bind(static_cast<int>(i) + 3, static_cast<int64_t>(units[i]));
    }
  }
  std::vector<EvaluationRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    EvaluationRecord r;
    r.criteria_set = st->Text(0);
    r.period = st->Text(1);
    r.unit_id = static_cast<UnitId>(st->Int(2));
    r.met = st->Int(3) != 0;
    r.detail = st->Text(4);
    r.basis = st->Text(5);
    r.recogniser = st->Text(6);
    r.evaluated_by = st->Text(7);
    r.evaluated_at = st->Text(8);
    r.confirmed_by = st->Text(9);
    r.confirmed_at = st->Text(10);
    out.push_back(std::move(r));
  }
}

Result<std::optional<std::string>> SqlStore::GetMeta(const std::string& key) {
  auto st = db_.Cached("SELECT value FROM meta WHERE key = ?");
  if (!st) return Fail(st.error());
  (*st)->Bind(1, key);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((*st)->Text(0));
}

Status SqlStore::SetMeta(const std::string& key, const std::string& value) {
  auto st = db_.Cached(
      "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  if (!st) return Fail(st.error());
  return (*st)->Bind(1, key).Bind(2, value).Run();
}

Result<int64_t> SqlStore::Count(const char* table) {
  auto st = db_.Prepare(fmt::format("SELECT count(*) FROM {}", table));
  if (!st) return Fail(st.error());
  if (auto r = st->Step(); !r) return Fail(r.error());
  return st->Int(0);
}

Result<std::optional<Store::CommitStamp>> SqlStore::ReadCommitStamp() {
  if (!has_commit_stamp_) {
    auto has = HasCommitStamp();
    if (!has) return Fail(has.error());
    if (!*has) return std::optional<CommitStamp>();
    has_commit_stamp_ = true;
  }
  auto st = db_.Cached("SELECT database_id, n FROM antq_commits WHERE one = 1");
  if (!st) return Fail(st.error());
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<CommitStamp>();
  CommitStamp stamp{(*st)->Text(0), (*st)->Int(1)};
  return std::optional<CommitStamp>(std::move(stamp));
}

Result<StoreSummary> SqlStore::Summary() {
  StoreSummary s;
  auto version = SchemaVersion();
  if (!version) return Fail(version.error());
  s.schema_version = *version;
  if (s.schema_version == 0) return s;
  std::vector<std::pair<const char*, int64_t*>> counts = {{"units", &s.units},
                                                          {"unit_versions", &s.unit_versions},
                                                          {"lineage_events", &s.lineage_events},
                                                          {"unit_groups", &s.unit_groups}};
  if (s.schema_version >= 2) {
    counts.insert(
        counts.end(),
        {{"data_values", &s.data_values}, {"events", &s.events}, {"audit_log", &s.audit_entries}});
    auto catalog = db_.Prepare("SELECT coalesce(max(version), 0) FROM catalog_versions");
    if (!catalog) return Fail(catalog.error());
    if (auto r = catalog->Step(); !r) return Fail(r.error());
    s.catalog_version = static_cast<int>(catalog->Int(0));
  }
  for (auto& [table, out] : counts) {
    auto n = Count(table);
    if (!n) return Fail(n.error());
    *out = *n;
  }
  return s;
}

}  // namespace antq::sql
