#include "storage/sql/connection.h"

#include "common/text.h"

namespace antq::sql {

Status Statement::Run() {
  auto r = Step();
  Reset();
  if (!r) return Fail(r.error());
  return Ok();
}

Result<int64_t> Statement::RunReturningId() {
  auto r = Step();
  if (!r) {
    Reset();
    return Fail(r.error());
  }
  if (!*r) {
    Reset();
    return Fail(ErrorCode::kInternal, "an insert returned no id");
  }
  const int64_t id = Int(0);
  Reset();
  return id;
}

Result<StatementLease> Connection::Cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto st = PrepareToKeep(sql);
    if (!st) return Fail(st.error());
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(*st))).first;
  } else {
    it->second->Reset();
  }
  return StatementLease(it->second.get());
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) AppendListItem(out, std::to_string(id), ",");
  return out;
}

std::string QuotedList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    std::string quoted = "'";
    for (char c : item) {
      if (c == '\'') quoted += '\'';
      quoted += c;
    }
    quoted += '\'';
    AppendListItem(out, quoted, ",");
  }
  return out;
}

}  // namespace antq::sql
