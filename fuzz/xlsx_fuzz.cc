// libFuzzer target for the XLSX reader and the sheet mapping: the input becomes the parts of a
// workbook (the sheet's XML, then, after NUL bytes, the shared strings and the styles), packed
// into a real zip so the fuzzer spends its time in the XML a hostile file could hold rather than
// in zip headers. Reading must give an error with a message, or a sheet whose every text is
// valid UTF-8; the sheet read with a mapping must give values or an error naming the file.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "interop/sheet_mapping.h"
#include "interop/xlsx_reader.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

constexpr std::string_view kWorkbook =
    R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kRels =
    R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

// The zip holding `parts`, built in memory with libzip.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  std::string out;
  if (zip_source_open(buffer) == 0) {
    char chunk[4096];
    zip_int64_t n = 0;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      out.append(chunk, static_cast<size_t>(n));
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

const antq::SheetMapping& Mapping() {
  static const antq::SheetMapping mapping = *antq::ReadSheetMapping(
      "name = \"f\"\nunits_by = \"name\"\nheader_row = 1\nfirst_row = 2\nperiod = \"2022\"\n",
      "f.toml");
  return mapping;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> pieces(3);
  size_t piece = 0;
  for (char c : input) {
    if (c == '\0' && piece + 1 < pieces.size()) {
      ++piece;
    } else {
      pieces[piece] += c;
    }
  }
  std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml", std::string(kWorkbook)},
      {"xl/_rels/workbook.xml.rels", std::string(kRels)},
      {"xl/worksheets/sheet1.xml", pieces[0]}};
  if (!pieces[1].empty()) parts.emplace_back("xl/sharedStrings.xml", pieces[1]);
  if (!pieces[2].empty()) parts.emplace_back("xl/styles.xml", pieces[2]);
  const std::string bytes = Zip(parts);
  auto sheet = antq::ReadXlsxSheet(bytes, "", "fuzz.xlsx");
  if (!sheet) {
    Check(!sheet.error().message().empty());
    return 0;
  }
  Check(sheet->rows() <= 1048576 && sheet->columns() <= 16384);
  for (size_t r = 0; r < sheet->rows() && r < 64; ++r) {
    for (size_t c = 0; c < sheet->columns() && c < 64; ++c) {
      Check(antq::IsValidUtf8(sheet->Cell(r, c).text));
    }
  }
  auto values = antq::ReadSheetValues(*sheet, Mapping(), "", "fuzz.xlsx");
  if (values) {
    for (const antq::SheetValue& v : values->values) Check(antq::IsValidUtf8(v.entry.value));
  } else {
    Check(values.error().where().find("fuzz.xlsx") == 0);
  }
  return 0;
}
