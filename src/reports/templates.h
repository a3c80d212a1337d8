#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace antq::reports {

// A report's sentences with {name} placeholders, read from data/templates/ by the app, so that
// wording can change without a build.
class Templates {
 public:
  using Args = std::map<std::string, std::string>;

  Templates() = default;
  Templates(std::map<std::string, std::vector<std::string>> texts, std::string file)
      : texts_(std::move(texts)), file_(std::move(file)) {}

  // The one text of `key` with its placeholders filled. An unknown key, or a placeholder with
  // no value, is an error naming the file and the key.
  Result<std::string> Render(const std::string& key, const Args& args = {}) const;
  // Every text of `key` (a list of paragraphs or items), filled.
  Result<std::vector<std::string>> RenderAll(const std::string& key, const Args& args = {}) const;

 private:
  Result<std::string> Fill(const std::string& key, const std::string& text, const Args& args) const;

  std::map<std::string, std::vector<std::string>> texts_;
  std::string file_;
};

}  // namespace antq::reports
