#include "storage/sql/migrations.h"

#include "domain/audit.h"

namespace antq::sql {
namespace {

// The audit entries written before the chain existed join it, in id order, as if they had been
// chained when written.
Status ChainExistingAuditRows(Connection& db) {
  auto read = db.Prepare(
      "SELECT id, at, user_name, client, action, coalesce(unit_id, 0), subject, old_value, "
      "new_value FROM audit_log ORDER BY id");
  if (!read) return Fail(read.error());
  auto write = db.Prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?");
  if (!write) return Fail(write.error());
  AuditEntry e;
  std::string prev;
  while (true) {
    auto more = read->Step();
    if (!more) return Fail(more.error());
    if (!*more) break;
    e.id = read->Int(0);
    e.at = read->Text(1);
    e.user = read->Text(2);
    e.client = read->Text(3);
    e.action = read->Text(4);
    e.unit_id = read->Int(5);
    e.subject = read->Text(6);
    e.old_value = read->IsNull(7) ? std::nullopt : std::optional<std::string>(read->Text(7));
    e.new_value = read->IsNull(8) ? std::nullopt : std::optional<std::string>(read->Text(8));
    e.prev_hash = prev;
    e.hash = AuditChainHash(e);
    if (auto s = write->Bind(1, e.prev_hash).Bind(2, e.hash).Bind(3, e.id).Run(); !s) return s;
    prev = e.hash;
  }
  return db.Exec(
      "UPDATE audit_head SET id = coalesce((SELECT max(id) FROM audit_log), 0), hash = "
      "coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') WHERE one = 1");
}

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
    {4, "users and sessions, the reporting workflow, the audit chain and inspections", R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'province-officer', 'district-officer',
                                     'commune-officer', 'inspector', 'viewer')),
  entry_unit_id INTEGER REFERENCES units(id),
  entry_code TEXT NOT NULL DEFAULT '',
  entry_as_of TEXT NOT NULL DEFAULT '',
  view_unit_id INTEGER REFERENCES units(id),
  view_code TEXT NOT NULL DEFAULT '',
  view_as_of TEXT NOT NULL DEFAULT '',
  inspection_id INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT '',
  sessions_valid_after TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;

-- Only a hash of each session's or token's secret is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users(name),
  bearer INTEGER NOT NULL CHECK (bearer IN (0, 1)),
  csrf_token TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_name);

-- Reports are approved by the level above and locked by the province; a returned report is a
-- draft again with the reason in `comment`; `submitted_at` says when it was handed in.
CREATE TABLE report_status_v4 (
  unit_id INTEGER NOT NULL REFERENCES units(id),
  data_set TEXT NOT NULL,
  period TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'locked')),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_id, data_set, period)
) STRICT, WITHOUT ROWID;
INSERT INTO report_status_v4(unit_id, data_set, period, state, changed_by, changed_at,
                             submitted_at)
  SELECT unit_id, data_set, period, state, changed_by, changed_at,
         CASE WHEN state = 'submitted' THEN changed_at ELSE '' END
  FROM report_status;
DROP TABLE report_status;
ALTER TABLE report_status_v4 RENAME TO report_status;
CREATE INDEX report_status_by_data_set ON report_status(data_set, period);

-- The audit chain: each row carries the hash of the one before and its own; audit_head keeps the
-- last row written (a trigger updates it), so a chain cut short at its end shows too.
ALTER TABLE audit_log ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  id INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head VALUES (1, 0, '');

-- An inspection (đoàn kiểm tra): its decision, team, scope and years, the evaluation results
-- it was based on (frozen), its findings and its recommendations with their follow-up.
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  decision_number TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  issuing_body TEXT NOT NULL,
  subject TEXT NOT NULL,
  scope_unit_id INTEGER NOT NULL REFERENCES units(id),
  scope_code TEXT NOT NULL,
  scope_as_of TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  team TEXT NOT NULL DEFAULT '[]',
  snapshot TEXT NOT NULL DEFAULT '',
  snapshot_at TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE inspection_findings (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  unit_id INTEGER REFERENCES units(id),
  text TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX inspection_findings_by_inspection ON inspection_findings(inspection_id);
CREATE TABLE recommendations (
  id INTEGER PRIMARY KEY,
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  text TEXT NOT NULL,
  responsible_unit_id INTEGER NOT NULL REFERENCES units(id),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done')),
  evidence TEXT NOT NULL DEFAULT '[]',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX recommendations_by_inspection ON recommendations(inspection_id);
)sql",
     ChainExistingAuditRows},
    {5, "the audit log is append-only", R"sql(
CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log BEGIN
  UPDATE audit_head SET id = NEW.id, hash = NEW.hash WHERE one = 1;
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql",
     nullptr,
     // PostgreSQL keeps every version of a row a transaction updates until it ends, so a head
     // updated by a trigger for each of an import's rows costs more with each row: the store
     // moves the head once, as the transaction commits (PgStore::BeforeCommit).
     R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql"},
    {6, "recorded imports of data files and the values each stored, for undo", R"sql(
CREATE TABLE data_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  user TEXT NOT NULL,
  at TEXT NOT NULL,
  imported INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  ignored INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  undone_at TEXT NOT NULL DEFAULT '',
  undone_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE data_import_changes (
  import_id INTEGER NOT NULL REFERENCES data_imports(id),
  unit_id INTEGER NOT NULL,
  unit_code TEXT NOT NULL,
  element TEXT NOT NULL,
  option TEXT NOT NULL,
  period TEXT NOT NULL,
  data_set TEXT NOT NULL,
  old_value TEXT,
  old_comment TEXT NOT NULL,
  new_value TEXT NOT NULL,
  new_comment TEXT NOT NULL,
  PRIMARY KEY (import_id, unit_id, element, option, period)
) STRICT, WITHOUT ROWID;
)sql",
     nullptr},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace antq::sql
