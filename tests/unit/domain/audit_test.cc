#include "domain/audit.h"

#include <gtest/gtest.h>

#include <vector>

namespace antq {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> rows;
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.id = i;
    e.at = "2026-12-06T00:00:0" + std::to_string(i) + "Z";
    e.user = "can-bo-xa";
    e.client = "cli";
    e.action = "value.set";
    e.unit_id = 25;
    e.subject = "tips.received/202303";
    if (i > 1) e.old_value = std::to_string(i - 1);
    e.new_value = std::to_string(i);
    e.prev_hash = prev;
    e.hash = AuditChainHash(e);
    prev = e.hash;
    rows.push_back(e);
  }
  return rows;
}

std::vector<AuditChainBreak> Verify(const std::vector<AuditEntry>& rows, int64_t head_id,
                                    const std::string& head_hash) {
  AuditChainVerifier v;
  for (const AuditEntry& e : rows) v.Visit(e);
  v.Finish(head_id, head_hash);
  return v.breaks();
}

TEST(AuditChainTest, AnIntactChainVerifies) {
  const auto rows = Chain(5);
  EXPECT_TRUE(Verify(rows, 5, rows.back().hash).empty());
  EXPECT_TRUE(Verify({}, 0, "").empty());
}

TEST(AuditChainTest, EveryColumnIsCovered) {
  const AuditEntry base = Chain(1)[0];
  std::vector<AuditEntry> changed(9, base);
  changed[0].id = 2;
  changed[1].at = "2026-12-07T00:00:00Z";
  changed[2].user = "other";
  changed[3].client = "10.0.0.1";
  changed[4].action = "value.clear";
  changed[5].unit_id = 26;
  changed[6].subject = "tips.valuable/202303";
  changed[7].old_value = "";  // absent and empty differ
  changed[8].new_value = std::nullopt;
  for (const AuditEntry& e : changed) EXPECT_NE(AuditChainHash(e), base.hash);
}

TEST(AuditChainTest, NamesTheAlteredRow) {
  auto rows = Chain(5);
  rows[2].new_value = "999";
  const auto breaks = Verify(rows, 5, rows.back().hash);
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].id, 3);
  EXPECT_NE(breaks[0].problem.find("altered"), std::string::npos);
}

TEST(AuditChainTest, NamesTheRowAfterARemovedOne) {
  auto rows = Chain(5);
  rows.erase(rows.begin() + 2);
  const auto breaks = Verify(rows, 5, rows.back().hash);
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].id, 4);
  EXPECT_EQ(breaks[0].problem, "row 3 was removed: this row links to a row that is not there");
}

TEST(AuditChainTest, NamesAnInsertedRow) {
  auto rows = Chain(5);
  AuditEntry forged = rows[1];
  forged.id = 6;
  forged.new_value = "1000";
  rows.push_back(forged);
  const auto breaks = Verify(rows, 6, forged.hash);
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].id, 6);
  EXPECT_NE(breaks[0].problem.find("inserted"), std::string::npos);
}

TEST(AuditChainTest, ARewrittenHashShowsAtTheNextRow) {
  auto rows = Chain(5);
  rows[1].new_value = "999";
  rows[1].hash = AuditChainHash(rows[1]);  // the forger recomputes this row's hash
  const auto breaks = Verify(rows, 5, rows.back().hash);
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].id, 3);
  EXPECT_NE(breaks[0].problem.find("row 2 before it was altered"), std::string::npos);
}

TEST(AuditChainTest, ACutShortChainShowsAgainstTheRecordedHead) {
  auto rows = Chain(5);
  const std::string head = rows.back().hash;
  rows.pop_back();
  const auto breaks = Verify(rows, 5, head);
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_NE(breaks[0].problem.find("the rows after 4 were removed"), std::string::npos);
}

}  // namespace
}  // namespace antq
