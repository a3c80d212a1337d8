#include "common/hash.h"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace antq {

int64_t ContentHash(std::string_view data) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
  unsigned char out[8];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  int64_t v = 0;
  std::memcpy(&v, out, sizeof v);
  return v;
}

}  // namespace antq
