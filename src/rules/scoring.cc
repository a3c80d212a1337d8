#include "rules/scoring.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/vietnamese_format.h"
#include "rules/assessment.h"
#include "rules/comparison.h"

namespace antq::rules {

size_t Rating::CountOf(const std::string& class_code) const {
  size_t n = 0;
  for (const UnitRating& u : units) {
    const RatingClass* c = u.rated_class();
    if (c && c->code == class_code) ++n;
  }
  return n;
}

Result<Rating> RateUnits(const analytics::Engine& engine, const UnitRegistry& units,
                         const Catalog& catalog, const ScoringSheet& sheet, const std::string& area,
                         int year) {
  std::vector<std::string> measures;
  for (const ScoringItem& item : sheet.items) {
    measures.push_back(fmt::format("{}.{}", item.element, kSelfScore));
    measures.push_back(fmt::format("{}.{}", item.element, kReviewScore));
  }
  auto data =
      ReadAssessment(engine, units, catalog, sheet.data_set, sheet.level, area, year, measures);
  if (!data) return Fail(data.error());
  Rating rating;
  rating.sheet = &sheet;
  rating.year = year;
  rating.day = data->day;
  for (const UnitVersion* unit : data->units) {
    if (!sheet.Concerns(*unit)) continue;
    UnitRating r;
    r.unit = unit;
    double self = 0;
    double review = 0;
    size_t self_count = 0;
    size_t review_count = 0;
    for (size_t i = 0; i < sheet.items.size(); ++i) {
      const ScoringItem& item = sheet.items[i];
      ItemScore score{&item, data->Value(*unit, 2 * i), data->Value(*unit, 2 * i + 1)};
      for (auto [points, who_vi, who_en] : {std::tuple{&score.self, "tự chấm", "self"},
                                            std::tuple{&score.review, "thẩm định", "review"}}) {
        if (*points && **points > item.max_points) {
          r.notes_vi.push_back(fmt::format("{}: điểm {} {} vượt điểm chuẩn {}, tính {}",
                                           item.name_vi, who_vi, ShowNumber(**points, true),
                                           ShowNumber(item.max_points, true),
                                           ShowNumber(item.max_points, true)));
          r.notes_en.push_back(fmt::format("{}: {} score {} above its maximum {}, counted as {}",
                                           item.name_en, who_en, ShowNumber(**points, false),
                                           ShowNumber(item.max_points, false),
                                           ShowNumber(item.max_points, false)));
          *points = item.max_points;
        }
      }
      if (score.self) {
        self += *score.self;
        ++self_count;
      }
      if (score.review) {
        review += *score.review;
        ++review_count;
      }
      r.items.push_back(score);
    }
    const size_t n = sheet.items.size();
    if (self_count > 0) r.self_total = self;
    if (review_count > 0) r.review_total = review;
    if (self_count > 0 && self_count < n) {
      r.notes_vi.push_back(fmt::format("tự chấm {}/{} mục", self_count, n));
      r.notes_en.push_back(fmt::format("self-assessed {} of {} items", self_count, n));
    }
    if (review_count > 0 && review_count < n) {
      r.notes_vi.push_back(fmt::format("thẩm định {}/{} mục", review_count, n));
      r.notes_en.push_back(fmt::format("reviewed {} of {} items", review_count, n));
    }
    if (r.self_total) r.self_class = sheet.ClassFor(*r.self_total);
    if (r.review_total) r.review_class = sheet.ClassFor(*r.review_total);
    rating.units.push_back(std::move(r));
  }
  return rating;
}

}  // namespace antq::rules
