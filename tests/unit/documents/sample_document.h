#pragma once

// A document with every kind of block, in the shape of an official report, for the writers'
// tests.
#include <string>

#include "documents/document.h"

namespace antq::documents::testing {

inline Document SampleDocument(int filler_paragraphs = 3) {
  Document d;
  d.title = "Báo cáo kết quả kiểm tra";
  d.author = "ANTQ";
  Paragraph agency = Paragraph::Of({Run::Bold("ĐOÀN KIỂM TRA")}, Align::kCenter);
  agency.size_pt = 13;
  agency.rule_below_mm = 20;
  Paragraph nation =
      Paragraph::Of({Run::Bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")}, Align::kCenter);
  nation.size_pt = 12;
  nation.space_after_pt = 0;
  Paragraph motto = Paragraph::Of({Run::Bold("Độc lập - Tự do - Hạnh phúc")}, Align::kCenter);
  motto.rule_below_mm = 60;
  SideBySide header;
  header.left = {agency, Paragraph::Of({Run::Plain("Số: 05/BC-ĐKT")}, Align::kCenter)};
  header.right = {
      nation, motto,
      Paragraph::Of({Run::Italic("Kon Tum, ngày 28 tháng 3 năm 2023")}, Align::kCenter)};
  d.blocks.push_back(header);
  d.blocks.push_back(Paragraph::Of({Run::Bold("BÁO CÁO")}, Align::kCenter));
  d.blocks.push_back(Heading{1, {Run::Plain("I. TÌNH HÌNH CHUNG")}});
  Paragraph body =
      Paragraph::Of({Run::Plain("Trên 2.330 buổi tuyên truyền với hơn 527.800 lượt người tham gia"),
                     Run{"; 70/85 xã đạt tiêu chí về an ninh, trật tự", false, false, false, 0,
                         "Theo Công văn 3371/BCA-V05 ngày 26/9/2022."},
                     Run::Plain(".")});
  body.first_line_indent_mm = 10;
  d.blocks.push_back(body);
  List points;
  points.style = ListStyle::kVietnameseLetters;
  for (const char* text :
       {"Điểm thứ nhất;", "Điểm thứ hai;", "Điểm thứ ba;", "Điểm thứ tư;", "Điểm thứ năm."}) {
    points.items.push_back(Paragraph::Of({Run::Plain(text)}));
  }
  d.blocks.push_back(points);
  List numbered;
  numbered.style = ListStyle::kNumbers;
  numbered.items = {Paragraph::Of({Run::Plain("Huyện Đắk Glei")}),
                    Paragraph::Of({Run::Plain("Huyện Đắk Hà")})};
  d.blocks.push_back(numbered);
  Table table;
  table.column_widths_mm = {15, 90, 30, 30};
  auto cell = [](const std::string& text) {
    return Cell{{Paragraph::Of({Run::Plain(text)}, Align::kCenter)}};
  };
  table.rows.push_back({cell("TT"), cell("Đơn vị"), cell("Số buổi"), cell("Lượt người")});
  table.rows.push_back({cell("1"), cell("Huyện Đắk Glei"), cell("212"), cell("48.330")});
  table.rows.push_back(
      {Cell{{Paragraph::Of({Run::Bold("Tổng cộng")})}, 2}, cell("2.330"), cell("527.800")});
  d.blocks.push_back(table);
  for (int i = 0; i < filler_paragraphs; ++i) {
    Paragraph p = Paragraph::Of({Run::Plain(
        "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tiếp tục được các cấp ủy "
        "đảng, chính quyền quan tâm lãnh đạo, chỉ đạo; các mô hình tự phòng, tự quản, tự bảo "
        "vệ, tự hòa giải được duy trì và nhân rộng ở khu dân cư.")});
    p.first_line_indent_mm = 10;
    d.blocks.push_back(p);
  }
  Paragraph recipients_title = Paragraph::Of({Run{"Nơi nhận:", true, true}}, Align::kLeft);
  recipients_title.size_pt = 12;
  recipients_title.space_after_pt = 0;
  Paragraph recipients =
      Paragraph::Of({Run::Plain("- Ban Thường vụ Tỉnh ủy;\n- Lưu: VT.")}, Align::kLeft);
  recipients.size_pt = 11;
  SideBySide closing;
  closing.left_share = 0.5;
  closing.left = {recipients_title, recipients};
  closing.right = {Paragraph::Of({Run::Bold("TM. ĐOÀN KIỂM TRA\nTRƯỞNG ĐOÀN")}, Align::kCenter),
                   Paragraph::Of({Run::Bold("Nguyễn Văn A")}, Align::kCenter)};
  d.blocks.push_back(closing);
  return d;
}

}  // namespace antq::documents::testing
