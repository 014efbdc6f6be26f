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
	// Accounts for shared mode (app/accounts): people, their sessions and
	// API tokens (only hashes of their secrets), each analysis's owner
	// (none for those made in local mode) and the people it is shared with.
	{"accounts", `
CREATE TABLE users (
	id       INTEGER PRIMARY KEY,
	name     TEXT    NOT NULL COLLATE NOCASE UNIQUE,
	password TEXT    NOT NULL DEFAULT '', -- argon2id PHC string; '' signs in with OpenID Connect only
	admin    INTEGER NOT NULL DEFAULT 0,
	disabled INTEGER NOT NULL DEFAULT 0,
	issuer   TEXT    NOT NULL DEFAULT '',
	subject  TEXT    NOT NULL DEFAULT '',
	created  TEXT    NOT NULL
);
CREATE UNIQUE INDEX users_by_subject ON users (issuer, subject) WHERE issuer != '';
CREATE TABLE sessions (
	id        INTEGER PRIMARY KEY,
	hash      TEXT    NOT NULL UNIQUE, -- SHA-256 of the cookie's secret
	user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created   TEXT    NOT NULL,
	last_seen TEXT    NOT NULL,
	expires   TEXT    NOT NULL,
	agent     TEXT    NOT NULL DEFAULT '',
	addr      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE tokens (
	id          INTEGER PRIMARY KEY,
	hash        TEXT    NOT NULL UNIQUE, -- SHA-256 of the token
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name        TEXT    NOT NULL,
	hint        TEXT    NOT NULL,
	write       INTEGER NOT NULL,
	analysis_id INTEGER NOT NULL DEFAULT 0, -- 0: every analysis of its user
	created     TEXT    NOT NULL,
	expires     TEXT    NOT NULL DEFAULT '', -- '': never
	last_used   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX tokens_by_user ON tokens (user_id);
ALTER TABLE analyses ADD COLUMN owner_id INTEGER REFERENCES users(id);
CREATE TABLE shares (
	analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role        INTEGER NOT NULL, -- model.Role: viewer 1, editor 2
	PRIMARY KEY (analysis_id, user_id)
) WITHOUT ROWID;
CREATE INDEX shares_by_user ON shares (user_id);
`},
}

const migrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	applied TEXT NOT NULL
)`
