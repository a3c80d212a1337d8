// dataValueSets JSON read from a stream: the dataValues array is cut into batches of whole
// objects by a small byte scanner (strings and escapes aware), and each batch is read with
// simdjson On-Demand, so a file of any size needs a batch's memory, not the file's.
#include <fmt/format.h>
#include <simdjson.h>

#include "interop/data_value_set.h"
#include "interop/data_value_set_json.h"

namespace antq {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kBlockBytes = 1 << 20;
constexpr size_t kBatchBytes = 8 << 20;

// Cuts the top-level object into its skeleton (everything but the values, with "dataValues":[])
// and the values, handed over as batches "[{…},{…}]".
class JsonSplitter {
 public:
  JsonSplitter(std::istream& in, std::string file) : in_(in), file_(std::move(file)) {}

  // Runs to the end of the input; `batch` gets each batch of values with the index of its first
  // value and the group fields given before the array.
  Status Run(const std::function<Status(std::string_view, size_t, const DataValueEntry&)>& batch) {
    std::string block(kBlockBytes, '\0');
    while (in_.read(block.data(), static_cast<std::streamsize>(block.size())) || in_.gcount() > 0) {
      const std::string_view piece(block.data(), static_cast<size_t>(in_.gcount()));
      for (char c : piece) {
        if (auto s = Take(c, batch); !s) return s;
      }
    }
    if (!batch_.empty()) {
      if (auto s = EmitBatch(batch); !s) return s;
    }
    if (depth_ != 0 || in_string_ || skeleton_.empty()) {
      return Fail(JsonError(file_, "", "not JSON: the text ends before the object is closed"));
    }
    if (!saw_values_) return Fail(JsonError(file_, "dataValues", "is missing"));
    return Ok();
  }

  const std::string& skeleton() const { return skeleton_; }
  size_t values() const { return values_; }

 private:
  Status Take(char c,
              const std::function<Status(std::string_view, size_t, const DataValueEntry&)>& batch) {
    const bool in_values = in_array_ && (depth_ > 2 || (depth_ == 2 && c != ']'));
    if (in_string_) {
      Keep(c, in_values);
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
        if (depth_ == 1) last_string_ = token_;
      } else if (depth_ == 1) {
        token_ += c;
      }
      return Ok();
    }
    switch (c) {
      case '"':
        if (in_array_ && depth_ == 2) return Fail(JsonError(file_, Where(), "expected an object"));
        in_string_ = true;
        token_.clear();
        Keep(c, in_values);
        return Ok();
      case ':':
        if (depth_ == 1) key_ = last_string_;
        break;
      case '{':
      case '[':
        if (depth_ == 1 && c == '[' && key_ == "dataValues") {
          // The array of values begins: what the skeleton holds so far are the group fields.
          saw_values_ = true;
          in_array_ = true;
          skeleton_ += "[]";
          DataValueSet top;  // (dataSet and completeDate: not needed while streaming)
          if (auto s = ReadDataValueSetTop(skeleton_ + "}", file_, group_, top); !s) return s;
          ++depth_;
          return Ok();
        }
        if (in_array_ && depth_ == 2) {
          if (c != '{') return Fail(JsonError(file_, Where(), "expected an object"));
          if (!batch_.empty()) batch_ += ',';
        }
        ++depth_;
        break;
      case '}':
      case ']':
        if (depth_ == 0) return Fail(JsonError(file_, "", "not JSON: a stray closing bracket"));
        if (in_array_ && depth_ == 2 && c == ']') {
          in_array_ = false;
          --depth_;
          return Ok();
        }
        --depth_;
        if (in_array_ && depth_ == 2) {
          batch_ += c;
          ++values_;
          ++batch_count_;
          if (batch_.size() >= kBatchBytes) return EmitBatch(batch);
          return Ok();
        }
        break;
      default:
        if (in_array_ && depth_ == 2) {
          // Between values: separators are dropped (the batch writes its own), anything else is
          // a value that is not an object.
          if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t') return Ok();
          return Fail(JsonError(file_, Where(), "expected an object"));
        }
        break;
    }
    if (depth_ == 0 && c != '}' && c != ' ' && c != '\n' && c != '\r' && c != '\t' &&
        !skeleton_.empty() && !closed_) {
      return Fail(JsonError(file_, "", "not JSON: text after the object"));
    }
    Keep(c, in_values || (in_array_ && depth_ >= 2));
    if (depth_ == 0 && c == '}') closed_ = true;
    return Ok();
  }

  void Keep(char c, bool in_values) {
    if (in_values) {
      batch_ += c;
    } else {
      skeleton_ += c;
    }
  }

  Status EmitBatch(
      const std::function<Status(std::string_view, size_t, const DataValueEntry&)>& batch) {
    const std::string text = "[" + batch_ + "]";
    const size_t first = values_ - batch_count_;
    batch_.clear();
    batch_count_ = 0;
    return batch(text, first, group_);
  }

  std::string Where() const { return fmt::format("dataValues[{}]", values_); }

  std::istream& in_;
  std::string file_;
  std::string skeleton_;
  std::string batch_;
  size_t batch_count_ = 0;
  size_t values_ = 0;
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool in_array_ = false;
  bool saw_values_ = false;
  bool closed_ = false;
  std::string token_;
  std::string last_string_;
  std::string key_;
  DataValueEntry group_;
};

}  // namespace

Status ReadDataValueSetJson(std::istream& in, const std::string& file,
                            const std::function<Status(DataValueEntry&)>& visit) {
  JsonSplitter splitter(in, file);
  od::parser parser;
  size_t missing_period = 0;
  size_t missing_unit = 0;
  auto read = splitter.Run([&](std::string_view text, size_t first, const DataValueEntry& group) {
    const simdjson::padded_string padded(text);
    od::document doc;
    if (auto e = parser.iterate(padded).get(doc)) {
      return Status(Fail(JsonError(file, fmt::format("dataValues[{}]", first),
                                   fmt::format("not JSON: {}", simdjson::error_message(e)))));
    }
    od::array array;
    if (doc.get_array().get(array)) {
      return Status(Fail(JsonError(file, fmt::format("dataValues[{}]", first), "not JSON")));
    }
    size_t index = first;
    for (auto item : array) {
      const std::string where = fmt::format("dataValues[{}]", index);
      od::object object;
      if (item.get_object().get(object)) {
        return Status(Fail(JsonError(file, where, "expected an object")));
      }
      DataValueEntry entry = group;
      entry.index = index++;
      if (auto s = ReadDataValueJson(object, entry, file, where); !s) return s;
      missing_period += entry.period.empty() ? 1 : 0;
      missing_unit += entry.org_unit.empty() ? 1 : 0;
      if (auto s = visit(entry); !s) return s;
    }
    return Status(Ok());
  });
  if (!read) return read;
  // Group fields written after the values cannot reach values already imported: refuse the file
  // rather than import those values without them.
  DataValueEntry after;
  DataValueSet ignored;
  if (auto s = ReadDataValueSetTop(splitter.skeleton(), file, after, ignored); !s) return s;
  if ((missing_period > 0 && !after.period.empty()) ||
      (missing_unit > 0 && !after.org_unit.empty())) {
    return Fail(JsonError(file, "",
                          "period or orgUnit for every value is given after dataValues; put it "
                          "before the array (the file is read as it streams)"));
  }
  return Ok();
}

}  // namespace antq
