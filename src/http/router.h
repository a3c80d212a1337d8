#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/sessions.h"
#include "http/message.h"

namespace antq::http {

// Who may reach a route before the use case checks role and scope.
enum class Access {
  kPublic,    // no sign-in (signing in, the API description, health)
  kSignedIn,  // a session cookie (with the CSRF header on writes) or a bearer token
};

// What a signed-in request carries into its handler.
struct Caller {
  SessionService::Authenticated auth;
  std::string token;  // the session or API token the request came with
};

using PathParams = std::map<std::string, std::string>;
using Handler =
    std::function<Response(const Request& request, const PathParams& params, const Caller* caller)>;

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // "/api/v1/data-sets/{data_set}/reports/{unit}/{period}"
  Access access = Access::kSignedIn;
  size_t body_limit = 64 * 1024;  // bytes; larger bodies are refused with 413 unread
  Handler handler;
};

// Matches method and path to a route. Patterns are literal segments and {name} segments; a
// {name} matches one non-empty segment. Routes are matched in the order added.
class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;
    PathParams params;
  };
  // The route for `method` and `path`; nullopt when none matches the path (404). When the path
  // matches only routes of other methods, `allowed` lists them (405).
  std::optional<Match> Find(const std::string& method, const std::string& path,
                            std::vector<std::string>* allowed) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace antq::http
