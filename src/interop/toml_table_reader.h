#pragma once

// Typed reading of TOML tables for interop's readers (the catalogue, sheet mappings): each
// problem carries the file and the line, so a person can find it.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "common/text.h"

namespace antq {

// True for a code: lower-case ASCII letters, digits and '_' (with `allow_dot`, also '.' and
// '-'), at most 64 characters.
inline bool IsCode(std::string_view s, bool allow_dot) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    (allow_dot && (c == '.' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

// Reads typed keys of one TOML table. The first problem is kept (later reads return defaults),
// so a definition is read top to bottom and checked once with ok(). Errors carry file and line.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::optional<Error>& error)
      : table_(table), file_(std::move(file)), error_(error) {}

  std::string Where(std::string_view key = {}) const {
    const toml::node* node = key.empty() ? nullptr : table_.get(key);
    const auto line = node ? node->source().begin.line : table_.source().begin.line;
    return key.empty() ? fmt::format("{}:{}", file_, line)
                       : fmt::format("{}:{}: {}", file_, line, key);
  }

  void Problem(std::string message, std::string where) const {
    if (!error_) error_ = Error(ErrorCode::kInvalidArgument, std::move(message), std::move(where));
  }

  std::string String(std::string_view key, bool required = true) const {
    const toml::node* node = table_.get(key);
    if (!node) {
      if (required) Problem(fmt::format("'{}' is required", key), Where());
      return {};
    }
    const auto* s = node->as_string();
    if (!s) {
      Problem("must be a string", Where(key));
      return {};
    }
    return ToNfc(s->get());
  }

  std::string Code(std::string_view key, bool allow_dot = false) const {
    std::string s = String(key);
    if (!error_ && !IsCode(s, allow_dot)) {
      Problem(fmt::format("'{}' is not a code (lower-case letters, digits, '_'{})", s,
                          allow_dot ? ", '.' or '-'" : ""),
              Where(key));
    }
    return s;
  }

  bool Bool(std::string_view key, bool fallback) const {
    const toml::node* node = table_.get(key);
    if (!node) return fallback;
    if (const auto* b = node->as_boolean()) return b->get();
    Problem("must be true or false", Where(key));
    return fallback;
  }

  std::optional<double> Number(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    if (auto v = node->value<double>()) return *v;
    Problem("must be a number", Where(key));
    return std::nullopt;
  }

  std::optional<Date> DateValue(std::string_view key) const {
    const std::string text = String(key, false);
    if (text.empty()) return std::nullopt;
    auto d = Date::Parse(text);
    if (!d) {
      Problem(d.error().message(), Where(key));
      return std::nullopt;
    }
    return *d;
  }

  // Parses the text of `key` with `parse` (ParseValueType and the like).
  template <typename T, typename F>
  T Enum(std::string_view key, F parse, T fallback, bool required = true) const {
    const std::string text = String(key, required);
    if (text.empty()) return fallback;
    auto v = parse(text);
    if (!v) {
      Problem(v.error().message(), Where(key));
      return fallback;
    }
    return *v;
  }

  // The tables of an array of tables ([[x.key]]); absent = none.
  std::vector<TableReader> Tables(std::string_view key) const {
    std::vector<TableReader> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
      Problem(fmt::format("write it as [[...{}]] tables", key), Where(key));
      return out;
    }
    for (const toml::node& item : *array) {
      if (const auto* t = item.as_table()) {
        out.emplace_back(*t, file_, error_);
      } else {
        Problem("must be a table", Where(key));
      }
    }
    return out;
  }

  std::optional<TableReader> Table(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::nullopt;
    if (const auto* t = node->as_table()) return TableReader(*t, file_, error_);
    Problem("must be a table", Where(key));
    return std::nullopt;
  }

  std::vector<std::string> Strings(std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
      Problem("must be a list of strings", Where(key));
      return out;
    }
    for (const toml::node& item : *array) {
      if (const auto* s = item.as_string()) {
        out.push_back(ToNfc(s->get()));
      } else {
        Problem("must be a list of strings", Where(key));
      }
    }
    return out;
  }

  // A whole number of at least `min`, or `fallback` when the key is absent.
  int64_t Integer(std::string_view key, int64_t fallback, int64_t min) const {
    const toml::node* node = table_.get(key);
    if (!node) return fallback;
    const auto* v = node->as_integer();
    if (!v || v->get() < min) {
      Problem(fmt::format("must be a whole number from {}", min), Where(key));
      return fallback;
    }
    return v->get();
  }

  // A table of strings ("label" = "code"), in the file's order; absent = none.
  std::vector<std::pair<std::string, std::string>> StringTable(std::string_view key) const {
    std::vector<std::pair<std::string, std::string>> out;
    auto inner = Table(key);
    if (!inner) return out;
    for (const auto& [name, node] : inner->table_) {
      if (const auto* s = node.as_string()) {
        out.emplace_back(ToNfc(name.str()), ToNfc(s->get()));
      } else {
        Problem("must be a string",
                fmt::format("{}:{}: {}.{}", file_, node.source().begin.line, key, name.str()));
      }
    }
    return out;
  }

  // A key that is not in `known` is an error: a misspelt key must not be silently ignored.
  void OnlyKeys(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, node] : table_) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || key.str() == k;
      if (!ok) {
        Problem(fmt::format("unknown key '{}'", key.str()),
                fmt::format("{}:{}", file_, node.source().begin.line));
      }
    }
  }

  bool ok() const { return !error_.has_value(); }

 private:
  const toml::table& table_;
  std::string file_;
  std::optional<Error>& error_;
};

}  // namespace antq
