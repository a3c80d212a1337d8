#include "app/data_value_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "app/report_target.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "common/hash.h"
#include "common/text.h"

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

// Values checked per write: bounds an import's memory whatever the file's size.
constexpr size_t kChunk = 20000;
// The longest comment data entry stores.
constexpr size_t kMaxCommentLength = 1000;
// Conflicts listed in a summary; the rest are counted.
constexpr size_t kMaxListedConflicts = 10000;

// A 64-bit key of a value's identity (unit, element, option, period), for finding a value given
// twice in one file without keeping the identities themselves: tens of millions of values cost
// 8 bytes each. Two identities sharing a key (odds about 1 in 10^5 for 35 million values) would
// make the second refused as a duplicate: a refusal that names it, never a silent change.
uint64_t ValueKeyHash(UnitId unit, std::string_view element, std::string_view option,
                      std::string_view period) {
  uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(unit);
  for (std::string_view part : {element, option, period}) {
    for (char c : part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;  // a separator: ("ab", "c") differs from ("a", "bc")
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

// A set of 64-bit keys in one flat table (open addressing, filled up to 7/8), as small as such a
// set can be; sized once from the expected count, it never has to grow (growing briefly needs the
// old table and the new one).
class KeySet {
 public:
  void Reserve(size_t count) {
    if (count * 8 > slots_.size() * 7) Rehash(count + count / 7 + 1024);
  }

  // False when `key` was there already.
  bool Insert(uint64_t key) {
    if (key == 0) key = 1;  // 0 marks an empty slot
    if ((size_ + 1) * 8 > slots_.size() * 7) Rehash(slots_.empty() ? 1024 : slots_.size() * 2);
    size_t i = Slot(key);
    while (slots_[i] != 0) {
      if (slots_[i] == key) return false;
      if (++i == slots_.size()) i = 0;
    }
    slots_[i] = key;
    ++size_;
    return true;
  }

 private:
  // The key's home slot: its high bits scaled to the table's size (any size, not only powers of
  // two).
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((static_cast<unsigned __int128>(key) * slots_.size()) >> 64);
  }
  void Rehash(size_t capacity) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(capacity, 0);
    size_ = 0;
    for (uint64_t k : old) {
      if (k != 0) Insert(k);
    }
  }
  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

class Importer {
 public:
  Importer(Workspace& ws, const Actor& actor, const ImportOptions& options, Date today)
      : ws_(ws), actor_(actor), options_(options), today_(today) {}
  // An import left unfinished (a file that could not be read to its end) rolls back.
  ~Importer() {
    if (tx_ && wrote_) ws_.set_analytics(nullptr);
  }
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;

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
    } else if (!element->category.empty()) {
      return Refuse(entry, element_code, "categoryOptionCombo",
                    fmt::format("{} is broken down by {}; give the option (categoryOptionCombo)",
                                element_code, element->category),
                    kUnknownOption);
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
    if (element->valid_from && report.window_end < *element->valid_from) {
      return Refuse(
          entry, entry.period, "period",
          fmt::format("{} is reported from {} on", element_code, element->valid_from->ToString()),
          kNotForPeriod);
    }
    if (CountCodePoints(entry.comment) > kMaxCommentLength) {
      return Refuse(entry, element_code, "comment",
                    fmt::format("the comment is longer than {} characters", kMaxCommentLength),
                    kInvalidValue);
    }
    if (remove) return PlanRemoval(entry, std::move(key), unit, element_code, option);
    if (entry.value.empty()) {
      return Refuse(entry, element_code, "value", "the value is empty", kValueRequired);
    }
    auto value = ParseValue(element->Spec(), entry.value);
    if (!value) {
      return Refuse(entry, entry.value, "value", value.error().message(), kInvalidValue);
    }
    auto existing = FirstAndStored(entry, unit, element_code, option, key.period);
    if (!existing) return;
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
    Plan(std::move(planned));
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
    Date window_end;
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
    check.window_end = target->window.end;
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

  // What is stored under a value's identity, unless the identity came earlier in the file (a
  // duplicate, refused) or the store failed: nullopt then, with the conflict or error kept.
  std::optional<std::optional<DataValue>> FirstAndStored(const DataValueEntry& entry, UnitId unit,
                                                         const std::string& element,
                                                         const std::string& option,
                                                         const std::string& period) {
    if (!seen_.Insert(ValueKeyHash(unit, element, option, period))) {
      Refuse(entry, entry.data_element, "value",
             "the same value (unit, element, option, period) as an earlier one in the file",
             kDuplicate);
      return std::nullopt;
    }
    auto stored = ws_.store().GetValue(unit, element, option, period);
    if (!stored) {
      Broken(stored.error());
      return std::nullopt;
    }
    return std::move(*stored);
  }

  // A value to delete: if it is stored, it goes (and undo puts it back).
  void PlanRemoval(const DataValueEntry& entry, ReportKey key, UnitId unit,
                   const std::string& element_code, const std::string& option) {
    auto existing = FirstAndStored(entry, unit, element_code, option, key.period);
    if (!existing) return;
    Planned planned{std::move(key), {element_code, option, "", ""}};
    planned.unit_id = unit;
    planned.effect = *existing ? Planned::Effect::kDelete : Planned::Effect::kIgnore;
    if (*existing) {
      planned.old_value = (*existing)->value.ToString();
      planned.old_comment = (*existing)->comment;
    }
    Plan(std::move(planned));
  }

  // Opens the import's transaction (a dry run writes nothing and needs none).
  Status Start() {
    seen_.Reserve(options_.expected_values);
    if (options_.dry_run) return Ok();
    auto tx = ws_.store().Begin();
    if (!tx) return Fail(tx.error());
    tx_ = std::move(*tx);
    return Ok();
  }

  // Writes what is still planned, commits and says what happened. With refused values (and no
  // skip_invalid) nothing is committed: what earlier chunks wrote rolls back with the
  // transaction.
  Result<ImportSummary> Finish(std::vector<std::string> notes) {
    Flush();
    if (broken_) return Abandon(*broken_);
    summary_.notes = std::move(notes);
    summary_.dry_run = options_.dry_run;
    if (refused_ > summary_.conflicts.size()) {
      summary_.conflicts.push_back({"",
                                    "",
                                    fmt::format("… and {} more refused values, not listed",
                                                refused_ - summary_.conflicts.size()),
                                    "",
                                    {}});
    }
    if (Failing()) {
      summary_.status = "ERROR";
      summary_.ignored = planned_count_ + refused_;
      if (tx_) {
        tx_.reset();  // roll back
        if (wrote_) ws_.set_analytics(nullptr);
      }
      return summary_;
    }
    summary_.imported = would_.imported;
    summary_.updated = would_.updated;
    summary_.deleted = would_.deleted;
    summary_.ignored = would_.ignored + refused_;
    summary_.status = refused_ > 0 ? "WARNING" : "SUCCESS";
    if (!tx_) return summary_;  // a dry run
    if (import_id_ > 0) {
      DataImport counts;
      counts.id = import_id_;
      counts.imported = static_cast<int64_t>(summary_.imported);
      counts.updated = static_cast<int64_t>(summary_.updated);
      counts.ignored = static_cast<int64_t>(summary_.ignored);
      counts.refused = static_cast<int64_t>(refused_);
      if (auto st = ws_.store().SetDataImportCounts(counts); !st) return Abandon(st.error());
    }
    if (auto st = tx_->Commit(); !st) return Abandon(st.error());
    tx_.reset();
    summary_.import_id = import_id_;  // 0: nothing changed, nothing recorded
    return summary_;
  }

  // A conflict found before the values were checked (a sheet's unit name, a number typed as
  // text that cannot be read for sure).
  void Refuse(ImportConflict conflict) {
    ++refused_;
    if (summary_.conflicts.size() < kMaxListedConflicts) {
      summary_.conflicts.push_back(std::move(conflict));
    }
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

  // A checked value; every kChunk of them are written, so a file of millions of values never
  // has more than a chunk's plans in memory.
  void Plan(Planned planned) {
    ++planned_count_;
    planned_.push_back(std::move(planned));
    if (planned_.size() >= kChunk) Flush();
  }

  bool Failing() const { return refused_ > 0 && !options_.skip_invalid; }

  // Counts what the planned values do and, unless this is a dry run or the import will fail,
  // writes them per report through data entry's use cases, with the import's record.
  void Flush() {
    if (planned_.empty() || broken_) return;
    const bool write = tx_ && !Failing();
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
        ++would_.ignored;
        continue;
      }
      auto [it, fresh] = position.emplace(std::make_tuple(p.key.unit, p.key.data_set, p.key.period),
                                          reports.size());
      if (fresh) reports.push_back({p.key, {}, {}});
      ReportWrites& r = reports[it->second];
      if (p.effect == Planned::Effect::kDelete) {
        ++would_.deleted;
        r.clear.push_back(p.input.option.empty() ? p.input.element
                                                 : p.input.element + "." + p.input.option);
        continue;
      }
      ++(p.effect == Planned::Effect::kCreate ? would_.imported : would_.updated);
      r.set.push_back(p.input);
    }
    if (write && !reports.empty()) {
      for (const ReportWrites& r : reports) {
        const ReportKey& key = r.key;
        Status written = Ok();
        if (!r.set.empty()) {
          if (auto w = SetValues(ws_, actor_, key, r.set, today_); !w) written = Fail(w.error());
        }
        if (written && !r.clear.empty()) {
          if (auto c = ClearValues(ws_, actor_, key, r.clear); !c) written = Fail(c.error());
        }
        wrote_ = true;
        if (!written) {
          Broken(
              written.error().Within(fmt::format("{}/{}/{}", key.data_set, key.unit, key.period)));
          break;
        }
      }
      if (!broken_) {
        if (auto st = Record(); !st) Broken(st.error());
      }
    }
    planned_.clear();
    // The reports' checks are kept for a chunk only: a file of millions of values spans about a
    // million reports, whose checks would otherwise take hundreds of megabytes. (A report whose
    // values are spread over chunks is simply checked again.)
    reports_.clear();
  }

  // Gives up: the transaction rolls back, and the engine, which heard of its writes, is dropped
  // (it reloads from the store when next used).
  Result<ImportSummary> Abandon(const Error& error) {
    tx_.reset();
    if (wrote_) ws_.set_analytics(nullptr);
    return Fail(error);
  }

  // The import's record (made with its first stored value) and every value of this chunk it
  // stored, with what was there before (for undo).
  Status Record() {
    if (import_id_ == 0) {
      DataImport record;
      record.file_name = options_.file_name;
      record.sha256 = options_.sha256;
      record.format = options_.format;
      record.user = actor_.user;
      record.at = NowUtcIso();
      auto id = ws_.store().InsertDataImport(record);
      if (!id) return Fail(id.error());
      import_id_ = *id;
    }
    for (const Planned& p : planned_) {
      if (p.effect == Planned::Effect::kIgnore) continue;
      DataImportChange change;
      change.import_id = import_id_;
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
      if (auto st = ws_.store().PutDataImportChange(change); !st) return st;
    }
    return {};
  }

  Workspace& ws_;
  const Actor& actor_;
  const ImportOptions& options_;
  Date today_;
  ImportSummary summary_;
  size_t refused_ = 0;
  size_t planned_count_ = 0;  // values that passed every check
  struct Effects {
    size_t imported = 0, updated = 0, deleted = 0, ignored = 0;
  } would_;
  std::vector<Planned> planned_;
  KeySet seen_;
  std::unique_ptr<Transaction> tx_;
  bool wrote_ = false;
  int64_t import_id_ = 0;
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
  if (auto st = importer.Start(); !st) return Fail(st.error());
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

Result<ImportSummary> ImportDataValueStream(Workspace& ws, const Actor& actor, std::istream& in,
                                            const std::string& file_name, ImportOptions options,
                                            Date today) {
  if (options.format != "dvs-csv" && options.format != "dvs-json") {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("format '{}' is not read as a stream; use dvs-json or dvs-csv", options.format),
        "format");
  }
  if (auto s = RequireRole(actor, Action::kEnter); !s) return Fail(s.error());
  options.file_name = file_name;
  Importer importer(ws, actor, options, today);
  if (auto st = importer.Start(); !st) return Fail(st.error());
  size_t count = 0;
  auto check = [&](DataValueEntry& entry) {
    importer.Check(entry);
    ++count;
    if (options.progress && count % 10000 == 0) options.progress(count, 0);
    return Status(Ok());
  };
  auto read = options.format == "dvs-csv" ? ReadDataValueSetCsv(in, file_name, check)
                                          : ReadDataValueSetJson(in, file_name, check);
  // A file that cannot be read to its end stores nothing (the transaction rolls back).
  if (!read) return Fail(read.error());
  if (options.progress) options.progress(count, count);
  auto summary = importer.Finish({});
  if (summary) summary->values = count;
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

Result<ImportSummary> ImportDataValuePath(Workspace& ws, const Actor& actor,
                                          const std::string& path, ImportOptions options,
                                          Date today) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read the file", path);
  if (options.format != "dvs-csv" && options.format != "dvs-json") {
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return ImportDataValueFile(ws, actor, bytes.str(), path, std::move(options), today);
  }
  Sha256 sha;
  size_t values = 0;
  std::string block(1 << 20, '\0');
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    const std::string_view piece(block.data(), static_cast<size_t>(in.gcount()));
    sha.Add(piece);
    // (a CSV's lines, a JSON file's objects: about one per value)
    values += static_cast<size_t>(
        std::count(piece.begin(), piece.end(), options.format == "dvs-csv" ? '\n' : '{'));
  }
  in.clear();
  in.seekg(0);
  options.sha256 = sha.Hex();
  options.expected_values = values;
  return ImportDataValueStream(ws, actor, in, path, std::move(options), today);
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
