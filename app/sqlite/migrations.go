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
}

const migrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	applied TEXT NOT NULL
)`
