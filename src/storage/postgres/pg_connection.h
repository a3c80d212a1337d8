#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/sql/connection.h"

namespace antq::postgres {

// Frees a libpq result when it goes out of scope.
struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// The statement text with `?` and `?N` placeholders rewritten as PostgreSQL's `$N` (quoted text
// and identifiers are left alone), and how many parameters it takes.
struct NumberedSql {
  std::string text;
  int parameters = 0;
};
NumberedSql NumberPlaceholders(std::string_view sql);

// The error for a failed command: kUnavailable when waiting for another writer timed out, a
// transaction had to be retried or the server cannot be reached (nothing was written), kIo
// otherwise. `what` is the statement or the step that failed.
Error PgError(const PGresult* result, PGconn* conn, std::string_view what);

// How long a writer waits for another's write transaction before it gives up, as SQLite's busy
// timeout does.
inline constexpr int kLockTimeoutMs = 60000;

// One libpq connection with ANTQ's settings (UTC, quiet notices, the lock timeout). Statements
// send their parameters as text and read their rows as text; a statement's rows are fetched
// whole when it runs, so another statement may run while they are read (a visitor that queries
// again). Scans of whole tables stream instead (StreamRows: PgStore::ScanNumbers, ScanTable).
class PgConnection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Status Exec(std::string_view sql) override;
  Result<sql::Statement> Prepare(std::string_view sql) override;
  bool HasActiveStatement() const override { return false; }
  // Runs `sql` and gives its result, for the backend's own queries.
  Result<PgResult> Query(std::string_view sql);
  // Runs `sql` and hands its rows to `visit` one at a time as they arrive (libpq's single-row
  // mode: a whole table never sits in memory), each as a one-row result. Nothing else may run
  // on the connection until it returns; an error from `visit` stops the reading.
  Status StreamRows(std::string_view sql, const std::function<Status(const PGresult* row)>& visit);

  PGconn* handle() const { return conn_; }

 protected:
  Result<sql::Statement> PrepareToKeep(std::string_view sql) override;

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  int kept_ = 0;  // statements prepared on the server so far (their names are s1, s2, …)
};

}  // namespace antq::postgres
