#include "http/json_response.h"

#include <iostream>

namespace antq::http {

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kUsage:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

const char* CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kUsage:
      return "invalid_argument";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Response ErrorResponseOf(const Error& error) {
  const int status = StatusOf(error.code());
  if (status == 500) {
    std::cerr << "antq serve: " << error.ToString() << "\n";
    return ErrorResponse(500, "internal", "the server could not do this; see its log");
  }
  return ErrorResponse(status, CodeName(error.code()), error.message(), error.where());
}

Response ErrorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  error["field"] = field.empty() ? nlohmann::json() : nlohmann::json(field);
  return JsonResponse({{"error", error}}, status);
}

Response JsonResponse(const nlohmann::json& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace antq::http
