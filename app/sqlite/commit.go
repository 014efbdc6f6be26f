//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// maxRebase is how far behind the latest version an edit may have been
// made: one made on an older version is refused (ECONFLICT), and its client
// reloads and makes it again on the latest. Carrying an edit over this many
// ops takes a few milliseconds, from the ops the lane keeps decoded
// (keepRecent), never from the log.
const maxRebase = keepRecent

// errBroken marks an op whose application failed half-way (the formula
// engine panicked): the analysis's open copy may hold part of it, so its
// lane drops that copy, and the op's analysis alone is answered with the
// error.
var errBroken = errors.New("the edit could not be applied")

// errStale marks a draft whose analysis another writer changed after its
// lane opened it (another process on the same file): it is not written,
// and the lane applies its edits again on the analysis opened anew.
var errStale = errors.New("the analysis changed since it was opened")

// commitOp applies op, sent by session, to o's analysis and adds it to d,
// the draft of the batch under way; the caller leads o's lane. It returns
// the op as logged and whether it is new: an op whose ID names one
// committed already (or one earlier in d) is a retry, answered with that
// commit and not applied again.
// Errors: EINVALID and ECONFLICT (the op is refused, nothing changed),
// errBroken (see above), and internal errors from the database.
//
// change is the version of the first op of the change op is part of (see
// model.LoggedOp.Change), or 0 for an op alone.
func (s *Store) commitOp(ctx context.Context, o *open, d *draft, op model.Op, session string, change int64) (model.LoggedOp, bool, error) {
	op, err := op.Clean()
	if err == nil {
		err = model.CheckSession(session)
	}
	if err != nil {
		return model.LoggedOp{}, false, err
	}
	if op.ID != "" {
		first, err := s.retryOf(ctx, o.a.ID, d, op)
		if first != nil || err != nil {
			return deref(first), false, err
		}
	}
	if op.BaseVersion > 0 && op.BaseVersion < o.a.Version {
		if op, err = s.carry(ctx, o, op, session, change); err != nil {
			return model.LoggedOp{}, false, err
		}
	}
	inverse := calc.Inverse(o.a, op)
	undo, err := json.Marshal(inverse)
	if err != nil {
		return model.LoggedOp{}, false, model.Errorf(model.EINVALID, "this edit cannot be stored: %v", err)
	}
	opJSON, err := json.Marshal(op)
	if err != nil {
		return model.LoggedOp{}, false, model.Errorf(model.EINVALID, "this edit cannot be stored: %v", err)
	}
	if change == 0 && op.Group != "" {
		change = o.groupChange(op.Group, session)
	}
	work := o.engine.Work()
	if err := applySafely(o.engine, op); err != nil {
		return model.LoggedOp{}, false, err // refused (nothing changed), or broken
	}
	o.since += 1 + o.engine.Work() - work
	o.a.Version++
	o.a.Updated = d.now
	logged := model.LoggedOp{Version: o.a.Version, Op: op, Session: session, Time: d.now, Change: change}
	o.remember(logged)
	logged.Undo = inverse
	d.add(o, logged, string(opJSON), string(undo))
	return logged, true, nil
}

// carry carries op, made on an older version than o's, over the ops
// committed since (see rebase), unless it is too far behind.
func (s *Store) carry(ctx context.Context, o *open, op model.Op, session string, change int64) (model.Op, error) {
	// An op of a change was made on the version the change started
	// from: the change's own earlier ops do not count against it.
	head := o.a.Version
	if change != 0 {
		head = min(head, change-1)
	}
	if behind := head - op.BaseVersion; behind > maxRebase {
		return op, model.Errorf(model.ECONFLICT, "this edit was made on version %d, %d edits ago: reload the analysis and make it again", op.BaseVersion, behind)
	}
	past, err := o.after(ctx, s.r, op.BaseVersion)
	if err != nil {
		return op, err
	}
	return rebase(o.a, op, session, past)
}

// groupChange is the change an op of group, sent by session, belongs to:
// the one of the op just before it, when that is of the same group and
// session (the ops of a paste arrive one after another), else a new one,
// named by the version the op is about to get.
func (o *open) groupChange(group, session string) int64 {
	if n := len(o.recent); n > 0 {
		if last := o.recent[n-1]; last.Op.Group == group && last.Session == session && last.Change != 0 {
			return last.Change
		}
	}
	return o.a.Version + 1
}

// applySafely applies op through the engine, turning a panic into
// errBroken: a bug met by one edit fails that edit, not the server.
func applySafely(e *calc.Engine, op model.Op) (err error) {
	defer func() {
		if p := recover(); p != nil {
			slog.Error("applying an op panicked", "kind", op.Kind, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("%w: %v", errBroken, p)
		}
	}()
	return e.Apply(op)
}

// retryOf returns the logged op that op, sent again, already is: the op of
// analysis id logged under the same ID, in d or in the log, if it is the
// same edit. An ID that names a different edit is refused (EINVALID) rather
// than taken as done, so that no one can make another client's edit vanish
// by sending something else under its ID first. Sessions do not enter into
// it: a tab's edits are sent again by the next tab when it closed before
// their answer came.
//
// The log is read through the read pool: the lane's earlier batches are
// committed, and its current one is d.
func (s *Store) retryOf(ctx context.Context, id int64, d *draft, op model.Op) (*model.LoggedOp, error) {
	var l model.LoggedOp
	found := false
	for _, e := range d.entries {
		if e.logged.Op.ID == op.ID {
			l, found = e.logged, true
			break
		}
	}
	if !found {
		var raw, ts, undo string
		err := s.stmts.byOpID.QueryRowContext(ctx, id, op.ID).Scan(&l.Version, &raw, &l.Session, &ts, &undo, &l.Change)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &l.Op); err != nil {
			return nil, fmt.Errorf("decode op %d: %w", l.Version, err)
		}
		l.Time, _ = time.Parse(time.RFC3339Nano, ts)
		json.Unmarshal([]byte(undo), &l.Undo)
	}
	if !sameEdit(l.Op, op) {
		return nil, model.Errorf(model.EINVALID, "edit id %q already names another edit (version %d)", op.ID, l.Version)
	}
	return &l, nil
}

// sameEdit reports whether a logged op and an op sent again are the same
// edit. Where an op applies may differ (carried over rows others inserted),
// and so may a formula's references, which follow the rows; what it does
// may not.
func sameEdit(logged, sent model.Op) bool {
	same := logged.Kind == sent.Kind && logged.Sheet == sent.Sheet &&
		(logged.Input == sent.Input || calc.IsFormula(logged.Input) && calc.IsFormula(sent.Input)) &&
		logged.Field == sent.Field && logged.Text == sent.Text && logged.Code == sent.Code
	if logged.Watch != nil || sent.Watch != nil {
		same = same && logged.Watch != nil && sent.Watch != nil && logged.Watch.Code == sent.Watch.Code
	}
	return same
}

func deref(l *model.LoggedOp) model.LoggedOp {
	if l == nil {
		return model.LoggedOp{}
	}
	return *l
}

// rebase carries an op made on an old version over past, the ops committed
// since, oldest first (calc.Rebase): rows other sessions inserted or deleted
// move its target and its formula's references, and an op that would
// overwrite one of theirs unseen is refused with ECONFLICT, the committed
// value kept. The session's own later ops are already under the op (it was
// made after them).
func rebase(a *model.Analysis, op model.Op, session string, past []model.LoggedOp) (model.Op, error) {
	for _, p := range past {
		if p.Session == session && session != "" {
			continue
		}
		var err error
		if op, err = calc.Rebase(a, op, p.Op, p.Version); err != nil {
			return op, err
		}
	}
	return op, nil
}

// stmts are the statements of every commit, prepared once on the writing
// connection rather than parsed again in each transaction, and the search
// for a retry, prepared on the read pool (it runs outside the turn). It
// names its index: without table statistics SQLite would rather walk
// the analysis's whole log in version order (1 ms a commit at 10,000 ops).
type stmts struct {
	insertOp, updateAnalysis, version, byOpID *sql.Stmt
}

const byOpID = `SELECT version, op, session, created, undo, change FROM ops INDEXED BY ops_by_id WHERE analysis_id = ?1 AND op_id = ?2 AND op_id != '' ORDER BY version LIMIT 1`

func (s *Store) prepare() error {
	for _, p := range []struct {
		dst *(*sql.Stmt)
		sql string
	}{
		{&s.stmts.insertOp, `INSERT INTO ops (analysis_id, version, op, session, created, undo, op_id, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.stmts.updateAnalysis, `UPDATE analyses SET version = ?, title = ?, ticker = ?, verdict = ?, updated = ? WHERE id = ?`},
		{&s.stmts.version, `SELECT version FROM analysis_heads WHERE id = ? AND deleted_at IS NULL`},
	} {
		st, err := s.wc.PrepareContext(context.Background(), p.sql)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", p.sql, err)
		}
		*p.dst = st
	}
	var err error
	s.stmts.byOpID, err = s.r.PrepareContext(context.Background(), byOpID)
	if err != nil {
		return fmt.Errorf("prepare %q: %w", byOpID, err)
	}
	return nil
}

// closeStmts finalizes the prepared statements, before the writing
// connection closes: SQLite keeps a connection with live statements open,
// and the last connection to close is the one that checkpoints the
// write-ahead log and removes it.
func (s *Store) closeStmts() error {
	return errors.Join(s.stmts.insertOp.Close(), s.stmts.updateAnalysis.Close(), s.stmts.version.Close(), s.stmts.byOpID.Close())
}
