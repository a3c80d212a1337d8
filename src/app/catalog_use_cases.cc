#include "app/catalog_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/display_path.h"
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
                "--data-dir");
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

Result<CatalogUpgrade> UpgradeCatalog(Workspace& ws, const Catalog& catalog,
                                      const std::string& user) {
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
    if (before && before->value_type != after->value_type) {
      return Fail(
          ErrorCode::kConflict,
          fmt::format("element {} has {} stored value(s) of type {}; its type cannot "
                      "change to {}. Add a new element instead",
                      code, n, ValueTypeName(before->value_type), ValueTypeName(after->value_type)),
          "catalogue");
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
  if (auto s = ws.store().SaveCatalog(result.version, catalog); !s) return Fail(s.error());
  AuditEntry audit;
  audit.user = user;
  audit.action = "catalog.load";
  audit.subject = fmt::format("catalogue version {}", result.version);
  if (ws.catalog_version() > 0) audit.old_value = fmt::format("version {}", ws.catalog_version());
  audit.new_value = fmt::format("{} elements, {} data sets, {} registers", result.elements,
                                result.data_sets, result.registers);
  if (auto s = ws.store().AppendAudit(audit); !s) return Fail(s.error());
  ws.set_catalog(result.version, catalog);
  return result;
}

}  // namespace antq
