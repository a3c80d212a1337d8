#pragma once

#include <string>

#include "http/message.h"

namespace antq::http {

// Serves the web app's built files from one folder: GET and HEAD only, the right media type,
// long caching for content-hashed assets (assets/…) and none for index.html, which every path
// that is not a file falls back to (the app routes in the browser). Paths arrive checked (no
// ".." after decoding, see ParseTarget) and are read only below the folder, symbolic links
// refused. Without a built web app, "/" says how to build it and where the API is.
class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  Response Serve(const Request& request) const;

 private:
  std::string root_;  // canonical, "" when there is no web app
};

}  // namespace antq::http
