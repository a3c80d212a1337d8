#include "app/sessions.h"

#include <fmt/format.h>

#include "app/account_use_cases.h"
#include "common/hash.h"
#include "common/secret.h"

namespace antq {
namespace {

using Clock = std::chrono::system_clock;

std::string TokenHash(const std::string& token) { return HexDigest256({"antq-session", token}); }

// A hash to check against when the user does not exist, so that a sign-in for an unknown name
// takes as long as one with a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("decoy password 1").value_or("");
  return hash;
}

Error SignInRefused() {
  return Error(ErrorCode::kUnauthenticated, "the user name or the password is wrong", "password");
}

}  // namespace

Status SessionService::AuditSession(Workspace& ws, const std::string& user,
                                    const std::string& client, const char* action,
                                    const std::string& detail) {
  AuditEntry audit;
  audit.user = user;
  audit.client = client;
  audit.action = action;
  audit.subject = "session";
  if (!detail.empty()) audit.new_value = detail;
  return ws.store().AppendAudit(audit);
}

Result<SessionService::SignedIn> SessionService::SignIn(Workspace& ws, const std::string& name,
                                                        const std::string& password,
                                                        const std::string& client) {
  auto found = ws.store().GetUser(name);
  if (!found) return Fail(found.error());
  if (!*found) {
    (void)VerifyPassword(password, DecoyHash());
    auto tx = ws.store().Begin();
    if (!tx) return Fail(tx.error());
    // The name is recorded as given, quoted, so that guessing shows in the log.
    if (auto s = AuditSession(ws, name.size() > 64 ? name.substr(0, 64) : name, client,
                              "session.fail", "unknown user");
        !s) {
      return Fail(s.error());
    }
    if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
    return Fail(SignInRefused());
  }
  UserRecord user = **found;
  const std::string now = NowUtcIso();
  if (!user.locked_until.empty() && now < user.locked_until) {
    auto tx = ws.store().Begin();
    if (!tx) return Fail(tx.error());
    if (auto s = AuditSession(ws, user.name, client, "session.fail", "locked out"); !s) {
      return Fail(s.error());
    }
    if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
    return Fail(ErrorCode::kUnauthenticated,
                fmt::format("too many wrong passwords: signing in is blocked until {} (UTC)",
                            user.locked_until),
                "password");
  }
  const bool right = VerifyPassword(password, user.password_hash);
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  if (!right || user.disabled) {
    std::string detail = user.disabled ? "disabled user" : "wrong password";
    if (!right) {
      ++user.failed_sign_ins;
      if (user.failed_sign_ins >= settings_.max_failures) {
        user.locked_until = UtcIso(Clock::now() + settings_.lockout);
        user.failed_sign_ins = 0;
        detail += fmt::format("; locked out until {}", user.locked_until);
      }
      if (auto s = ws.store().PutUser(user); !s) return Fail(s.error());
    }
    if (auto s = AuditSession(ws, user.name, client, "session.fail", detail); !s) {
      return Fail(s.error());
    }
    if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
    return Fail(SignInRefused());
  }
  user.failed_sign_ins = 0;
  user.locked_until.clear();
  if (auto s = ws.store().PutUser(user); !s) return Fail(s.error());
  SignedIn out;
  out.token = RandomToken();
  out.csrf_token = RandomToken(24);
  out.expires_at = UtcIso(Clock::now() + settings_.lifetime);
  SessionRecord session;
  session.token_hash = TokenHash(out.token);
  session.user = user.name;
  session.csrf_token = out.csrf_token;
  session.client = client;
  session.created_at = NowUtcIsoMillis();
  session.expires_at = out.expires_at;
  if (auto s = ws.store().PutSession(session); !s) return Fail(s.error());
  if (auto s = ws.store().DeleteExpiredSessions(now); !s) return Fail(s.error());
  if (auto s = AuditSession(ws, user.name, client, "session.start", ""); !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  out.actor = ActorOf(ws.units(), user, client);
  return out;
}

Result<SessionService::Authenticated> SessionService::Authenticate(const Workspace& ws,
                                                                   const std::string& token,
                                                                   const std::string& client) {
  const auto refused = [] {
    return Fail(ErrorCode::kUnauthenticated, "sign in first: the session has ended or is unknown");
  };
  if (token.empty() || token.size() > 200) return refused();
  const std::string hash = TokenHash(token);
  const auto steady = std::chrono::steady_clock::now();
  const std::string now = NowUtcIso();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) {
      Cached& c = it->second;
      const bool idle = !c.auth.bearer && steady - c.last_used > settings_.idle;
      if (idle || now >= c.expires_at) {
        cache_.erase(it);
        return refused();
      }
      if (steady - c.checked < settings_.cache_for) {
        c.last_used = steady;
        Authenticated out = c.auth;
        out.actor.client = client;
        return out;
      }
    }
  }
  auto session = ws.store().GetSession(hash);
  if (!session) return Fail(session.error());
  if (!*session || now >= (*session)->expires_at) return refused();
  auto user = ws.store().GetUser((*session)->user);
  if (!user) return Fail(user.error());
  if (!*user || (*user)->disabled || (*session)->created_at < (*user)->sessions_valid_after) {
    return refused();
  }
  Authenticated out;
  out.actor = ActorOf(ws.units(), **user, client);
  out.csrf_token = (*session)->csrf_token;
  out.bearer = (*session)->bearer;
  std::lock_guard lock(mu_);
  auto [it, added] = cache_.try_emplace(hash);
  if (!added && !out.bearer && steady - it->second.last_used > settings_.idle) {
    cache_.erase(it);
    return refused();
  }
  it->second.auth = out;
  it->second.expires_at = (*session)->expires_at;
  it->second.checked = steady;
  it->second.last_used = steady;
  return out;
}

Status SessionService::SignOut(Workspace& ws, const std::string& token, const Actor& actor) {
  const std::string hash = TokenHash(token);
  {
    std::lock_guard lock(mu_);
    cache_.erase(hash);
  }
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  if (auto s = ws.store().DeleteSession(hash); !s) return s;
  if (auto s = AuditSession(ws, actor.user, actor.client, "session.end", ""); !s) return s;
  return (*tx)->Commit();
}

Status SessionService::SignOutEverywhere(Workspace& ws, const Actor& actor) {
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto user = ws.store().GetUser(actor.user);
  if (!user) return Fail(user.error());
  if (!*user) return Fail(ErrorCode::kNotFound, "no such user", "username");
  UserRecord u = **user;
  u.sessions_valid_after = NowUtcIsoMillis();
  if (auto s = ws.store().PutUser(u); !s) return s;
  if (auto s = AuditSession(ws, actor.user, actor.client, "session.end_all", ""); !s) return s;
  if (auto s = (*tx)->Commit(); !s) return s;
  ForgetAll();
  return Ok();
}

Result<std::string> SessionService::IssueToken(Workspace& ws, const Actor& issuer,
                                               const std::string& name, const std::string& label,
                                               int days) {
  if (name != issuer.user) {
    if (auto s = RequireRole(issuer, Action::kAdminister); !s) return Fail(s.error());
  }
  if (days < 0 || days > 3650) {
    return Fail(ErrorCode::kInvalidArgument, "a token lasts from 1 to 3650 days", "days");
  }
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto user = ws.store().GetUser(name);
  if (!user) return Fail(user.error());
  if (!*user) return Fail(ErrorCode::kNotFound, fmt::format("no user {}", name), "username");
  if ((*user)->disabled) {
    return Fail(ErrorCode::kConflict, fmt::format("user {} is disabled", name), "username");
  }
  const std::string token = RandomToken();
  SessionRecord session;
  session.token_hash = TokenHash(token);
  session.user = name;
  session.bearer = true;
  session.label = label;
  session.client = issuer.client;
  session.created_at = NowUtcIsoMillis();
  const auto lifetime =
      days > 0 ? std::chrono::seconds(int64_t{days} * 86400) : settings_.token_lifetime;
  session.expires_at = UtcIso(Clock::now() + lifetime);
  if (auto s = ws.store().PutSession(session); !s) return Fail(s.error());
  if (auto s = AuditSession(ws, issuer.user, issuer.client, "token.issue",
                            fmt::format("for {} until {}{}", name, session.expires_at,
                                        label.empty() ? "" : ": " + label));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return token;
}

void SessionService::ForgetAll() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

}  // namespace antq
