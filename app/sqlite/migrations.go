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
	// A commit no longer writes the analysis row (one page fewer before its
	// fsync) unless the title, ticker or verdict change or a snapshot is
	// written: an analysis's latest version and time are its last op's.
	{"analysis heads from the op log", `
CREATE VIEW analysis_heads AS
SELECT a.id, a.title, a.ticker, a.verdict, a.created, a.deleted_at,
	max(a.version, coalesce((SELECT max(o.version) FROM ops o WHERE o.analysis_id = a.id), 0)) AS version,
	max(a.updated, coalesce((SELECT o.created FROM ops o WHERE o.analysis_id = a.id ORDER BY o.version DESC LIMIT 1), '')) AS updated
FROM analyses a;
`},
	// An edit sent again (its answer lost, or sent from another tab after
	// a reload) is found by its ID, whatever version it names as its base
	// and however long ago it was committed (see retryOf).
	{"op ids", `
ALTER TABLE ops ADD COLUMN op_id TEXT NOT NULL DEFAULT '';
UPDATE ops SET op_id = coalesce(json_extract(op, '$.id'), '');
CREATE INDEX ops_by_id ON ops (analysis_id, op_id) WHERE op_id != '';
`},
	// The ops of one change (a restore, an import) name its first version,
	// so history shows the change as one entry.
	{"changes", `
ALTER TABLE ops ADD COLUMN change INTEGER NOT NULL DEFAULT 0;
`},
}

const migrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	applied TEXT NOT NULL
)`
