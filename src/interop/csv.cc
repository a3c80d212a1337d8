#include "interop/csv.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/text.h"

namespace antq {
namespace {

constexpr size_t kBlockBytes = 1 << 20;

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file_name)
    : buffer_(text), file_(std::move(file_name)) {}

CsvReader::CsvReader(std::istream& in, std::string file_name)
    : in_(&in), file_(std::move(file_name)) {}

bool CsvReader::Fill() {
  if (!in_ || !*in_) return false;
  block_.resize(kBlockBytes);
  in_->read(block_.data(), static_cast<std::streamsize>(block_.size()));
  block_.resize(static_cast<size_t>(in_->gcount()));
  buffer_ = block_;
  pos_ = 0;
  return !block_.empty();
}

int CsvReader::Get() {
  if (pos_ >= buffer_.size() && !Fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_++]);
}

int CsvReader::Peek() {
  if (pos_ >= buffer_.size() && !Fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_]);
}

// Every field valid UTF-8 and in NFC (ASCII, the common case, is both already).
Status CsvReader::Finish(CsvRow& row) {
  for (std::string& field : row.fields) {
    if (IsAscii(field)) continue;
    auto normal = NormalizeInput(field, fmt::format("{}:{}", file_, row.line));
    if (!normal) return Fail(normal.error());
    field = std::move(*normal);
  }
  return Ok();
}

Result<bool> CsvReader::Next(CsvRow& row) {
  if (!started_) {
    started_ = true;
    // A UTF-8 byte-order mark (Excel writes one) is not part of the first field.
    if (Peek() == 0xEF) {
      const size_t at = pos_;
      // (The first block holds the three bytes, so going back is possible for a stream too.)
      if (!(Get() == 0xEF && Get() == 0xBB && Get() == 0xBF)) pos_ = at;
    }
  }
  while (true) {
    row.line = line_;
    row.fields.clear();
    std::string field;
    bool has_text = false;  // the record holds anything but its line end
    bool in_quotes = false;
    int quote_line = 0;
    int c = 0;
    while ((c = Get()) >= 0) {
      if (in_quotes) {
        if (c == '"') {
          if (Peek() == '"') {
            field.push_back('"');
            Get();
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line_;
          field.push_back(static_cast<char>(c));
        }
        continue;
      }
      if (c == '\n') break;
      if (c == '\r') continue;
      has_text = true;
      if (c == '"') {
        if (!field.empty()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "a quote inside an unquoted field; put the whole field in quotes and "
                      "double the quote",
                      fmt::format("{}:{}", file_, line_));
        }
        in_quotes = true;
        quote_line = line_;
      } else if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
      } else {
        field.push_back(static_cast<char>(c));
      }
    }
    if (in_quotes) {
      return Fail(ErrorCode::kInvalidArgument, "a quoted field is never closed",
                  fmt::format("{}:{}", file_, quote_line));
    }
    const bool at_end = c < 0;
    if (c == '\n') ++line_;
    if (has_text) {
      row.fields.push_back(std::move(field));
      if (auto s = Finish(row); !s) return Fail(s.error());
      return true;
    }
    if (at_end) return false;  // (a blank line is skipped)
  }
}

Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view file_name) {
  CsvReader reader(text, std::string(file_name));
  std::vector<CsvRow> rows;
  CsvRow row;
  while (true) {
    auto more = reader.Next(row);
    if (!more) return Fail(more.error());
    if (!*more) return rows;
    rows.push_back(std::move(row));
    row = CsvRow();
  }
}

}  // namespace antq
