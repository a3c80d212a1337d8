#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/language_format.h"
#include "documents/document.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"
#include "reports/figure_table.h"
#include "reports/official_layout.h"
#include "reports/templates.h"

namespace antq::reports {

// A number the report states, with the query that gives it: `antq report --explain` lists
// them, so every figure can be checked against the records behind it.
struct TracedFigure {
  std::string label;
  std::string value;
  std::string query;
};

// How the units' periodic reports of one data set came in over a report's time, counted by the
// app from the reports' statuses and the data set's deadline: a cause the limitations name.
struct ReportingTimeliness {
  std::string data_set;   // its code
  std::string name;       // its name in the report's language
  int deadline_days = 0;  // days after the cut-off
  int expected = 0;       // reports whose deadline has passed: units of the level × periods
  int late = 0;           // submitted after the deadline
  int missing = 0;        // not submitted (or reopened and not submitted again)
};

struct Report {
  documents::Document document;
  // The annex as a workbook's tables: by unit (numbers, totals and each cell's query), and
  // every figure of the report with its query.
  documents::Document annex;
  std::vector<TracedFigure> figures;
};

// What every report definition does: ask the engine, name each figure in the sentences'
// placeholders ({x}, {x_over} "trên 2.330", {x_nearly} "gần 860"), and add blocks from the
// templates, in the templates' language. Report definitions derive from it and decide what to
// say.
class ReportBuilder {
 protected:
  // How the document opens: what the header block needs besides the template's letterhead.
  struct Opening {
    Layout layout = Layout::kState;
    int number = 0;
    Date date;
    std::string place;
    std::string parent_agency;  // overrides letterhead.parent_agency when not empty
    std::string notice;         // a bold italic line under the header (the sample's), or empty
  };

  ReportBuilder(const analytics::Engine& engine, const UnitRegistry& units, const Catalog& catalog,
                const Templates& templates, Language language)
      : engine_(engine), units_(units), catalog_(catalog), t_(templates), format_(language) {}

  // A figure the report's sentences name: the placeholder (and the label's template
  // label.<name>) and the measure code it is read from.
  struct NamedFigure {
    const char* name;
    const char* measure;
  };
  static std::vector<std::string> MeasuresOf(const std::vector<NamedFigure>& figures);

  // Sets {name}, {name_over} and {name_nearly}, and records the figure, labelled by the
  // template label.<name>, with its query.
  Status SetFigure(const std::string& name, double value, const std::string& query);
  // SetFigure for each of `figures`, read by its measure from the area's `totals` (0 where
  // nothing was recorded), traced to the query of its measure alone. Returns whether any of
  // them was recorded; fails when `totals` did not ask for one of the measures.
  Result<bool> SetFigures(const std::vector<NamedFigure>& figures, const FigureTable& totals);

  // The header block, the notice, the translation note (layout.translation_note, when the
  // templates have one) and the title (document.type, document.summary), from the templates'
  // letterhead.* and document.* keys; sets the document's title, author and language.
  Status AddOpening(const Opening& opening);
  // The closing block: closing.recipients, closing.authority, closing.title and the signer.
  Status AddClosing(const std::string& signer);
  Status Add(const std::string& key);  // each text of `key` as a body paragraph
  Status AddHeading(int level, const std::string& key);
  void AddList(documents::ListStyle style, const std::vector<std::string>& items);
  // Built in place: moving a temporary PageBreak into the variant makes GCC 12 under the
  // sanitizers warn that the variant's other members may be uninitialised.
  void AddPageBreak() { blocks().emplace_back(std::in_place_type<documents::PageBreak>); }
  std::vector<documents::Block>& blocks() { return report_.document.blocks; }

  // Gives the annex workbook the document's properties and, as its last sheet, every figure
  // the report states with its query (table.figures_*, table.sources_*).
  Status FinishAnnex();
  // A table's first row: the `columns` texts of `key`, filled.
  Result<std::vector<documents::Cell>> HeaderRow(const std::string& key, size_t columns) const;
  // The annex table by unit: the header (annex.columns, the number, the unit, a column per
  // measure of `figures` and `extra_columns` more) and a row per row of `figures`: its number,
  // the unit's name in the report's language (annex.unassigned for figures on no unit of the
  // level) and each value in the report's number format ("-" where nothing was recorded), with
  // that unit's query as its note. Callers add the extra cells.
  Result<documents::Table> AnnexByUnit(const FigureTable& figures, size_t extra_columns) const;
  // The totals row under AnnexByUnit's: table.total over the number and unit columns, then each
  // measure added down the rows (a formula over the cells above in a workbook), with the area's
  // query as its note. Callers add the extra cells.
  Result<std::vector<documents::Cell>> TotalsRow(const FigureTable& figures) const;
  // An 11 pt cell of a table.
  static documents::Cell TextCell(const std::string& text,
                                  documents::Align align = documents::Align::kCenter);

  // A catalogue name in the report's language (the Vietnamese one when there is no English).
  const std::string& NameOf(const std::string& vi, const std::string& en) const {
    return format_.language() == Language::kEnglish && !en.empty() ? en : vi;
  }
  // "limitations.reporting" for each data set with reports late or missing, with {reports_name},
  // {reports_expected}, {reports_late}, {reports_missing}, {reports_deadline}; each count is
  // traced to its source.
  Status AddReportingLimitations(const std::vector<ReportingTimeliness>& timeliness,
                                 const std::string& scope);

  // A unit's full name in the report's language: "Tỉnh Kon Tum", or "Kon Tum Province" by the
  // template unit_name.Tỉnh = "{name} Province". Names of a type with no template stay as they
  // are.
  Result<std::string> UnitName(const std::string& full_name) const;

  const analytics::Engine& engine_;
  const UnitRegistry& units_;
  const Catalog& catalog_;
  const Templates& t_;
  const LanguageFormat format_;
  LayoutWords words_;
  Templates::Args args_;
  Report report_;
};

// A body paragraph: justified, first line indented 1 cm.
documents::Paragraph BodyParagraph(const std::string& text);

}  // namespace antq::reports
