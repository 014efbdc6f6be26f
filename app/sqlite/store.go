//go:build !wasm

// Package sqlite stores analyses in an embedded SQLite database file: per
// analysis an append-only log of the ops that made it, and a snapshot of it
// at some version, from which a read replays the ops after.
//
// Each analysis's edits go through its lane (lane.go): one caller at a
// time applies the edits waiting for it to the analysis, kept open in
// memory with its formula engine and its latest ops, and hands the op rows
// they make to the writer, outside the store's one write turn. The writer
// (oplog.go) commits the drafts that arrive together, of many analyses, in
// one transaction (one fsync), and each edit is answered only once that
// commit is on disk. A draft that arrives while nothing is writing or
// waiting is written at once on its caller's goroutine; the others wait
// for the committer goroutine and share its next commit. A commit writes
// the op rows and little else; snapshots are written in the pauses between edits
// (snapshot.go); the write-ahead log is checkpointed beside the commits
// (checkpoint.go). An edit carries the version it was made on and an ID:
// its lane carries it over what other sessions committed since,
// refuses it when it would overwrite their change unseen, and answers a
// retry with its first commit. The turn guards only the writes: formulas
// are computed under the analysis's lane, so a slow edit of one analysis
// delays no other's.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"thesisboard/app/model"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database file inside a data directory.
const FileName = "thesisboard.db"

// Store is the SQLite-backed store. Writes go through one connection, so
// transactions never contend for SQLite's single write lock (writer.go);
// reads use a pool.
type Store struct {
	w   *sql.DB   // the pool of the one writing connection, wc
	wc  *sql.Conn // held for the store's life, used by whoever has the turn
	r   *sql.DB
	now func() time.Time

	writes       chan *draft  // to the committer goroutine (see writeOut)
	writesQueued atomic.Int64 // drafts sent or being sent to it, not yet written
	queued       atomic.Int64 // edits waiting in their lanes for a leader
	turn         turn         // held by whoever writes (see writer.go, committer)
	stmts        stmts        // the writers' statements, prepared once
	quit         chan struct{}
	stopped      chan struct{}

	lanesMu sync.Mutex
	lanes   map[int64]*lane // the analyses being edited or kept open (see lane)

	checkpointed chan struct{} // closed when the checkpointer has stopped

	pause        time.Duration  // with no edit for this long, due snapshots are written
	idle         *time.Timer    // fires after pause with no commit (see putOffSnapshots)
	snapshotting atomic.Bool    // a goroutine writes due snapshots (see snapshotInPause)
	background   sync.WaitGroup // ... which Close waits for

	// applying, when set (by tests, before any edit), is called by a lane's
	// leader just before it applies edits of analysis id: a test holds an
	// edit there, half-way, to see what others may do meanwhile.
	applying func(id int64)

	notify atomic.Pointer[func(int64, model.LoggedOp)] // see OnCommit
}

// pragmas are set on every connection through the DSN.
var pragmas = []string{
	"journal_mode(WAL)",   // readers don't block the writer and vice versa
	"synchronous(FULL)",   // fsync the WAL on every commit: an ack means on disk
	"busy_timeout(10000)", // wait for a lock rather than fail at once
	"foreign_keys(1)",     // ops must belong to an analysis
}

// writerPragmas are added on the writing connection. SQLite's automatic
// checkpoint after 1000 log pages (its default) keeps the write-ahead log
// cycling through the same file space: once a checkpoint has copied every
// page the next commit starts the log again from its beginning, overwriting
// blocks already on disk. A commit that grows the file instead waits for the
// file system to journal the new size with its fsync, about 40% more on this
// machine's disk (see checkpoint.go and BenchmarkCommit).
var writerPragmas = []string{"wal_autocheckpoint(1000)"}

// Open opens (creating when missing) the database in dir and brings its schema
// up to date.
func Open(dir string) (*Store, error) { return openStore(dir, defaultPause) }

// openStore is Open with the pause after which due snapshots are written
// (tests take a pause that never comes, to see overdue ones written).
func openStore(dir string, pause time.Duration) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	path := filepath.Join(dir, FileName)
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	dsn := "file:" + uriPath(path) + "?" + q.Encode()
	wq := url.Values{}
	for _, p := range writerPragmas {
		wq.Add("_pragma", p)
	}
	w, err := sql.Open("sqlite", dsn+"&"+wq.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	c, err := sql.Open("sqlite", dsn)
	if err != nil {
		errors.Join(r.Close(), w.Close())
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	c.SetMaxOpenConns(1)
	s := &Store{w: w, r: r, now: func() time.Time { return time.Now().UTC() },
		writes: make(chan *draft), lanes: map[int64]*lane{}, quit: make(chan struct{}),
		stopped: make(chan struct{}), checkpointed: make(chan struct{}), pause: pause, idle: time.NewTimer(pause)}
	s.wc, err = w.Conn(context.Background())
	if err == nil {
		err = s.migrate()
	}
	if err == nil {
		// Best effort: without the space to rewrite the file once, the
		// store still opens, and purges keep their pages free inside it.
		if verr := s.vacuumIncrementally(); verr != nil {
			slog.Warn("the database stays in its old vacuum mode", "err", verr)
		}
	}
	if err == nil {
		err = s.prepare()
	}
	if err != nil {
		if s.wc != nil {
			s.wc.Close()
		}
		errors.Join(r.Close(), w.Close(), c.Close())
		return nil, err
	}
	s.idle.Stop()
	go s.committer()
	go s.checkpointer(c)
	return s, nil
}

// Close waits for the commit under way, stops taking edits and closes the
// database. It copies the write-ahead log into the database file and
// closes the writing connection last, so that SQLite removes the -wal and
// -shm files: a cleanly stopped store leaves the one file.
func (s *Store) Close() error {
	close(s.quit)
	<-s.stopped
	<-s.checkpointed
	s.background.Wait()
	s.turn.Lock() // a write under way (an edit committing alone) finishes
	defer s.turn.Unlock()
	errStmts := s.closeStmts()
	errRead := s.r.Close()
	_, errCheckpoint := s.wc.ExecContext(context.Background(), `PRAGMA wal_checkpoint(TRUNCATE)`)
	return errors.Join(errStmts, errRead, errCheckpoint, s.wc.Close(), s.w.Close())
}

func (s *Store) migrate() error {
	ctx := context.Background()
	if _, err := s.wc.ExecContext(ctx, migrationsTable); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for i, m := range migrations {
		version := i + 1
		err := s.write(ctx, func(q execer) error {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil || n > 0 {
				return err
			}
			if _, err := q.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := q.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`, version, m.name, stamp(s.now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", version, m.name, err)
		}
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns its answer, "ok" for
// a sound file.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

// stamp is how times are stored: RFC 3339 in UTC with all nine fraction
// digits, so that text order is time order (RFC3339Nano drops trailing
// zeros, and ".5Z" sorts after ".51Z").
// uriPath escapes the characters SQLite's file: URIs give a meaning to:
// a data directory named "a#1" or "b?" must open the file inside it, not
// "a" or "b".
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z07:00") }

func notFound(id int64) error {
	return model.Errorf(model.ENOTFOUND, "analysis %d not found", id)
}
