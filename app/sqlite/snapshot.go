//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"log/slog"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// snapshotEvery is the fewest ops after an analysis's stored snapshot before
// a new one is due. Between snapshots a commit writes only its op row (see
// commitBatch), about one page and the fsync.
//
// Past that, a snapshot is due once replaying the ops since the last one
// would cost about what reading a snapshot does: when the engine's work on
// them (calc.Engine.Work, one unit per op at least) reaches the analysis's
// size in cells. A small analysis is due every snapshotEvery ops; a
// 100,000-row one, whose snapshot takes a third of a second to encode and
// write, after about as many edits as it has cells, rather than at every
// 256th keystroke.
//
// A due snapshot is written in the first pause between edits (Store.pause),
// in a transaction of its own, so that an edit waits for it only if it
// arrives while it is being written.
// Only when edits never pause does a commit write one, once it is overdue:
// overdueFactor times as many ops and as much work. A read replays at most
// that much on top of the snapshot.
const snapshotEvery = 256

const overdueFactor = 4

// defaultPause is how long the committer waits with no edit before it
// writes a due snapshot: longer than the gaps within a burst of edits (a
// paste, a fill), far shorter than a person's pause.
const defaultPause = 20 * time.Millisecond

// snapshotDue reports whether o's analysis should be stored at the next
// pause.
func (o *open) snapshotDue() bool {
	return o.a.Version-o.snapshot >= snapshotEvery && o.since >= o.size
}

// snapshotOverdue reports whether the commit under way must store o's
// analysis.
func (o *open) snapshotOverdue() bool {
	return o.a.Version-o.snapshot >= overdueFactor*snapshotEvery && o.since >= overdueFactor*o.size
}

// stored records that o's analysis was just stored as its snapshot.
func (o *open) stored() { o.snapshot, o.since, o.size = o.a.Version, 0, sizeOf(o.a) }

// snapshotsDue reports whether an open analysis has a snapshot due, as its
// lane's last leader left it.
func (s *Store) snapshotsDue() bool {
	s.lanesMu.Lock()
	defer s.lanesMu.Unlock()
	for _, l := range s.lanes {
		if l.due {
			return true
		}
	}
	return false
}

// snapshotInPause has the due snapshots written on a goroutine of their
// own, unless one is at it: encoding a large analysis takes a third of a
// second, which the committer must not spend.
func (s *Store) snapshotInPause() {
	if !s.snapshotting.CompareAndSwap(false, true) {
		return
	}
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer s.snapshotting.Store(false)
		s.lanesMu.Lock()
		var due []*lane
		for _, l := range s.lanes {
			if l.due && l.users == 0 {
				l.users++
				due = append(due, l)
			}
		}
		s.lanesMu.Unlock()
		for _, l := range due {
			s.snapshotLane(l)
			s.leaveLane(l)
		}
	}()
}

// snapshotLane writes l's due snapshot, in a transaction of its own, when
// no edit holds the lane: it is encoded under the lane, and only written
// under the turn. One whose analysis another writer changed since it was
// opened is dropped with its open copy.
func (s *Store) snapshotLane(l *lane) {
	select {
	case l.token <- struct{}{}:
	default:
		return // an edit has it: the next pause will do
	}
	defer s.release(l)
	o := l.o
	if o == nil || !o.snapshotDue() {
		return
	}
	body, err := json.Marshal(o.a)
	if err != nil {
		slog.Error("snapshot not written", "analysis", l.id, "version", o.a.Version, "err", err)
		l.o = nil
		return
	}
	ctx := context.Background()
	err = s.write(ctx, func(tx execer) error {
		version, err := s.head(ctx, l.id)
		if err != nil {
			return err
		}
		if version != o.a.Version {
			return errStale
		}
		return writeSnapshotBody(ctx, tx, l.id, o.a.Version, body)
	})
	if err != nil {
		l.o = nil
		return
	}
	o.stored()
}

// sizeOf is an analysis's size in cells (watchlist rows count as one), the
// measure of what reading its snapshot costs.
func sizeOf(a *model.Analysis) int64 {
	n := int64(len(a.Watchlist))
	for _, s := range a.Sections {
		for _, row := range s.Cells {
			n += int64(len(row))
		}
	}
	return n
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// open is an analysis at its latest committed version, with the engine that
// computes it and the version of its stored snapshot. Its lane keeps it
// between batches (see lane).
type open struct {
	a        *model.Analysis
	engine   *calc.Engine
	snapshot int64
	row      row   // what the analysis row holds
	since    int64 // the work of the ops since the snapshot (see snapshotEvery)
	size     int64 // sizeOf(a) when it was loaded or last stored
	// recent are the latest ops, of consecutive versions up to a.Version
	// (see remember), as committed since the analysis was opened.
	recent []model.LoggedOp
}

// row is what the analyses table keeps of an analysis besides its version:
// what the list shows.
type row struct{ title, ticker, verdict string }

func rowOf(a *model.Analysis) row { return row{a.Title, a.Ticker, a.Thesis.Verdict} }

// load reads analysis id at its latest version: the stored snapshot, then the
// logged ops after it applied in order. The engine is made only when there
// are ops to replay (reads are many; a snapshot's values are computed
// already); a lane makes one when it opens the analysis for edits.
// Errors: ENOTFOUND when there is none or it is in the trash.
func load(ctx context.Context, q querier, id int64) (*open, error) {
	var version int64
	var updated, body string
	var o open
	err := q.QueryRowContext(ctx, `SELECT a.version, a.updated, a.title, a.ticker, a.verdict, s.body
		FROM analysis_heads a JOIN snapshots s ON s.analysis_id = a.id
		WHERE a.id = ? AND a.deleted_at IS NULL`, id).Scan(&version, &updated, &o.row.title, &o.row.ticker, &o.row.verdict, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("get analysis %d: %w", id, err)
	}
	var a model.Analysis
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		return nil, fmt.Errorf("get analysis %d: decode snapshot: %w", id, err)
	}
	a.ID = id // a new analysis's snapshot is encoded before its id is known
	o.a, o.snapshot, o.size = &a, a.Version, sizeOf(&a)
	if a.Version < version {
		o.engine = calc.NewEngine(&a)
		built := o.engine.Work()
		if err := replay(ctx, q, o.engine, a.Version, version); err != nil {
			return nil, fmt.Errorf("get analysis %d: %w", id, err)
		}
		o.since = o.engine.Work() - built + (version - o.snapshot)
	}
	if a.Version != version {
		return nil, fmt.Errorf("get analysis %d: the log ends at version %d, the analysis is at %d", id, a.Version, version)
	}
	a.Updated, _ = time.Parse(time.RFC3339Nano, updated)
	return &o, nil
}

// replay applies the logged ops after version from, up to version to, to the
// engine's analysis. They were valid when committed, on this same state, so
// each applies again. The upper bound matters outside a transaction: ops
// committed after the analysis row was read are not part of the version
// read.
func replay(ctx context.Context, q querier, e *calc.Engine, from, to int64) error {
	a := e.Analysis()
	rows, err := q.QueryContext(ctx, `SELECT version, op FROM ops WHERE analysis_id = ? AND version > ? AND version <= ? ORDER BY version`, a.ID, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		var raw string
		if err := rows.Scan(&v, &raw); err != nil {
			return err
		}
		var op model.Op
		if err := json.Unmarshal([]byte(raw), &op); err != nil {
			return fmt.Errorf("decode op %d: %w", v, err)
		}
		if err := e.Apply(op); err != nil {
			return fmt.Errorf("replay op %d: %w", v, err)
		}
		a.Version = v
	}
	return rows.Err()
}

// writeSnapshot stores a as the snapshot of its analysis, at a.Version.
// Errors: *encodeError when a cannot be encoded (nothing was written), and
// the database's.
func writeSnapshot(ctx context.Context, tx execer, a *model.Analysis) error {
	body, err := json.Marshal(a)
	if err != nil {
		return &encodeError{err}
	}
	return writeSnapshotBody(ctx, tx, a.ID, a.Version, body)
}

// writeSnapshotBody stores body, an analysis encoded, as the snapshot of
// analysis id at version.
func writeSnapshotBody(ctx context.Context, tx execer, id, version int64, body []byte) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO snapshots (analysis_id, version, body) VALUES (?, ?, ?)
		ON CONFLICT (analysis_id) DO UPDATE SET version = excluded.version, body = excluded.body`, id, version, string(body))
	return err
}

// encodeError is an analysis that could not be encoded as JSON (a value
// that is not finite, which validation keeps out): the snapshot is not
// written, and the op log, which holds the truth, is read instead.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return "encode snapshot: " + e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }
