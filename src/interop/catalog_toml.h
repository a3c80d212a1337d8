#pragma once

#include <string_view>

#include "common/result.h"
#include "domain/catalog.h"

namespace antq {

// Reads one catalogue file (data/catalog/*.toml) into `catalog`: its [[category]], [[element]],
// [[register]] and [[data_set]] tables. The text is validated as UTF-8 and NFC-normalised; errors
// name the file, the line and the key ("data/catalog/elements.toml:42: value_type: unknown value
// type 'float'"). Cross references are checked afterwards by Catalog::Validate.
Status ReadCatalogToml(std::string_view text, std::string_view file_name, Catalog& catalog);

}  // namespace antq
