#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "app/json_mapping.h"
#include "app/validation_use_cases.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "cli/context.h"
#include "common/vietnamese_format.h"

namespace antq::cli {
namespace {

struct ValuesOptions {
  std::string unit;
  std::string data_set;
  std::string period;
  std::string under;
  std::string level;
  std::string comment;
  std::vector<std::string> elements;
  std::vector<std::string> assignments;
  std::vector<std::string> states;
  size_t limit = 50;  // rows `values status` lists; 0 lists all
};

std::string UnitTypeLabel(const UnitVersion* u) { return u ? u->type : "?"; }

std::string_view ImportanceLabel(Importance importance) {
  return importance == Importance::kError ? "lỗi / error" : "cảnh báo / warning";
}

void PrintViolations(const std::vector<rules::Violation>& violations) {
  for (const rules::Violation& v : violations) {
    std::cout << fmt::format("{}: {} ({}): {}\n  {}\n", ImportanceLabel(v.rule->importance),
                             v.rule->code, v.rule->data_set, v.message_vi, v.message_en);
  }
}

// What a write did beyond the figures: rules broken, a report back to draft, verdicts changed.
void PrintWriteNotes(const WriteSummary& summary) {
  PrintViolations(summary.violations);
  if (rules::HasErrors(summary.violations)) {
    std::cout << "Bản nháp đã lưu; cần sửa lỗi trước khi gửi / the draft is saved; fix the errors "
                 "before submitting\n";
  }
  if (summary.reopened) {
    std::cout << "Báo cáo đã gửi nay trở lại bản nháp / the submitted report is a draft again\n";
  }
  for (const VerdictChange& c : summary.verdict_changes) {
    std::cout << fmt::format("Kết quả đánh giá thay đổi / verdict changed: {} {}, {} {}: {} → {}\n",
                             c.criteria_set, c.period, c.unit ? c.unit->code : "?",
                             c.unit ? c.unit->FullName() : "?", VerdictText(c.was_met),
                             VerdictText(c.met));
  }
}

Status RunSet(const Context& ctx, const ValuesOptions& o) {
  auto pairs = Assignments(o.assignments);
  if (!pairs) return Fail(pairs.error());
  std::vector<ValueInput> inputs;
  for (const auto& [key, value] : *pairs) inputs.push_back({key, "", value, o.comment});
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto summary =
      SetValues(*ws, LocalActor(ctx), {o.unit, o.data_set, o.period}, inputs, Date::Today());
  if (!summary) return Fail(summary.error());
  std::cout << fmt::format("{} added, {} updated, {} unchanged{}\n", summary->added,
                           summary->updated, summary->unchanged,
                           summary->added + summary->updated == 0 ? " (nothing changed)" : "");
  PrintWriteNotes(*summary);
  return Ok();
}

std::string_view ProgressLabel(ReportProgress p) {
  switch (p) {
    case ReportProgress::kNotStarted:
      return "chưa nhập / not started";
    case ReportProgress::kDraft:
      return "bản nháp / draft";
    case ReportProgress::kSubmittedOnTime:
      return "đã gửi đúng hạn / submitted on time";
    case ReportProgress::kSubmittedLate:
      return "gửi chậm / submitted late";
    case ReportProgress::kApproved:
      return "đã duyệt / approved";
    case ReportProgress::kLocked:
      return "đã khoá / locked";
    case ReportProgress::kOverdue:
      return "quá hạn / overdue";
  }
  return "?";
}

Status RunStatus(const Context& ctx, const ValuesOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto result = ReportStatusOverview(
      *ws, LocalActor(ctx), {o.data_set, o.under, o.period, SplitList(o.states)}, Date::Today());
  if (!result) return Fail(result.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    PrintJson(views::StatusOverviewJson(*result), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"code", "name", "period", "deadline", "state", "submitted_at", "changed_by", "comment"};
  t.headers = {"Mã",      "Đơn vị",      "Kỳ",     "Hạn nộp", "Tình trạng / state",
               "Gửi lúc", "Người xử lý", "Ghi chú"};
  std::vector<const ReportStatusRow*> rows;
  for (const ReportStatusRow& r : result->rows) rows.push_back(&r);
  const size_t shown = o.limit == 0 ? rows.size() : std::min(o.limit, rows.size());
  for (size_t i = 0; i < shown; ++i) {
    const ReportStatusRow& r = *rows[i];
    t.rows.push_back({r.unit->code, r.unit->FullName(), r.period,
                      r.deadline == Date::Max() ? "" : r.deadline.ToString(),
                      *format == Format::kTable ? std::string(ProgressLabel(r.progress))
                                                : std::string(ReportProgressName(r.progress)),
                      r.status.submitted_at, r.status.changed_by, r.status.comment});
  }
  Print(t, *format, std::cout);
  std::ostream& out = *format == Format::kTable ? std::cout : std::cerr;
  if (shown < rows.size()) {
    out << fmt::format(
        "… {} báo cáo khác không liệt kê / {} more not listed (--limit 0 lists all)\n",
        rows.size() - shown, rows.size() - shown);
  }
  std::string states;
  for (const auto& [progress, n] : result->counts) {
    AppendListItem(states, fmt::format("{} {}", n, ProgressLabel(progress)), ", ");
  }
  out << fmt::format("{} báo cáo / reports: {}\n", result->rows.size(),
                     states.empty() ? "0" : states);
  const ReportingRate& rate = result->total;
  out << fmt::format(
      "Tỷ lệ báo cáo / reporting rate: {}/{} ({} %), đúng hạn / on time {}/{} ({} %)\n",
      rate.actual, rate.expected, FormatNumberVi(rate.rate(), 1), rate.on_time, rate.expected,
      FormatNumberVi(rate.on_time_rate(), 1));
  const DataSet& ds = *result->data_set;
  if (ds.submit_within_days > 0) {
    const DueCounts& c = result->due;
    out << fmt::format(
        "{}: {} báo cáo đến hạn / reports due (hạn {} ngày sau ngày chốt số liệu / due {} days "
        "after the cut-off): {} đúng hạn / on time, {} nộp chậm / late, {} chưa nộp / missing\n",
        ds.code, c.due, ds.submit_within_days, ds.submit_within_days, c.on_time, c.late, c.missing);
  }
  return Ok();
}

// approve, return, lock, unlock: one transition of one report.
Status RunTransition(const Context& ctx, const ValuesOptions& o, std::string_view which) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  const ReportKey key{o.unit, o.data_set, o.period};
  const Actor actor = LocalActor(ctx);
  Result<ReportStatus> status = Fail(ErrorCode::kInternal, "no transition");
  if (which == "approve") status = ApproveReport(*ws, actor, key);
  if (which == "return") status = ReturnReport(*ws, actor, key, o.comment);
  if (which == "lock") status = LockReport(*ws, actor, key);
  if (which == "unlock") status = UnlockReport(*ws, actor, key, o.comment);
  if (!status) return Fail(status.error());
  std::cout << fmt::format("{} {} {}: {}\n", o.unit, o.data_set, o.period,
                           ReportStateName(status->state));
  return Ok();
}

Status RunHistory(const Context& ctx, const ValuesOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto rows = ReportHistory(*ws, LocalActor(ctx), {o.unit, o.data_set, o.period},
                            o.limit == 0 ? 100000 : o.limit);
  if (!rows) return Fail(rows.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    nlohmann::json entries = nlohmann::json::array();
    for (const AuditEntry& e : *rows) entries.push_back(views::AuditEntryJson(e));
    PrintJson(entries, std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"id", "at", "user", "client", "action", "subject", "old_value", "new_value"};
  t.headers = {"Số", "Thời điểm", "Người", "Từ", "Thao tác", "Nội dung", "Cũ", "Mới"};
  for (const AuditEntry& e : *rows) {
    t.rows.push_back({std::to_string(e.id), e.at, e.user, e.client, e.action, e.subject,
                      e.old_value.value_or("∅"), e.new_value.value_or("∅")});
  }
  Print(t, *format, std::cout);
  return Ok();
}

Status RunSubmit(const Context& ctx, const ValuesOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto result = SubmitReport(*ws, LocalActor(ctx), {o.unit, o.data_set, o.period});
  if (!result) return Fail(result.error());
  PrintViolations(result->violations);
  if (result->already) {
    std::cout << "Báo cáo đã được gửi trước đó / the report was already submitted\n";
    return Ok();
  }
  if (!result->submitted) {
    return Fail(ErrorCode::kInvalidArgument,
                "the report breaks error-level rules and stays a draft; correct the figures with "
                "antq values set, then submit again",
                fmt::format("{} {} {}", o.unit, o.data_set, o.period));
  }
  std::cout << "Đã gửi báo cáo / report submitted\n";
  return Ok();
}

Status RunClear(const Context& ctx, const ValuesOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto summary =
      ClearValues(*ws, LocalActor(ctx), {o.unit, o.data_set, o.period}, SplitList(o.elements));
  if (!summary) return Fail(summary.error());
  std::cout << fmt::format("{} value(s) cleared\n", summary->cleared);
  PrintWriteNotes(*summary);
  return Ok();
}

Status RunGet(const Context& ctx, const ValuesOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  ValuesQuery q;
  q.under = o.under;
  q.elements = SplitList(o.elements);
  q.data_set = o.data_set;
  q.period = o.period;
  if (!o.level.empty()) {
    auto level = ParseUnitLevel(o.level);
    if (!level) return Fail(level.error().At("--level"));
    q.level = *level;
  }
  if (q.elements.empty() && q.data_set.empty()) {
    return Fail(ErrorCode::kUsage, "name the figures to read with --element or --data-set",
                "--element");
  }
  auto rows = GetValues(*ws, LocalActor(ctx), q);
  if (!rows) return Fail(rows.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    PrintJson(views::ValueRows(*rows), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"unit_code", "unit", "element", "option", "period", "value", "stored_by", "updated_at"};
  t.headers = {"Mã", "Đơn vị", "Chỉ tiêu", "Phân tổ", "Kỳ", "Giá trị", "Người nhập", "Cập nhật"};
  // Totals per element and option; for yes/no elements, how many units said yes, by unit type.
  struct Total {
    double sum = 0;
    std::map<std::string, std::pair<int, int>> yes_by_type;  // type -> (yes, all)
    const DataElement* element = nullptr;
  };
  std::map<std::pair<std::string, std::string>, Total> totals;
  for (const ValueRow& r : *rows) {
    t.rows.push_back({r.unit ? r.unit->code : "?", r.unit ? r.unit->FullName() : "?",
                      r.value.element, r.value.option, r.value.period, r.value.value.ToString(),
                      r.value.stored_by, r.value.updated_at});
    Total& total = totals[{r.value.element, r.value.option}];
    total.element = r.element;
    if (r.value.value.number) total.sum += *r.value.value.number;
    if (r.element && r.element->value_type == ValueType::kBoolean) {
      auto& [yes, all] = total.yes_by_type[UnitTypeLabel(r.unit)];
      yes += r.value.value.number && *r.value.value.number != 0 ? 1 : 0;
      ++all;
    }
  }
  Print(t, *format, std::cout);
  if (*format != Format::kTable) return Ok();
  for (const auto& [key, total] : totals) {
    const std::string name = key.second.empty() ? key.first : key.first + "." + key.second;
    if (total.element && total.element->value_type == ValueType::kBoolean) {
      std::string parts;
      for (const auto& [type, counts] : total.yes_by_type) {
        parts +=
            fmt::format("{}{}/{} {}", parts.empty() ? "" : "; ", counts.first, counts.second, type);
      }
      std::cout << fmt::format("{}: có / yes {}\n", name, parts);
    } else if (total.element && total.element->value_type != ValueType::kText &&
               total.element->aggregation == Aggregation::kSum) {
      std::cout << fmt::format("{}: tổng / total {}\n", name, FormatNumberVi(total.sum, 0));
    }
  }
  return Ok();
}

}  // namespace

void AddValuesCommand(CLI::App& app, Context& ctx) {
  auto* values = app.add_subcommand("values", "Số liệu báo cáo / reported figures");
  values->require_subcommand(1);
  static ValuesOptions o;

  auto* set = values->add_subcommand(
      "set", "Nhập số liệu một báo cáo / set figures of one report: ELEMENT[.OPTION]=VALUE …");
  set->add_option("--unit", o.unit, "Unit code")->required();
  set->add_option("--data-set", o.data_set, "Data set, e.g. commune-monthly")->required();
  set->add_option("--period", o.period, "Period, e.g. 202303 or 2022")->required();
  set->add_option("--comment", o.comment, "A comment stored with each value");
  set->add_option("VALUES", o.assignments, "ELEMENT=VALUE or ELEMENT.OPTION=VALUE")->required();
  set->callback([&ctx] { ctx.action = [&ctx] { return RunSet(ctx, o); }; });

  auto* submit = values->add_subcommand(
      "submit",
      "Gửi báo cáo / submit one report for review; refused while it breaks an error-level rule");
  submit->add_option("--unit", o.unit, "Unit code")->required();
  submit->add_option("--data-set", o.data_set, "Data set")->required();
  submit->add_option("--period", o.period, "Period")->required();
  submit->callback([&ctx] { ctx.action = [&ctx] { return RunSubmit(ctx, o); }; });

  auto* get = values->add_subcommand("get", "Xem số liệu / read figures under a unit");
  get->add_option("--under", o.under, "Unit code (its area across time); default: everywhere");
  get->add_option("--element", o.elements, "Element codes, comma-separated");
  get->add_option("--data-set", o.data_set, "Every element of this data set");
  get->add_option("--period", o.period, "Period, e.g. 2022");
  get->add_option("--level", o.level, "Only units of this level");
  get->callback([&ctx] { ctx.action = [&ctx] { return RunGet(ctx, o); }; });

  auto* status = values->add_subcommand(
      "status",
      "Tình hình báo cáo / where each report stands (not started, draft, submitted on time or "
      "late, approved, locked, overdue) and the reporting rates");
  status->add_option("--data-set", o.data_set, "A data set, e.g. commune-monthly")->required();
  status->add_option("--under", o.under, "The area: a unit code")->required();
  status->add_option("--period", o.period, "A period or a range: 2022, 2023Q1, 2019..2022")
      ->required();
  status->add_option("--state", o.states,
                     "Only these states (comma-separated): not_started, draft, "
                     "submitted_on_time, submitted_late, approved, locked, overdue");
  status->add_option("--limit", o.limit, "How many reports to list; 0 lists all")
      ->capture_default_str();
  status->callback([&ctx] { ctx.action = [&ctx] { return RunStatus(ctx, o); }; });

  struct Transition {
    const char* name;
    const char* help;
    bool comment;
  };
  for (const Transition& tr : {
           Transition{"approve", "Duyệt báo cáo / approve a submitted report (the level above)",
                      false},
           Transition{"return",
                      "Trả lại báo cáo / send a submitted or approved report back to draft, with "
                      "the reason (--comment)",
                      true},
           Transition{"lock", "Khoá báo cáo / lock an approved report (the province)", false},
           Transition{"unlock",
                      "Mở khoá báo cáo / unlock a locked report back to approved, with the "
                      "reason (--comment)",
                      true},
       }) {
    auto* cmd = values->add_subcommand(tr.name, tr.help);
    cmd->add_option("--unit", o.unit, "Unit code")->required();
    cmd->add_option("--data-set", o.data_set, "Data set")->required();
    cmd->add_option("--period", o.period, "Period")->required();
    if (tr.comment) cmd->add_option("--comment", o.comment, "Why")->required();
    const std::string which = tr.name;
    cmd->callback(
        [&ctx, which] { ctx.action = [&ctx, which] { return RunTransition(ctx, o, which); }; });
  }

  auto* history = values->add_subcommand(
      "history", "Lịch sử báo cáo / what happened to one report, newest first");
  history->add_option("--unit", o.unit, "Unit code")->required();
  history->add_option("--data-set", o.data_set, "Data set")->required();
  history->add_option("--period", o.period, "Period")->required();
  history->add_option("--limit", o.limit, "How many entries; 0 lists all")->capture_default_str();
  history->callback([&ctx] { ctx.action = [&ctx] { return RunHistory(ctx, o); }; });

  auto* clear =
      values->add_subcommand("clear", "Xoá số liệu một báo cáo / clear figures of one report");
  clear->add_option("--unit", o.unit, "Unit code")->required();
  clear->add_option("--data-set", o.data_set, "Data set")->required();
  clear->add_option("--period", o.period, "Period")->required();
  clear->add_option("--element", o.elements, "Only these elements (default: all of the data set)");
  clear->callback([&ctx] { ctx.action = [&ctx] { return RunClear(ctx, o); }; });
}

}  // namespace antq::cli
