#include "domain/validation_rule.h"

#include <fmt/format.h>

namespace antq {

Result<Importance> ParseImportance(std::string_view text) {
  if (text == "error") return Importance::kError;
  if (text == "warning") return Importance::kWarning;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown importance '{}'; use error or warning", text));
}

std::string_view ImportanceName(Importance importance) {
  return importance == Importance::kError ? "error" : "warning";
}

Result<MissingStrategy> ParseMissingStrategy(std::string_view text) {
  if (text == "skip_if_any_missing") return MissingStrategy::kSkipIfAnyMissing;
  if (text == "skip_if_all_missing") return MissingStrategy::kSkipIfAllMissing;
  if (text == "never_skip") return MissingStrategy::kNeverSkip;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown missing-value strategy '{}'; use skip_if_any_missing, "
                          "skip_if_all_missing or never_skip",
                          text));
}

std::string_view MissingStrategyName(MissingStrategy strategy) {
  switch (strategy) {
    case MissingStrategy::kSkipIfAnyMissing:
      return "skip_if_any_missing";
    case MissingStrategy::kSkipIfAllMissing:
      return "skip_if_all_missing";
    case MissingStrategy::kNeverSkip:
      return "never_skip";
  }
  return "?";
}

}  // namespace antq
