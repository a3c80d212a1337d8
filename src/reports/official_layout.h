#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "documents/document.h"

namespace antq::reports {

// The two layouts an official report can take: the state's (Nghị định 30/2020: quốc hiệu and
// tiêu ngữ, "Số: 05/BC-ĐKT") and the Party's (Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM",
// "Số 05-BC/ĐKT").
enum class Layout { kState, kParty };

Result<Layout> ParseLayout(std::string_view text);  // "state" or "party"

// What the header block says about the issuer and the document.
struct Letterhead {
  std::string parent_agency;  // upright, upper case: "BAN NỘI CHÍNH TRUNG ƯƠNG"; may be empty
  std::string agency;         // bold, upper case: "ĐOÀN KIỂM TRA"
  int number = 0;             // 0: left blank, to be filled when the document is registered
  std::string type_symbol;    // "BC"
  std::string agency_symbol;  // "ĐKT"
  std::string place;          // "Kon Tum"
  Date date;
};

// "Số: 05/BC-ĐKT" or "Số 05-BC/ĐKT"; with no number, a blank to write it in.
std::string DocumentNumber(Layout layout, const Letterhead& letterhead);

// The header block: the issuer and the number on the left; the quốc hiệu and tiêu ngữ (state) or
// the Party's name (party) and the place and date on the right.
documents::SideBySide HeaderBlock(Layout layout, const Letterhead& letterhead);

// The closing block: "Nơi nhận:" and its list on the left, the authority, the signer's title and
// name on the right.
documents::SideBySide ClosingBlock(const std::vector<std::string>& recipients,
                                   const std::string& authority, const std::string& title,
                                   const std::string& signer);

// The type name and the summary under the header: "BÁO CÁO" and its trích yếu, bold, centred.
std::vector<documents::Paragraph> TitleBlock(const std::string& type_name,
                                             const std::string& summary);

}  // namespace antq::reports
