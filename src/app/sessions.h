#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"

namespace antq {

// Sign-in, browser sessions and API tokens.
//
// A session or token is a random secret given to the client once; only its BLAKE2b hash is
// stored, so a copy of the database lets nobody sign in. Browser sessions carry a CSRF token
// that every write must echo in a header; API tokens (for scripts, `antq user token`) are sent
// as "Authorization: Bearer …" and need none. A password is checked with Argon2id; after
// `max_failures` wrong passwords in a row the user is locked out for `lockout`, and every
// sign-in, failed or not, is audited with the client's address.
//
// Thread-safe: the server's request threads share one service. Authenticate answers from a
// short-lived cache, so a request costs no database read; revocations made through this service
// (sign-out, password changes, disabling) take effect at once, others within `cache_for`.
class SessionService {
 public:
  struct Settings {
    std::chrono::seconds lifetime{8 * 3600};  // a browser session: a working day
    std::chrono::seconds idle{30 * 60};       // … ended early after this long unused
    std::chrono::seconds token_lifetime{90 * 24 * 3600};
    int max_failures = 5;
    std::chrono::seconds lockout{15 * 60};
    std::chrono::seconds cache_for{5};
  };

  SessionService() : SessionService(Settings{}) {}
  explicit SessionService(Settings settings) : settings_(settings) {}

  struct SignedIn {
    std::string token;       // the session secret: the cookie's value
    std::string csrf_token;  // to echo in X-CSRF-Token on writes
    std::string expires_at;
    Actor actor;
  };
  // Signs a user in with its password from `client` (an address). kUnauthenticated, with the
  // same message whether the user exists or not, for a wrong name or password, a disabled user
  // or a locked-out one (the lockout's end is said).
  Result<SignedIn> SignIn(Workspace& ws, const std::string& name, const std::string& password,
                          const std::string& client);

  struct Authenticated {
    Actor actor;
    std::string csrf_token;  // "" for API tokens
    bool bearer = false;
  };
  // The actor behind a session or API token. kUnauthenticated when the token is unknown,
  // expired, idle too long, revoked, or its user disabled.
  Result<Authenticated> Authenticate(const Workspace& ws, const std::string& token,
                                     const std::string& client);

  // Ends one session (sign-out); audited.
  Status SignOut(Workspace& ws, const std::string& token, const Actor& actor);
  // Ends every session and token of the actor's user ("sign out everywhere"); audited.
  Status SignOutEverywhere(Workspace& ws, const Actor& actor);
  // Issues an API token for `user` (administrators for anyone, a user for itself), valid for
  // `days` (0: the default); audited. The token is returned once and never again.
  Result<std::string> IssueToken(Workspace& ws, const Actor& issuer, const std::string& user,
                                 const std::string& label, int days);
  // Forgets every cached authentication (after a change made elsewhere).
  void ForgetAll();

 private:
  struct Cached {
    Authenticated auth;
    std::string expires_at;
    std::chrono::steady_clock::time_point checked;
    std::chrono::steady_clock::time_point last_used;
  };
  Status AuditSession(Workspace& ws, const std::string& user, const std::string& client,
                      const char* action, const std::string& detail);

  const Settings settings_;
  std::mutex mu_;
  std::map<std::string, Cached> cache_;  // by token hash
};

}  // namespace antq
