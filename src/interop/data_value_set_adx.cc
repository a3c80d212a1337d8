// ADX in and out (pugixml): the XML form of a dataValueSet, with periods as start/duration.
#include <fmt/format.h>

#include <array>
#include <pugixml.hpp>
#include <sstream>

#include "domain/calendar.h"
#include "domain/period.h"
#include "interop/data_value_set.h"

namespace antq {
namespace {

constexpr const char* kNamespace = "urn:ihe:qrph:adx:2015";

// The ISO 8601 durations ADX gives periods, by period type.
constexpr std::array<std::pair<PeriodType, const char*>, 6> kDurations = {{
    {PeriodType::kDaily, "P1D"},
    {PeriodType::kWeekly, "P7D"},
    {PeriodType::kMonthly, "P1M"},
    {PeriodType::kQuarterly, "P3M"},
    {PeriodType::kSixMonthly, "P6M"},
    {PeriodType::kYearly, "P1Y"},
}};

Result<std::string> IsoPeriod(std::string_view adx, const std::string& where) {
  const size_t slash = adx.find('/');
  auto fail = [&](const std::string& why) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("period '{}': {}", adx, why), where);
  };
  if (slash == std::string_view::npos)
    return fail("write a start date and a duration, 2022-09-01/P1M");
  auto start = Date::Parse(adx.substr(0, slash));
  if (!start) return fail("the start is not a date");
  const std::string_view duration = adx.substr(slash + 1);
  for (const auto& [type, name] : kDurations) {
    if (duration != name) continue;
    auto period = Calendar::Gregorian().PeriodOf(*start, type);
    if (!period) return fail(period.error().message());
    auto window = Calendar::Gregorian().Window(*period);
    if (!window || window->start != *start) {
      return fail(fmt::format("{} does not start a {} period", start->ToString(), name));
    }
    return period->Code();
  }
  return fail("the duration is not one of P1D, P7D, P1M, P3M, P6M, P1Y");
}

Result<std::string> AdxPeriod(const std::string& iso) {
  auto period = Period::Parse(iso);
  if (!period) return Fail(period.error());
  for (const auto& [type, name] : kDurations) {
    if (type != period->type()) continue;
    auto window = Calendar::Gregorian().Window(*period);
    if (!window) return Fail(window.error());
    return fmt::format("{}/{}", window->start.ToString(), name);
  }
  return Fail(ErrorCode::kInvalidArgument, fmt::format("period {} has no ADX form", iso), "period");
}

bool Truthy(const char* text) {
  return std::string_view(text) == "true" || std::string_view(text) == "1";
}

}  // namespace

Result<DataValueSet> ReadDataValueSetAdx(std::string_view text, const std::string& file) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("not XML: {} (at byte {})", parsed.description(), parsed.offset), file);
  }
  const pugi::xml_node adx = doc.document_element();
  if (std::string_view(adx.name()) != "adx") {
    return Fail(ErrorCode::kInvalidArgument, "the root element is not <adx>", file);
  }
  DataValueSet set;
  size_t index = 0;
  size_t group_number = 0;
  for (pugi::xml_node group : adx.children("group")) {
    const std::string where = fmt::format("{}: group[{}]", file, group_number++);
    for (const char* required : {"orgUnit", "period", "dataSet"}) {
      if (group.attribute(required).empty()) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("has no {}", required), where);
      }
    }
    auto period = IsoPeriod(group.attribute("period").value(), where);
    if (!period) return Fail(period.error());
    for (pugi::xml_node node : group.children("dataValue")) {
      DataValueEntry e;
      e.index = index++;
      e.org_unit = group.attribute("orgUnit").value();
      e.period = *period;
      e.data_set = group.attribute("dataSet").value();
      for (pugi::xml_attribute a : node.attributes()) {
        const std::string_view name = a.name();
        if (name == "dataElement") {
          e.data_element = a.value();
        } else if (name == "value") {
          e.value = a.value();
        } else if (name == "categoryOptionCombo") {
          e.category_option_combo = a.value();
        } else if (name == "followup" || name == "followUp") {
          e.follow_up = Truthy(a.value());
        } else if (name == "deleted") {
          e.deleted = Truthy(a.value());
        } else if (e.category.empty()) {
          e.category = a.name();
          if (e.category_option_combo.empty()) e.category_option_combo = a.value();
        } else {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("a value has two breakdowns ({} and {}); ANTQ's elements have "
                                  "one",
                                  e.category, name),
                      fmt::format("{}.dataValue[{}]", where, e.index));
        }
      }
      if (e.value.empty()) e.value = node.child_value("annotation");
      set.values.push_back(std::move(e));
    }
  }
  return set;
}

Status WriteDataValueSetAdx(const std::vector<DataValueEntry>& values, std::ostream& out) {
  pugi::xml_document doc;
  pugi::xml_node adx = doc.append_child("adx");
  adx.append_attribute("xmlns") = kNamespace;
  pugi::xml_node group;
  std::string unit, period, data_set;
  for (const DataValueEntry& v : values) {
    if (!group || v.org_unit != unit || v.period != period || v.data_set != data_set) {
      auto adx_period = AdxPeriod(v.period);
      if (!adx_period) return Fail(adx_period.error());
      unit = v.org_unit;
      period = v.period;
      data_set = v.data_set;
      group = adx.append_child("group");
      group.append_attribute("orgUnit") = unit.c_str();
      group.append_attribute("period") = adx_period->c_str();
      group.append_attribute("dataSet") = data_set.c_str();
    }
    pugi::xml_node node = group.append_child("dataValue");
    node.append_attribute("dataElement") = v.data_element.c_str();
    if (!v.category_option_combo.empty()) {
      node.append_attribute(v.category.empty() ? "categoryOptionCombo" : v.category.c_str()) =
          v.category_option_combo.c_str();
    }
    // ADX has no comment; a value's comment stays behind.
    node.append_attribute("value") = v.value.c_str();
  }
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return {};
}

}  // namespace antq
