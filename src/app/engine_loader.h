#pragma once

#include "analytics/engine.h"
#include "common/result.h"
#include "storage/store.h"

namespace antq {

// Fills `engine` with every numeric value of `store`. Reading the store and filling the engine
// each take about half of a national start-up (tens of millions of rows), so they run on two
// cores: this thread reads rows into batches, a second thread adds them to the engine.
Status LoadValues(Store& store, analytics::Engine& engine);

}  // namespace antq
