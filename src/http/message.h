#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace antq::http {

// A request as the handlers see it: parsed and size-checked by the server, with no Boost type in
// sight. Header names are lower case; the path is percent-decoded and checked (valid UTF-8, no
// NUL, no "." or ".." segment); query parameters are decoded the same way (a repeated name keeps
// every value, in order).
struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // "/api/v1/units/23317"
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string client;      // the peer's address
  std::string request_id;  // also in the access log and the X-Request-Id response header
  bool secure = false;     // behind a TLS proxy (X-Forwarded-Proto: https from 127.0.0.1)

  // The first value of a query parameter, or "".
  std::string Query(std::string_view name) const;
  // Every value of a repeated query parameter.
  std::vector<std::string> QueryAll(std::string_view name) const;
  std::string Header(std::string_view lower_case_name) const;
  // A cookie's value from the Cookie header, or "".
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // For downloads: the server sends the body as an attachment with this file name.
  std::string attachment;
};

}  // namespace antq::http
