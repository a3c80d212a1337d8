#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace antq {

// Passwords and secrets, on libsodium. Nothing here logs or returns a secret it was given.

// An Argon2id hash of `password` in libsodium's self-describing string form (algorithm, cost
// and salt included), at the "interactive" cost: about 64 MB and a tenth of a second, slow
// enough to make guessing stored hashes expensive. kInternal when memory runs out.
Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `hash` (a string from HashPassword). Takes as long as hashing.
bool VerifyPassword(std::string_view password, const std::string& hash);

// A random secret of `bytes` bytes from the operating system's generator, in URL-safe base64
// without padding: session and API tokens, CSRF tokens.
std::string RandomToken(size_t bytes = 32);

// Compares two secrets in time that does not depend on where they first differ.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace antq
