#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace antq {

// A 64-bit BLAKE2b digest of `data` (libsodium), stable across builds and machines: used as the
// identity of an event's content so that importing the same rows twice finds them.
int64_t ContentHash(std::string_view data);

// The same digest over several pieces, each followed by a separator, without joining them.
class ContentHasher {
 public:
  ContentHasher();
  ContentHasher& Add(std::string_view piece);
  int64_t Finish();

 private:
  alignas(64) unsigned char state_[384];
};

// A 256-bit BLAKE2b digest, in lower-case hex, of pieces each followed by a separator: the links
// of the audit chain and the stored form of session tokens.
std::string HexDigest256(std::initializer_list<std::string_view> pieces);

// The SHA-256 of `data` in lower-case hex (libsodium): what `sha256sum` prints, so an operator
// can match a recorded import to the file on disk.
std::string Sha256Hex(std::string_view data);

// The same digest over data that arrives in pieces (a file read in blocks).
class Sha256 {
 public:
  Sha256();
  Sha256& Add(std::string_view piece);
  std::string Hex();

 private:
  alignas(64) unsigned char state_[128];
};

}  // namespace antq
