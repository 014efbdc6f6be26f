package sqlite

// migrations is the ordered list of schema changes. Each runs once, in its own
// transaction, and is recorded in schema_migrations. Add new migrations at the
// end; never edit one that has shipped.
var migrations = []struct {
	name string
	sql  string
}{
	{"analyses and op log", `
CREATE TABLE analyses (
	id         INTEGER PRIMARY KEY,
	title      TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	snapshot   TEXT    NOT NULL, -- model.Analysis as JSON, at version
	created    TEXT    NOT NULL,
	updated    TEXT    NOT NULL,
	deleted_at TEXT              -- set when moved to the trash
);
CREATE TABLE ops (
	analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
	version     INTEGER NOT NULL, -- the analysis version this op produced
	op          TEXT    NOT NULL, -- model.Op as JSON
	session     TEXT    NOT NULL DEFAULT '',
	created     TEXT    NOT NULL,
	PRIMARY KEY (analysis_id, version)
) WITHOUT ROWID;
`},
	{"undo ops in the log", `
ALTER TABLE ops ADD COLUMN undo TEXT NOT NULL DEFAULT '[]'; -- []model.Op that reverse the op
`},
	// A commit used to rewrite the whole snapshot inside the analyses row.
	// Snapshots now live apart and are written every snapshotEvery ops; the
	// row keeps what the list shows, so a commit writes a few small rows.
	{"snapshots apart from the analysis row", `
CREATE TABLE snapshots (
	analysis_id INTEGER PRIMARY KEY REFERENCES analyses(id) ON DELETE CASCADE,
	version     INTEGER NOT NULL, -- the analysis version the body is at
	body        TEXT    NOT NULL  -- model.Analysis as JSON
);
INSERT INTO snapshots (analysis_id, version, body) SELECT id, version, snapshot FROM analyses;
ALTER TABLE analyses ADD COLUMN ticker  TEXT NOT NULL DEFAULT '';
ALTER TABLE analyses ADD COLUMN verdict TEXT NOT NULL DEFAULT '';
UPDATE analyses SET
	ticker  = coalesce(json_extract(snapshot, '$.ticker'), ''),
	verdict = coalesce(json_extract(snapshot, '$.thesis.verdict'), '');
ALTER TABLE analyses DROP COLUMN snapshot;
`},
}

const migrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	applied TEXT NOT NULL
)`
