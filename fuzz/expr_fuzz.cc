// libFuzzer target for the expression parser and evaluator: any bytes must either parse or fail
// with a positioned error, and any parsed tree must evaluate without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/evaluator.h"
#include "expr/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tree = antq::expr::Parse(text);
  if (!tree) {
    if (tree.error().message().rfind("column ", 0) != 0) __builtin_trap();
    return 0;
  }
  (void)antq::expr::Evaluate(**tree, [](const antq::expr::Reference& r) -> std::optional<double> {
    if (r.code.size() % 3 == 0) return std::nullopt;
    return static_cast<double>(r.code.size());
  });
  return 0;
}
