#include "interop/units_file.h"

#include <fmt/format.h>

#include <charconv>

#include "common/text.h"

namespace antq {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(Trim(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view file_name) : file_(file_name) {}

  Result<UnitDeclarations> Run(std::string_view text) {
    auto normalized = NormalizeInput(text, file_);
    if (!normalized) return Fail(normalized.error());
    const std::string& body = *normalized;
    size_t pos = 0;
    int line_no = 0;
    bool header_seen = false;
    while (pos <= body.size()) {
      const size_t nl = body.find('\n', pos);
      const std::string_view line = std::string_view(body).substr(
          pos, nl == std::string::npos ? std::string::npos : nl - pos);
      ++line_no;
      pos = nl == std::string::npos ? body.size() + 1 : nl + 1;
      const std::string_view trimmed = Trim(line);
      if (trimmed.empty() || trimmed.front() == '#') continue;
      where_ = fmt::format("{}:{}", file_, line_no);
      const auto fields = SplitTabs(line);
      if (!header_seen) {
        if (fields.size() < 2 || fields[0] != "antq-units" || fields[1] != "1") {
          return Fail(ErrorCode::kInvalidArgument,
                      "the first record must be the header 'antq-units<TAB>1'", where_);
        }
        header_seen = true;
        continue;
      }
      Status s = ParseRecord(fields);
      if (!s) return Fail(s.error());
    }
    if (!header_seen) {
      return Fail(ErrorCode::kInvalidArgument, "empty file: no 'antq-units<TAB>1' header", file_);
    }
    return std::move(out_);
  }

 private:
  Status ParseRecord(const std::vector<std::string_view>& f) {
    const std::string_view kind = f[0];
    if (kind == "unit") return ParseUnit(f);
    if (kind == "lineage") return ParseLineage(f);
    if (kind == "group") return ParseGroup(f);
    if (kind == "member") return ParseMember(f);
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("unknown record '{}'; use unit, lineage, group or member", kind),
                where_);
  }

  Status Arity(const std::vector<std::string_view>& f, size_t min, size_t max,
               std::string_view layout) {
    if (f.size() < min || f.size() > max) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("a {} record has {} tab-separated fields ({}), this one has {}", f[0],
                      min == max ? fmt::format("{}", max) : fmt::format("{} to {}", min, max),
                      layout, f.size()),
          where_);
    }
    return Ok();
  }

  Result<std::string> Code(std::string_view text, std::string_view field) {
    if (!IsValidCode(text)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not a unit code (letters, digits, '-', '_' or '.')", text),
                  fmt::format("{}: {}", where_, field));
    }
    return std::string(text);
  }

  Result<Date> RequiredDate(std::string_view text, std::string_view field) {
    auto d = Date::Parse(text);
    if (!d) return Fail(d.error().Within(fmt::format("{}: {}", where_, field)));
    return *d;
  }

  Result<DateRange> Validity(std::string_view from, std::string_view to) {
    DateRange range{Date::Min(), Date::Max()};
    auto f = ParseOptionalDate(from);
    if (!f) return Fail(f.error().Within(where_ + ": valid_from"));
    auto t = ParseOptionalDate(to);
    if (!t) return Fail(t.error().Within(where_ + ": valid_to"));
    if (*f) range.start = **f;
    if (*t) range.end = **t;
    if (range.end < range.start) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("valid_to {} is before valid_from {}", to, from),
                  where_ + ": valid_to");
    }
    return range;
  }

  Status ParseUnit(const std::vector<std::string_view>& f) {
    if (auto s = Arity(f, 5, 8, "unit, code, level, type, name, parent, valid_from, valid_to");
        !s) {
      return s;
    }
    UnitDeclaration d;
    d.where = where_;
    auto code = Code(f[1], "code");
    if (!code) return Fail(code.error());
    d.code = *code;
    auto level = ParseUnitLevel(f[2]);
    if (!level) return Fail(level.error().Within(where_));
    d.level = *level;
    d.type = std::string(f[3]);
    d.name = std::string(f[4]);
    if (d.name.empty())
      return Fail(ErrorCode::kInvalidArgument, "name is empty", where_ + ": name");
    if (f.size() > 5 && !f[5].empty()) {
      auto parent = Code(f[5], "parent");
      if (!parent) return Fail(parent.error());
      d.parent_code = *parent;
    }
    auto valid = Validity(f.size() > 6 ? f[6] : "", f.size() > 7 ? f[7] : "");
    if (!valid) return Fail(valid.error());
    d.valid = *valid;
    out_.units.push_back(std::move(d));
    return Ok();
  }

  Status ParseLineage(const std::vector<std::string_view>& f) {
    if (auto s = Arity(f, 5, 6, "lineage, date, kind, from codes, to codes, source"); !s) return s;
    LineageDeclaration d;
    d.where = where_;
    auto date = RequiredDate(f[1], "date");
    if (!date) return Fail(date.error());
    d.date = *date;
    auto kind = ParseLineageKind(f[2]);
    if (!kind) return Fail(kind.error().Within(where_));
    d.kind = *kind;
    for (const std::string& c : SplitSpaces(f[3])) {
      auto code = Code(c, "from");
      if (!code) return Fail(code.error());
      d.from_codes.push_back(*code);
    }
    for (const std::string& item : SplitSpaces(f[4])) {
      LineageTarget t;
      const size_t colon = item.find(':');
      auto code = Code(std::string_view(item).substr(0, colon), "to");
      if (!code) return Fail(code.error());
      t.code = *code;
      if (colon != std::string::npos) {
        const std::string_view w = std::string_view(item).substr(colon + 1);
        const auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), t.weight);
        if (ec != std::errc() || ptr != w.data() + w.size()) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a weight; write a split target as CODE:0.4", item),
                      where_ + ": to");
        }
      }
      d.to.push_back(std::move(t));
    }
    if (d.from_codes.empty() || d.to.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "a lineage record needs source and target codes",
                  where_ + (d.from_codes.empty() ? ": from" : ": to"));
    }
    if (f.size() > 5) d.source = std::string(f[5]);
    out_.lineage.push_back(std::move(d));
    return Ok();
  }

  Status ParseGroup(const std::vector<std::string_view>& f) {
    if (auto s = Arity(f, 3, 4, "group, code, name_vi, name_en"); !s) return s;
    GroupDeclaration d;
    d.where = where_;
    auto code = Code(f[1], "code");
    if (!code) return Fail(code.error());
    d.code = *code;
    d.name_vi = std::string(f[2]);
    d.name_en = f.size() > 3 ? std::string(f[3]) : std::string();
    out_.groups.push_back(std::move(d));
    return Ok();
  }

  Status ParseMember(const std::vector<std::string_view>& f) {
    if (auto s = Arity(f, 3, 5, "member, group, unit, valid_from, valid_to"); !s) return s;
    MembershipDeclaration d;
    d.where = where_;
    auto group = Code(f[1], "group");
    if (!group) return Fail(group.error());
    d.group_code = *group;
    auto unit = Code(f[2], "unit");
    if (!unit) return Fail(unit.error());
    d.unit_code = *unit;
    auto valid = Validity(f.size() > 3 ? f[3] : "", f.size() > 4 ? f[4] : "");
    if (!valid) return Fail(valid.error());
    d.valid = *valid;
    out_.memberships.push_back(std::move(d));
    return Ok();
  }

  std::string file_;
  std::string where_;
  UnitDeclarations out_;
};

}  // namespace

Result<UnitDeclarations> ParseUnitsFile(std::string_view text, std::string_view file_name) {
  return Parser(file_name).Run(text);
}

}  // namespace antq
