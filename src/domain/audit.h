#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/unit.h"

namespace antq {

// One line of the audit trail: who changed what, when, from which value to which. Written in
// the same transaction as the change it records.
struct AuditEntry {
  int64_t id = 0;
  std::string at;  // UTC, ISO 8601
  std::string user;
  std::string action;   // value.set, value.clear, event.add, event.edit, event.delete, catalog.load
  UnitId unit_id = 0;   // 0 when not about one unit
  std::string subject;  // "propaganda.sessions/202303", "event 42 (propaganda)"
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

}  // namespace antq
