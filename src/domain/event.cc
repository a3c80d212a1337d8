#include "domain/event.h"

#include <fmt/format.h>

#include "common/text.h"
#include "domain/values.h"

namespace antq {
namespace {

// A scalar value as it goes into an event's JSON: integers as JSON integers (exact), other
// numbers as JSON numbers, booleans as true/false, text and dates as strings.
nlohmann::json ScalarJson(ValueType type, const TypedValue& v) {
  if (type == ValueType::kBoolean) return nlohmann::json(*v.number != 0);
  if (IsIntegerType(type)) return nlohmann::json(static_cast<int64_t>(*v.number));
  if (v.number) return nlohmann::json(*v.number);
  return nlohmann::json(v.text);
}

Result<nlohmann::json> TypedField(const RegisterField& f, const Catalog& catalog,
                                  const std::string& text, Date date,
                                  const UnitResolver& resolve_unit) {
  if (auto spec = f.Spec()) {
    auto v = ParseValue(*spec, text);
    if (!v) return Fail(v.error().At(f.code));
    return ScalarJson(spec->type, *v);
  }
  // Structured fields are bounded like long text before they are taken apart.
  if (CountCodePoints(text) > kLongTextMaxLength) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is too long: at most {} characters", QuoteForMessage(text),
                            kLongTextMaxLength),
                f.code);
  }
  switch (f.type) {
    case FieldType::kEnum: {
      // Most files write the option's code: found without folding accents (ICU), which an
      // import would otherwise do once per row.
      for (const FieldOption& o : f.options) {
        if (o.code == text) return nlohmann::json(o.code);
      }
      const std::string key = SearchKey(text);
      for (const FieldOption& o : f.options) {
        if (o.code == text || SearchKey(o.name_vi) == key || SearchKey(o.name_en) == key ||
            SearchKey(o.code) == key) {
          return nlohmann::json(o.code);
        }
      }
      std::string known;
      for (const FieldOption& o : f.options) AppendListItem(known, o.code, ", ");
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not one of {}", QuoteForMessage(text), known), f.code);
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
          raw[key] = RawText(value);
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
    default:
      break;
  }
  return Fail(ErrorCode::kInternal, "unhandled field type", f.code);
}

}  // namespace

std::string RawText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return FormatDecimal(value.get<double>());
  return value.dump();
}

ValueSpec QuantitySpec(const CategoryOption& option) {
  if (option.counted) return ValueSpec{ValueType::kIntegerZeroOrPositive};
  return ValueSpec{ValueType::kNumber, 0.0, std::nullopt, std::nullopt};
}

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
      const ValueSpec spec = QuantitySpec(*category->Find(option));
      auto q = ParseValue(spec, text);
      if (!q) return Fail(q.error().At(key));
      if (*q->number != 0) out[f->code][option] = ScalarJson(spec.type, *q);
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

namespace {

// A stored scalar JSON value as the TypedValue ParseValue would have made, or nullopt when its
// JSON type is wrong (a string in a number field, a fraction in an integer field).
std::optional<TypedValue> StoredScalar(ValueType type, const nlohmann::json& j) {
  if (type == ValueType::kBoolean) {
    if (!j.is_boolean()) return std::nullopt;
    return TypedValue{j.get<bool>() ? 1.0 : 0.0, ""};
  }
  if (IsIntegerType(type)) {
    if (!j.is_number_integer()) return std::nullopt;
    return TypedValue{j.is_number_unsigned() ? static_cast<double>(j.get<uint64_t>())
                                             : static_cast<double>(j.get<int64_t>()),
                      ""};
  }
  if (IsNumericType(type)) {
    if (!j.is_number()) return std::nullopt;
    return TypedValue{j.get<double>(), ""};
  }
  if (!j.is_string()) return std::nullopt;
  return TypedValue{std::nullopt, j.get<std::string>()};
}

void CheckField(const RegisterField& f, const Catalog& catalog, const nlohmann::json& j,
                const std::string& key, const std::function<bool(UnitId)>& unit_exists,
                std::vector<FieldProblem>& out) {
  auto problem = [&](const std::string& field, const nlohmann::json& value, std::string why) {
    std::string stored = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.push_back({field, QuoteForMessage(stored), std::move(why)});
  };
  if (auto spec = f.Spec()) {
    auto v = StoredScalar(spec->type, j);
    if (!v) {
      problem(key, j,
              fmt::format("the stored JSON is a {}, not {}", j.type_name(), spec->Describe()));
    } else if (auto s = CheckValue(*spec, *v); !s) {
      problem(key, j, s.error().message());
    }
    return;
  }
  switch (f.type) {
    case FieldType::kEnum:
      if (!j.is_string() || !f.FindOption(j.get<std::string>())) {
        problem(key, j, "not one of the field's options");
      }
      return;
    case FieldType::kItems: {
      const Category* category = catalog.FindCategory(f.category);
      if (!j.is_object() || !category) {
        problem(key, j, "an items field must hold {option: quantity}");
        return;
      }
      for (const auto& [option, q] : j.items()) {
        const CategoryOption* o = category->Find(option);
        const std::string item = key + "." + option;
        if (!o) {
          problem(item, q, fmt::format("not an option of category {}", category->code));
          continue;
        }
        const ValueSpec spec = QuantitySpec(*o);
        auto v = StoredScalar(spec.type, q);
        if (!v) {
          problem(item, q, "a quantity must be a number");
        } else if (auto s = CheckValue(spec, *v); !s) {
          problem(item, q, s.error().message());
        }
      }
      return;
    }
    case FieldType::kUnits:
      if (!j.is_array()) {
        problem(key, j, "a units field must hold a list of unit ids");
        return;
      }
      for (const nlohmann::json& id : j) {
        if (!id.is_number_integer() || !unit_exists(id.get<UnitId>())) {
          problem(key, id, "not a stored unit");
        }
      }
      return;
    case FieldType::kList:
      if (!j.is_array()) {
        problem(key, j, "a list field must hold a list of records");
        return;
      }
      for (size_t n = 0; n < j.size(); ++n) {
        const std::string item = fmt::format("{}[{}]", key, n);
        if (!j[n].is_object()) {
          problem(item, j[n], "a list item must be a record");
          continue;
        }
        for (const auto& [sub_key, value] : j[n].items()) {
          const RegisterField* sub = nullptr;
          for (const RegisterField& s : f.item_fields) {
            if (s.code == sub_key) sub = &s;
          }
          if (!sub) {
            problem(item + "." + sub_key, value, "not a field of the list's records");
            continue;
          }
          CheckField(*sub, catalog, value, item + "." + sub_key, unit_exists, out);
        }
        for (const RegisterField& s : f.item_fields) {
          if (s.required && !j[n].contains(s.code)) {
            problem(item + "." + s.code, nullptr, "a required field is missing");
          }
        }
      }
      return;
    default:
      return;
  }
}

}  // namespace

std::vector<FieldProblem> CheckEventFields(const Register& reg, const Catalog& catalog,
                                           const nlohmann::json& fields,
                                           const std::function<bool(UnitId)>& unit_exists) {
  std::vector<FieldProblem> out;
  if (!fields.is_object()) {
    out.push_back({"", QuoteForMessage(fields.dump()), "the fields are not a JSON object"});
    return out;
  }
  for (const auto& [key, value] : fields.items()) {
    const RegisterField* f = reg.Field(key);
    if (!f) {
      out.push_back({key, QuoteForMessage(value.dump()),
                     fmt::format("register {} has no such field", reg.code)});
      continue;
    }
    CheckField(*f, catalog, value, key, unit_exists, out);
  }
  for (const RegisterField& f : reg.fields) {
    if (f.required && !fields.contains(f.code)) {
      out.push_back({f.code, "", "a required field is missing"});
    }
  }
  return out;
}

bool IsActiveOn(const Register& reg, const Event& event, Date day) {
  if (reg.active_from.empty() || event.deleted) return false;
  const std::string d = day.ToString();
  auto from = event.fields.find(reg.active_from);
  if (from == event.fields.end() || !from->is_string() || from->get<std::string>() > d) {
    return false;
  }
  if (reg.active_to.empty()) return true;
  auto to = event.fields.find(reg.active_to);
  return to == event.fields.end() || !to->is_string() || to->get<std::string>() >= d;
}

double NumericField(const Event& event, const RegisterField& field, const Category* category) {
  auto it = event.fields.find(field.code);
  if (it == event.fields.end()) return 0;
  if (it->is_number()) return it->get<double>();
  if (it->is_object()) {
    double total = 0;
    for (const auto& [option, q] : it->items()) {
      const CategoryOption* o = category ? category->Find(option) : nullptr;
      if ((!o || o->counted) && q.is_number()) total += q.get<double>();
    }
    return total;
  }
  return 0;
}

}  // namespace antq
