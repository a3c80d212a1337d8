#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace antq::http {

// Serves the web app's built files from one folder: GET and HEAD only, the right media type,
// long caching for content-hashed assets (assets/…) and none for index.html, which every path
// that is not a file falls back to (the app routes in the browser). Paths arrive checked (no
// ".." after decoding, see ParseTarget) and are read only below the folder, symbolic links
// refused. A file with a gzip copy beside it (app.js.gz, made by the web build) is sent
// compressed to clients that take gzip. Without a built web app, "/" says how to build it and
// where the API is.
// Whether an Accept-Encoding header takes gzip ("gzip, deflate, br"; not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  Response Serve(const Request& request) const;

 private:
  std::string root_;  // canonical, "" when there is no web app
};

}  // namespace antq::http
