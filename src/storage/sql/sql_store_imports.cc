// Recorded imports of data files and the values each stored (migration 6): what `antq import
// list` shows and `antq import undo` puts back.
#include <fmt/format.h>

#include "storage/sql/sql_store.h"

namespace antq::sql {
namespace {

constexpr const char* kImportColumns =
    "id, file_name, sha256, format, \"user\", at, imported, updated, ignored, refused, undone_at, "
    "undone_by";

DataImport ReadImport(const Statement& st) {
  DataImport d;
  d.id = st.Int(0);
  d.file_name = st.Text(1);
  d.sha256 = st.Text(2);
  d.format = st.Text(3);
  d.user = st.Text(4);
  d.at = st.Text(5);
  d.imported = st.Int(6);
  d.updated = st.Int(7);
  d.ignored = st.Int(8);
  d.refused = st.Int(9);
  d.undone_at = st.Text(10);
  d.undone_by = st.Text(11);
  return d;
}

}  // namespace

Result<int64_t> SqlStore::InsertDataImport(const DataImport& d) {
  auto st = db_.Cached(
      "INSERT INTO data_imports(file_name, sha256, format, \"user\", at, imported, updated, "
      "ignored, refused) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, d.file_name).Bind(2, d.sha256).Bind(3, d.format).Bind(4, d.user).Bind(5, d.at);
  s.Bind(6, d.imported).Bind(7, d.updated).Bind(8, d.ignored).Bind(9, d.refused);
  return s.RunReturningId();
}

Status SqlStore::SetDataImportCounts(const DataImport& d) {
  auto st = db_.Cached(
      "UPDATE data_imports SET imported = ?, updated = ?, ignored = ?, refused = ? WHERE id = ?");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, d.imported).Bind(2, d.updated).Bind(3, d.ignored).Bind(4, d.refused).Bind(5, d.id);
  return s.Run();
}

Status SqlStore::PutDataImportChange(const DataImportChange& c) {
  auto st = db_.Cached(
      "INSERT INTO data_import_changes(import_id, unit_id, unit_code, element, option, period, "
      "data_set, old_value, old_comment, new_value, new_comment) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, c.import_id).Bind(2, c.unit_id).Bind(3, c.unit_code).Bind(4, c.element);
  s.Bind(5, c.option).Bind(6, c.period).Bind(7, c.data_set);
  if (c.old_value) {
    s.Bind(8, *c.old_value);
  } else {
    s.BindNull(8);
  }
  s.Bind(9, c.old_comment).Bind(10, c.new_value).Bind(11, c.new_comment);
  return s.Run();
}

Result<std::vector<DataImport>> SqlStore::ListDataImports() {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM data_imports ORDER BY id", kImportColumns));
  if (!st) return Fail(st.error());
  std::vector<DataImport> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back(ReadImport(*st));
  }
}

Result<std::optional<DataImport>> SqlStore::GetDataImport(int64_t id) {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM data_imports WHERE id = ?", kImportColumns));
  if (!st) return Fail(st.error());
  st->Bind(1, id);
  auto row = st->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<DataImport>();
  return std::optional<DataImport>(ReadImport(*st));
}

Result<std::vector<DataImportChange>> SqlStore::DataImportChanges(int64_t id) {
  auto st = db_.Prepare(
      "SELECT unit_id, unit_code, element, option, period, data_set, old_value, old_comment, "
      "new_value, new_comment FROM data_import_changes WHERE import_id = ? ORDER BY unit_id, "
      "element, "
      "option, period");
  if (!st) return Fail(st.error());
  st->Bind(1, id);
  std::vector<DataImportChange> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    DataImportChange c;
    c.import_id = id;
    c.unit_id = st->Int(0);
    c.unit_code = st->Text(1);
    c.element = st->Text(2);
    c.option = st->Text(3);
    c.period = st->Text(4);
    c.data_set = st->Text(5);
    if (!st->IsNull(6)) c.old_value = st->Text(6);
    c.old_comment = st->Text(7);
    c.new_value = st->Text(8);
    c.new_comment = st->Text(9);
    out.push_back(std::move(c));
  }
}

Status SqlStore::MarkDataImportUndone(int64_t id, const std::string& by, const std::string& at) {
  auto st = db_.Prepare("UPDATE data_imports SET undone_at = ?, undone_by = ? WHERE id = ?");
  if (!st) return Fail(st.error());
  st->Bind(1, at).Bind(2, by).Bind(3, id);
  return st->Run();
}

}  // namespace antq::sql
