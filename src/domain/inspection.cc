#include "domain/inspection.h"

#include <fmt/format.h>

#include <utility>

#include "common/text.h"

namespace antq {
namespace {

constexpr std::pair<RecommendationStatus, std::string_view> kStatuses[] = {
    {RecommendationStatus::kOpen, "open"},
    {RecommendationStatus::kInProgress, "in_progress"},
    {RecommendationStatus::kDone, "done"},
    {RecommendationStatus::kOverdue, "overdue"},
};

}  // namespace

bool Inspection::HasMember(std::string_view user) const {
  for (const TeamMember& m : team) {
    if (!m.user.empty() && m.user == user) return true;
  }
  return false;
}

std::string_view RecommendationStatusName(RecommendationStatus status) {
  for (const auto& [s, name] : kStatuses) {
    if (s == status) return name;
  }
  return "?";
}

Result<RecommendationStatus> ParseRecommendationStatus(std::string_view name) {
  for (const auto& [s, text] : kStatuses) {
    if (text == name && s != RecommendationStatus::kOverdue) return s;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{} is not a status; use open, in_progress or done (overdue follows "
                          "from the deadline)",
                          QuoteForMessage(name)),
              "status");
}

RecommendationStatus Recommendation::StatusOn(Date today) const {
  if (status != RecommendationStatus::kDone && deadline < today) {
    return RecommendationStatus::kOverdue;
  }
  return status;
}

}  // namespace antq
