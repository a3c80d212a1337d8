#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "domain/access.h"
#include "domain/unit.h"

namespace antq {

// An inspection (đoàn kiểm tra), such as the one that evaluated Kết luận 44-KL/TW in Kon Tum for
// 2019–2022: set up by a decision, a team of officials (titles and bodies, no personal names
// needed), a scope (a unit as of a date) and a range of years. It freezes the evaluation results
// it is based on, records findings, and issues recommendations that are followed up.

struct TeamMember {
  std::string title;  // "Trưởng đoàn", "Thành viên"
  std::string body;   // "Ban Nội chính Tỉnh ủy"
  std::string user;   // the ANTQ user, when the member works in ANTQ ("" otherwise)
  bool head = false;  // leads the team; the report names the head in its opening paragraph
};

struct Inspection {
  int64_t id = 0;
  std::string decision_number;  // "123-QĐ/TU"
  Date decision_date;
  std::string issuing_body;
  std::string subject;  // "Kiểm tra việc thực hiện Kết luận 44-KL/TW"
  UnitScope scope;
  std::string period_from;  // years (period codes): "2019"
  std::string period_to;    // "2022"
  std::vector<TeamMember> team;
  std::string snapshot;  // the frozen evaluation results (JSON, written by the app); "" if none
  std::string snapshot_at;
  std::string created_by;
  std::string created_at;

  // Whether `user` is on the team.
  bool HasMember(std::string_view user) const;
};

struct Finding {
  int64_t id = 0;
  int64_t inspection_id = 0;
  UnitId unit_id = 0;  // the unit it is about; 0 for the whole scope
  std::string text;
  std::string created_by;
  std::string created_at;
};

enum class RecommendationStatus { kOpen, kInProgress, kDone, kOverdue };
std::string_view RecommendationStatusName(RecommendationStatus status);
// Parses the statuses a person sets (open, in_progress, done); overdue is never set, it follows
// from the deadline.
Result<RecommendationStatus> ParseRecommendationStatus(std::string_view name);

struct EvidenceNote {
  std::string at;
  std::string by;
  std::string text;
};

struct Recommendation {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string text;
  UnitId responsible_unit = 0;
  Date deadline;
  RecommendationStatus status = RecommendationStatus::kOpen;  // as set: open, in_progress, done
  std::vector<EvidenceNote> evidence;
  std::string updated_by;
  std::string updated_at;

  // The status to show on `today`: overdue when not done and the deadline has passed.
  RecommendationStatus StatusOn(Date today) const;
};

}  // namespace antq
