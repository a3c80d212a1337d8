#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "documents/document.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"
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

struct Report {
  documents::Document document;
  // The annex as a workbook's tables: by unit (numbers, totals and each cell's query), and
  // every figure of the report with its query.
  documents::Document annex;
  std::vector<TracedFigure> figures;
};

// What every report definition does: ask the engine, name each figure in the sentences'
// placeholders ({x}, {x_over} "trên 2.330", {x_nearly} "gần 860"), and add blocks from the
// templates. Report definitions derive from it and decide what to say.
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
                const Templates& templates)
      : engine_(engine), units_(units), catalog_(catalog), t_(templates) {}

  // The command a user runs to get the same numbers: `antq query --measure … --under …`.
  static std::string CommandOf(const analytics::Query& q, const std::string& period_arg);
  // Sets {name}, {name_over} and {name_nearly}, and records the figure with its query.
  void SetFigure(const std::string& name, const std::string& label, double value,
                 const std::string& query);

  // The header block, the notice and the title (document.type, document.summary), from the
  // templates' letterhead.* and document.* keys; sets the document's title and author.
  Status AddOpening(const Opening& opening);
  // The values of the query's single row (the area's totals), or no values when nothing was
  // recorded.
  Result<std::vector<std::optional<double>>> Totals(const analytics::Query& query) const;

  Status Add(const std::string& key);  // each text of `key` as a body paragraph
  Status AddHeading(int level, const std::string& key);
  void AddList(documents::ListStyle style, const std::vector<std::string>& items);
  std::vector<documents::Block>& blocks() { return report_.document.blocks; }
  // Every figure the report states, with its query: the annex workbook's last sheet.
  documents::Table FiguresTable() const;

  const analytics::Engine& engine_;
  const UnitRegistry& units_;
  const Catalog& catalog_;
  const Templates& t_;
  Templates::Args args_;
  Report report_;
};

// A body paragraph: justified, first line indented 1 cm.
documents::Paragraph BodyParagraph(const std::string& text);

}  // namespace antq::reports
