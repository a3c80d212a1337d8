#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/unit.h"

namespace antq {

// One line of the audit trail: who changed what, when, from where, from which value to which.
// Written in the same transaction as the change it records, and never updated or deleted.
//
// The rows form a hash chain: each row carries the hash of the row before it (`prev_hash`, empty
// for the first) and its own hash over that and every other column, so altering, removing or
// inserting a row anywhere breaks the chain at that row (AuditChainHash, VerifyAuditChain).
struct AuditEntry {
  int64_t id = 0;
  std::string at;  // UTC, ISO 8601
  std::string user;
  std::string client;   // "cli", or the API client's address
  std::string action;   // value.set, value.clear, event.add, report.approve, session.start, …
  UnitId unit_id = 0;   // 0 when not about one unit
  std::string subject;  // "propaganda.sessions/202303", "event 42 (propaganda)"
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::string prev_hash;
  std::string hash;
};

// The hash of `entry` chained to `entry.prev_hash`: BLAKE2b-256 over every column (the id
// included, so a row cannot be moved), with absent values distinct from empty ones.
std::string AuditChainHash(const AuditEntry& entry);

// One break found in the chain: the row where it shows, and what is wrong there.
struct AuditChainBreak {
  int64_t id = 0;
  std::string problem;
};

// Walks entries in id order and checks each link. Reports, naming the row: a row whose content
// no longer matches its hash (altered), a row whose prev_hash is not the previous row's hash
// (a row removed before it, or this one inserted), ids that skip (rows removed). `head_id` and
// `head_hash` are the last row the store recorded; a chain that ends elsewhere lost its end.
class AuditChainVerifier {
 public:
  void Visit(const AuditEntry& entry);
  void Finish(int64_t head_id, const std::string& head_hash);
  const std::vector<AuditChainBreak>& breaks() const { return breaks_; }
  int64_t rows() const { return rows_; }

 private:
  int64_t rows_ = 0;
  int64_t last_id_ = 0;
  std::string last_hash_;
  std::vector<AuditChainBreak> breaks_;
};

}  // namespace antq
