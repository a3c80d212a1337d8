#include "http/url.h"

#include "common/text.h"

namespace antq::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status CheckDecoded(std::string_view text, const char* what) {
  if (!IsValidUtf8(text)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " is not valid UTF-8");
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) {
      return Fail(ErrorCode::kInvalidArgument, std::string(what) + " holds a control character");
    }
  }
  return Ok();
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) {
        return Fail(ErrorCode::kInvalidArgument, "a %-escape is cut short");
      }
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return Fail(ErrorCode::kInvalidArgument, "a bad %-escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target[0] != '/') {
    return Fail(ErrorCode::kInvalidArgument, "the request target must start with '/'");
  }
  Target out;
  const size_t question = target.find('?');
  auto path = PercentDecode(target.substr(0, question), false);
  if (!path) return Fail(path.error());
  if (auto s = CheckDecoded(*path, "the path"); !s) return Fail(s.error());
  if (path->find('\\') != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "the path holds a backslash");
  }
  // No segment may be "." or "..", before or after decoding.
  size_t start = 0;
  while (start <= path->size()) {
    const size_t end = path->find('/', start);
    const std::string_view segment = std::string_view(*path).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    if (segment == "." || segment == "..") {
      return Fail(ErrorCode::kInvalidArgument, "the path climbs out of its folder ('..')");
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  out.path = std::move(*path);
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    if (!name) return Fail(name.error());
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!value) return Fail(value.error());
    if (auto s = CheckDecoded(*name, "a query parameter name"); !s) return Fail(s.error());
    if (auto s = CheckDecoded(*value, "a query parameter"); !s) {
      return Fail(Error(ErrorCode::kInvalidArgument, s.error().message(), *name));
    }
    out.query.emplace(ToNfc(*name), ToNfc(*value));
  }
  return out;
}

}  // namespace antq::http
