#include "app/audit_use_cases.h"

namespace antq {

Result<AuditVerification> VerifyAudit(const Workspace& ws, const Actor& actor) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  AuditChainVerifier verifier;
  if (auto s = ws.store().ScanAudit([&](const AuditEntry& e) { verifier.Visit(e); }); !s) {
    return Fail(s.error());
  }
  auto head = ws.store().AuditHead();
  if (!head) return Fail(head.error());
  verifier.Finish(head->first, head->second);
  return AuditVerification{verifier.rows(), verifier.breaks()};
}

}  // namespace antq
