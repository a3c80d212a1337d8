#pragma once

// The database a test runs on. By default a SQLite file in the test's folder; when the
// environment names a PostgreSQL server in ANTQ_TEST_POSTGRES (scripts/with_postgres.sh does),
// a new empty schema on it instead, so that the same test runs against both backends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "storage/postgres/pg_connection.h"

namespace antq::testing {

// The server's URL, or "" when the tests run on SQLite.
inline std::string TestPostgresServer() {
  const char* url = std::getenv("ANTQ_TEST_POSTGRES");
  return url ? std::string(url) : std::string();
}

// A new schema on the test server, as a URL whose connections use it (search_path).
inline std::string NewPostgresSchema(const std::string& server) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  const std::string schema = "t" + std::to_string(::getpid()) + "_" +
                             std::to_string(salt % 100000) + "_" + std::to_string(++counter);
  auto admin = postgres::PgConnection::Open(server);
  if (!admin) {
    ADD_FAILURE() << "cannot reach the test PostgreSQL: " << admin.error().ToString();
    return server;
  }
  if (auto s = (*admin)->Exec("CREATE SCHEMA " + schema); !s) {
    ADD_FAILURE() << "cannot create schema " << schema << ": " << s.error().ToString();
  }
  const char separator = server.find('?') == std::string::npos ? '?' : '&';
  return server + separator + "options=-csearch_path%3D" + schema;
}

// The URL of a new, empty database for this test: `dir`/`name`.db on SQLite.
inline std::string TestDatabaseUrl(const std::filesystem::path& dir,
                                   const std::string& name = "antq") {
  const std::string server = TestPostgresServer();
  if (!server.empty()) return NewPostgresSchema(server);
  return "sqlite:" + (dir / (name + ".db")).string();
}

}  // namespace antq::testing
