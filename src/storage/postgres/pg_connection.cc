#include "storage/postgres/pg_connection.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace antq::postgres {

NumberedSql NumberPlaceholders(std::string_view sql) {
  NumberedSql out;
  out.text.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out.text += c;
      if (c == quote) quote = 0;  // a doubled quote reopens at once, which is the same
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.text += c;
      continue;
    }
    if (c != '?') {
      out.text += c;
      continue;
    }
    size_t j = i + 1;
    int number = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
      number = number * 10 + (sql[j++] - '0');
    if (j == i + 1) number = ++next;
    out.text += '$';
    out.text += std::to_string(number);
    if (number > out.parameters) out.parameters = number;
    i = j - 1;
  }
  return out;
}

Error PgError(const PGresult* result, PGconn* conn, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty() && conn) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string_view code = state ? state : "";
  if (code == "55P03" || code == "57014") {
    return Error(ErrorCode::kUnavailable,
                 fmt::format("another writer has held the database for more than {} s; nothing "
                             "was written. Try again when it has finished",
                             kLockTimeoutMs / 1000));
  }
  if (code.starts_with("40")) {
    return Error(ErrorCode::kUnavailable,
                 "the database had to cancel this write to keep concurrent writes consistent; "
                 "nothing was written. Try again");
  }
  if (code.starts_with("08") || (conn && PQstatus(conn) != CONNECTION_OK)) {
    return Error(ErrorCode::kUnavailable,
                 fmt::format("the database server cannot be reached: {}", message));
  }
  return Error(ErrorCode::kIo, fmt::format("database error: {} ({})", message, what));
}

namespace {

bool Succeeded(const PGresult* r) {
  const auto status = PQresultStatus(r);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// sql::Statement's backend: the parameters as text, run by name (kept statements) or with their
// text (one-use statements, which PostgreSQL parses each time).
class PgStatementBackend final : public sql::StatementBackend {
 public:
  PgStatementBackend(PGconn* conn, std::string text, std::string name, int parameters)
      : conn_(conn),
        text_(std::move(text)),
        name_(std::move(name)),
        values_(static_cast<size_t>(parameters)),
        nulls_(static_cast<size_t>(parameters), true) {}

  void Bind(int index, int64_t value) override { Set(index, std::to_string(value)); }
  void Bind(int index, double value) override { Set(index, fmt::format("{}", value)); }
  void Bind(int index, std::string_view value) override { Set(index, std::string(value)); }
  void BindNull(int index) override {
    if (index >= 1 && static_cast<size_t>(index) <= nulls_.size()) nulls_[index - 1] = true;
  }

  Result<bool> Step() override {
    if (!result_) {
      std::vector<const char*> params(values_.size());
      for (size_t i = 0; i < values_.size(); ++i) {
        params[i] = nulls_[i] ? nullptr : values_[i].c_str();
      }
      const int n = static_cast<int>(params.size());
      PGresult* r =
          name_.empty()
              ? PQexecParams(conn_, text_.c_str(), n, nullptr, params.data(), nullptr, nullptr, 0)
              : PQexecPrepared(conn_, name_.c_str(), n, params.data(), nullptr, nullptr, 0);
      result_.reset(r);
      if (!Succeeded(r)) {
        Error e = PgError(r, conn_, text_);
        result_.reset();
        return Fail(std::move(e));
      }
      row_ = -1;
      rows_ = PQntuples(r);
    }
    ++row_;
    return row_ < rows_;
  }

  void Reset() override {
    result_.reset();
    row_ = -1;
    rows_ = 0;
    std::fill(nulls_.begin(), nulls_.end(), true);
  }

  int64_t Int(int column) const override {
    const std::string_view text = TextView(column);
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  double Real(int column) const override {
    const std::string_view text = TextView(column);
    double value = 0;  // from_chars, unlike strtod, ignores the locale's decimal separator
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  bool IsNull(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  std::string_view TextView(int column) const override {
    return {PQgetvalue(result_.get(), row_, column),
            static_cast<size_t>(PQgetlength(result_.get(), row_, column))};
  }

 private:
  void Set(int index, std::string value) {
    if (index < 1 || static_cast<size_t>(index) > values_.size()) return;
    values_[index - 1] = std::move(value);
    nulls_[index - 1] = false;
  }

  PGconn* conn_;
  std::string text_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  PgResult result_;
  int row_ = -1;
  int rows_ = 0;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot connect to the PostgreSQL database: {}", message), "db");
  }
  std::unique_ptr<PgConnection> c(new PgConnection(conn));
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  if (auto s = c->Exec(fmt::format("SET TIME ZONE 'UTC'; SET lock_timeout = {}; "
                                   "SET client_min_messages = warning",
                                   kLockTimeoutMs));
      !s) {
    return Fail(s.error());
  }
  return c;
}

PgConnection::~PgConnection() {
  DropCachedStatements();
  PQfinish(conn_);
}

Status PgConnection::Exec(std::string_view sql) {
  PgResult r(PQexec(conn_, std::string(sql).c_str()));
  if (!Succeeded(r.get())) return Fail(PgError(r.get(), conn_, sql));
  return Ok();
}

Result<PgResult> PgConnection::Query(std::string_view sql) {
  PgResult r(PQexec(conn_, std::string(sql).c_str()));
  if (!Succeeded(r.get())) return Fail(PgError(r.get(), conn_, sql));
  return r;
}

Status PgConnection::StreamRows(std::string_view sql,
                                const std::function<Status(const PGresult* row)>& visit) {
  const std::string text(sql);
  if (!PQsendQuery(conn_, text.c_str()) || !PQsetSingleRowMode(conn_)) {
    return Fail(PgError(nullptr, conn_, sql));
  }
  Status status = Ok();
  // Every result is read to the end, even after an error, so the connection is free again.
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult r(raw);
    const auto state = PQresultStatus(raw);
    if (state == PGRES_SINGLE_TUPLE) {
      if (status) status = visit(raw);
    } else if (state != PGRES_TUPLES_OK && status) {
      status = Fail(PgError(raw, conn_, sql));
    }
  }
  return status;
}

Result<sql::Statement> PgConnection::Prepare(std::string_view sql) {
  NumberedSql numbered = NumberPlaceholders(sql);
  return sql::Statement(std::make_unique<PgStatementBackend>(conn_, std::move(numbered.text),
                                                             std::string(), numbered.parameters));
}

Result<sql::Statement> PgConnection::PrepareToKeep(std::string_view sql) {
  NumberedSql numbered = NumberPlaceholders(sql);
  std::string name = fmt::format("s{}", ++kept_);
  PgResult r(PQprepare(conn_, name.c_str(), numbered.text.c_str(), 0, nullptr));
  if (!Succeeded(r.get())) return Fail(PgError(r.get(), conn_, sql));
  return sql::Statement(std::make_unique<PgStatementBackend>(conn_, std::move(numbered.text),
                                                             std::move(name), numbered.parameters));
}

}  // namespace antq::postgres
