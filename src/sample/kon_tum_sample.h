#pragma once

#include <functional>
#include <string>

#include "app/workspace.h"
#include "common/result.h"

namespace antq {

// The synthetic Kon Tum sample (dữ liệu mẫu): deterministic records for every commune from
// January 2019 to June 2025 on the old units and from July 2025 to October 2026 on the new units
// of the former Kon Tum area. Its 2019–2022 totals match what the province reported in March 2023
// (over 2,330 propaganda sessions with over 527,800 participant-turns; nearly 860 hand-in
// sessions with over 70,790; over 5,000 items recovered; 48 models active on 2022-12-31 in all
// 10 district-level units; 70 of 85 xã recognised ATANTT for 2022). Every figure is invented;
// the database is marked so that every output says so.
struct SampleReport {
  size_t events = 0;
  size_t values = 0;
  bool already_loaded = false;
};

// Reports progress as (step done, steps in all, what).
using Progress = std::function<void(int, int, const std::string&)>;

// Loads the sample in one transaction through the ordinary use cases (so it is validated and
// audited like any data). Loading it again changes nothing.
Result<SampleReport> LoadKonTumSample(Workspace& ws, const Progress& progress);

}  // namespace antq
