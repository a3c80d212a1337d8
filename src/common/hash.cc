#include "common/hash.h"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace antq {

namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

ContentHasher::ContentHasher() {
  static_assert(sizeof(state_) >= sizeof(crypto_generichash_state));
  EnsureSodium();
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_), nullptr, 0, 8);
}

ContentHasher& ContentHasher::Add(std::string_view piece) {
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(piece.data()), piece.size());
  const unsigned char separator = '\n';
  crypto_generichash_update(st, &separator, 1);
  return *this;
}

int64_t ContentHasher::Finish() {
  unsigned char out[8];
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out, sizeof out);
  int64_t v = 0;
  std::memcpy(&v, out, sizeof v);
  return v;
}

int64_t ContentHash(std::string_view data) {
  EnsureSodium();
  unsigned char out[8];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  int64_t v = 0;
  std::memcpy(&v, out, sizeof v);
  return v;
}

std::string HexDigest256(std::initializer_list<std::string_view> pieces) {
  EnsureSodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  const unsigned char separator = '\n';
  for (std::string_view piece : pieces) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(piece.data()),
                              piece.size());
    crypto_generichash_update(&state, &separator, 1);
  }
  unsigned char out[32];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 64);
}

std::string Sha256Hex(std::string_view data) { return Sha256().Add(data).Hex(); }

Sha256::Sha256() {
  static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(state_));
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

Sha256& Sha256::Add(std::string_view piece) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(piece.data()), piece.size());
  return *this;
}

std::string Sha256::Hex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

}  // namespace antq
