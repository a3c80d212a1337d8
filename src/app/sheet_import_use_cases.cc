#include "app/sheet_import_use_cases.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "app/values_use_cases.h"
#include "common/hash.h"
#include "common/text.h"
#include "domain/calendar.h"
#include "interop/entry_template_xlsx.h"
#include "interop/vietnamese_number.h"
#include "interop/xlsx_reader.h"

namespace antq {
namespace {

// The last day of `period`'s Gregorian window: the units of a sheet are the units of that day.
Result<Date> PeriodDate(const std::string& code) {
  auto period = Period::Parse(code);
  if (!period) return Fail(period.error().At("period"));
  auto window = Calendar::Gregorian().Window(*period);
  if (!window) return Fail(window.error().At("period"));
  return window->end;
}

// Matches sheet unit names to the tree: exact accent- and case-insensitive names (with or
// without "Xã"/"Phường"), among the units under an area on the period's last day.
class UnitNames {
 public:
  UnitNames(const UnitRegistry& units, const UnitVersion* area, Date at)
      : units_(units), area_(area), at_(at) {}

  // The unit's code, or why the name cannot be matched.
  Result<std::string> Find(const std::string& name) const {
    const std::string key = SearchKey(name);
    std::vector<const UnitVersion*> found;
    for (const UnitVersion* u : units_.Search(name, at_)) {
      if (SearchKey(u->FullName()) != key && SearchKey(u->name) != key) continue;
      if (area_ && !Within(*u)) continue;
      found.push_back(u);
    }
    if (found.size() == 1) return found.front()->code;
    if (found.empty()) {
      return Fail(
          ErrorCode::kNotFound,
          fmt::format("no unit named {}{} on {}; add it to the mapping's [aliases]",
                      QuoteForMessage(name),
                      area_ ? fmt::format(" under {} {}", area_->code, area_->FullName()) : "",
                      at_.ToString()));
    }
    std::string which;
    for (const UnitVersion* u : found) AppendListItem(which, u->code + " " + u->FullName());
    return Fail(ErrorCode::kConflict,
                fmt::format("{} names {} units ({}); give --under or an alias",
                            QuoteForMessage(name), found.size(), which));
  }

 private:
  bool Within(const UnitVersion& u) const {
    if (u.unit_id == area_->unit_id) return true;
    for (const UnitVersion* a : units_.Ancestors(u.unit_id, at_)) {
      if (a->unit_id == area_->unit_id) return true;
    }
    return false;
  }

  const UnitRegistry& units_;
  const UnitVersion* area_;
  Date at_;
};

// The element a sheet's column names, for how its text is read ("ELEMENT.OPTION" too).
const DataElement* ElementOf(const Catalog& catalog, const std::string& code) {
  if (const DataElement* e = catalog.FindElement(code)) return e;
  auto found = catalog.FindMeasure(code);
  return found ? found->first : nullptr;
}

}  // namespace

Result<SheetMapping> LoadSheetMapping(const std::filesystem::path& data_dir,
                                      const std::string& name_or_file) {
  std::filesystem::path path = name_or_file;
  const bool is_file = name_or_file.find('/') != std::string::npos || path.extension() == ".toml";
  if (!is_file) path = data_dir / "mappings" / (name_or_file + ".toml");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string known;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir / "mappings", ec)) {
      if (entry.path().extension() == ".toml") AppendListItem(known, entry.path().stem().string());
    }
    return Fail(ErrorCode::kNotFound,
                is_file ? "cannot read the mapping file"
                        : fmt::format("no mapping '{}'; there are: {}", name_or_file, known),
                is_file ? path.string() : "--mapping");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ReadSheetMapping(text.str(), path.string());
}

Result<ImportSummary> ImportWorkbook(Workspace& ws, const Actor& actor, std::string_view bytes,
                                     const std::string& file_name,
                                     const SheetImportRequest& request, ImportOptions options,
                                     Date today) {
  if (auto s = RequireRole(actor, Action::kEnter); !s) return Fail(s.error());
  auto sheet = ReadXlsxSheet(bytes, request.sheet.empty() ? request.mapping.sheet : request.sheet,
                             file_name);
  if (!sheet) return Fail(sheet.error());
  auto read = ReadSheetValues(*sheet, request.mapping, request.period, file_name);
  if (!read) return Fail(read.error());
  ReadFindings findings;
  for (const SheetNote& n : read->notes) findings.notes.push_back(n.cell + ": " + n.message);

  // Names resolve among the units on the period's last day (one period per sheet).
  const UnitVersion* area = nullptr;
  std::optional<UnitNames> names;
  if (!read->values.empty()) {
    auto at = PeriodDate(read->values.front().entry.period);
    if (!at) return Fail(at.error().Within(file_name));
    if (!request.under.empty()) {
      auto root = ws.units().Resolve(request.under, *at);
      if (!root) return Fail(root.error().At("under"));
      area = *root;
    }
    names.emplace(ws.units(), area, *at);
  }
  DataValueSet set;
  for (SheetValue& v : read->values) {
    DataValueEntry& e = v.entry;
    auto refuse = [&](std::string object, std::string property, const std::string& message,
                      const char* code) {
      findings.conflicts.push_back(
          {std::move(object), std::move(property), e.cell + ": " + message, code, {e.index}});
    };
    if (v.unit_is_name) {
      auto code = names->Find(e.org_unit);
      if (!code) {
        refuse(e.org_unit, "orgUnit", code.error().message(), kConflictUnknownUnit);
        continue;
      }
      e.org_unit = *code;
    }
    const DataElement* element = ElementOf(ws.catalog(), e.data_element);
    if (v.value_is_text && element && IsNumericType(element->value_type)) {
      const VietnameseNumber n = ParseVietnameseNumber(
          e.value, IsIntegerType(element->value_type) ? NumberKind::kWhole : NumberKind::kDecimal);
      if (n.status != VietnameseNumber::Status::kOk) {
        refuse(e.value, "value", n.reason, kConflictInvalidValue);
        continue;
      }
      e.value = n.digits;
    }
    set.values.push_back(std::move(e));
  }
  options.file_name = file_name;
  options.format = "xlsx";
  options.sha256 = Sha256Hex(bytes);
  return ImportDataValues(ws, actor, set, options, today, std::move(findings));
}

Status WriteDataEntryTemplate(const Workspace& ws, const Actor& actor,
                              const TemplateRequest& request, const std::filesystem::path& path) {
  const DataSet* data_set = ws.catalog().FindDataSet(request.data_set);
  if (!data_set) {
    std::string known;
    for (const auto& [code, d] : ws.catalog().data_sets()) AppendListItem(known, code);
    return Fail(ErrorCode::kNotFound,
                fmt::format("unknown data set '{}'; there are: {}", request.data_set, known),
                "data_set");
  }
  auto period = Period::Parse(request.period);
  if (!period) return Fail(period.error().At("period"));
  if (period->type() != data_set->period_type) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is a {} data set; give a {} period, not {}", data_set->code,
                            PeriodTypeName(data_set->period_type),
                            PeriodTypeName(data_set->period_type), request.period),
                "period");
  }
  auto at = PeriodDate(request.period);
  if (!at) return Fail(at.error());
  if (auto s = RequireArea(ws.units(), actor, request.under, *at); !s) return s;
  auto root = ws.units().Resolve(request.under, *at);
  if (!root) return Fail(root.error().At("under"));
  const bool vi = request.language != "en";

  EntryTemplate t;
  t.title = fmt::format("{}: {}", vi ? "Mẫu nhập số liệu" : "Data entry template",
                        vi ? data_set->name_vi : data_set->name_en);
  t.period_label = vi ? "Kỳ báo cáo" : "Period";
  t.period = period->Code();
  t.period_note = vi ? "(mã kỳ, không sửa)" : "(period code: do not change)";
  t.code_header = vi ? "Mã đơn vị" : "Unit code";
  t.name_header = vi ? "Tên đơn vị" : "Unit name";
  t.instructions =
      vi ? "Nhập số vào các ô trống rồi nhập lại bằng: antq import TỆP.xlsx (hàng 4 là mã chỉ "
           "tiêu, không sửa)."
         : "Fill in the figures, then load the file with: antq import FILE.xlsx (row 4 holds "
           "the element codes: do not change it).";
  std::map<std::string, size_t> column_of;
  for (const std::string& code : data_set->elements) {
    const DataElement* e = ws.catalog().FindElement(code);
    if (!e) continue;
    EntryTemplateColumn column;
    column.kind = IsIntegerType(e->value_type)   ? EntryTemplateColumn::Kind::kWhole
                  : IsNumericType(e->value_type) ? EntryTemplateColumn::Kind::kDecimal
                                                 : EntryTemplateColumn::Kind::kText;
    const ValueSpec spec = e->Spec();
    column.min = spec.Min();
    column.max = spec.Max();
    const std::string& name = vi ? e->name_vi : e->name_en;
    const Category* category =
        e->category.empty() ? nullptr : ws.catalog().FindCategory(e->category);
    if (!category) {
      column.code = code;
      column.title = name;
      column_of[code] = t.columns.size();
      t.columns.push_back(column);
      continue;
    }
    for (const CategoryOption& o : category->options) {
      column.code = code + "." + o.code;
      column.title = fmt::format("{} — {}", name, vi ? o.name_vi : o.name_en);
      column_of[column.code] = t.columns.size();
      t.columns.push_back(column);
    }
  }
  std::map<UnitId, size_t> row_of;
  for (const UnitVersion* u : ws.units().Descendants((*root)->unit_id, *at, data_set->level)) {
    if (!actor.MayReadAt(u->unit_id)) continue;
    row_of[u->unit_id] = t.rows.size();
    t.rows.push_back(
        {u->code, u->FullName(), std::vector<std::optional<std::string>>(t.columns.size())});
  }
  if (t.rows.empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no {} units under {} {} on {}", UnitLevelName(data_set->level),
                            (*root)->code, (*root)->FullName(), at->ToString()),
                "under");
  }
  ValuesQuery query;
  query.under = request.under;
  query.data_set = data_set->code;
  query.period = period->Code();
  query.level = data_set->level;
  auto stored = GetValues(ws, actor, query);
  if (!stored) return Fail(stored.error());
  for (const ValueRow& v : *stored) {
    auto row = row_of.find(v.unit->unit_id);
    const std::string code =
        v.value.option.empty() ? v.value.element : v.value.element + "." + v.value.option;
    auto column = column_of.find(code);
    if (row == row_of.end() || column == column_of.end()) continue;
    t.rows[row->second].values[column->second] = v.value.value.ToString();
  }
  return WriteEntryTemplateXlsx(t, path);
}

}  // namespace antq
