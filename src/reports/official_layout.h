#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "documents/document.h"
#include "reports/templates.h"

namespace antq::reports {

// The two layouts an official report can take: the state's (Nghị định 30/2020: quốc hiệu and
// tiêu ngữ, "Số: 05/BC-ĐKT") and the Party's (Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM",
// "Số 05-BC/ĐKT").
enum class Layout { kState, kParty };

Result<Layout> ParseLayout(std::string_view text);  // "state" or "party"

// The fixed lines of the layouts in the report's language (data/templates/shared.*.toml): the
// official text in Vietnamese, or their English rendering in a translation copy.
struct LayoutWords {
  std::string nation;        // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
  std::string motto;         // "Độc lập - Tự do - Hạnh phúc"
  std::string party;         // "ĐẢNG CỘNG SẢN VIỆT NAM"
  std::string number_state;  // "Số:", before "05/BC-ĐKT"
  std::string number_party;  // "Số", before "05-BC/ĐKT"
  std::string recipients;    // "Nơi nhận:"
};

// The layout.* texts of `templates`; an error names the missing key.
Result<LayoutWords> ReadLayoutWords(const Templates& templates);

// What the header block says about the issuer and the document.
struct Letterhead {
  std::string parent_agency;  // upright, upper case: "BAN NỘI CHÍNH TRUNG ƯƠNG"; may be empty
  std::string agency;         // bold, upper case: "ĐOÀN KIỂM TRA"
  int number = 0;             // 0: left blank, to be filled when the document is registered
  std::string type_symbol;    // "BC"
  std::string agency_symbol;  // "ĐKT"
  std::string place_date;     // "Kon Tum, ngày 28 tháng 3 năm 2023"
};

// "Số: 05/BC-ĐKT" or "Số 05-BC/ĐKT"; with no number, a blank to write it in.
std::string DocumentNumber(Layout layout, const Letterhead& letterhead, const LayoutWords& words);

// The header block: the issuer and the number on the left; the quốc hiệu and tiêu ngữ (state) or
// the Party's name (party) and the place and date on the right.
documents::SideBySide HeaderBlock(Layout layout, const Letterhead& letterhead,
                                  const LayoutWords& words);

// The closing block: "Nơi nhận:" and its list on the left, the authority, the signer's title and
// name on the right.
documents::SideBySide ClosingBlock(const LayoutWords& words,
                                   const std::vector<std::string>& recipients,
                                   const std::string& authority, const std::string& title,
                                   const std::string& signer);

// The type name and the summary under the header: "BÁO CÁO" and its trích yếu, bold, centred.
std::vector<documents::Paragraph> TitleBlock(const std::string& type_name,
                                             const std::string& summary);

}  // namespace antq::reports
