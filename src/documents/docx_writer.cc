#include "documents/docx_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <pugixml.hpp>
#include <sstream>

#include "documents/zip_package.h"

namespace antq::documents {
namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelTypes =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// WordprocessingML measures lengths in twentieths of a point (twips) and type in half-points.
long Twips(double mm) { return std::lround(mm / 25.4 * 1440.0); }
long TwipsFromPoints(double pt) { return std::lround(pt * 20.0); }
long HalfPoints(double pt) { return std::lround(pt * 2.0); }

std::string Xml(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_node Root(pugi::xml_document& doc, const char* name) {
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  return doc.append_child(name);
}

pugi::xml_node Child(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// <w:name w:val="value"/>
pugi::xml_node Valued(pugi::xml_node parent, const char* name, const std::string& value) {
  pugi::xml_node n = parent.append_child(name);
  n.append_attribute("w:val") = value.c_str();
  return n;
}

std::string_view AlignValue(Align a) {
  switch (a) {
    case Align::kLeft:
      return "left";
    case Align::kCenter:
      return "center";
    case Align::kRight:
      return "right";
    case Align::kJustify:
      return "both";
  }
  return "both";
}

// Writes the body of the document; collects footnotes and list instances as it goes.
class BodyWriter {
 public:
  explicit BodyWriter(const Document& document) : document_(document) {}

  void Blocks(pugi::xml_node body) {
    for (const Block& block : document_.blocks) {
      std::visit([&](const auto& b) { Write(body, b, document_.text_width_mm()); }, block);
    }
  }

  const std::vector<std::string>& footnotes() const { return footnotes_; }
  int numbered_lists() const { return numbered_lists_; }

 private:
  void Write(pugi::xml_node parent, const Paragraph& p, double width_mm) {
    WriteParagraph(parent, p, width_mm, {}, "");
  }

  void Write(pugi::xml_node parent, const Heading& h, double width_mm) {
    Paragraph p;
    p.runs = h.runs;
    p.align = h.level == 1 ? Align::kLeft : Align::kJustify;
    p.first_line_indent_mm = h.level == 1 ? 0 : 10;
    p.space_before_pt = h.level == 1 ? 12 : 6;
    p.keep_with_next = true;
    for (Run& r : p.runs) r.bold = true;
    WriteParagraph(parent, p, width_mm, fmt::format("Heading{}", std::clamp(h.level, 1, 3)), "");
  }

  void Write(pugi::xml_node parent, const List& list, double width_mm) {
    // Numbers and dashes are Word numbering (num 1 is the dash list; each numbered list gets
    // its own num so that it starts at 1). Vietnamese letters are written out: Word's
    // lowerLetter knows no đ.
    int num = 0;
    if (list.style == ListStyle::kNumbers) num = 2 + numbered_lists_++;
    if (list.style == ListStyle::kDashes) num = 1;
    for (size_t i = 0; i < list.items.size(); ++i) {
      Paragraph item = list.items[i];
      std::string numbering;
      if (num == 0) {
        item.runs.insert(item.runs.begin(),
                         Run::Plain(ListMark(list.style, static_cast<int>(i)) + " "));
        if (item.first_line_indent_mm == 0) item.first_line_indent_mm = 10;
      } else {
        numbering = std::to_string(num);
      }
      WriteParagraph(parent, item, width_mm, "", numbering);
    }
  }

  void Write(pugi::xml_node parent, const Table& table, double) {
    pugi::xml_node tbl = Child(parent, "w:tbl");
    pugi::xml_node pr = Child(tbl, "w:tblPr");
    double total = 0;
    for (double w : table.column_widths_mm) total += w;
    pugi::xml_node width = Child(pr, "w:tblW");
    width.append_attribute("w:w") = Twips(total);
    width.append_attribute("w:type") = "dxa";
    Valued(pr, "w:jc", "center");
    if (table.borders) {
      pugi::xml_node borders = Child(pr, "w:tblBorders");
      for (const char* side :
           {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        pugi::xml_node b = Valued(borders, side, "single");
        b.append_attribute("w:sz") = 4;
        b.append_attribute("w:space") = 0;
        b.append_attribute("w:color") = "000000";
      }
    }
    pugi::xml_node layout = Child(pr, "w:tblLayout");
    layout.append_attribute("w:type") = "fixed";
    pugi::xml_node grid = Child(tbl, "w:tblGrid");
    for (double w : table.column_widths_mm)
      Child(grid, "w:gridCol").append_attribute("w:w") = Twips(w);
    for (size_t r = 0; r < table.rows.size(); ++r) {
      pugi::xml_node tr = Child(tbl, "w:tr");
      const bool header = static_cast<int>(r) < table.header_rows;
      pugi::xml_node trpr = Child(tr, "w:trPr");
      Child(trpr, "w:cantSplit");
      if (header) Child(trpr, "w:tblHeader");
      size_t column = 0;
      for (const Cell& cell : table.rows[r]) {
        double cell_mm = 0;
        for (int k = 0; k < cell.column_span && column < table.column_widths_mm.size(); ++k) {
          cell_mm += table.column_widths_mm[column++];
        }
        pugi::xml_node tc = Child(tr, "w:tc");
        pugi::xml_node tcpr = Child(tc, "w:tcPr");
        pugi::xml_node w = Child(tcpr, "w:tcW");
        w.append_attribute("w:w") = Twips(cell_mm);
        w.append_attribute("w:type") = "dxa";
        if (cell.column_span > 1) Valued(tcpr, "w:gridSpan", std::to_string(cell.column_span));
        Valued(tcpr, "w:vAlign", "center");
        std::vector<Paragraph> paragraphs = cell.paragraphs;
        if (paragraphs.empty()) paragraphs.emplace_back();  // a cell needs one paragraph
        for (Paragraph p : paragraphs) {
          p.space_after_pt = std::min(p.space_after_pt, 2.0);
          if (header) {
            for (Run& run : p.runs) run.bold = true;
            p.align = Align::kCenter;
          }
          WriteParagraph(tc, p, cell_mm - 4, "", "");
        }
      }
    }
    // Word needs a paragraph between two tables, and one after the last block of a cell.
    WriteParagraph(parent, Paragraph::Of({}), 0, "", "");
  }

  void Write(pugi::xml_node parent, const SideBySide& s, double width_mm) {
    Table table;
    table.borders = false;
    table.header_rows = 0;
    const double left = width_mm * s.left_share;
    table.column_widths_mm = {left, width_mm - left};
    // The table writer would make cells' paragraphs tight; the blocks keep their own spacing.
    pugi::xml_node tbl = Child(parent, "w:tbl");
    pugi::xml_node pr = Child(tbl, "w:tblPr");
    pugi::xml_node w = Child(pr, "w:tblW");
    w.append_attribute("w:w") = Twips(width_mm);
    w.append_attribute("w:type") = "dxa";
    Child(pr, "w:tblLayout").append_attribute("w:type") = "fixed";
    pugi::xml_node margins = Child(pr, "w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
      pugi::xml_node m = Child(margins, side);
      m.append_attribute("w:w") = 0;
      m.append_attribute("w:type") = "dxa";
    }
    pugi::xml_node grid = Child(tbl, "w:tblGrid");
    for (double c : table.column_widths_mm)
      Child(grid, "w:gridCol").append_attribute("w:w") = Twips(c);
    pugi::xml_node tr = Child(tbl, "w:tr");
    for (int side = 0; side < 2; ++side) {
      const double cell_mm = table.column_widths_mm[side];
      pugi::xml_node tc = Child(tr, "w:tc");
      pugi::xml_node cw = Child(Child(tc, "w:tcPr"), "w:tcW");
      cw.append_attribute("w:w") = Twips(cell_mm);
      cw.append_attribute("w:type") = "dxa";
      const std::vector<Paragraph>& paragraphs = side == 0 ? s.left : s.right;
      if (paragraphs.empty()) WriteParagraph(tc, Paragraph::Of({}), cell_mm, "", "");
      for (const Paragraph& p : paragraphs) WriteParagraph(tc, p, cell_mm, "", "");
    }
    WriteParagraph(parent, Paragraph::Of({}), 0, "", "");
  }

  void Write(pugi::xml_node parent, const PageBreak&, double) {
    pugi::xml_node br = Child(Child(Child(parent, "w:p"), "w:r"), "w:br");
    br.append_attribute("w:type") = "page";
  }

  void WriteParagraph(pugi::xml_node parent, const Paragraph& p, double width_mm,
                      const std::string& style, const std::string& numbering) {
    pugi::xml_node para = Child(parent, "w:p");
    pugi::xml_node pr = Child(para, "w:pPr");
    if (!style.empty()) Valued(pr, "w:pStyle", style);
    if (p.keep_with_next) Child(pr, "w:keepNext");
    if (!numbering.empty()) {
      pugi::xml_node num = Child(pr, "w:numPr");
      Valued(num, "w:ilvl", "0");
      Valued(num, "w:numId", numbering);
    }
    pugi::xml_node spacing = Child(pr, "w:spacing");
    spacing.append_attribute("w:before") = TwipsFromPoints(p.space_before_pt);
    spacing.append_attribute("w:after") = TwipsFromPoints(p.space_after_pt);
    if (numbering.empty() && (p.first_line_indent_mm > 0 || p.left_indent_mm > 0)) {
      pugi::xml_node ind = Child(pr, "w:ind");
      ind.append_attribute("w:left") = Twips(p.left_indent_mm);
      ind.append_attribute("w:firstLine") = Twips(p.first_line_indent_mm);
    }
    Valued(pr, "w:jc", std::string(AlignValue(p.align)));
    const double size = p.size_pt > 0 ? p.size_pt : document_.body_size_pt;
    if (p.size_pt > 0) Valued(Child(pr, "w:rPr"), "w:sz", std::to_string(HalfPoints(size)));
    for (const Run& run : p.runs) WriteRun(para, run, p.size_pt);
    if (p.rule_below_mm > 0 && width_mm > 0) WriteRule(parent, p.rule_below_mm, width_mm);
  }

  void WriteRun(pugi::xml_node para, const Run& run, double paragraph_size) {
    pugi::xml_node r = Child(para, "w:r");
    pugi::xml_node pr = Child(r, "w:rPr");
    if (run.bold) Child(pr, "w:b");
    if (run.italic) Child(pr, "w:i");
    if (run.underline) Valued(pr, "w:u", "single");
    const double size = run.size_pt > 0 ? run.size_pt : paragraph_size;
    if (size > 0) Valued(pr, "w:sz", std::to_string(HalfPoints(size)));
    // A line break inside a run's text starts a new line in the same paragraph.
    size_t start = 0;
    while (true) {
      const size_t end = run.text.find('\n', start);
      pugi::xml_node t = Child(r, "w:t");
      t.append_attribute("xml:space") = "preserve";
      t.text().set(run.text.substr(start, end - start).c_str());
      if (end == std::string::npos) break;
      Child(r, "w:br");
      start = end + 1;
    }
    if (!run.footnote.empty()) {
      footnotes_.push_back(run.footnote);
      pugi::xml_node ref = Child(para, "w:r");
      Valued(Child(ref, "w:rPr"), "w:rStyle", "FootnoteReference");
      Child(ref, "w:footnoteReference").append_attribute("w:id") =
          static_cast<int>(footnotes_.size());
    }
  }

  // A solid rule of `length_mm`, centred in `width_mm`: an empty paragraph with a top border,
  // indented on both sides.
  void WriteRule(pugi::xml_node parent, double length_mm, double width_mm) {
    const double indent = std::max(0.0, (width_mm - length_mm) / 2);
    pugi::xml_node pr = Child(Child(parent, "w:p"), "w:pPr");
    pugi::xml_node border = Valued(Child(pr, "w:pBdr"), "w:top", "single");
    border.append_attribute("w:sz") = 6;
    border.append_attribute("w:space") = 1;
    border.append_attribute("w:color") = "000000";
    pugi::xml_node spacing = Child(pr, "w:spacing");
    spacing.append_attribute("w:before") = 0;
    spacing.append_attribute("w:after") = 0;
    spacing.append_attribute("w:line") = 120;
    spacing.append_attribute("w:lineRule") = "exact";
    pugi::xml_node ind = Child(pr, "w:ind");
    ind.append_attribute("w:left") = Twips(indent);
    ind.append_attribute("w:right") = Twips(indent);
    Valued(Child(pr, "w:rPr"), "w:sz", "4");
  }

  const Document& document_;
  std::vector<std::string> footnotes_;
  int numbered_lists_ = 0;
};

std::string DocumentPart(const Document& document, BodyWriter& writer) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:document");
  root.append_attribute("xmlns:w") = kWordNs;
  root.append_attribute("xmlns:r") = kRelNs;
  pugi::xml_node body = Child(root, "w:body");
  writer.Blocks(body);
  const PageSetup& page = document.page;
  pugi::xml_node sect = Child(body, "w:sectPr");
  if (page.number_pages) {
    pugi::xml_node header = Child(sect, "w:headerReference");
    header.append_attribute("w:type") = "default";
    header.append_attribute("r:id") = "rIdHeader";
    if (!page.number_first_page) {
      pugi::xml_node first = Child(sect, "w:headerReference");
      first.append_attribute("w:type") = "first";
      first.append_attribute("r:id") = "rIdHeaderFirst";
    }
  }
  pugi::xml_node size = Child(sect, "w:pgSz");
  size.append_attribute("w:w") = Twips(page.width_mm);
  size.append_attribute("w:h") = Twips(page.height_mm);
  if (page.width_mm > page.height_mm) size.append_attribute("w:orient") = "landscape";
  pugi::xml_node margins = Child(sect, "w:pgMar");
  margins.append_attribute("w:top") = Twips(page.top_mm);
  margins.append_attribute("w:right") = Twips(page.right_mm);
  margins.append_attribute("w:bottom") = Twips(page.bottom_mm);
  margins.append_attribute("w:left") = Twips(page.left_mm);
  margins.append_attribute("w:header") = Twips(page.top_mm / 2);
  margins.append_attribute("w:footer") = Twips(page.bottom_mm / 2);
  margins.append_attribute("w:gutter") = 0;
  if (page.number_pages && !page.number_first_page) Child(sect, "w:titlePg");
  return Xml(doc);
}

std::string StylesPart(const Document& document) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:styles");
  root.append_attribute("xmlns:w") = kWordNs;
  pugi::xml_node defaults = Child(root, "w:docDefaults");
  pugi::xml_node rpr = Child(Child(defaults, "w:rPrDefault"), "w:rPr");
  pugi::xml_node fonts = Child(rpr, "w:rFonts");
  for (const char* a : {"w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"}) {
    fonts.append_attribute(a) = document.font.c_str();
  }
  Valued(rpr, "w:sz", std::to_string(HalfPoints(document.body_size_pt)));
  Valued(rpr, "w:szCs", std::to_string(HalfPoints(document.body_size_pt)));
  Valued(rpr, "w:lang", document.language);
  pugi::xml_node ppr = Child(Child(defaults, "w:pPrDefault"), "w:pPr");
  pugi::xml_node spacing = Child(ppr, "w:spacing");
  spacing.append_attribute("w:after") = 120;
  spacing.append_attribute("w:line") = 288;  // 1.2 lines, inside the decree's single to 1.5
  spacing.append_attribute("w:lineRule") = "auto";
  auto style = [&](const char* type, const char* id, const char* name) {
    pugi::xml_node s = Child(root, "w:style");
    s.append_attribute("w:type") = type;
    s.append_attribute("w:styleId") = id;
    Valued(s, "w:name", name);
    return s;
  };
  pugi::xml_node normal = style("paragraph", "Normal", "Normal");
  normal.append_attribute("w:default") = 1;
  for (int level = 1; level <= 3; ++level) {
    pugi::xml_node h = style("paragraph", fmt::format("Heading{}", level).c_str(),
                             fmt::format("heading {}", level).c_str());
    Valued(h, "w:basedOn", "Normal");
    Valued(h, "w:next", "Normal");
    pugi::xml_node hp = Child(h, "w:pPr");
    Child(hp, "w:keepNext");
    Valued(hp, "w:outlineLvl", std::to_string(level - 1));
    Child(Child(h, "w:rPr"), "w:b");
  }
  pugi::xml_node note = style("paragraph", "FootnoteText", "footnote text");
  Valued(note, "w:basedOn", "Normal");
  pugi::xml_node note_pr = Child(note, "w:pPr");
  pugi::xml_node note_spacing = Child(note_pr, "w:spacing");
  note_spacing.append_attribute("w:after") = 0;
  note_spacing.append_attribute("w:line") = 240;
  note_spacing.append_attribute("w:lineRule") = "auto";
  Valued(Child(note, "w:rPr"), "w:sz", "20");
  pugi::xml_node mark = style("character", "FootnoteReference", "footnote reference");
  Valued(Child(mark, "w:rPr"), "w:vertAlign", "superscript");
  return Xml(doc);
}

std::string NumberingPart(int numbered_lists) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:numbering");
  root.append_attribute("xmlns:w") = kWordNs;
  // Abstract 0: dashes ("- item"); abstract 1: "1.", "2.", … Both indented like body text.
  for (int abstract = 0; abstract < 2; ++abstract) {
    pugi::xml_node a = Child(root, "w:abstractNum");
    a.append_attribute("w:abstractNumId") = abstract;
    pugi::xml_node lvl = Child(a, "w:lvl");
    lvl.append_attribute("w:ilvl") = 0;
    Valued(lvl, "w:start", "1");
    Valued(lvl, "w:numFmt", abstract == 0 ? "bullet" : "decimal");
    Valued(lvl, "w:lvlText", abstract == 0 ? "-" : "%1.");
    Valued(lvl, "w:suff", "space");
    Valued(lvl, "w:lvlJc", "left");
    pugi::xml_node ind = Child(Child(lvl, "w:pPr"), "w:ind");
    ind.append_attribute("w:left") = 0;
    ind.append_attribute("w:firstLine") = Twips(10);
  }
  auto num = [&](int id, int abstract, bool restart) {
    pugi::xml_node n = Child(root, "w:num");
    n.append_attribute("w:numId") = id;
    Valued(n, "w:abstractNumId", std::to_string(abstract));
    if (restart) {
      pugi::xml_node over = Child(n, "w:lvlOverride");
      over.append_attribute("w:ilvl") = 0;
      Valued(over, "w:startOverride", "1");
    }
  };
  num(1, 0, false);
  for (int i = 0; i < numbered_lists; ++i) num(2 + i, 1, true);
  return Xml(doc);
}

std::string FootnotesPart(const std::vector<std::string>& notes) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:footnotes");
  root.append_attribute("xmlns:w") = kWordNs;
  // Word expects the separator notes -1 and 0 before the document's own.
  for (int id : {-1, 0}) {
    pugi::xml_node n = Child(root, "w:footnote");
    n.append_attribute("w:type") = id < 0 ? "separator" : "continuationSeparator";
    n.append_attribute("w:id") = id;
    Child(Child(Child(n, "w:p"), "w:r"), id < 0 ? "w:separator" : "w:continuationSeparator");
  }
  for (size_t i = 0; i < notes.size(); ++i) {
    pugi::xml_node n = Child(root, "w:footnote");
    n.append_attribute("w:id") = static_cast<int>(i + 1);
    pugi::xml_node p = Child(n, "w:p");
    Valued(Child(p, "w:pPr"), "w:pStyle", "FootnoteText");
    pugi::xml_node mark = Child(p, "w:r");
    Valued(Child(mark, "w:rPr"), "w:rStyle", "FootnoteReference");
    Child(mark, "w:footnoteRef");
    pugi::xml_node text = Child(Child(p, "w:r"), "w:t");
    text.append_attribute("xml:space") = "preserve";
    text.text().set((" " + notes[i]).c_str());
  }
  return Xml(doc);
}

// The page-number header (a PAGE field, centred) or, for page 1, an empty one.
std::string HeaderPart(const Document& document, bool with_number) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:hdr");
  root.append_attribute("xmlns:w") = kWordNs;
  pugi::xml_node p = Child(root, "w:p");
  Valued(Child(p, "w:pPr"), "w:jc", "center");
  if (!with_number) return Xml(doc);
  auto field_char = [&](const char* type) {
    Child(Child(p, "w:r"), "w:fldChar").append_attribute("w:fldCharType") = type;
  };
  field_char("begin");
  pugi::xml_node instr = Child(Child(p, "w:r"), "w:instrText");
  instr.append_attribute("xml:space") = "preserve";
  instr.text().set(" PAGE ");
  field_char("separate");
  pugi::xml_node r = Child(p, "w:r");
  Valued(Child(r, "w:rPr"), "w:sz", std::to_string(HalfPoints(document.body_size_pt)));
  Child(r, "w:t").text().set("2");
  field_char("end");
  return Xml(doc);
}

std::string SettingsPart(const Document& document) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "w:settings");
  root.append_attribute("xmlns:w") = kWordNs;
  pugi::xml_node notes = Child(root, "w:footnotePr");
  for (int id : {-1, 0}) Child(notes, "w:footnote").append_attribute("w:id") = id;
  Valued(root, "w:defaultTabStop", std::to_string(Twips(12.7)));
  Valued(root, "w:themeFontLang", document.language);
  return Xml(doc);
}

std::string ContentTypesPart() {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "Types");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/content-types";
  auto by_extension = [&](const char* extension, const char* type) {
    pugi::xml_node d = Child(root, "Default");
    d.append_attribute("Extension") = extension;
    d.append_attribute("ContentType") = type;
  };
  by_extension("rels", "application/vnd.openxmlformats-package.relationships+xml");
  by_extension("xml", "application/xml");
  const std::string word = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  auto part = [&](const char* name, const std::string& type) {
    pugi::xml_node o = Child(root, "Override");
    o.append_attribute("PartName") = name;
    o.append_attribute("ContentType") = type.c_str();
  };
  part("/word/document.xml", word + "document.main+xml");
  part("/word/styles.xml", word + "styles+xml");
  part("/word/numbering.xml", word + "numbering+xml");
  part("/word/footnotes.xml", word + "footnotes+xml");
  part("/word/settings.xml", word + "settings+xml");
  part("/word/header1.xml", word + "header+xml");
  part("/word/header2.xml", word + "header+xml");
  part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  return Xml(doc);
}

std::string Relationships(
    const std::vector<std::tuple<std::string, std::string, std::string>>& rels) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "Relationships");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/relationships";
  for (const auto& [id, type, target] : rels) {
    pugi::xml_node r = Child(root, "Relationship");
    r.append_attribute("Id") = id.c_str();
    r.append_attribute("Type") = type.c_str();
    r.append_attribute("Target") = target.c_str();
  }
  return Xml(doc);
}

std::string CorePart(const Document& document) {
  pugi::xml_document doc;
  pugi::xml_node root = Root(doc, "cp:coreProperties");
  root.append_attribute("xmlns:cp") =
      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  Child(root, "dc:title").text().set(document.title.c_str());
  Child(root, "dc:creator").text().set(document.author.c_str());
  Child(root, "dc:language").text().set(document.language.c_str());
  return Xml(doc);
}

}  // namespace

Status WriteDocx(const Document& document, const std::filesystem::path& path) {
  BodyWriter writer(document);
  std::string body = DocumentPart(document, writer);
  const std::string rel = kRelTypes;
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", ContentTypesPart()},
      {"_rels/.rels",
       Relationships({{"rId1", rel + "officeDocument", "word/document.xml"},
                      {"rId2",
                       "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                       "core-properties",
                       "docProps/core.xml"}})},
      {"docProps/core.xml", CorePart(document)},
      {"word/document.xml", std::move(body)},
      {"word/_rels/document.xml.rels",
       Relationships({{"rIdStyles", rel + "styles", "styles.xml"},
                      {"rIdNumbering", rel + "numbering", "numbering.xml"},
                      {"rIdFootnotes", rel + "footnotes", "footnotes.xml"},
                      {"rIdSettings", rel + "settings", "settings.xml"},
                      {"rIdHeader", rel + "header", "header1.xml"},
                      {"rIdHeaderFirst", rel + "header", "header2.xml"}})},
      {"word/styles.xml", StylesPart(document)},
      {"word/numbering.xml", NumberingPart(writer.numbered_lists())},
      {"word/footnotes.xml", FootnotesPart(writer.footnotes())},
      {"word/settings.xml", SettingsPart(document)},
      {"word/header1.xml", HeaderPart(document, true)},
      {"word/header2.xml", HeaderPart(document, false)},
  };
  return WriteZipPackage(parts, path);
}

}  // namespace antq::documents
