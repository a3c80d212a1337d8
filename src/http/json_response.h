#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"
#include "http/message.h"

namespace antq::http {

// The HTTP status of an error code: invalid argument and usage 400, unauthenticated 401,
// permission denied 403, not found 404, conflict 409, unavailable 503, others 500.
int StatusOf(ErrorCode code);
// The stable name of an error code in error bodies: "invalid_argument", "permission_denied", ….
const char* CodeName(ErrorCode code);

// {"error": {"code", "message", "field"}} with the status of `error`. Internal errors say only
// that something failed, with the request id the log has: their details stay in the log.
Response ErrorResponseOf(const Error& error);
Response ErrorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field = {});

// A JSON body (UTF-8; text that is not valid UTF-8 is replaced, never sent broken).
Response JsonResponse(const nlohmann::json& body, int status = 200);

}  // namespace antq::http
