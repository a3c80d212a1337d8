#include "domain/audit.h"

#include <fmt/format.h>

#include "common/hash.h"

namespace antq {
namespace {

// Absent and empty differ: "-" before a value that is there, "~" for one that is not.
std::string Optional(const std::optional<std::string>& v) { return v ? "-" + *v : "~"; }

}  // namespace

std::string AuditChainHash(const AuditEntry& e) {
  const std::string id = std::to_string(e.id);
  const std::string unit = std::to_string(e.unit_id);
  const std::string old_value = Optional(e.old_value);
  const std::string new_value = Optional(e.new_value);
  return HexDigest256({"antq-audit-1", e.prev_hash, id, e.at, e.user, e.client, e.action, unit,
                       e.subject, old_value, new_value});
}

void AuditChainVerifier::Visit(const AuditEntry& e) {
  ++rows_;
  const bool links = e.prev_hash == last_hash_;
  const bool sound = AuditChainHash(e) == e.hash;
  const bool gap = last_id_ != 0 ? e.id != last_id_ + 1 : false;
  const std::string removed =
      e.id == last_id_ + 2 ? fmt::format("row {} was removed", last_id_ + 1)
                           : fmt::format("rows {} to {} were removed", last_id_ + 1, e.id - 1);
  if (!sound && !links) {
    breaks_.push_back({e.id, fmt::format("the row was inserted or replaced: it does not link to "
                                         "the row before it{} and its content does not match "
                                         "its hash",
                                         last_id_ ? fmt::format(" ({})", last_id_) : "")});
  } else if (!sound) {
    breaks_.push_back({e.id, "the row was altered: its content does not match its hash"});
  } else if (!links && gap) {
    breaks_.push_back({e.id, removed + ": this row links to a row that is not there"});
  } else if (!links) {
    breaks_.push_back(
        {e.id, last_id_ == 0 ? std::string("the rows before this one were removed: it does not "
                                           "start the chain")
                             : fmt::format("row {} before it was altered and its hash rewritten: "
                                           "this row no longer links to it",
                                           last_id_)});
  } else if (gap) {
    breaks_.push_back({e.id, fmt::format("ids jump from {} to {}", last_id_, e.id)});
  }
  last_id_ = e.id;
  last_hash_ = e.hash;
}

void AuditChainVerifier::Finish(int64_t head_id, const std::string& head_hash) {
  if (head_id == last_id_ && head_hash == last_hash_) return;
  if (head_id > last_id_) {
    breaks_.push_back({head_id, fmt::format("the chain ends at row {}, but row {} was the last "
                                            "written: the rows after {} were removed",
                                            last_id_, head_id, last_id_)});
  } else {
    breaks_.push_back({last_id_, fmt::format("the last row is {}, but the chain's recorded end "
                                             "is row {}",
                                             last_id_, head_id)});
  }
}

}  // namespace antq
