#include "app/catalog_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/display_path.h"
#include "common/text.h"
#include "interop/catalog_toml.h"
#include "rules/criteria_evaluator.h"
#include "rules/validation.h"
#include "storage/catalog_codec.h"

namespace antq {

namespace fs = std::filesystem;

Result<Catalog> ReadCatalogFolder(const fs::path& folder) {
  Catalog catalog;
  std::vector<fs::path> files;
  if (fs::is_directory(folder)) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("{} holds no catalogue (.toml) files", DisplayPath(folder)),
                "data_dir");
  }
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (auto s = ReadCatalogToml(text.str(), DisplayPath(file), catalog); !s) {
      return Fail(s.error());
    }
  }
  if (auto s = catalog.Validate(); !s) return Fail(s.error());
  if (auto s = rules::CheckCriteria(catalog); !s) return Fail(s.error());
  if (auto s = rules::CheckValidationRules(catalog); !s) return Fail(s.error());
  return catalog;
}

namespace {

// An element's type or bounds may change when every stored value already fits the new ones (a
// count that was "integer" becomes "integer_zero_or_positive"); the first value that does not is
// named, and the catalogue is not changed.
Status CheckStoredValuesFit(const Workspace& ws, const DataElement& after) {
  ValueFilter filter;
  filter.elements = {after.code};
  std::optional<Error> misfit;
  auto s = ws.store().ScanValues(filter, [&](const DataValue& v) {
    if (misfit) return;
    if (CheckValue(after.Spec(), v.value)) return;
    const auto versions = ws.units().VersionsOfUnit(v.unit_id);
    misfit = Error(
        ErrorCode::kConflict,
        fmt::format(
            "element {} cannot become {}: its stored value {} of unit {} for period {} is "
            "not {}. Correct that value first ('antq check' lists every such value), or "
            "add a new element instead",
            after.code, ValueTypeName(after.value_type), QuoteForMessage(v.value.ToString()),
            versions.empty() ? "?" : versions.back()->code, v.period, after.Spec().Describe()),
        "catalogue");
  });
  if (!s) return s;
  if (misfit) return Fail(*misfit);
  return Ok();
}

}  // namespace

Result<CatalogUpgrade> UpgradeCatalog(Workspace& ws, const Actor& actor, const Catalog& catalog) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  CatalogUpgrade result;
  result.elements = catalog.elements().size();
  result.data_sets = catalog.data_sets().size();
  result.registers = catalog.registers().size();
  result.version = ws.catalog_version();
  if (ws.catalog_version() > 0 && EncodeCatalog(ws.catalog()) == EncodeCatalog(catalog)) {
    return result;
  }
  auto counts = ws.store().ValueCountsByElement();
  if (!counts) return Fail(counts.error());
  for (const auto& [code, n] : *counts) {
    const DataElement* before = ws.catalog().FindElement(code);
    const DataElement* after = catalog.FindElement(code);
    if (!after) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("element {} has {} stored value(s) and cannot be removed from the "
                              "catalogue; keep it (it may be left out of every data set)",
                              code, n),
                  "catalogue");
    }
    if (before && (before->value_type != after->value_type || before->min != after->min ||
                   before->max != after->max)) {
      if (auto s = CheckStoredValuesFit(ws, *after); !s) return Fail(s.error());
    }
  }
  for (const auto& [code, reg] : ws.catalog().registers()) {
    if (catalog.FindRegister(code)) continue;
    auto hashes = ws.store().EventHashes(code);
    if (!hashes) return Fail(hashes.error());
    if (!hashes->empty()) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("register {} has {} stored event(s) and cannot be removed from the "
                              "catalogue",
                              code, hashes->size()),
                  "catalogue");
    }
  }
  result.version = ws.catalog_version() + 1;
  result.changed = true;
  // Inside `antq init` this nests in its transaction; on its own it is one.
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  if (auto s = ws.store().SaveCatalog(result.version, catalog); !s) return Fail(s.error());
  AuditEntry audit;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = "catalog.load";
  audit.subject = fmt::format("catalogue version {}", result.version);
  if (ws.catalog_version() > 0) audit.old_value = fmt::format("version {}", ws.catalog_version());
  audit.new_value = fmt::format("{} elements, {} data sets, {} registers", result.elements,
                                result.data_sets, result.registers);
  if (auto s = ws.store().AppendAudit(audit); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  ws.set_catalog(result.version, catalog);
  return result;
}

}  // namespace antq
