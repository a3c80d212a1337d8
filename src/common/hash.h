#pragma once

#include <cstdint>
#include <string_view>

namespace antq {

// A 64-bit BLAKE2b digest of `data` (libsodium), stable across builds and machines: used as the
// identity of an event's content so that importing the same rows twice finds them.
int64_t ContentHash(std::string_view data);

}  // namespace antq
