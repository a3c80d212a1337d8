#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/analytics_use_cases.h"
#include "app/json_mapping.h"
#include "cli/context.h"
#include "domain/values.h"

namespace antq::cli {
namespace {

struct QueryOptions {
  std::vector<std::string> measures;
  std::vector<std::string> by;
  std::string under;
  std::string period;
  std::string calendar = "gregorian";
  std::string as_of;
  std::string group;
};

std::string Number(const std::optional<double>& v) {
  if (!v) return "";
  const double r = std::round(*v * 1e6) / 1e6;  // hide float noise from splits and ratios
  return TypedValue{r, ""}.ToString();
}

Status Run(const Context& ctx, const QueryOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  QueryRequest request{
      SplitList(o.measures), o.under, SplitList(o.by), o.period, o.calendar, o.as_of, o.group};
  auto result = RunQuery(*ws, LocalActor(ctx), request);
  if (!result) return Fail(result.error());
  SampleNotice(*ws, *format);
  for (const std::string& note : result->notes) {
    (*format == Format::kTable ? std::cout : std::cerr) << "[" << note << "]\n";
  }
  if (*format == Format::kJson) {
    PrintJson(views::QueryResultJson(*result), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"unit_code", "unit", "period"};
  t.headers = {"Mã", "Đơn vị", "Kỳ"};
  for (const std::string& m : result->measures) {
    t.keys.push_back(m);
    t.headers.push_back(m);
  }
  for (const analytics::Row& r : result->rows) {
    std::vector<std::string> row = {r.unit_code, r.unit_name, r.period};
    for (const auto& v : r.values) row.push_back(Number(v));
    t.rows.push_back(std::move(row));
  }
  Print(t, *format, std::cout);
  return Ok();
}

}  // namespace

void AddQueryCommand(CLI::App& app, Context& ctx) {
  auto* query =
      app.add_subcommand("query", "Tổng hợp số liệu / measures × units × periods, always current");
  static QueryOptions o;
  query
      ->add_option("--measure", o.measures,
                   "Element codes, element.option, or an expression such as "
                   "\"#{propaganda.participants}/#{propaganda.sessions}\" (comma-separated)")
      ->required();
  query->add_option("--under", o.under, "The area: a unit code")->required();
  query->add_option("--by", o.by,
                    "Group by a unit level (province, district, commune, residential) or by unit "
                    "group (group), and/or a period (year, half, quarter, month, week, day); "
                    "repeatable");
  query->add_option("--group", o.group,
                    "Only figures of units in this unit group, such as border (antq units groups)");
  query->add_option("--period", o.period, "A period or a range: 2022, 2019..2022, 202301..202312")
      ->required();
  query->add_option("--calendar", o.calendar, "Calendar that places events in periods")
      ->capture_default_str();
  query->add_option("--as-of", o.as_of,
                    "Carry figures through lineage to the units of this date (YYYY-MM-DD)");
  query->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx, o); }; });
}

}  // namespace antq::cli
