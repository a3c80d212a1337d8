#include "http/api_support.h"

#include <fmt/format.h>

#include <cmath>

#include "common/text.h"
#include "domain/value_type.h"

namespace antq::http {

Result<json> BodyObject(const Request& request, std::initializer_list<const char*> allowed) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    return Fail(ErrorCode::kInvalidArgument,
                "the body is not valid JSON (UTF-8), or not JSON at all");
  }
  if (!body.is_object()) return Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* k : allowed) known = known || key == k;
    if (!known) {
      std::string names;
      for (const char* k : allowed) AppendListItem(names, k, ", ");
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unknown field {}; this request takes {}", QuoteForMessage(key),
                              names.empty() ? "no fields" : names),
                  key.size() > 64 ? key.substr(0, 64) : key);
    }
  }
  return body;
}

Result<std::string> StringField(const json& body, const char* key, bool required) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) return Fail(ErrorCode::kInvalidArgument, "is required", key);
    return std::string();
  }
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("must be a string, not {}", it->type_name()), key);
  }
  return it->get<std::string>();
}

Result<int64_t> IntField(const json& body, const char* key, int64_t fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return Fail(ErrorCode::kInvalidArgument, "must be a whole number", key);
  }
  if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t{INT64_MAX}) {
    return Fail(ErrorCode::kInvalidArgument, "is out of range", key);
  }
  return it->get<int64_t>();
}

Result<bool> BoolField(const json& body, const char* key, bool fallback) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return Fail(ErrorCode::kInvalidArgument, "must be true or false", key);
  return it->get<bool>();
}

Result<std::string> ValueText(const json& value, const std::string& field) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) {
    return value.is_number_unsigned() ? std::to_string(value.get<uint64_t>())
                                      : std::to_string(value.get<int64_t>());
  }
  if (value.is_number_float()) {
    // A JSON number written with a fraction or an exponent (1000.5, 1e3) is a number, not a
    // count: it keeps a decimal mark, so an integer element refuses it as it refuses "1e3" typed
    // anywhere else, and a number element takes it.
    const double d = value.get<double>();
    if (!std::isfinite(d)) return Fail(ErrorCode::kInvalidArgument, "is not a number", field);
    std::string text = FormatDecimal(d);
    if (text.find('.') == std::string::npos) text += ".0";
    return text;
  }
  if (value.is_boolean()) return std::string(value.get<bool>() ? "1" : "0");
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("must be a string or a number, not {}", value.type_name()), field);
}

Result<int64_t> IntParam(const Request& request, const char* name, int64_t fallback, int64_t min,
                         int64_t max) {
  const std::string text = request.Query(name);
  if (text.empty()) return fallback;
  auto n = ParseInt64(text);
  if (!n || *n < min || *n > max) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("{} is not a whole number from {} to {}", QuoteForMessage(text), min, max),
        name);
  }
  return *n;
}

Result<Date> DateParam(const Request& request, const char* name) {
  const std::string text = request.Query(name);
  if (text.empty()) return Date::Today();
  auto d = Date::Parse(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, "is not a date YYYY-MM-DD", name);
  return *d;
}

Result<int64_t> IdParam(const PathParams& params, const char* name) {
  auto it = params.find(name);
  auto n = it == params.end() ? Result<int64_t>(Fail(ErrorCode::kInvalidArgument, ""))
                              : ParseInt64(it->second);
  if (!n || *n <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "must be a positive whole number", name);
  }
  return *n;
}

Response Paged(const Request& request, json items) {
  auto page = IntParam(request, "page", 1, 1, 1000000);
  if (!page) return ErrorResponseOf(page.error());
  auto size = IntParam(request, "page_size", 100, 1, 1000);
  if (!size) return ErrorResponseOf(size.error());
  const auto total = static_cast<int64_t>(items.size());
  json out = json::array();
  const int64_t first = (*page - 1) * *size;
  for (int64_t i = first; i < total && i < first + *size; ++i) {
    out.push_back(std::move(items[static_cast<size_t>(i)]));
  }
  return JsonResponse({{"items", out}, {"page", *page}, {"page_size", *size}, {"total", total}});
}

}  // namespace antq::http
