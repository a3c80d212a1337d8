#include "app/json_mapping.h"

#include <cmath>

namespace antq::views {
namespace {

json DateOrNull(Date d) {
  if (d == Date::Min() || d == Date::Max()) return nullptr;
  return d.ToString();
}

json Number(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  if (std::floor(*v) == *v && std::abs(*v) < 9.0e15) return static_cast<int64_t>(*v);
  return *v;
}

json TextOrNull(const std::string& s) { return s.empty() ? json() : json(s); }

const UnitVersion* LatestVersion(const UnitRegistry& units, UnitId id) {
  const auto versions = units.VersionsOfUnit(id);
  return versions.empty() ? nullptr : versions.back();
}

}  // namespace

json Unit(const UnitVersion* u) {
  if (!u) return nullptr;
  return {{"code", u->code},
          {"name", u->FullName()},
          {"short_name", u->name},
          {"type", u->type},
          {"level", UnitLevelName(u->level)},
          {"valid_from", DateOrNull(u->valid.start)},
          {"valid_to", DateOrNull(u->valid.end)}};
}

json UnitList(const std::vector<const UnitVersion*>& units) {
  json out = json::array();
  for (const UnitVersion* u : units) out.push_back(Unit(u));
  return out;
}

json UnitDetailsJson(const UnitDetails& d) {
  json out = Unit(d.version);
  out["ancestors"] = UnitList(d.ancestors);
  out["history"] = UnitList(d.history);
  out["same_code"] = UnitList(d.same_code);
  return out;
}

json Lineage(const std::vector<LineageRow>& rows) {
  json out = json::array();
  for (const LineageRow& r : rows) {
    out.push_back({{"direction", r.direction},
                   {"date", r.event ? json(r.event->date.ToString()) : json()},
                   {"kind", r.event ? json(LineageKindName(r.event->kind)) : json()},
                   {"source", r.event ? json(r.event->source) : json()},
                   {"unit", Unit(r.unit)},
                   {"weight", r.weight}});
  }
  return out;
}

json PeriodWindowJson(const PeriodWindow& w) {
  return {{"period", w.period.Code()},
          {"type", PeriodTypeName(w.period.type())},
          {"calendar", w.calendar ? json(w.calendar->name()) : json()},
          {"start", w.window.start.ToString()},
          {"end", w.window.end.ToString()}};
}

json CatalogJson(const Catalog& c) {
  json out = {{"categories", json::array()},
              {"elements", json::array()},
              {"data_sets", json::array()},
              {"registers", json::array()},
              {"criteria_sets", json::array()}};
  for (const auto& [code, cat] : c.categories()) {
    json options = json::array();
    for (const CategoryOption& o : cat.options) {
      options.push_back({{"code", o.code},
                         {"name", o.name_vi},
                         {"name_en", o.name_en},
                         {"unit", o.unit_vi},
                         {"unit_en", o.unit_en},
                         {"counted", o.counted}});
    }
    out["categories"].push_back(
        {{"code", code}, {"name", cat.name_vi}, {"name_en", cat.name_en}, {"options", options}});
  }
  for (const auto& [code, e] : c.elements()) {
    const ValueSpec spec = e.Spec();
    json el = {{"code", code},
               {"name", e.name_vi},
               {"name_en", e.name_en},
               {"value_type", ValueTypeName(e.value_type)},
               {"unit", e.unit_vi},
               {"unit_en", e.unit_en},
               {"aggregation", AggregationName(e.aggregation)},
               {"category", TextOrNull(e.category)},
               {"description", TextOrNull(e.description_vi)},
               {"valid_from", e.valid_from ? json(e.valid_from->ToString()) : json()},
               {"computed", e.source.has_value()},
               {"accepts", spec.Describe()}};
    if (IsNumericType(e.value_type)) {
      el["min"] = Number(spec.Min());
      el["max"] = Number(spec.Max());
    }
    out["elements"].push_back(el);
  }
  for (const auto& [code, d] : c.data_sets()) {
    out["data_sets"].push_back({{"code", code},
                                {"name", d.name_vi},
                                {"name_en", d.name_en},
                                {"period_type", PeriodTypeName(d.period_type)},
                                {"calendar", d.calendar},
                                {"level", UnitLevelName(d.level)},
                                {"elements", d.elements},
                                {"submit_within_days", d.submit_within_days}});
  }
  for (const auto& [code, r] : c.registers()) {
    json fields = json::array();
    for (const RegisterField& f : r.fields) {
      json field = {{"code", f.code},         {"name", f.name_vi},
                    {"name_en", f.name_en},   {"type", FieldTypeName(f.type)},
                    {"required", f.required}, {"category", TextOrNull(f.category)}};
      if (auto spec = f.Spec()) field["accepts"] = spec->Describe();
      if (!f.options.empty()) {
        field["options"] = json::array();
        for (const FieldOption& o : f.options) {
          field["options"].push_back(
              {{"code", o.code}, {"name", o.name_vi}, {"name_en", o.name_en}});
        }
      }
      fields.push_back(field);
    }
    out["registers"].push_back({{"code", code},
                                {"name", r.name_vi},
                                {"name_en", r.name_en},
                                {"level", UnitLevelName(r.level)},
                                {"fields", fields}});
  }
  for (const auto& [code, s] : c.criteria_sets()) {
    out["criteria_sets"].push_back({{"code", code}, {"name", s.name_vi}, {"name_en", s.name_en}});
  }
  return out;
}

json Value(const TypedValue& v) {
  if (v.number) return Number(v.number);
  return v.text;
}

json DataValueJson(const DataValue& v) {
  return {{"element", v.element},     {"option", TextOrNull(v.option)}, {"period", v.period},
          {"data_set", v.data_set},   {"value", Value(v.value)},        {"comment", v.comment},
          {"stored_by", v.stored_by}, {"updated_at", v.updated_at}};
}

json ValueRows(const std::vector<ValueRow>& rows) {
  json out = json::array();
  for (const ValueRow& r : rows) {
    json row = DataValueJson(r.value);
    row["unit"] = Unit(r.unit);
    out.push_back(row);
  }
  return out;
}

json ViolationJson(const rules::Violation& v) {
  return {{"rule", v.rule->code},
          {"importance", ImportanceName(v.rule->importance)},
          {"data_set", v.rule->data_set},
          {"message", v.message_vi},
          {"message_en", v.message_en},
          {"left", Number(v.outcome.left)},
          {"right", Number(v.outcome.right)}};
}

json Violations(const std::vector<rules::Violation>& violations) {
  json out = json::array();
  for (const rules::Violation& v : violations) out.push_back(ViolationJson(v));
  return out;
}

json WriteSummaryJson(const WriteSummary& s) {
  json changes = json::array();
  for (const VerdictChange& c : s.verdict_changes) {
    changes.push_back({{"unit", Unit(c.unit)},
                       {"criteria_set", c.criteria_set},
                       {"period", c.period},
                       {"was_met", c.was_met},
                       {"met", c.met}});
  }
  return {{"added", s.added},
          {"updated", s.updated},
          {"unchanged", s.unchanged},
          {"cleared", s.cleared},
          {"violations", Violations(s.violations)},
          {"reopened", s.reopened},
          {"verdict_changes", changes}};
}

json ReportStatusJson(const ReportStatus& s) {
  return {{"state", ReportStateName(s.state)},
          {"changed_by", TextOrNull(s.changed_by)},
          {"changed_at", TextOrNull(s.changed_at)},
          {"submitted_at", TextOrNull(s.submitted_at)},
          {"comment", TextOrNull(s.comment)}};
}

json ReportFormJson(const ReportForm& f) {
  const ReportTarget& t = f.target;
  json values = json::array();
  for (const DataValue& v : f.values) values.push_back(DataValueJson(v));
  return {{"unit", Unit(t.unit)},
          {"data_set", t.data_set->code},
          {"period", t.period.Code()},
          {"window", {{"start", t.window.start.ToString()}, {"end", t.window.end.ToString()}}},
          {"deadline", DateOrNull(t.deadline)},
          {"status", ReportStatusJson(f.status)},
          {"started", f.started},
          {"values", values},
          {"violations", Violations(f.violations)},
          {"writable", f.writable},
          {"not_writable_because", TextOrNull(f.not_writable_because)}};
}

json SubmitResultJson(const SubmitResult& r) {
  return {{"submitted", r.submitted},
          {"already", r.already},
          {"status", ReportStatusJson(r.status)},
          {"violations", Violations(r.violations)}};
}

json StatusOverviewJson(const StatusOverview& o) {
  json rows = json::array();
  for (const ReportStatusRow& r : o.rows) {
    rows.push_back({{"unit", Unit(r.unit)},
                    {"period", r.period},
                    {"deadline", DateOrNull(r.deadline)},
                    {"progress", ReportProgressName(r.progress)},
                    {"status", ReportStatusJson(r.status)}});
  }
  json counts = json::object();
  for (const auto& [p, n] : o.counts) counts[std::string(ReportProgressName(p))] = n;
  auto rate = [](const ReportingRate& r) {
    return json{{"unit", Unit(r.unit)}, {"expected", r.expected},
                {"actual", r.actual},   {"on_time", r.on_time},
                {"rate", r.rate()},     {"on_time_rate", r.on_time_rate()}};
  };
  json by_unit = json::array();
  for (const ReportingRate& r : o.by_unit) by_unit.push_back(rate(r));
  return {{"data_set", o.data_set ? json(o.data_set->code) : json()},
          {"rows", rows},
          {"counts", counts},
          {"total", rate(o.total)},
          {"by_unit", by_unit},
          {"due",
           {{"due", o.due.due},
            {"on_time", o.due.on_time},
            {"late", o.due.late},
            {"missing", o.due.missing}}}};
}

json EventJson(const Workspace& ws, const Event& e, const UnitVersion* unit) {
  json fields = e.fields;
  // Units fields hold unit ids inside; outside, they are the units' codes on the event's date.
  if (const Register* reg = ws.catalog().FindRegister(e.register_code)) {
    for (const RegisterField& f : reg->fields) {
      auto it = fields.find(f.code);
      if (f.type != FieldType::kUnits || it == fields.end() || !it->is_array()) continue;
      json codes = json::array();
      for (const json& id : *it) {
        if (!id.is_number_integer()) continue;
        const UnitVersion* v = ws.units().VersionOf(id.get<UnitId>(), e.date);
        codes.push_back(v ? json(v->code) : json());
      }
      *it = codes;
    }
  }
  return {{"id", e.id},
          {"register", e.register_code},
          {"unit", Unit(unit)},
          {"date", e.date.ToString()},
          {"fields", fields},
          {"deleted", e.deleted},
          {"created_by", e.created_by},
          {"created_at", e.created_at},
          {"updated_by", e.updated_by},
          {"updated_at", e.updated_at}};
}

json EventRows(const Workspace& ws, const std::vector<EventRow>& rows) {
  json out = json::array();
  for (const EventRow& r : rows) out.push_back(EventJson(ws, r.event, r.unit));
  return out;
}

json EventSummaryJson(const EventSummary& s) {
  return {{"count", s.count},
          {"units", s.units},
          {"field_totals", s.field_totals},
          {"item_totals", s.item_totals},
          {"counted_items", s.counted_items},
          {"by_parent", s.by_parent}};
}

json CsvImportJson(const CsvImportReport& r) {
  json problems = json::array();
  for (const RowProblem& p : r.problems) {
    problems.push_back({{"line", p.line},
                        {"column", p.column > 0 ? json(p.column) : json()},
                        {"field", TextOrNull(p.field)},
                        {"message", p.message}});
  }
  return {{"register", r.register_code}, {"rows", r.rows},       {"added", r.added},
          {"unchanged", r.unchanged},    {"written", r.written}, {"problems", problems}};
}

json QueryResultJson(const analytics::QueryResult& r) {
  json rows = json::array();
  for (const analytics::Row& row : r.rows) {
    json values = json::array();
    for (const auto& v : row.values) values.push_back(Number(v));
    rows.push_back({{"unit_code", row.unit_code},
                    {"unit_name", row.unit_name},
                    {"period", row.period},
                    {"values", values}});
  }
  return {{"measures", r.measures}, {"rows", rows}, {"notes", r.notes}};
}

json EvaluationJson(const rules::Evaluation& ev) {
  json units = json::array();
  for (const rules::UnitVerdict& v : ev.units) {
    json criteria = json::array();
    for (const rules::CriterionOutcome& c : v.outcomes) {
      const char* state = c.state == rules::CriterionOutcome::State::kMet       ? "met"
                          : c.state == rules::CriterionOutcome::State::kFailed  ? "failed"
                          : c.state == rules::CriterionOutcome::State::kMissing ? "missing"
                                                                                : "skipped";
      criteria.push_back({{"code", c.criterion->code},
                          {"name", c.criterion->name_vi},
                          {"name_en", c.criterion->name_en},
                          {"state", state},
                          {"left", Number(c.left)},
                          {"right", Number(c.right)},
                          {"reason", TextOrNull(c.reason_vi)},
                          {"reason_en", TextOrNull(c.reason_en)},
                          {"evidence", TextOrNull(c.evidence)}});
    }
    units.push_back({{"unit", Unit(v.unit)}, {"met", v.met}, {"criteria", criteria}});
  }
  return {{"criteria_set", ev.set ? json(ev.set->code) : json()},
          {"name", ev.set ? json(ev.set->name_vi) : json()},
          {"name_en", ev.set ? json(ev.set->name_en) : json()},
          {"year", ev.year},
          {"day", ev.day.ToString()},
          {"basis", ev.basis},
          {"recogniser", ev.recogniser ? json(ev.recogniser->by_vi) : json()},
          {"met", ev.met_count()},
          {"total", ev.units.size()},
          {"units", units}};
}

json SaveSummaryJson(const SaveSummary& s) {
  return {{"added", s.added}, {"changed", s.changed}, {"unchanged", s.unchanged}};
}

json EvaluationRecordJson(const EvaluationRecord& r) {
  return {{"criteria_set", r.criteria_set},
          {"period", r.period},
          {"met", r.met},
          {"basis", r.basis},
          {"evaluated_by", r.evaluated_by},
          {"evaluated_at", r.evaluated_at},
          {"confirmed_by", TextOrNull(r.confirmed_by)},
          {"confirmed_at", TextOrNull(r.confirmed_at)}};
}

json ValidationJson(const ValidationSummary& s) {
  json reports = json::array();
  for (const ReportCheck& r : s.reports) {
    reports.push_back({{"unit", Unit(r.unit)},
                       {"data_set", r.data_set->code},
                       {"period", r.period},
                       {"violations", Violations(r.violations)}});
  }
  return {{"reports_checked", s.reports_checked},
          {"errors", s.errors},
          {"warnings", s.warnings},
          {"reports", reports}};
}

json AuditEntryJson(const AuditEntry& e, const UnitVersion* unit) {
  return {{"id", e.id},
          {"at", e.at},
          {"user", e.user},
          {"client", e.client},
          {"action", e.action},
          {"unit", Unit(unit)},
          {"subject", e.subject},
          {"old_value", e.old_value ? json(*e.old_value) : json()},
          {"new_value", e.new_value ? json(*e.new_value) : json()}};
}

json AuditRows(const std::vector<AuditRow>& rows) {
  json out = json::array();
  for (const AuditRow& r : rows) out.push_back(AuditEntryJson(r.entry, r.unit));
  return out;
}

json AuditVerificationJson(const AuditVerification& v) {
  json breaks = json::array();
  for (const AuditChainBreak& b : v.breaks)
    breaks.push_back({{"id", b.id}, {"problem", b.problem}});
  return {{"rows", v.rows}, {"intact", v.ok()}, {"breaks", breaks}};
}

json UserJson(const UserRecord& u) {
  auto scope = [](const UnitScope& s) {
    if (s.everything()) return json();
    return json{{"code", s.code}, {"as_of", s.as_of.ToString()}};
  };
  return {{"username", u.name},
          {"role", RoleName(u.role)},
          {"scope", scope(u.entry)},
          {"view_scope", scope(u.view)},
          {"inspection", u.inspection ? json(u.inspection) : json()},
          {"disabled", u.disabled},
          {"locked_until", TextOrNull(u.locked_until)},
          {"created_at", u.created_at},
          {"created_by", u.created_by}};
}

json UserList(const std::vector<UserRecord>& users) {
  json out = json::array();
  for (const UserRecord& u : users) out.push_back(UserJson(u));
  return out;
}

json InspectionJson(const Inspection& i) {
  json team = json::array();
  for (const TeamMember& m : i.team) {
    team.push_back(
        {{"title", m.title}, {"body", m.body}, {"user", TextOrNull(m.user)}, {"head", m.head}});
  }
  return {{"id", i.id},
          {"decision_number", i.decision_number},
          {"decision_date", i.decision_date.ToString()},
          {"issuing_body", i.issuing_body},
          {"subject", i.subject},
          {"scope", {{"code", i.scope.code}, {"as_of", i.scope.as_of.ToString()}}},
          {"period_from", i.period_from},
          {"period_to", i.period_to},
          {"team", team},
          {"snapshot_at", TextOrNull(i.snapshot_at)},
          {"created_by", i.created_by},
          {"created_at", i.created_at}};
}

json InspectionDetailsJson(const Workspace& ws, const InspectionDetails& d, Date today) {
  json out = InspectionJson(d.inspection);
  out["snapshot"] =
      d.inspection.snapshot.empty() ? json() : json::parse(d.inspection.snapshot, nullptr, false);
  out["findings"] = json::array();
  for (const Finding& f : d.findings) {
    out["findings"].push_back(
        {{"id", f.id},
         {"unit", f.unit_id ? Unit(LatestVersion(ws.units(), f.unit_id)) : json()},
         {"text", f.text},
         {"created_by", f.created_by},
         {"created_at", f.created_at}});
  }
  out["recommendations"] = json::array();
  for (const Recommendation& r : d.recommendations) {
    out["recommendations"].push_back(RecommendationRowJson(
        {r, r.StatusOn(today), LatestVersion(ws.units(), r.responsible_unit)}));
  }
  return out;
}

json RecommendationRowJson(const RecommendationRow& row) {
  const Recommendation& r = row.recommendation;
  json evidence = json::array();
  for (const EvidenceNote& n : r.evidence) {
    evidence.push_back({{"at", n.at}, {"by", n.by}, {"text", n.text}});
  }
  return {{"id", r.id},
          {"inspection", r.inspection_id},
          {"text", r.text},
          {"responsible_unit", Unit(row.responsible)},
          {"deadline", r.deadline.ToString()},
          {"status", RecommendationStatusName(row.status)},
          {"evidence", evidence},
          {"updated_by", r.updated_by},
          {"updated_at", r.updated_at}};
}

json FollowUpJson(const std::vector<RecommendationRow>& rows) {
  json out = json::array();
  for (const RecommendationRow& r : rows) out.push_back(RecommendationRowJson(r));
  return out;
}

json StoreCheckJson(const StoreCheck& c) {
  json problems = json::array();
  for (const StoredProblem& p : c.problems) {
    const char* kind = p.kind == StoredProblem::Kind::kValue   ? "value"
                       : p.kind == StoredProblem::Kind::kEvent ? "event"
                                                               : "database";
    problems.push_back({{"kind", kind},
                        {"unit_code", p.unit},
                        {"subject", p.subject},
                        {"period_or_date", p.when},
                        {"stored", p.stored},
                        {"reason", p.reason}});
  }
  return {{"values_checked", c.values_checked},
          {"events_checked", c.events_checked},
          {"problems", problems}};
}

json ImportSummaryJson(const ImportSummary& summary) {
  json conflicts = json::array();
  json rejected = json::array();
  for (const ImportConflict& c : summary.conflicts) {
    conflicts.push_back({{"object", c.object},
                         {"property", c.property},
                         {"value", c.message},
                         {"errorCode", c.error_code},
                         {"indexes", c.indexes}});
    for (size_t index : c.indexes) rejected.push_back(index);
  }
  const bool error = summary.status == "ERROR";
  const std::string description =
      error ? "Import was not done: values were refused, and nothing was stored."
      : summary.status == "WARNING"
          ? "Import was done with conflicts: the refused values were skipped."
          : "Import was successful.";
  return {{"httpStatus", error ? "Conflict" : "OK"},
          {"httpStatusCode", error ? 409 : 200},
          {"status", error                         ? "ERROR"
                     : summary.status == "WARNING" ? "WARNING"
                                                   : "OK"},
          {"message", description},
          {"response",
           {{"responseType", "ImportSummary"},
            {"status", summary.status},
            {"importOptions", {{"dryRun", summary.dry_run}}},
            {"description", description},
            {"importCount",
             {{"imported", summary.imported},
              {"updated", summary.updated},
              {"ignored", summary.ignored},
              {"deleted", summary.deleted}}},
            {"conflicts", conflicts},
            {"rejectedIndexes", rejected},
            {"antqImport", summary.import_id > 0 ? json(summary.import_id) : json()},
            {"antqNotes", summary.notes}}}};
}

json DataImportsJson(const std::vector<DataImport>& imports) {
  json out = json::array();
  for (const DataImport& d : imports) {
    out.push_back({{"id", d.id},
                   {"file_name", d.file_name},
                   {"sha256", d.sha256},
                   {"format", d.format},
                   {"user", d.user},
                   {"at", d.at},
                   {"imported", d.imported},
                   {"updated", d.updated},
                   {"ignored", d.ignored},
                   {"refused", d.refused},
                   {"undone_at", d.undone_at.empty() ? json() : json(d.undone_at)},
                   {"undone_by", d.undone_by.empty() ? json() : json(d.undone_by)}});
  }
  return out;
}

}  // namespace antq::views
