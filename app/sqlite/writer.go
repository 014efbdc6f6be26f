//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
)

// The store writes through one connection, as SQLite takes one writer at a
// time. The store holds it for its whole life (Store.wc) and one goroutine
// at a time uses it: whoever holds the turn (Store.turn), the committer
// goroutine for a batch of drafts, a lane writing its draft alone
// (writeOut), a pause's snapshot, or a caller creating, deleting or
// restoring an analysis. The turn is held for SQLite's work only: the
// formula work of an edit is done before, under its analysis's lane
// (lane.go), so that no edit keeps the others waiting for its formulas.
//
// Transactions on it are BEGIN IMMEDIATE and COMMIT statements rather than
// database/sql's Tx. A Tx starts a goroutine to watch its context, and
// starting one wakes the other processor: on this machine that took about
// 20 µs from every commit at the median, a sixth of its time
// (BenchmarkSQLiteCommit, against a Tx: p50 128 → 108 µs). IMMEDIATE takes
// the write lock at once rather than at the first write.

// execer is what a write runs its statements on: the writing connection.
type execer interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// write runs fn in a transaction on the writing connection, taking the turn
// for it, and commits when fn returns nil.
func (s *Store) write(ctx context.Context, fn func(execer) error) error {
	s.turn.Lock()
	defer s.turn.Unlock()
	return s.inTx(ctx, fn)
}

// exec runs one statement on the writing connection, taking the turn for
// it; SQLite commits a lone statement by itself.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.turn.Lock()
	defer s.turn.Unlock()
	return s.wc.ExecContext(ctx, query, args...)
}

// inTx is write for a caller that holds the turn.
func (s *Store) inTx(ctx context.Context, fn func(execer) error) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if err := fn(s.wc); err != nil {
		s.rollback()
		return err
	}
	return s.commit(ctx)
}

func (s *Store) begin(ctx context.Context) error {
	_, err := s.wc.ExecContext(ctx, "BEGIN IMMEDIATE")
	return err
}

// commit commits the transaction under way, or rolls it back if the
// commit fails (SQLite leaves a transaction open when its COMMIT found the
// database busy).
func (s *Store) commit(ctx context.Context) error {
	if _, err := s.wc.ExecContext(ctx, "COMMIT"); err != nil {
		s.rollback()
		return err
	}
	return nil
}

// rollback ends the transaction under way, if any: SQLite ends one itself
// on some errors, and then the ROLLBACK's own error says only that there is
// none.
func (s *Store) rollback() {
	s.wc.ExecContext(context.Background(), "ROLLBACK")
}
