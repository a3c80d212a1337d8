#include "app/data_value_use_cases.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "app/report_target.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "common/hash.h"

namespace antq {
namespace {

// ANTQ's use of DHIS2's E8xxx codes (ErrorCode.java's per-value family), so tools written for
// DHIS2 sort the conflicts the same way.
constexpr const char* kMissingElement = "E8100";
constexpr const char* kUnknownElement = "E8101";
constexpr const char* kMissingUnit = "E8102";
constexpr const char* kUnknownUnit = kConflictUnknownUnit;
constexpr const char* kUnknownOption = "E8104";
constexpr const char* kMissingPeriod = "E8106";
constexpr const char* kInvalidPeriod = "E8107";
constexpr const char* kNotForPeriod = "E8021";
constexpr const char* kNotForUnit = "E8022";
constexpr const char* kNoEntryRight = "E8010";
constexpr const char* kReportClosed = "E8032";
constexpr const char* kValueRequired = "E8120";
constexpr const char* kInvalidValue = kConflictInvalidValue;
constexpr const char* kDuplicate = "E8126";

// A value that passed every check, with what storing it would do.
struct Planned {
  ReportKey key;
  ValueInput input;
  enum class Effect { kCreate, kUpdate, kDelete, kIgnore } effect = Effect::kCreate;
  // For the import's record: the unit, the value as stored, and what was there before.
  UnitId unit_id = 0;
  std::string stored;
  std::optional<std::string> old_value;
  std::string old_comment;
};

class Importer {
 public:
  Importer(Workspace& ws, const Actor& actor, const ImportOptions& options, Date today)
      : ws_(ws), actor_(actor), options_(options), today_(today) {}

  void Check(const DataValueEntry& entry) {
    // DHIS2 deletes the values of a DELETE import, and values marked deleted in any import.
    const bool remove = entry.deleted || options_.strategy == ImportStrategy::kDelete;
    if (entry.data_element.empty()) {
      return Refuse(entry, "", "dataElement", "the data element is missing", kMissingElement);
    }
    if (entry.org_unit.empty()) {
      return Refuse(entry, "", "orgUnit", "the org unit is missing", kMissingUnit);
    }
    if (entry.period.empty()) {
      return Refuse(entry, "", "period", "the period is missing", kMissingPeriod);
    }
    std::string element_code = entry.data_element;
    std::string option =
        entry.category_option_combo == "default" ? "" : entry.category_option_combo;
    const DataElement* element = ws_.catalog().FindElement(element_code);
    if (!element && option.empty()) {
      // "ELEMENT.OPTION", as ANTQ's own files write a breakdown.
      if (auto found = ws_.catalog().FindMeasure(element_code); found && found->first) {
        element = found->first;
        element_code = element->code;
        option = found->second;
      }
    }
    if (!element) {
      return Refuse(entry, entry.data_element, "dataElement",
                    fmt::format("unknown data element '{}'", entry.data_element), kUnknownElement);
    }
    if (!option.empty()) {
      const Category* category = ws_.catalog().FindCategory(element->category);
      if (!category || !category->Find(option)) {
        return Refuse(entry, option, "categoryOptionCombo",
                      fmt::format("'{}' is not an option of {}", option, element_code),
                      kUnknownOption);
      }
    }
    auto period = Period::Parse(entry.period);
    if (!period) {
      return Refuse(entry, entry.period, "period",
                    fmt::format("'{}' is not a period code", entry.period), kInvalidPeriod);
    }
    const DataSet* data_set = ws_.catalog().DataSetOf(element_code);
    if (!data_set) {
      return Refuse(
          entry, element_code, "dataElement",
          fmt::format("{} is computed from a register and cannot be imported", element_code),
          kUnknownElement);
    }
    ReportKey key{entry.org_unit, data_set->code, period->Code()};
    const ReportCheck& report = CheckReport(key);
    if (report.broken) return Broken(*report.broken);
    if (report.refusal) {
      const ReportCheck::Refusal& r = *report.refusal;
      return Refuse(entry, r.on_unit ? entry.org_unit : entry.period, r.property, r.message,
                    r.code);
    }
    const UnitId unit = report.unit;
    if (remove) return PlanRemoval(entry, std::move(key), unit, element_code, option);
    if (entry.value.empty()) {
      return Refuse(entry, element_code, "value", "the value is empty", kValueRequired);
    }
    auto value = ParseValue(element->Spec(), entry.value);
    if (!value) {
      return Refuse(entry, entry.value, "value", value.error().message(), kInvalidValue);
    }
    const auto identity = std::make_tuple(unit, element_code, option, key.period);
    if (auto [it, fresh] = first_index_.emplace(identity, entry.index); !fresh) {
      return Refuse(entry, entry.data_element, "value",
                    fmt::format("the same value as index {} again", it->second), kDuplicate);
    }
    auto existing = ws_.store().GetValue(unit, element_code, option, key.period);
    if (!existing) return Broken(existing.error());
    Planned planned{std::move(key), {element_code, option, entry.value, entry.comment}};
    planned.unit_id = unit;
    planned.stored = value->ToString();
    if (*existing) {
      planned.old_value = (*existing)->value.ToString();
      planned.old_comment = (*existing)->comment;
      const bool same = (*existing)->value == *value && (*existing)->comment == entry.comment;
      planned.effect = same || options_.strategy == ImportStrategy::kCreate
                           ? Planned::Effect::kIgnore
                           : Planned::Effect::kUpdate;
    } else {
      // (nothing stored before: undo removes the value)
      planned.effect = options_.strategy == ImportStrategy::kUpdate ? Planned::Effect::kIgnore
                                                                    : Planned::Effect::kCreate;
    }
    planned_.push_back(std::move(planned));
  }

  // Whether values may go into one report (unit, data set, period), worked out once per report:
  // a file holds many values of each.
  struct ReportCheck {
    struct Refusal {
      bool on_unit = true;  // the conflict's object is the unit (else the period)
      std::string property;
      std::string message;
      const char* code = "";
    };
    UnitId unit = 0;
    std::optional<Refusal> refusal;
    std::optional<Error> broken;
  };

  const ReportCheck& CheckReport(const ReportKey& key) {
    auto [it, fresh] = reports_.try_emplace(std::make_tuple(key.unit, key.data_set, key.period));
    if (!fresh) return it->second;
    ReportCheck& check = it->second;
    auto target = ResolveReport(ws_, key, today_);
    if (!target) {
      const Error& e = target.error();
      if (e.where() == "unit") {
        check.refusal = {true, "orgUnit", e.message(),
                         e.code() == ErrorCode::kNotFound ? kUnknownUnit : kNotForUnit};
      } else {
        check.refusal = {false, "period", e.message(), kNotForPeriod};
      }
      return check;
    }
    check.unit = target->unit->unit_id;
    if (auto s = RequireUnit(actor_, Action::kEnter, check.unit); !s) {
      check.refusal = {true, "orgUnit", s.error().message(), kNoEntryRight};
      return check;
    }
    auto status = ws_.store().GetReportStatus(check.unit, key.data_set, key.period);
    if (!status) {
      check.broken = status.error();
      return check;
    }
    if (auto s = CheckReportWritable(actor_, *target, *status); !s) {
      check.refusal = {true, "period", s.error().message(),
                       s.error().code() == ErrorCode::kConflict ? kReportClosed : kNoEntryRight};
    }
    return check;
  }

  // A value to delete: if it is stored, it goes (and undo puts it back).
  void PlanRemoval(const DataValueEntry& entry, ReportKey key, UnitId unit,
                   const std::string& element_code, const std::string& option) {
    const auto identity = std::make_tuple(unit, element_code, option, key.period);
    if (auto [it, fresh] = first_index_.emplace(identity, entry.index); !fresh) {
      return Refuse(entry, entry.data_element, "value",
                    fmt::format("the same value as index {} again", it->second), kDuplicate);
    }
    auto existing = ws_.store().GetValue(unit, element_code, option, key.period);
    if (!existing) return Broken(existing.error());
    Planned planned{std::move(key), {element_code, option, "", ""}};
    planned.unit_id = unit;
    planned.effect = *existing ? Planned::Effect::kDelete : Planned::Effect::kIgnore;
    if (*existing) {
      planned.old_value = (*existing)->value.ToString();
      planned.old_comment = (*existing)->comment;
    }
    planned_.push_back(std::move(planned));
  }

  // Stores what passed (unless refused values forbid it) and says what happened.
  Result<ImportSummary> Finish(std::vector<std::string> notes) {
    if (broken_) return Fail(*broken_);
    summary_.notes = std::move(notes);
    summary_.dry_run = options_.dry_run;
    const bool refused = !summary_.conflicts.empty();
    if (refused && !options_.skip_invalid) {
      summary_.status = "ERROR";
      summary_.ignored += planned_.size() + refused_;
      return summary_;
    }
    summary_.ignored += refused_;
    // Per report: the values to set and the keys ("ELEMENT" or "ELEMENT.OPTION") to clear.
    struct ReportWrites {
      ReportKey key;
      std::vector<ValueInput> set;
      std::vector<std::string> clear;
    };
    std::vector<ReportWrites> reports;
    std::map<std::tuple<std::string, std::string, std::string>, size_t> position;
    for (Planned& p : planned_) {
      if (p.effect == Planned::Effect::kIgnore) {
        ++summary_.ignored;
        continue;
      }
      auto [it, fresh] = position.emplace(std::make_tuple(p.key.unit, p.key.data_set, p.key.period),
                                          reports.size());
      if (fresh) reports.push_back({p.key, {}, {}});
      ReportWrites& r = reports[it->second];
      if (p.effect == Planned::Effect::kDelete) {
        ++summary_.deleted;
        r.clear.push_back(p.input.option.empty() ? p.input.element
                                                 : p.input.element + "." + p.input.option);
        continue;
      }
      ++(p.effect == Planned::Effect::kCreate ? summary_.imported : summary_.updated);
      r.set.push_back(p.input);
    }
    summary_.status = refused ? "WARNING" : "SUCCESS";
    // A dry run writes nothing; an import that changes nothing leaves no record to undo.
    if (options_.dry_run || reports.empty()) return summary_;
    auto tx = ws_.store().Begin();
    if (!tx) return Fail(tx.error());
    for (const ReportWrites& r : reports) {
      const ReportKey& key = r.key;
      Status written = Ok();
      if (!r.set.empty()) {
        if (auto w = SetValues(ws_, actor_, key, r.set, today_); !w) written = Fail(w.error());
      }
      if (written && !r.clear.empty()) {
        if (auto c = ClearValues(ws_, actor_, key, r.clear); !c) written = Fail(c.error());
      }
      if (!written) {
        // The reports written so far roll back with the transaction; the engine heard of them,
        // so it is dropped and reloads from the store when next used.
        ws_.set_analytics(nullptr);
        return Fail(
            written.error().Within(fmt::format("{}/{}/{}", key.data_set, key.unit, key.period)));
      }
    }
    if (auto s = Record(); !s) {
      ws_.set_analytics(nullptr);
      return Fail(s.error());
    }
    if (auto s = (*tx)->Commit(); !s) {
      ws_.set_analytics(nullptr);
      return Fail(s.error());
    }
    return summary_;
  }

  // A conflict found before the values were checked (a sheet's unit name, a number typed as
  // text that cannot be read for sure).
  void Refuse(ImportConflict conflict) {
    ++refused_;
    summary_.conflicts.push_back(std::move(conflict));
  }

 private:
  void Refuse(const DataValueEntry& entry, std::string object, std::string property,
              std::string message, const char* code) {
    // A sheet's value says its cell, which is what the person will look for.
    if (!entry.cell.empty()) message = entry.cell + ": " + message;
    Refuse({std::move(object), std::move(property), std::move(message), code, {entry.index}});
  }
  void Broken(const Error& error) {
    if (!broken_) broken_ = error;
  }

  // The import's record and every value it stored with what was there before (for undo).
  Status Record() {
    DataImport record;
    record.file_name = options_.file_name;
    record.sha256 = options_.sha256;
    record.format = options_.format;
    record.user = actor_.user;
    record.at = NowUtcIso();
    record.imported = static_cast<int64_t>(summary_.imported);
    record.updated = static_cast<int64_t>(summary_.updated);
    record.ignored = static_cast<int64_t>(summary_.ignored);
    record.refused = static_cast<int64_t>(refused_);
    auto id = ws_.store().InsertDataImport(record);
    if (!id) return Fail(id.error());
    summary_.import_id = *id;
    for (const Planned& p : planned_) {
      if (p.effect == Planned::Effect::kIgnore) continue;
      DataImportChange change;
      change.import_id = *id;
      change.unit_id = p.unit_id;
      change.unit_code = p.key.unit;
      change.element = p.input.element;
      change.option = p.input.option;
      change.period = p.key.period;
      change.data_set = p.key.data_set;
      change.old_value = p.old_value;
      change.old_comment = p.old_comment;
      change.new_value = p.stored;
      change.new_comment = p.input.comment;
      if (auto s = ws_.store().PutDataImportChange(change); !s) return s;
    }
    return {};
  }

  Workspace& ws_;
  const Actor& actor_;
  const ImportOptions& options_;
  Date today_;
  ImportSummary summary_;
  size_t refused_ = 0;
  std::vector<Planned> planned_;
  std::map<std::tuple<UnitId, std::string, std::string, std::string>, size_t> first_index_;
  std::map<std::tuple<std::string, std::string, std::string>, ReportCheck> reports_;
  std::optional<Error> broken_;
};

// The periods of `type` in the years [first, last], for the types data sets use.
std::vector<std::string> PeriodsOf(PeriodType type, int first, int last) {
  std::vector<std::string> out;
  for (int y = first; y <= last; ++y) {
    switch (type) {
      case PeriodType::kYearly:
        out.push_back(std::to_string(y));
        break;
      case PeriodType::kSixMonthly:
        for (int h = 1; h <= 2; ++h) out.push_back(fmt::format("{}S{}", y, h));
        break;
      case PeriodType::kQuarterly:
        for (int q = 1; q <= 4; ++q) out.push_back(fmt::format("{}Q{}", y, q));
        break;
      case PeriodType::kMonthly:
        for (int m = 1; m <= 12; ++m) out.push_back(fmt::format("{}{:02d}", y, m));
        break;
      default:
        break;
    }
  }
  return out;
}

// The one message for a format name nobody knows, for reading and writing alike.
Error UnknownFormat(std::string_view format) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("unknown format '{}'; use dvs-json, dvs-csv or adx", format), "format");
}

}  // namespace

Result<DataValueSet> ReadDataValueSet(std::string_view bytes, std::string_view format,
                                      const std::string& file) {
  if (format == "dvs-json") return ReadDataValueSetJson(bytes, file);
  if (format == "dvs-csv") return ReadDataValueSetCsv(bytes, file);
  if (format == "adx") return ReadDataValueSetAdx(bytes, file);
  return Fail(UnknownFormat(format));
}

Status WriteDataValueSet(const std::vector<DataValueEntry>& values, std::string_view format,
                         std::ostream& out) {
  if (format == "dvs-json") {
    WriteDataValueSetJson(values, out);
  } else if (format == "dvs-csv") {
    WriteDataValueSetCsv(values, out);
  } else if (format == "adx") {
    return WriteDataValueSetAdx(values, out);
  } else {
    return Fail(UnknownFormat(format));
  }
  return {};
}

Result<ImportStrategy> ParseImportStrategy(std::string_view name) {
  if (name == "CREATE") return ImportStrategy::kCreate;
  if (name == "UPDATE") return ImportStrategy::kUpdate;
  if (name == "CREATE_AND_UPDATE" || name == "NEW_AND_UPDATES") {
    return ImportStrategy::kCreateAndUpdate;
  }
  if (name == "DELETE" || name == "DELETES") return ImportStrategy::kDelete;
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("unknown strategy '{}'; use CREATE, UPDATE, CREATE_AND_UPDATE or DELETE", name),
      "strategy");
}

Result<ImportSummary> ImportDataValues(Workspace& ws, const Actor& actor, const DataValueSet& set,
                                       const ImportOptions& options, Date today,
                                       ReadFindings findings) {
  // A role that enters no data is refused as a whole; a unit outside an officer's scope is a
  // conflict of that value.
  if (auto s = RequireRole(actor, Action::kEnter); !s) return Fail(s.error());
  Importer importer(ws, actor, options, today);
  for (ImportConflict& c : findings.conflicts) importer.Refuse(std::move(c));
  const size_t all = set.values.size();
  for (size_t i = 0; i < all; ++i) {
    importer.Check(set.values[i]);
    if (options.progress && (i + 1) % 10000 == 0) options.progress(i + 1, all);
  }
  if (options.progress) options.progress(all, all);
  auto summary = importer.Finish(std::move(findings.notes));
  if (summary) summary->values = set.values.size() + findings.conflicts.size();
  return summary;
}

Result<ImportSummary> ImportDataValueFile(Workspace& ws, const Actor& actor, std::string_view bytes,
                                          const std::string& file_name, ImportOptions options,
                                          Date today) {
  auto set = ReadDataValueSet(bytes, options.format, file_name);
  if (!set) return Fail(set.error());
  options.file_name = file_name;
  options.sha256 = Sha256Hex(bytes);
  return ImportDataValues(ws, actor, *set, options, today);
}

Result<std::vector<DataImport>> ListDataImports(const Workspace& ws, const Actor& actor) {
  auto all = ws.store().ListDataImports();
  if (!all) return Fail(all.error());
  if (actor.is_admin()) return all;
  std::vector<DataImport> mine;
  for (DataImport& d : *all) {
    if (d.user == actor.user) mine.push_back(std::move(d));
  }
  return mine;
}

Result<UndoSummary> UndoDataImport(Workspace& ws, const Actor& actor, int64_t id, Date today) {
  auto record = ws.store().GetDataImport(id);
  if (!record) return Fail(record.error());
  if (!*record) {
    return Fail(ErrorCode::kNotFound, fmt::format("no import {}; see antq import list", id), "id");
  }
  if (!actor.is_admin() && (*record)->user != actor.user) {
    return Fail(ErrorCode::kPermissionDenied,
                fmt::format("import {} was made by {}; only they or an administrator may undo it",
                            id, (*record)->user));
  }
  if (!(*record)->undone_at.empty()) {
    return Fail(ErrorCode::kConflict,
                fmt::format("import {} was undone already, by {} at {}", id, (*record)->undone_by,
                            (*record)->undone_at),
                "id");
  }
  auto changes = ws.store().DataImportChanges(id);
  if (!changes) return Fail(changes.error());
  // Every value must still be what the import stored: otherwise undoing would throw away a
  // later edit.
  for (const DataImportChange& c : *changes) {
    auto now = ws.store().GetValue(c.unit_id, c.element, c.option, c.period);
    if (!now) return Fail(now.error());
    const std::string subject =
        fmt::format("{}{}{}/{} of unit {}", c.element, c.option.empty() ? "" : ".", c.option,
                    c.period, c.unit_code);
    // (An empty new value: the import deleted it, and it must still be absent.)
    const bool same = c.new_value.empty() ? !*now
                                          : *now && (*now)->value.ToString() == c.new_value &&
                                                (*now)->comment == c.new_comment;
    if (!same) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("{} was changed after import {} (it is now {}, the import stored "
                              "{}); undo refused, nothing changed",
                              subject, id, *now ? (*now)->value.ToString() : "empty",
                              c.new_value.empty() ? "nothing (it deleted it)" : c.new_value),
                  "id");
    }
  }
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::vector<ValueInput>> restore;
  std::map<Key, std::vector<std::string>> remove;
  UndoSummary summary;
  summary.import_id = id;
  for (const DataImportChange& c : *changes) {
    const Key key{c.unit_code, c.data_set, c.period};
    if (c.old_value) {
      restore[key].push_back({c.element, c.option, *c.old_value, c.old_comment});
      ++summary.restored;
    } else {
      remove[key].push_back(c.option.empty() ? c.element : c.element + "." + c.option);
      ++summary.removed;
    }
  }
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto failed = [&](const Error& e, const Key& key) {
    ws.set_analytics(nullptr);  // it heard of writes that now roll back
    return Fail(
        e.Within(fmt::format("{}/{}/{}", std::get<1>(key), std::get<0>(key), std::get<2>(key))));
  };
  for (const auto& [key, inputs] : restore) {
    auto written =
        SetValues(ws, actor, {std::get<0>(key), std::get<1>(key), std::get<2>(key)}, inputs, today);
    if (!written) return failed(written.error(), key);
  }
  for (const auto& [key, keys] : remove) {
    auto cleared =
        ClearValues(ws, actor, {std::get<0>(key), std::get<1>(key), std::get<2>(key)}, keys);
    if (!cleared) return failed(cleared.error(), key);
  }
  if (auto s = ws.store().MarkDataImportUndone(id, actor.user, NowUtcIso()); !s) {
    ws.set_analytics(nullptr);
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) {
    ws.set_analytics(nullptr);
    return Fail(s.error());
  }
  return summary;
}

Result<std::vector<DataValueEntry>> ExportDataValues(const Workspace& ws, const Actor& actor,
                                                     const ExportRequest& request) {
  if (request.under.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  }
  const size_t dots = request.years.find("..");
  auto first = Period::Parse(request.years.substr(0, dots));
  auto last =
      Period::Parse(dots == std::string::npos ? request.years : request.years.substr(dots + 2));
  if (!first || !last || first->type() != PeriodType::kYearly ||
      last->type() != PeriodType::kYearly || last->year() < first->year()) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}': give a year or a range of years such as 2019..2022", request.years),
        "period");
  }
  std::vector<const DataSet*> data_sets;
  for (const auto& [code, d] : ws.catalog().data_sets()) {
    if (request.data_set.empty() || code == request.data_set) data_sets.push_back(&d);
  }
  if (data_sets.empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("unknown data set '{}'", request.data_set),
                "data_set");
  }
  std::vector<DataValueEntry> out;
  for (const DataSet* d : data_sets) {
    for (const std::string& period : PeriodsOf(d->period_type, first->year(), last->year())) {
      ValuesQuery query;
      query.under = request.under;
      query.data_set = d->code;
      query.period = period;
      auto rows = GetValues(ws, actor, query);
      if (!rows) return Fail(rows.error());
      for (const ValueRow& row : *rows) {
        DataValueEntry e;
        e.data_element = row.value.element;
        e.category_option_combo = row.value.option;
        e.org_unit = row.unit->code;
        e.period = row.value.period;
        e.value = row.value.value.ToString();
        e.stored_by = row.value.stored_by;
        e.last_updated = row.value.updated_at;
        e.comment = row.value.comment;
        e.data_set = d->code;
        e.category = row.element ? row.element->category : "";
        e.index = out.size();
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

}  // namespace antq
