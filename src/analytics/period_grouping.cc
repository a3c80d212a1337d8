#include "analytics/period_grouping.h"

#include <fmt/format.h>

#include "analytics/period_ordinal.h"

namespace antq::analytics {

Result<PeriodGrouping> PeriodGrouping::Make(const Query& q) {
  if (q.from.type() != q.to.type()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the range {}..{} mixes {} and {} periods", q.from.Code(), q.to.Code(),
                            PeriodTypeName(q.from.type()), PeriodTypeName(q.to.type())),
                "period");
  }
  if (q.to < q.from) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the range {}..{} ends before it starts", q.from.Code(), q.to.Code()),
                "period");
  }
  auto calendar = Calendar::Find(q.calendar);
  if (!calendar) return Fail(calendar.error().At("calendar"));
  auto first = (*calendar)->Window(q.from);
  auto last = (*calendar)->Window(q.to);
  if (!first) return Fail(first.error().At("period"));
  if (!last) return Fail(last.error().At("period"));
  if (q.by_period && IsMonthBased(q.from.type()) && IsMonthBased(*q.by_period) &&
      MonthsIn(*q.by_period) > MonthsIn(q.from.type())) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("cannot group a range of {} periods by {} periods",
                            PeriodTypeName(q.from.type()), PeriodTypeName(*q.by_period)),
                "by");
  }
  return PeriodGrouping(q, **calendar, {first->start, last->end});
}

int PeriodGrouping::GroupId(const std::string& code) {
  auto [it, added] = ids_.try_emplace(code, static_cast<int>(codes_.size()));
  if (added) codes_.push_back(code);
  return it->second;
}

std::string PeriodGrouping::Label(size_t g) const {
  if (!codes_[g].empty()) return codes_[g];
  const Query& q = *query_;
  return q.from == q.to ? q.from.Code() : fmt::format("{}..{}", q.from.Code(), q.to.Code());
}

const PeriodGrouping::Table& PeriodGrouping::TableFor(const Series& s, const Catalog& catalog) {
  const Calendar* cal = calendar_;
  if (auto ds = catalog.FindDataSet(s.data_set())) {
    if (auto c = Calendar::Find(ds->calendar)) cal = *c;
  }
  auto [it, inserted] = tables_.try_emplace({cal, s.type(), s.min_period(), s.max_period()});
  Table& t = it->second;
  if (!inserted || s.min_period() > s.max_period()) return t;
  const Query& q = *query_;
  t.first = s.min_period();
  t.slots.resize(static_cast<size_t>(s.max_period() - s.min_period()) + 1);
  for (size_t i = 0; i < t.slots.size(); ++i) {
    const auto ordinal = static_cast<uint16_t>(t.first + i);
    const Period p = PeriodFromOrdinal(s.type(), ordinal);
    Slot& slot = t.slots[i];
    auto in_range = cal->Enclosing(p, q.from.type());
    auto window = cal->Window(p);
    if (!in_range || *in_range < q.from || q.to < *in_range || !window) continue;
    slot.start = window->start.days();
    slot.end = window->end.days();
    if (t.lo > t.hi) t.lo = ordinal;
    t.hi = ordinal;
    if (!q.by_period) {
      slot.group = 0;
      continue;
    }
    auto group = cal->Enclosing(p, *q.by_period);
    slot.group = group ? GroupId(group->Code()) : kFiner;
  }
  return t;
}

Result<int> PeriodGrouping::GroupOfDay(Date day) {
  if (!query_->by_period) return 0;
  auto p = calendar_->PeriodOf(day, *query_->by_period);
  if (!p) return Fail(p.error().At("by"));
  return GroupId(p->Code());
}

std::vector<std::pair<int, Date>> PeriodGrouping::ClosingDays() {
  std::vector<std::pair<int, Date>> days;
  if (!query_->by_period) {
    days.emplace_back(0, range_.end);
    return days;
  }
  auto p = calendar_->PeriodOf(range_.start, *query_->by_period);
  auto end = calendar_->PeriodOf(range_.end, *query_->by_period);
  for (; p && end && !(*end < *p); p = p->Next()) {
    auto w = calendar_->Window(*p);
    if (w) days.emplace_back(GroupId(p->Code()), w->end);
  }
  return days;
}

}  // namespace antq::analytics
