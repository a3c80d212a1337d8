#include "domain/evaluation_record.h"

#include <utility>

namespace antq {
namespace {

constexpr std::pair<ReportState, std::string_view> kStates[] = {
    {ReportState::kDraft, "draft"},
    {ReportState::kSubmitted, "submitted"},
    {ReportState::kApproved, "approved"},
    {ReportState::kLocked, "locked"},
};

}  // namespace

std::string_view ReportStateName(ReportState state) {
  for (const auto& [s, name] : kStates) {
    if (s == state) return name;
  }
  return "?";
}

std::optional<ReportState> ParseReportState(std::string_view name) {
  for (const auto& [s, text] : kStates) {
    if (text == name) return s;
  }
  return std::nullopt;
}

}  // namespace antq
