#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include "analytics/engine.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"

namespace antq::analytics {

// A file holding everything an Engine keeps (each series' columns as they sit in memory, and
// each register's event records), so that a process can start without reading every value from
// the database: its columns are copied back whole instead of being rebuilt row by row.
//
// The file does not know what the database is; it carries a `stamp`, bytes the caller makes
// from the database's state when the engine matched it (app/engine_loader.h), and is used only
// when the caller asks with the same stamp. Layout, little-endian as the machine that wrote it:
//
//   "ANTQENG\0", format version (u32), byte-order mark (u32), file length (u64),
//   checksum of every byte after it (u64), stamp (u32 length + bytes), then the engine.
//
// The checksum is a 64-bit multiply-rotate hash over 8-byte words, for truncation, torn writes
// and bit rot, not against a forger: whoever can write the file can write the database.

// Writes `engine` with `stamp` to `path` through a temporary file renamed over it, so that a
// reader never sees a half-written file and a failure leaves the old one. Errors: kIo.
Status SaveEngineSnapshot(const Engine& engine, std::string_view stamp,
                          const std::filesystem::path& path);

// Reads the engine in `path`, built over `units` and `catalog` (which it keeps references to,
// like the Engine constructor). Errors, none of which leaves anything behind:
//   kNotFound   there is no file;
//   kConflict   the file was taken of another state (its stamp is not `stamp`): stale or foreign;
//   kIo         the file is truncated, corrupt (checksum, lengths), of another format version or
//               byte order, or cannot be read.
Result<std::unique_ptr<Engine>> LoadEngineSnapshot(const std::filesystem::path& path,
                                                   std::string_view stamp,
                                                   const UnitRegistry& units,
                                                   const Catalog& catalog);

}  // namespace antq::analytics
