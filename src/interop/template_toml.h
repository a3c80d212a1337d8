#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace antq {

// The sentences of a report (data/templates/*.toml), by dotted key ("results.propaganda"). A
// key holds one string, or an array of strings for several paragraphs or list items. Errors
// name the file, the line and the key.
using TemplateTexts = std::map<std::string, std::vector<std::string>>;

Result<TemplateTexts> ReadTemplateToml(std::string_view text, std::string_view file_name);

}  // namespace antq
