#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace antq::reports {

// A report's sentences with {name} placeholders, read from data/templates/ by the app, so that
// wording can change without a build. The words every report shares (the layout's lines,
// table headings) and a report's own sentences come from separate files, added in turn.
class Templates {
 public:
  using Args = std::map<std::string, std::string>;
  using Texts = std::map<std::string, std::vector<std::string>>;

  Templates() = default;
  Templates(const Texts& texts, const std::string& file) { Add(texts, file); }

  // Adds the texts of one file; a key it shares with an earlier file takes the later text.
  void Add(const Texts& texts, const std::string& file);

  bool Has(const std::string& key) const { return entries_.contains(key); }
  // The last parts of the keys that start with `section` and a dot: "Xã" of "unit_name.Xã".
  std::vector<std::string> KeysOf(const std::string& section) const;
  // The one text of `key` with its placeholders filled. An unknown key, or a placeholder with
  // no value, is an error naming the file and the key.
  Result<std::string> Render(const std::string& key, const Args& args = {}) const;
  // Every text of `key` (a list of paragraphs or items), filled.
  Result<std::vector<std::string>> RenderAll(const std::string& key, const Args& args = {}) const;
  // The texts of `key`, which must be `count` (a table's column headings); a different number is
  // an error naming the file and the key.
  Result<std::vector<std::string>> RenderCount(const std::string& key, const Args& args,
                                               size_t count) const;

 private:
  struct Entry {
    std::vector<std::string> texts;
    std::string file;
  };
  Result<std::string> Fill(const std::string& key, const Entry& entry, const std::string& text,
                           const Args& args) const;

  std::map<std::string, Entry> entries_;
  std::string files_;  // every file added, for the error of a missing key
};

}  // namespace antq::reports
