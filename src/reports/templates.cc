#include "reports/templates.h"

#include <fmt/args.h>
#include <fmt/format.h>

namespace antq::reports {

void Templates::Add(const Texts& texts, const std::string& file) {
  for (const auto& [key, list] : texts) entries_[key] = Entry{list, file};
  files_ += files_.empty() ? file : ", " + file;
}

std::vector<std::string> Templates::KeysOf(const std::string& section) const {
  const std::string prefix = section + ".";
  std::vector<std::string> keys;
  for (auto it = entries_.lower_bound(prefix);
       it != entries_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    keys.push_back(it->first.substr(prefix.size()));
  }
  return keys;
}

Result<std::string> Templates::Fill(const std::string& key, const Entry& entry,
                                    const std::string& text, const Args& args) const {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : args) store.push_back(fmt::arg(name.c_str(), value));
  try {
    return fmt::vformat(text, store);
  } catch (const fmt::format_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("template '{}' cannot be filled ({}); its placeholders are written "
                            "{{name}}, and the report gives: {}",
                            key, e.what(),
                            [&] {
                              std::string names;
                              for (const auto& [name, value] : args) {
                                names += names.empty() ? name : ", " + name;
                              }
                              return names.empty() ? std::string("none") : names;
                            }()),
                entry.file);
  }
}

Result<std::string> Templates::Render(const std::string& key, const Args& args) const {
  auto texts = RenderAll(key, args);
  if (!texts) return Fail(texts.error());
  std::string joined;
  for (const std::string& t : *texts) joined += joined.empty() ? t : " " + t;
  return joined;
}

Result<std::vector<std::string>> Templates::RenderAll(const std::string& key,
                                                      const Args& args) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    return Fail(ErrorCode::kNotFound, fmt::format("the template '{}' is missing", key), files_);
  }
  std::vector<std::string> out;
  for (const std::string& text : it->second.texts) {
    auto filled = Fill(key, it->second, text, args);
    if (!filled) return Fail(filled.error());
    out.push_back(std::move(*filled));
  }
  return out;
}

Result<std::vector<std::string>> Templates::RenderCount(const std::string& key, const Args& args,
                                                        size_t count) const {
  auto texts = RenderAll(key, args);
  if (!texts) return Fail(texts.error());
  if (texts->size() != count) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the template '{}' names {} texts; the report needs {}", key,
                            texts->size(), count),
                entries_.at(key).file);
  }
  return texts;
}

}  // namespace antq::reports
