// libFuzzer target for the DHIS2 dataValueSet readers: any bytes, read as JSON, CSV and ADX, must
// either be refused with an error or give values; what the JSON reader gives, written out as
// JSON, must read back exactly the same (the writer escapes whatever text the reader let in);
// ADX read and written must read back as many values; the streaming JSON reader must agree
// with the whole-text one.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <vector>

#include "interop/data_value_set.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool Same(const antq::DataValueEntry& a, const antq::DataValueEntry& b) {
  return a.data_element == b.data_element && a.period == b.period && a.org_unit == b.org_unit &&
         a.category_option_combo == b.category_option_combo &&
         a.attribute_option_combo == b.attribute_option_combo && a.value == b.value &&
         a.stored_by == b.stored_by && a.last_updated == b.last_updated && a.comment == b.comment &&
         a.follow_up == b.follow_up;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto set = antq::ReadDataValueSetJson(text, "fuzz.json")) {
    std::ostringstream out;
    antq::WriteDataValueSetJson(set->values, out);
    auto back = antq::ReadDataValueSetJson(out.str(), "again.json");
    Check(back.has_value());
    Check(back->values.size() == set->values.size());
    for (size_t i = 0; i < set->values.size(); ++i) Check(Same(back->values[i], set->values[i]));
    // When the streaming reader also reads it, it gives the same values. (Either may refuse what
    // the other reads: On-Demand does not look inside the values of keys it skips, and the
    // streamer refuses group fields that come after the values.)
    std::istringstream in{std::string(text)};
    std::vector<antq::DataValueEntry> streamed;
    auto read = antq::ReadDataValueSetJson(in, "fuzz.json", [&](antq::DataValueEntry& e) {
      streamed.push_back(e);
      return antq::Status();
    });
    if (read) {
      Check(streamed.size() == set->values.size());
      for (size_t i = 0; i < streamed.size(); ++i) {
        Check(streamed[i].value == set->values[i].value &&
              streamed[i].data_element == set->values[i].data_element);
      }
    } else {
      Check(!read.error().message().empty());
    }
  } else {
    Check(!set.error().message().empty());
  }
  if (auto set = antq::ReadDataValueSetCsv(text, "fuzz.csv")) {
    std::ostringstream out;
    antq::WriteDataValueSetCsv(set->values, out);
    Check(antq::ReadDataValueSetCsv(out.str(), "again.csv").has_value());
  } else {
    Check(!set.error().where().empty());
  }
  if (auto set = antq::ReadDataValueSetAdx(text, "fuzz.adx")) {
    std::ostringstream out;
    Check(antq::WriteDataValueSetAdx(set->values, out).has_value());
    auto back = antq::ReadDataValueSetAdx(out.str(), "again.adx");
    Check(back.has_value() && back->values.size() == set->values.size());
  }
  return 0;
}
