#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/language_format.h"
#include "common/result.h"
#include "documents/document.h"
#include "domain/catalog.h"
#include "domain/period.h"
#include "domain/unit_registry.h"
#include "reports/official_layout.h"
#include "reports/report_builder.h"
#include "reports/templates.h"

namespace antq::reports {

// One recommendation of an inspection, as its register records it.
struct Recommendation {
  std::string text;
  std::string owner;
  std::string deadline;
  std::string status;
};

// The inspection a report answers for (a record of the inspection register), when there is one:
// who inspected, under which decision, what they found and recommended.
struct InspectionRecord {
  std::string decision_number;
  std::string decision_date;
  std::string issuing_body;
  std::string head_title;
  std::string subject;
  std::vector<std::string> findings;  // one paragraph each
  std::vector<Recommendation> recommendations;
};

struct InspectionRequest {
  std::string area;                      // a unit code, as it stood at the end of the period
  Period from = *Period::Parse("2019");  // yearly periods: 2019..2022
  Period to = *Period::Parse("2022");
  Layout layout = Layout::kParty;
  Date date;       // the report's date
  int number = 0;  // its number, 0 to leave it blank
  std::optional<InspectionRecord> inspection;
  std::string notice;  // a line every page-1 reader must see (the sample's), or empty
  Language language = Language::kVietnamese;  // the templates' language
  // How the units' reports came in (data sets with a deadline), for the limitations.
  std::vector<ReportingTimeliness> timeliness;
};

// The inspection (evaluation) report of an area over a range of years: header block, legal
// bases, I. situation, II. results (leadership, propaganda, hand-ins with items by type, models,
// ATANTT and NTM 19.2 as "x/y xã", festivals), III. limitations (from the criteria not met), IV.
// directions, V. recommendations (from the inspection's record), the closing block, and an annex
// table by district (or commune, where there are no districts). Figures are on the units of
// their time; a range across 2025-07-01 says so. Sentences come from `templates`.
Result<Report> BuildInspectionReport(const analytics::Engine& engine, const UnitRegistry& units,
                                     const Catalog& catalog, const Templates& templates,
                                     const InspectionRequest& request);

}  // namespace antq::reports
