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
  // Periods are in time order, so the ones in range are a run: find its ends by halving (a
  // point query then looks at a few periods, not at every period the series ever held).
  auto in_range_side = [&](uint16_t ordinal) {  // -1 before the range, 0 in it, 1 after
    auto enclosing = cal->Enclosing(PeriodFromOrdinal(s.type(), ordinal), q.from.type());
    if (!enclosing) return 0;  // cannot say: looked at one by one below
    return *enclosing < q.from ? -1 : q.to < *enclosing ? 1 : 0;
  };
  uint16_t first = s.min_period();
  uint16_t last = s.max_period();
  for (uint16_t lo = first, hi = last; lo < hi;) {  // the first not before the range
    const auto mid = static_cast<uint16_t>(lo + (hi - lo) / 2);
    if (in_range_side(mid) < 0) {
      lo = first = static_cast<uint16_t>(mid + 1);
    } else {
      hi = mid;
    }
  }
  for (uint16_t lo = first, hi = last; lo < hi;) {  // the last not after it
    const auto mid = static_cast<uint16_t>(hi - (hi - lo) / 2);
    if (in_range_side(mid) > 0) {
      hi = last = static_cast<uint16_t>(mid - 1);
    } else {
      lo = mid;
    }
  }
  for (uint32_t ordinal = first; ordinal <= last; ++ordinal) {
    const auto i = static_cast<size_t>(ordinal - t.first);
    const Period p = PeriodFromOrdinal(s.type(), static_cast<uint16_t>(ordinal));
    Slot& slot = t.slots[i];
    auto in_range = cal->Enclosing(p, q.from.type());
    auto window = cal->Window(p);
    if (!in_range || *in_range < q.from || q.to < *in_range || !window) continue;
    slot.start = window->start.days();
    slot.end = window->end.days();
    if (t.lo > t.hi) t.lo = static_cast<uint16_t>(ordinal);
    t.hi = static_cast<uint16_t>(ordinal);
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
