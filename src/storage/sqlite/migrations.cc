#include "storage/sqlite/migrations.h"

namespace antq::sqlite {
namespace {

// Dates are TEXT 'YYYY-MM-DD'; NULL marks an open end of a validity interval.
constexpr Migration kMigrations[] = {
    {1, "units, versions, lineage and groups", R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  id INTEGER PRIMARY KEY
) STRICT;

CREATE TABLE unit_versions (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('country', 'province', 'district', 'commune', 'residential')),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_unit_id INTEGER REFERENCES units(id),
  valid_from TEXT,
  valid_to TEXT,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
) STRICT;
CREATE INDEX unit_versions_by_code ON unit_versions(code, valid_from);
CREATE INDEX unit_versions_by_unit ON unit_versions(unit_id);
CREATE INDEX unit_versions_by_parent ON unit_versions(parent_unit_id);

CREATE TABLE lineage_events (
  id INTEGER PRIMARY KEY,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename', 'move')),
  source TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE lineage_links (
  event_id INTEGER NOT NULL REFERENCES lineage_events(id),
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  to_unit_id INTEGER NOT NULL REFERENCES units(id),
  weight REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
  PRIMARY KEY (event_id, from_unit_id, to_unit_id)
) STRICT;
CREATE INDEX lineage_links_by_to ON lineage_links(to_unit_id);

CREATE TABLE unit_groups (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE unit_group_members (
  group_id INTEGER NOT NULL REFERENCES unit_groups(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  valid_from TEXT,
  valid_to TEXT
) STRICT;
CREATE INDEX unit_group_members_by_group ON unit_group_members(group_id);
)sql"},
    {2, "catalogue, data values, events and the audit log", R"sql(
CREATE TABLE catalog_versions (
  version INTEGER PRIMARY KEY,
  loaded_at TEXT NOT NULL,
  document TEXT NOT NULL
) STRICT;

CREATE TABLE data_elements (
  code TEXT PRIMARY KEY,
  value_type TEXT NOT NULL CHECK (value_type IN ('integer', 'number', 'boolean', 'text'))
) STRICT;

CREATE TABLE data_values (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  element TEXT NOT NULL REFERENCES data_elements(code),
  option TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL,
  data_set TEXT NOT NULL,
  number REAL,
  text TEXT,
  stored_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, element, option, period),
  CHECK ((number IS NULL) <> (text IS NULL))
) STRICT, WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  register TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  event_date TEXT NOT NULL,
  fields TEXT NOT NULL,
  content_hash INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- One index serves date-range scans of a register and the duplicate check (register, date, hash).
CREATE INDEX events_by_register_date ON events(register, event_date, content_hash);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  subject TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
) STRICT;
)sql"},
    {3, "report submission and stored evaluation results", R"sql(
CREATE TABLE report_status (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  data_set TEXT NOT NULL,
  period TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, data_set, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE evaluation_results (
  criteria_set TEXT NOT NULL,
  period TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  met INTEGER NOT NULL CHECK (met IN (0, 1)),
  detail TEXT NOT NULL,
  basis TEXT NOT NULL,
  recogniser TEXT NOT NULL,
  evaluated_by TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  confirmed_by TEXT NOT NULL DEFAULT '',
  confirmed_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (criteria_set, period, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX evaluation_results_by_unit ON evaluation_results(unit_id);
)sql"},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace antq::sqlite
