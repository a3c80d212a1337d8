#include "storage/postgres/pg_store.h"

#include <fmt/format.h>
#include <poll.h>

#include <charconv>

#include "storage/postgres/pg_schema.h"

namespace antq::postgres {
namespace {

// The advisory lock every write transaction holds ("ANTQ" in ASCII).
constexpr int64_t kWriteLock = 0x414E5451;

}  // namespace

std::string DescribeUrl(std::string_view url) {
  // postgresql://user:password@host… → postgresql://user@host…
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(url);
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon)) + std::string(url.substr(at));
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, OpenMode mode) {
  auto connection = PgConnection::Open(url);
  if (!connection) return Fail(connection.error());
  std::unique_ptr<PgStore> store(new PgStore(std::move(*connection), DescribeUrl(url)));
  if (mode == OpenMode::kMustExist) {
    // A server without ANTQ's schema is the PostgreSQL counterpart of a missing file.
    auto version = store->SchemaVersion();
    if (!version) return Fail(version.error());
    if (*version == 0) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("database {} has no ANTQ schema; create it with 'antq init'",
                              store->Describe()),
                  "db");
    }
  }
  return store;
}

std::string PgStore::BeginSql() const {
  return fmt::format("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({})",
                     kWriteLock);
}

Status PgStore::BeforeCommit() {
  if (!has_schema_) {
    // Before `antq init` has run there is nothing to count (migrations commit with it).
    auto head = HasTable("audit_head");
    if (!head) return Fail(head.error());
    if (!*head) return Ok();
    has_schema_ = true;
  }
  // The audit head moves once per transaction, to the chain's last row (see migration 5).
  if (auto s = db_.Exec(
          "UPDATE audit_head SET id = last.id, hash = last.hash FROM (SELECT id, hash FROM "
          "audit_log ORDER BY id DESC LIMIT 1) last WHERE one = 1 AND audit_head.id <> last.id; "
          "UPDATE antq_commits SET n = n + 1 WHERE one = 1; NOTIFY antq_commits");
      !s) {
    return s;
  }
  ++own_commits_;
  return Ok();
}

std::string PgStore::MigrationSql(const sql::Migration& m) const {
  std::string sql = m.postgres_sql ? std::string(m.postgres_sql) : PostgresSchemaSql(m.sql);
  // Names sort by the Vietnamese alphabet where a query asks for it (COLLATE vi), as in SQLite.
  if (m.version == 1)
    sql = "CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi');\n" + sql;
  return sql;
}

Result<bool> PgStore::HasTable(std::string_view name) {
  auto st = db_.Cached(
      "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND "
      "tablename = ?");
  if (!st) return Fail(st.error());
  (*st)->Bind(1, name);
  if (auto r = (*st)->Step(); !r) return Fail(r.error());
  return (*st)->Int(0) > 0;
}

std::string PgStore::MigrationsTableSql() const {
  // The commit counter is a row, not a sequence: a sequence's number is seen by others before
  // the commit that took it, and a node that read it then would reload without the new data
  // and never again for that commit.
  return "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at TEXT NOT NULL); "
         "CREATE TABLE IF NOT EXISTS antq_commits (one BIGINT PRIMARY KEY CHECK (one = 1), "
         "n BIGINT NOT NULL); "
         "INSERT INTO antq_commits VALUES (1, 0) ON CONFLICT DO NOTHING; "
         "ALTER TABLE antq_commits ADD COLUMN IF NOT EXISTS database_id TEXT NOT NULL "
         "DEFAULT gen_random_uuid()::text";
}

Result<bool> PgStore::HasCommitStamp() {
  auto st = db_.Cached(
      "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND table_name = 'antq_commits' AND column_name = 'database_id'");
  if (!st) return Fail(st.error());
  if (auto r = (*st)->Step(); !r) return Fail(r.error());
  return (*st)->Int(0) > 0;
}

Result<int64_t> PgStore::DataVersion() {
  auto counter = HasTable("schema_migrations");
  if (!counter) return Fail(counter.error());
  if (!*counter) return 0;
  auto st = db_.Cached("SELECT n FROM antq_commits WHERE one = 1");
  if (!st) return Fail(st.error());
  if (auto r = (*st)->Step(); !r) return Fail(r.error());
  return (*st)->Int(0) - own_commits_;
}

namespace {

std::string_view Cell(const PGresult* row, int column) {
  return {PQgetvalue(row, 0, column), static_cast<size_t>(PQgetlength(row, 0, column))};
}

}  // namespace

Status PgStore::ScanNumbers(const std::function<void(const NumberRow&)>& visit) {
  // Tens of millions of rows, streamed. The visitor only feeds the engine.
  NumberRow out;
  return pg_.StreamRows(
      "SELECT unit_id, element, option, data_set, period, number FROM data_values "
      "WHERE number IS NOT NULL ORDER BY unit_id, element, option, period",
      [&](const PGresult* row) {
        const std::string_view unit = Cell(row, 0);
        std::from_chars(unit.data(), unit.data() + unit.size(), out.unit);
        out.element = Cell(row, 1);
        out.option = Cell(row, 2);
        out.data_set = Cell(row, 3);
        out.period = Cell(row, 4);
        const std::string_view number = Cell(row, 5);
        std::from_chars(number.data(), number.data() + number.size(), out.number);
        visit(out);
        return Ok();
      });
}

Status PgStore::ScanTable(const CopiedTable& table,
                          const std::function<Status(const TableRow&)>& visit) {
  // Streamed, since a copy reads whole tables; the visitor writes to another database.
  TableRow out(table.columns.size());
  return pg_.StreamRows(SelectAllSql(table), [&](const PGresult* row) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const int c = static_cast<int>(i);
      if (PQgetisnull(row, 0, c)) {
        out[i].reset();
      } else if (table.columns[i].kind == ColumnKind::kReal) {
        const std::string_view text = Cell(row, c);
        double value = 0;
        std::from_chars(text.data(), text.data() + text.size(), value);
        out[i] = RealText(value);
      } else {
        out[i] = std::string(Cell(row, c));
      }
    }
    return visit(out);
  });
}

Result<bool> PgStore::WaitForCommits(std::chrono::milliseconds timeout) {
  PGconn* conn = pg_.handle();
  if (!listening_) {
    if (auto s = db_.Exec("LISTEN antq_commits"); !s) return Fail(s.error());
    listening_ = true;
  }
  auto drain = [conn] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn)) {
      PQfreemem(n);
      any = true;
    }
    return any;
  };
  if (drain()) return true;
  pollfd fd{PQsocket(conn), POLLIN, 0};
  const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready < 0) return false;  // interrupted: the caller waits again
  if (ready > 0 && !PQconsumeInput(conn)) {
    return Fail(PgError(nullptr, conn, "listening for other nodes' commits"));
  }
  return drain();
}

namespace {

// A value in COPY's text format: backslash, tab, newline and carriage return escaped.
void AppendCopyText(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

Status PgStore::AppendRows(const CopiedTable& table, const std::vector<TableRow>& rows) {
  PGconn* conn = pg_.handle();
  const std::string sql = fmt::format("COPY {} ({}) FROM STDIN", table.name, QuotedColumns(table));
  PgResult start(PQexec(conn, sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Fail(PgError(start.get(), conn, sql));
  std::string buffer;
  bool sent = true;
  for (const TableRow& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) buffer += '\t';
      if (row[i]) {
        AppendCopyText(buffer, *row[i]);
      } else {
        buffer += "\\N";
      }
    }
    buffer += '\n';
    if (buffer.size() >= (1 << 20)) {
      sent = PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) == 1;
      buffer.clear();
      if (!sent) break;
    }
  }
  if (sent && !buffer.empty()) {
    sent = PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) == 1;
  }
  PQputCopyEnd(conn, sent ? nullptr : "the copy was cut short");
  Status status = Ok();
  while (PGresult* raw = PQgetResult(conn)) {
    PgResult r(raw);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && status) {
      status = Fail(PgError(raw, conn, sql));
    }
  }
  return status;
}

Status PgStore::FinishCopy() {
  auto columns = pg_.Query(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
      "current_schema() AND is_identity = 'YES' AND column_name <> 'rowid'");
  if (!columns) return Fail(columns.error());
  for (int i = 0; i < PQntuples(columns->get()); ++i) {
    const std::string table = PQgetvalue(columns->get(), i, 0);
    const std::string column = PQgetvalue(columns->get(), i, 1);
    if (auto s = db_.Exec(fmt::format(
            "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), coalesce(max(\"{1}\"), 0) + 1, "
            "false) FROM {0}",
            table, column));
        !s) {
      return s;
    }
  }
  return Ok();
}

Result<std::vector<std::string>> PgStore::CheckIntegrity() {
  // PostgreSQL enforces the keys and constraints on every write and checks its pages itself;
  // what is left to look at is whether the audit head is the chain's last row.
  std::vector<std::string> problems;
  auto st = db_.Prepare(
      "SELECT h.id, coalesce((SELECT max(id) FROM audit_log), 0) FROM audit_head h WHERE one = 1");
  if (!st) return Fail(st.error());
  auto row = st->Step();
  if (!row) return Fail(row.error());
  if (*row && st->Int(0) != st->Int(1)) {
    problems.push_back(
        fmt::format("the audit head names row {} but the last row is {}", st->Int(0), st->Int(1)));
  }
  return problems;
}

}  // namespace antq::postgres
