#include "reports/official_layout.h"

#include <fmt/format.h>

namespace antq::reports {

using documents::Align;
using documents::Paragraph;
using documents::Run;

Result<Layout> ParseLayout(std::string_view text) {
  if (text == "state") return Layout::kState;
  if (text == "party") return Layout::kParty;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown layout '{}'; write state (Nghị định 30/2020) or party (Hướng "
                          "dẫn 36-HD/VPTW)",
                          text),
              "layout");
}

Result<LayoutWords> ReadLayoutWords(const Templates& t) {
  LayoutWords words;
  const std::pair<const char*, std::string*> wanted[] = {
      {"layout.nation", &words.nation},
      {"layout.motto", &words.motto},
      {"layout.party", &words.party},
      {"layout.number_state", &words.number_state},
      {"layout.number_party", &words.number_party},
      {"layout.recipients", &words.recipients},
  };
  for (const auto& [key, field] : wanted) {
    auto text = t.Render(key);
    if (!text) return Fail(text.error());
    *field = std::move(*text);
  }
  return words;
}

std::string DocumentNumber(Layout layout, const Letterhead& l, const LayoutWords& words) {
  const std::string number = l.number > 0 ? fmt::format("{:02d}", l.number) : "     ";
  if (layout == Layout::kParty) {
    return fmt::format("{} {}-{}/{}", words.number_party, number, l.type_symbol, l.agency_symbol);
  }
  return fmt::format("{} {}/{}-{}", words.number_state, number, l.type_symbol, l.agency_symbol);
}

namespace {

Paragraph Centred(std::vector<Run> runs, double size, double after = 0) {
  Paragraph p = Paragraph::Of(std::move(runs), Align::kCenter);
  p.size_pt = size;
  p.space_after_pt = after;
  return p;
}

}  // namespace

documents::SideBySide HeaderBlock(Layout layout, const Letterhead& l, const LayoutWords& words) {
  documents::SideBySide block;
  block.left_share = 0.42;
  if (!l.parent_agency.empty()) block.left.push_back(Centred({Run::Plain(l.parent_agency)}, 13));
  Paragraph agency = Centred({Run::Bold(l.agency)}, 13);
  agency.rule_below_mm = 22;
  block.left.push_back(agency);
  block.left.push_back(Centred({Run::Plain(DocumentNumber(layout, l, words))}, 13, 0));
  if (layout == Layout::kParty) {
    Paragraph party = Centred({Run::Bold(words.party)}, 14);
    party.rule_below_mm = 62;
    block.right.push_back(party);
  } else {
    block.right.push_back(Centred({Run::Bold(words.nation)}, 12.5));
    Paragraph motto = Centred({Run::Bold(words.motto)}, 13.5);
    motto.rule_below_mm = 60;
    block.right.push_back(motto);
  }
  Paragraph date = Centred({Run::Italic(l.place_date)}, 14, 6);
  date.space_before_pt = 6;
  block.right.push_back(date);
  return block;
}

documents::SideBySide ClosingBlock(const LayoutWords& words,
                                   const std::vector<std::string>& recipients,
                                   const std::string& authority, const std::string& title,
                                   const std::string& signer) {
  documents::SideBySide block;
  block.left_share = 0.48;
  Paragraph heading = Paragraph::Of({Run{words.recipients, true, true}}, Align::kLeft);
  heading.size_pt = 12;
  heading.space_after_pt = 0;
  block.left.push_back(heading);
  for (const std::string& r : recipients) {
    Paragraph line = Paragraph::Of({Run::Plain("- " + r)}, Align::kLeft);
    line.size_pt = 11;
    line.space_after_pt = 0;
    block.left.push_back(line);
  }
  block.right.push_back(Centred({Run::Bold(authority)}, 14));
  block.right.push_back(Centred({Run::Bold(title)}, 14, 60));
  block.right.push_back(Centred({Run::Bold(signer)}, 14));
  return block;
}

std::vector<Paragraph> TitleBlock(const std::string& type_name, const std::string& summary) {
  Paragraph type = Centred({Run::Bold(type_name)}, 14);
  type.space_before_pt = 12;
  Paragraph about = Centred({Run::Bold(summary)}, 14, 12);
  about.rule_below_mm = 40;
  return {type, about};
}

}  // namespace antq::reports
