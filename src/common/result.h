#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace antq {

// What kind of failure an Error is. The CLI maps kUsage to exit code 2 and all others to 1;
// the HTTP layer maps them to status codes (400, 404, 409, 500, 503, 401, 403).
enum class ErrorCode {
  kInvalidArgument,   // user input is malformed or out of range
  kNotFound,          // a named thing (unit, period, file) does not exist
  kConflict,          // the input contradicts what is stored (overlap, duplicate)
  kIo,                // a file or database could not be read or written
  kUnavailable,       // the database is busy (another writer held it too long); try again
  kUnauthenticated,   // no valid sign-in: no session, an expired one, a wrong password
  kPermissionDenied,  // signed in, but the role or the unit scope does not allow it
  kInternal,          // a bug or broken infrastructure
  kUsage,             // the command line itself is wrong
};

// An expected failure, with a message for people and the input it is about. `where` names the
// argument, file, line or field ("at", "units.tsv:14", "valid_to"), so messages can say
// exactly which part of the input is wrong.
class Error {
 public:
  Error(ErrorCode code, std::string message, std::string where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& where() const { return where_; }

  // "where: message", or just the message when there is no location.
  std::string ToString() const { return where_.empty() ? message_ : where_ + ": " + message_; }

  // Returns a copy located at `where` instead, for errors about a whole argument ("level").
  Error At(std::string where) const { return Error(code_, message_, std::move(where)); }

  // Returns a copy whose location is `outer` followed by this one ("units.tsv:4" + "parent").
  Error Within(const std::string& outer) const {
    return Error(code_, message_, where_.empty() ? outer : outer + ": " + where_);
  }

 private:
  ErrorCode code_;
  std::string message_;
  std::string where_;
};

// Expected failures travel as values; exceptions are kept for bugs and broken infrastructure.
template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, std::string where = {}) {
  return tl::unexpected<Error>(Error(code, std::move(message), std::move(where)));
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Status Ok() { return {}; }

}  // namespace antq
