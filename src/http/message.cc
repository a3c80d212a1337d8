#include "http/message.h"

namespace antq::http {

std::string Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> out;
  auto [begin, end] = query.equal_range(std::string(name));
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::string Request::Header(std::string_view lower_case_name) const {
  auto it = headers.find(std::string(lower_case_name));
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  const std::string cookies = Header("cookie");
  size_t i = 0;
  while (i < cookies.size()) {
    while (i < cookies.size() && (cookies[i] == ' ' || cookies[i] == ';')) ++i;
    const size_t end = cookies.find(';', i);
    const std::string_view pair =
        std::string_view(cookies).substr(i, end == std::string::npos ? std::string::npos : end - i);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    if (end == std::string::npos) break;
    i = end + 1;
  }
  return {};
}

}  // namespace antq::http
