#include "domain/event.h"

#include <fmt/format.h>

#include "common/text.h"
#include "domain/values.h"

namespace antq {
namespace {

Result<nlohmann::json> TypedField(const RegisterField& f, const Catalog& catalog,
                                  const std::string& text, Date date,
                                  const UnitResolver& resolve_unit) {
  switch (f.type) {
    case FieldType::kInteger:
    case FieldType::kNumber: {
      auto v = ParseTypedValue(
          f.type == FieldType::kInteger ? ValueType::kInteger : ValueType::kNumber, text);
      if (!v) return Fail(v.error().At(f.code));
      if (f.min && *v->number < *f.min) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} is below the minimum {}", text, *f.min), f.code);
      }
      if (f.type == FieldType::kInteger) return nlohmann::json(static_cast<int64_t>(*v->number));
      return nlohmann::json(*v->number);
    }
    case FieldType::kText:
      return nlohmann::json(text);
    case FieldType::kDate: {
      auto d = Date::Parse(text);
      if (!d) return Fail(d.error().At(f.code));
      return nlohmann::json(d->ToString());
    }
    case FieldType::kBoolean: {
      auto b = ParseBoolean(text);
      if (!b) return Fail(b.error().At(f.code));
      return nlohmann::json(*b);
    }
    case FieldType::kEnum: {
      const std::string key = SearchKey(text);
      for (const FieldOption& o : f.options) {
        if (o.code == text || SearchKey(o.name_vi) == key || SearchKey(o.name_en) == key ||
            SearchKey(o.code) == key) {
          return nlohmann::json(o.code);
        }
      }
      std::string known;
      for (const FieldOption& o : f.options) AppendListItem(known, o.code, ", ");
      return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not one of {}", text, known),
                  f.code);
    }
    case FieldType::kUnits: {
      nlohmann::json ids = nlohmann::json::array();
      size_t i = 0;
      while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
        size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != ',') ++j;
        if (j > i) {
          auto id = resolve_unit(text.substr(i, j - i), date);
          if (!id) return Fail(id.error().At(f.code));
          ids.push_back(*id);
        }
        i = j;
      }
      return ids;
    }
    case FieldType::kList: {
      nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
      if (parsed.is_discarded() || !parsed.is_array()) {
        return Fail(ErrorCode::kInvalidArgument, "must be a JSON array of objects", f.code);
      }
      nlohmann::json out = nlohmann::json::array();
      for (size_t n = 0; n < parsed.size(); ++n) {
        const nlohmann::json& item = parsed[n];
        if (!item.is_object()) {
          return Fail(ErrorCode::kInvalidArgument, "must be a JSON array of objects", f.code);
        }
        RawFields raw;
        for (const auto& [key, value] : item.items()) {
          raw[key] = value.is_string() ? value.get<std::string>() : value.dump();
        }
        nlohmann::json typed = nlohmann::json::object();
        for (const auto& [key, value] : raw) {
          const RegisterField* sub = nullptr;
          for (const RegisterField& s : f.item_fields) {
            if (s.code == key) sub = &s;
          }
          if (!sub) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown item field '{}'", key),
                        fmt::format("{}[{}]", f.code, n));
          }
          if (value.empty()) continue;
          auto v = TypedField(*sub, catalog, value, date, resolve_unit);
          if (!v) return Fail(v.error().At(fmt::format("{}[{}].{}", f.code, n, key)));
          typed[key] = std::move(*v);
        }
        for (const RegisterField& s : f.item_fields) {
          if (s.required && !typed.contains(s.code)) {
            return Fail(ErrorCode::kInvalidArgument, "is required",
                        fmt::format("{}[{}].{}", f.code, n, s.code));
          }
        }
        out.push_back(std::move(typed));
      }
      return out;
    }
    case FieldType::kItems:
      break;
  }
  return Fail(ErrorCode::kInternal, "unhandled field type", f.code);
}

}  // namespace

Result<nlohmann::json> BuildEventFields(const Register& reg, const Catalog& catalog,
                                        const RawFields& raw, Date date,
                                        const UnitResolver& resolve_unit) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, text] : raw) {
    const size_t dot = key.find('.');
    const std::string field_code = key.substr(0, dot);
    const RegisterField* f = reg.Field(field_code);
    if (!f) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("register {} has no field '{}'", reg.code, field_code), key);
    }
    if (text.empty()) continue;
    if (f->type == FieldType::kItems) {
      const Category* category = catalog.FindCategory(f->category);
      const std::string option = dot == std::string::npos ? "" : key.substr(dot + 1);
      if (!category || !category->Find(option)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("write item quantities as {}.OPTION, with OPTION one of the "
                                "options of category {}",
                                f->code, f->category),
                    key);
      }
      auto q = ParseTypedValue(ValueType::kNumber, text);
      if (!q) return Fail(q.error().At(key));
      if (*q->number < 0) {
        return Fail(ErrorCode::kInvalidArgument, "a quantity cannot be negative", key);
      }
      if (*q->number != 0) out[f->code][option] = *q->number;
      continue;
    }
    if (dot != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("field {} has no parts", f->code), key);
    }
    auto v = TypedField(*f, catalog, text, date, resolve_unit);
    if (!v) return Fail(v.error());
    out[f->code] = std::move(*v);
  }
  for (const RegisterField& f : reg.fields) {
    if (f.required && !out.contains(f.code)) {
      return Fail(ErrorCode::kInvalidArgument, "is required", f.code);
    }
  }
  if (!reg.active_from.empty() && !reg.active_to.empty() && out.contains(reg.active_from) &&
      out.contains(reg.active_to) &&
      out[reg.active_to].get<std::string>() < out[reg.active_from].get<std::string>()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("ends before it starts ({})", out[reg.active_from].get<std::string>()),
                reg.active_to);
  }
  return out;
}

bool IsActiveOn(const Register& reg, const Event& event, Date day) {
  if (reg.active_from.empty() || event.deleted) return false;
  const std::string d = day.ToString();
  auto from = event.fields.find(reg.active_from);
  if (from == event.fields.end() || from->get<std::string>() > d) return false;
  if (reg.active_to.empty()) return true;
  auto to = event.fields.find(reg.active_to);
  return to == event.fields.end() || to->get<std::string>() >= d;
}

double NumericField(const Event& event, const RegisterField& field, const Category* category) {
  auto it = event.fields.find(field.code);
  if (it == event.fields.end()) return 0;
  if (it->is_number()) return it->get<double>();
  if (it->is_object()) {
    double total = 0;
    for (const auto& [option, q] : it->items()) {
      const CategoryOption* o = category ? category->Find(option) : nullptr;
      if (!o || o->counted) total += q.get<double>();
    }
    return total;
  }
  return 0;
}

}  // namespace antq
