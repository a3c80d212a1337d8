#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

// The SQL both backends speak. The store's operations (sql_store*.cc) are written once against
// these classes; SQLite and PostgreSQL each implement a connection and its statements. The
// statements use `?` (or `?N`) placeholders, which the PostgreSQL connection rewrites as `$N`.
namespace antq::sql {

// One prepared statement as a backend runs it. Columns are 0-based, parameters 1-based.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void Bind(int index, int64_t value) = 0;
  virtual void Bind(int index, double value) = 0;
  virtual void Bind(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call and moves to the next row: true if there is one.
  virtual Result<bool> Step() = 0;
  // Ends the run (the rows not read are dropped) and clears the parameters.
  virtual void Reset() = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
  // Valid until the next Step or Reset.
  virtual std::string_view TextView(int column) const = 0;
};

// A prepared statement: the store's code binds, steps and reads through it, whatever the backend.
class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}

  Statement& Bind(int index, int64_t value) {
    backend_->Bind(index, value);
    return *this;
  }
  Statement& Bind(int index, double value) {
    backend_->Bind(index, value);
    return *this;
  }
  Statement& Bind(int index, std::string_view value) {
    backend_->Bind(index, value);
    return *this;
  }
  Statement& BindNull(int index) {
    backend_->BindNull(index);
    return *this;
  }
  Statement& BindOptional(int index, const std::optional<std::string>& value) {
    return value ? Bind(index, std::string_view(*value)) : BindNull(index);
  }

  Result<bool> Step() { return backend_->Step(); }
  // Runs a statement that returns no rows, then resets it.
  Status Run();
  // Runs `INSERT … RETURNING id` and gives the id.
  Result<int64_t> RunReturningId();
  void Reset() { backend_->Reset(); }

  int64_t Int(int column) const { return backend_->Int(column); }
  double Real(int column) const { return backend_->Real(column); }
  bool IsNull(int column) const { return backend_->IsNull(column); }
  std::string Text(int column) const { return std::string(backend_->TextView(column)); }
  std::string_view TextView(int column) const { return backend_->TextView(column); }

 private:
  std::unique_ptr<StatementBackend> backend_;
};

// A statement from Connection::Cached, lent for one use: when the lease ends the statement is
// reset, which ends the read a half-read SELECT would otherwise keep open (in SQLite an open read
// pins an old snapshot, and a later write on the connection then fails at once).
class StatementLease {
 public:
  explicit StatementLease(Statement* statement) : statement_(statement) {}
  StatementLease(StatementLease&& o) noexcept : statement_(o.statement_) { o.statement_ = nullptr; }
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease() {
    if (statement_) statement_->Reset();
  }
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

// An open database connection of either backend.
class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one or more statements with no parameters and no rows (DDL, BEGIN, …).
  virtual Status Exec(std::string_view sql) = 0;
  // A statement for one use; it may run while another statement's rows are still being read.
  virtual Result<Statement> Prepare(std::string_view sql) = 0;
  // A statement prepared once per connection and reused, for the hot paths (value upserts, event
  // imports): each use costs a bind and a step, not a parse. Looking it up copies nothing, so a
  // caller may pass a literal.
  Result<StatementLease> Cached(std::string_view sql);
  // Whether a statement of this connection is still part-way through its rows.
  virtual bool HasActiveStatement() const = 0;
  // Whether LastInsertRowId gives the id of the row this connection inserted last (SQLite). An
  // `INSERT … RETURNING id` costs SQLite a temporary table per row, so a hot insert asks this
  // instead where it can; PostgreSQL has no such call and uses RETURNING.
  virtual bool HasLastInsertRowId() const { return false; }
  virtual int64_t LastInsertRowId() const { return 0; }

 protected:
  // What Cached keeps: PostgreSQL prepares it on the server under a name; SQLite as Prepare.
  virtual Result<Statement> PrepareToKeep(std::string_view sql) { return Prepare(sql); }
  // Finalises the kept statements (a backend calls this before it closes the connection).
  void DropCachedStatements() { cache_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

// Ids as a SQL list, "1,2,3", for `IN (…)`.
std::string IdList(const std::vector<int64_t>& ids);
// Texts as a SQL list of standard string literals, "'a','b''c'", for `IN (…)`.
std::string QuotedList(const std::vector<std::string>& items);

}  // namespace antq::sql
