#pragma once

#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/audit.h"

namespace antq {

// `antq audit verify`: walks the whole audit chain and reports every break, naming the row: an
// altered row, a removed one, an inserted one, a chain cut short at its end. Administrators
// only.
struct AuditVerification {
  int64_t rows = 0;
  std::vector<AuditChainBreak> breaks;
  bool ok() const { return breaks.empty(); }
};
Result<AuditVerification> VerifyAudit(const Workspace& ws, const Actor& actor);

}  // namespace antq
