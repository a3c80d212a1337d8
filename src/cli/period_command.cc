#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/json_mapping.h"
#include "app/units_use_cases.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

struct PeriodOptions {
  std::string code;
  std::string calendar = "gregorian";
  std::string date;
  std::string type = "monthly";
};

Status PrintWindow(const Context& ctx, const PeriodWindow& w) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  switch (*format) {
    case Format::kTable:
      std::cout << w.window.ToString() << "\n";
      break;
    case Format::kCsv:
      std::cout << "period,type,calendar,start,end\n"
                << fmt::format("{},{},{},{},{}\n", w.period.Code(), PeriodTypeName(w.period.type()),
                               w.calendar->name(), w.window.start.ToString(),
                               w.window.end.ToString());
      break;
    case Format::kJson:
      PrintJson(views::PeriodWindowJson(w), std::cout);
      break;
  }
  return Ok();
}

}  // namespace

void AddPeriodCommand(CLI::App& app, Context& ctx) {
  auto* period = app.add_subcommand("period", "Kỳ báo cáo / reporting periods and calendars");
  period->require_subcommand(1);
  static PeriodOptions o;
  std::string calendars;
  for (const Calendar& c : Calendar::All()) {
    calendars += fmt::format("\n  {:<18} {}", c.name(), c.description());
  }

  auto* show = period->add_subcommand(
      "show", "Khoảng ngày của một kỳ / the date window of a period, e.g. 202303, 2023Q1, 2023");
  show->add_option("CODE", o.code,
                   "DHIS2 ISO period: 2023, 2023S1, 2023Q1, 202303, 2023W5, 20230315")
      ->required();
  show->add_option("--calendar", o.calendar, "Calendar:" + calendars)->capture_default_str();
  show->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto code = Arg(o.code, "CODE");
      if (!code) return Fail(code.error());
      auto w = ShowPeriod(*code, o.calendar);
      if (!w) return Fail(w.error());
      return PrintWindow(ctx, *w);
    };
  });

  auto* of = period->add_subcommand(
      "of", "Kỳ chứa một ngày / the period that contains a date under a calendar");
  of->add_option("DATE", o.date, "Date YYYY-MM-DD")->required();
  of->add_option("--type", o.type, "daily, weekly, monthly, quarterly, sixmonthly or yearly")
      ->capture_default_str();
  of->add_option("--calendar", o.calendar, "Calendar:" + calendars)->capture_default_str();
  of->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto date = DateArg(o.date, "DATE");
      if (!date) return Fail(date.error());
      auto w = PeriodOfDate(*date, o.type, o.calendar);
      if (!w) return Fail(w.error());
      auto format = FormatArg(ctx);
      if (!format) return Fail(format.error());
      if (*format == Format::kTable) {
        std::cout << fmt::format("{} {}\n", w->period.Code(), w->window.ToString());
        return Ok();
      }
      return PrintWindow(ctx, *w);
    };
  });
}

}  // namespace antq::cli
