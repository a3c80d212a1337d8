#include "interop/template_toml.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/text.h"
#include "interop/toml_text.h"

namespace antq {
namespace {

std::string Where(const std::string& file, const toml::node& node, const std::string& key) {
  return fmt::format("{}:{}: {}", file, node.source().begin.line, key);
}

Status ReadTable(const toml::table& table, const std::string& prefix, const std::string& file,
                 TemplateTexts& out) {
  for (const auto& [name, node] : table) {
    const std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const toml::table* inner = node.as_table()) {
      if (auto s = ReadTable(*inner, key, file, out); !s) return s;
    } else if (const auto* text = node.as_string()) {
      out[key] = {text->get()};
    } else if (const toml::array* list = node.as_array()) {
      std::vector<std::string>& texts = out[key];
      for (const toml::node& item : *list) {
        const auto* s = item.as_string();
        if (!s) {
          return Fail(ErrorCode::kInvalidArgument, "a list of sentences holds only strings",
                      Where(file, item, key));
        }
        texts.push_back(s->get());
      }
    } else {
      return Fail(ErrorCode::kInvalidArgument, "expected a string or a list of strings",
                  Where(file, node, key));
    }
  }
  return Ok();
}

}  // namespace

Result<TemplateTexts> ReadTemplateToml(std::string_view text, std::string_view file_name) {
  const std::string file(file_name);
  auto parsed = ParseTomlText(text, file);
  if (!parsed) return Fail(parsed.error());
  toml::table& root = *parsed;
  TemplateTexts texts;
  if (auto s = ReadTable(root, "", file, texts); !s) return Fail(s.error());
  return texts;
}

}  // namespace antq
