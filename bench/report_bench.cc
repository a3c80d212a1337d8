// Report benchmark (issue 6): the Kon Tum inspection report of 2019–2022 written by ANTQ as
// DOCX, PDF and XLSX (median of 3 warm runs each, the analytics engine already loaded), against
// LibreOffice converting that DOCX to PDF in the same run, the way an office makes a PDF today.
// Aim: all three formats in under 1 s. Writes build/bench/report.json.
// Usage: antq_report_bench [small|full] [OUT.json]
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "app/analytics_use_cases.h"
#include "app/report_use_cases.h"
#include "app/units_use_cases.h"
#include "bench/bench_util.h"
#include "sample/kon_tum_sample.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/report.json";
  const fs::path dir =
      fs::absolute(fs::temp_directory_path() / fmt::format("antq-report-bench-{}", ::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto data_dir = FindDataDir("");
  if (!data_dir) {
    std::cerr << data_dir.error().ToString() << "\n";
    return 1;
  }
  const std::string db = "sqlite:" + (dir / "sample.db").string();
  if (!InitDatabase(db, *data_dir)) return 1;
  auto ws = Workspace::Open(db, OpenMode::kMustExist);
  if (!ws || !LoadKonTumSample(*ws, nullptr)) return 1;
  if (!EnsureAnalytics(*ws)) return 1;

  std::map<std::string, double> seconds;
  bool ok = true;
  for (const char* extension : {".docx", ".pdf", ".xlsx"}) {
    ReportRequest r;
    r.kind = "inspection";
    r.under = "62";
    r.period = "2019..2022";
    r.layout = "party";
    r.out = dir / (std::string("report") + extension);
    seconds[extension] = MedianSeconds(3, [&] {
      auto written = antq::WriteReport(*ws, Admin(), r);
      if (!written) {
        std::cerr << written.error().ToString() << "\n";
        ok = false;
      }
    });
  }
  const double all = seconds[".docx"] + seconds[".pdf"] + seconds[".xlsx"];
  // The peer: LibreOffice turning the DOCX into a PDF (one run; it starts a whole office suite).
  const std::string command = fmt::format(
      "cd '{}' && soffice -env:UserInstallation=file://{}/profile --headless "
      "--convert-to pdf --outdir lo report.docx >/dev/null 2>&1",
      dir.string(), dir.string());
  std::optional<double> libreoffice;
  if (std::system("command -v soffice >/dev/null") == 0) {
    libreoffice = SecondsOf([&] { ok = std::system(command.c_str()) == 0 && ok; });
  }
  std::cout << fmt::format("report bench ({}): the Kon Tum inspection report, 2019–2022\n", size);
  std::cout << fmt::format(
      "  ANTQ DOCX {:.3f} s, PDF {:.3f} s, XLSX {:.3f} s; all three {:.3f} s\n", seconds[".docx"],
      seconds[".pdf"], seconds[".xlsx"], all);
  if (libreoffice) {
    std::cout << fmt::format(
        "  LibreOffice DOCX → PDF {:.3f} s; LibreOffice / ANTQ PDF = {:.1f}x\n", *libreoffice,
        *libreoffice / seconds[".pdf"]);
  } else {
    std::cout << "  LibreOffice: not measured (soffice is not installed)\n";
  }
  nlohmann::json systems = {{"antq",
                             {{"docx", seconds[".docx"]},
                              {"pdf", seconds[".pdf"]},
                              {"xlsx", seconds[".xlsx"]},
                              {"all", all}}}};
  if (libreoffice) systems["libreoffice"] = {{"docx_to_pdf", *libreoffice}};
  WriteReport(out_json, size, systems, "Kon Tum inspection report 2019..2022, party layout");
  fs::remove_all(dir);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
