#include "documents/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <vector>

#include "common/file_replace.h"

namespace antq::documents {
namespace {

// Cairo's PDF surface measures in points.
double Points(double mm) { return mm * 72.0 / 25.4; }
constexpr double kCellPadding = 4;  // points, inside table cells

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

PangoAlignment AlignmentOf(Align a) {
  switch (a) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    default:
      return PANGO_ALIGN_LEFT;
  }
}

// One laid-out paragraph: its Pango layout, where it starts inside its box, its rule.
struct Laid {
  LayoutPtr layout;
  double space_before = 0;
  double space_after = 0;
  double indent_left = 0;  // points
  double rule = 0;         // length of the rule below, points
  double width = 0;        // of the box
  std::vector<std::string> notes;
};

class PdfWriter {
 public:
  PdfWriter(const Document& d, cairo_t* cr) : d_(d), cr_(cr) {
    context_ = pango_cairo_create_context(cr_);
    // Font sizes in points on a surface measured in points.
    pango_cairo_context_set_resolution(context_, 72);
    // Shaping and line breaking follow the document's language.
    pango_context_set_language(context_, pango_language_from_string(d_.language.c_str()));
    page_w_ = Points(d_.page.width_mm);
    page_h_ = Points(d_.page.height_mm);
    left_ = Points(d_.page.left_mm);
    top_ = Points(d_.page.top_mm);
    width_ = page_w_ - left_ - Points(d_.page.right_mm);
    bottom_ = page_h_ - Points(d_.page.bottom_mm);
    y_ = top_;
  }
  ~PdfWriter() { g_object_unref(context_); }

  void Write() {
    for (const Block& block : d_.blocks) {
      std::visit([&](const auto& b) { Place(b); }, block);
    }
    FinishPage();
  }

 private:
  // Lays out `p` for a box of `width` points.
  Laid Lay(const Paragraph& p, double width, bool bold_all = false) {
    Laid laid;
    laid.layout.reset(pango_layout_new(context_));
    PangoLayout* layout = laid.layout.get();
    const double size = p.size_pt > 0 ? p.size_pt : d_.body_size_pt;
    PangoFontDescription* font =
        pango_font_description_from_string(fmt::format("{}, {}", d_.font, size).c_str());
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    std::string text;
    PangoAttrList* attrs = pango_attr_list_new();
    auto add = [&](PangoAttribute* a, size_t start, size_t end) {
      a->start_index = static_cast<guint>(start);
      a->end_index = static_cast<guint>(end);
      pango_attr_list_insert(attrs, a);
    };
    for (const Run& run : p.runs) {
      const size_t start = text.size();
      text += run.text;
      if (run.bold || bold_all) add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, text.size());
      if (run.italic) add(pango_attr_style_new(PANGO_STYLE_ITALIC), start, text.size());
      if (run.underline) {
        add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, text.size());
      }
      if (run.size_pt > 0) {
        add(pango_attr_size_new(static_cast<int>(run.size_pt * PANGO_SCALE)), start, text.size());
      }
      if (!run.footnote.empty()) {
        laid.notes.push_back(run.footnote);
        const size_t mark = text.size();
        text += std::to_string(footnotes_ + static_cast<int>(laid.notes.size()));
        add(pango_attr_rise_new(static_cast<int>(size * 0.35 * PANGO_SCALE)), mark, text.size());
        add(pango_attr_size_new(static_cast<int>(size * 0.6 * PANGO_SCALE)), mark, text.size());
      }
    }
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    laid.indent_left = Points(p.left_indent_mm);
    laid.width = width;
    pango_layout_set_width(layout, static_cast<int>((width - laid.indent_left) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, AlignmentOf(p.align));
    pango_layout_set_justify(layout, p.align == Align::kJustify);
    pango_layout_set_indent(layout, static_cast<int>(Points(p.first_line_indent_mm) * PANGO_SCALE));
    pango_layout_set_line_spacing(layout, 1.15f);
    laid.space_before = p.space_before_pt;
    laid.space_after = p.space_after_pt;
    laid.rule = Points(p.rule_below_mm);
    return laid;
  }

  static double Height(const Laid& l) {
    int w = 0, h = 0;
    pango_layout_get_size(l.layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  static double BlockHeight(const Laid& l) {
    return l.space_before + Height(l) + (l.rule > 0 ? 4 : 0) + l.space_after;
  }

  // The rule under a paragraph whose box starts at `x`, drawn below `y`; returns the y under it.
  double DrawRule(const Laid& l, double x, double y) {
    if (l.rule <= 0) return y;
    const double start = x + (l.width - l.rule) / 2;
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, start, y + 2);
    cairo_line_to(cr_, start + l.rule, y + 2);
    cairo_stroke(cr_);
    return y + 4;
  }

  // A body paragraph: line by line, so that a long one continues on the next page.
  void Place(const Paragraph& p) { PlaceFlowing(Lay(p, width_)); }

  void PlaceFlowing(const Laid& l) {
    y_ += l.space_before;
    AddNotes(l.notes);
    PangoLayoutIter* it = pango_layout_get_iter(l.layout.get());
    double consumed = 0;  // of the layout, points, before this page's part
    double page_start = y_;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double line_bottom = line_top + static_cast<double>(logical.height) / PANGO_SCALE;
      if (page_start + line_bottom - consumed > Bottom() && line_top > consumed) {
        // Show what fits, clipped, then go on from this line on a new page.
        ShowClipped(l, page_start, consumed, line_top);
        NewPage();
        consumed = line_top;
        page_start = y_;
      }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    const double total = Height(l);
    ShowClipped(l, page_start, consumed, total);
    y_ = page_start + total - consumed;
    y_ = DrawRule(l, left_, y_);
    y_ += l.space_after;
  }

  // Shows the part [from, to) of a layout's height at page position `at`.
  void ShowClipped(const Laid& l, double at, double from, double to) {
    if (to <= from) return;
    cairo_save(cr_);
    cairo_rectangle(cr_, left_ - 2, at, width_ + 4, to - from);
    cairo_clip(cr_);
    cairo_move_to(cr_, left_ + l.indent_left, at - from);
    pango_cairo_show_layout(cr_, l.layout.get());
    cairo_restore(cr_);
  }

  void Place(const Heading& h) {
    Paragraph p;
    p.runs = h.runs;
    p.align = h.level == 1 ? Align::kLeft : Align::kJustify;
    p.first_line_indent_mm = h.level == 1 ? 0 : 10;
    p.space_before_pt = h.level == 1 ? 12 : 6;
    Laid l = Lay(p, width_, true);
    // A heading never ends a page: it goes with at least two lines of what follows.
    if (y_ + BlockHeight(l) + 2.5 * d_.body_size_pt > Bottom()) NewPage();
    PlaceFlowing(l);
  }

  void Place(const List& list) {
    for (size_t i = 0; i < list.items.size(); ++i) {
      Paragraph item = list.items[i];
      item.runs.insert(item.runs.begin(),
                       Run::Plain(ListMark(list.style, static_cast<int>(i)) + " "));
      if (item.first_line_indent_mm == 0) item.first_line_indent_mm = 10;
      PlaceFlowing(Lay(item, width_));
    }
  }

  void Place(const SideBySide& s) {
    const double left_w = width_ * s.left_share;
    std::vector<Laid> left, right;
    double left_h = 0, right_h = 0;
    for (const Paragraph& p : s.left) {
      left.push_back(Lay(p, left_w));
      left_h += BlockHeight(left.back());
    }
    for (const Paragraph& p : s.right) {
      right.push_back(Lay(p, width_ - left_w));
      right_h += BlockHeight(right.back());
    }
    if (y_ + std::max(left_h, right_h) > Bottom()) NewPage();
    double y = y_;
    for (const Laid& l : left) y = DrawBox(l, left_, y);
    y = y_;
    for (const Laid& l : right) y = DrawBox(l, left_ + left_w, y);
    y_ += std::max(left_h, right_h) + 6;
  }

  // Draws a laid paragraph in a box at (x, y); returns the y below it.
  double DrawBox(const Laid& l, double x, double y) {
    y += l.space_before;
    cairo_move_to(cr_, x + l.indent_left, y);
    pango_cairo_show_layout(cr_, l.layout.get());
    y += Height(l);
    y = DrawRule(l, x, y);
    return y + l.space_after;
  }

  struct LaidRow {
    std::vector<std::vector<Laid>> cells;
    std::vector<double> x;  // left edge of each cell
    std::vector<double> w;  // width of each cell
    double height = 0;
  };

  LaidRow LayRow(const Table& t, const std::vector<Cell>& row, bool header) {
    LaidRow out;
    double total = 0;
    for (double mm : t.column_widths_mm) total += Points(mm);
    const double scale = total > width_ ? width_ / total : 1.0;  // never wider than the page
    double x = left_ + std::max(0.0, (width_ - total * scale) / 2);
    size_t column = 0;
    for (const Cell& cell : row) {
      double w = 0;
      for (int k = 0; k < cell.column_span && column < t.column_widths_mm.size(); ++k) {
        w += Points(t.column_widths_mm[column++]) * scale;
      }
      std::vector<Laid> laid;
      double h = 2 * kCellPadding;
      for (Paragraph p : cell.paragraphs) {
        p.space_after_pt = std::min(p.space_after_pt, 2.0);
        if (header) p.align = Align::kCenter;
        laid.push_back(Lay(p, w - 2 * kCellPadding, header));
        h += BlockHeight(laid.back());
      }
      out.height = std::max(out.height, h);
      out.cells.push_back(std::move(laid));
      out.x.push_back(x);
      out.w.push_back(w);
      x += w;
    }
    return out;
  }

  void DrawRow(const LaidRow& row, bool borders) {
    for (size_t c = 0; c < row.cells.size(); ++c) {
      double y = y_ + kCellPadding;
      for (const Laid& l : row.cells[c]) y = DrawBox(l, row.x[c] + kCellPadding, y);
      if (borders) {
        cairo_set_line_width(cr_, 0.5);
        cairo_rectangle(cr_, row.x[c], y_, row.w[c], row.height);
        cairo_stroke(cr_);
      }
    }
    y_ += row.height;
  }

  void Place(const Table& t) {
    std::vector<LaidRow> header;
    for (int r = 0; r < t.header_rows && r < static_cast<int>(t.rows.size()); ++r) {
      header.push_back(LayRow(t, t.rows[static_cast<size_t>(r)], true));
    }
    double header_h = 0;
    for (const LaidRow& h : header) header_h += h.height;
    bool header_on_page = false;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const bool is_header = static_cast<int>(r) < t.header_rows;
      if (is_header) continue;
      LaidRow row = LayRow(t, t.rows[r], false);
      const double need = row.height + (header_on_page ? 0 : header_h);
      if (y_ + need > Bottom()) {
        NewPage();
        header_on_page = false;
      }
      if (!header_on_page) {
        for (const LaidRow& h : header) DrawRow(h, t.borders);
        header_on_page = true;
      }
      DrawRow(row, t.borders);
    }
    if (!header_on_page) {
      for (const LaidRow& h : header) DrawRow(h, t.borders);
    }
    y_ += 8;
  }

  void Place(const PageBreak&) { NewPage(); }

  // Footnotes of the current page, at its foot; the text area ends above them.
  void AddNotes(const std::vector<std::string>& notes) {
    for (const std::string& n : notes) {
      Paragraph p =
          Paragraph::Of({Run::Plain(fmt::format("{} {}", ++footnotes_, n))}, Align::kJustify);
      p.size_pt = 10;
      p.space_after_pt = 0;
      page_notes_.push_back(Lay(p, width_));
      notes_height_ += Height(page_notes_.back());
    }
  }

  double Bottom() const { return bottom_ - (notes_height_ > 0 ? notes_height_ + 8 : 0); }

  void FinishPage() {
    if (!page_notes_.empty()) {
      double y = bottom_ - notes_height_;
      cairo_set_line_width(cr_, 0.5);
      cairo_move_to(cr_, left_, y - 4);
      cairo_line_to(cr_, left_ + width_ / 3, y - 4);
      cairo_stroke(cr_);
      for (const Laid& n : page_notes_) {
        cairo_move_to(cr_, left_, y);
        pango_cairo_show_layout(cr_, n.layout.get());
        y += Height(n);
      }
    }
    if (d_.page.number_pages && (page_ > 1 || d_.page.number_first_page)) {
      Paragraph number = Paragraph::Of({Run::Plain(std::to_string(page_))}, Align::kCenter);
      Laid l = Lay(number, width_);
      cairo_move_to(cr_, left_, top_ / 2 - Height(l) / 2);
      pango_cairo_show_layout(cr_, l.layout.get());
    }
  }

  void NewPage() {
    FinishPage();
    cairo_show_page(cr_);
    ++page_;
    y_ = top_;
    page_notes_.clear();
    notes_height_ = 0;
  }

  const Document& d_;
  cairo_t* cr_;
  PangoContext* context_ = nullptr;
  double page_w_, page_h_, left_, top_, width_, bottom_;
  double y_;
  int page_ = 1;
  int footnotes_ = 0;
  std::vector<Laid> page_notes_;
  double notes_height_ = 0;
};

}  // namespace

Status WritePdf(const Document& document, const std::filesystem::path& path) {
  const std::filesystem::path temporary = TemporaryFor(path);
  cairo_surface_t* surface = cairo_pdf_surface_create(
      temporary.c_str(), Points(document.page.width_mm), Points(document.page.height_mm));
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    std::filesystem::remove(temporary);
    return Fail(ErrorCode::kIo, "cannot create the file: " + why, path.string());
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.author.c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  {
    PdfWriter writer(document, cr);
    writer.Write();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::filesystem::remove(temporary);
    return Fail(ErrorCode::kIo,
                std::string("cannot write the file: ") + cairo_status_to_string(status),
                path.string());
  }
  return ReplaceWith(temporary, path);
}

}  // namespace antq::documents
