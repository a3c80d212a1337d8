#include <fmt/format.h>

#include <iostream>

#include "cli/context.h"
#include "sample/kon_tum_sample.h"

namespace antq::cli {

Status LoadSample(const Context& ctx) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  const bool progress = ShowProgress();
  auto report = LoadKonTumSample(*ws, [progress](int done, int all, const std::string& what) {
    if (progress) std::cerr << fmt::format("\r  [{}/{}] {:<40}", done, all, what) << std::flush;
  });
  if (progress) std::cerr << "\n";
  if (!report) return Fail(report.error());
  if (report->already_loaded) {
    std::cout << "The Kon Tum sample is already loaded; nothing changed.\n";
  } else {
    std::cout << fmt::format("Kon Tum sample loaded: {} events and {} values.\n", report->events,
                             report->values);
  }
  std::cout << "[" << kSampleNotice << "]\n";
  return Ok();
}

void AddSampleCommand(CLI::App& app, Context& ctx) {
  auto* sample = app.add_subcommand("sample", "Dữ liệu mẫu / the Kon Tum sample data");
  sample->require_subcommand(1);
  auto* load = sample->add_subcommand(
      "load", "Nạp dữ liệu mẫu Kon Tum 2019–2026 / load the synthetic Kon Tum sample");
  load->callback([&ctx] { ctx.action = [&ctx] { return LoadSample(ctx); }; });
}

}  // namespace antq::cli
