//go:build !wasm

package sqlite

import (
	"context"
	"fmt"
)

// A purged analysis's op log can be most of the database file. SQLite keeps
// the pages it frees for later rows; the store gives them back to the file
// system after a purge, a few at a time (shrink), so that no step holds the
// turn for long: a full VACUUM rewrites the whole file while every edit
// waits. That needs the database in incremental auto-vacuum mode, which a
// file made before it is switched to once, at open, by one VACUUM.

// shrinkStep is how many free pages one step gives back (1 MB of 4 KB
// pages): a few milliseconds under the turn.
const shrinkStep = 256

// vacuumIncrementally switches the database to incremental auto-vacuum if
// it is not in it yet. On a new file that is instant; on an older one, a
// one-time VACUUM at open, before the server takes requests.
func (s *Store) vacuumIncrementally() error {
	ctx := context.Background()
	var mode int
	if err := s.wc.QueryRowContext(ctx, `PRAGMA auto_vacuum`).Scan(&mode); err != nil {
		return fmt.Errorf("read auto_vacuum: %w", err)
	}
	if mode == 2 {
		return nil
	}
	if _, err := s.wc.ExecContext(ctx, `PRAGMA auto_vacuum = INCREMENTAL`); err != nil {
		return fmt.Errorf("set auto_vacuum: %w", err)
	}
	if _, err := s.wc.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// shrink gives the database's free pages back to the file system, one step
// of shrinkStep pages per turn.
func (s *Store) shrink(ctx context.Context) error {
	for {
		var free int
		if err := s.r.QueryRowContext(ctx, `PRAGMA freelist_count`).Scan(&free); err != nil {
			return fmt.Errorf("count free pages: %w", err)
		}
		if free == 0 {
			return nil
		}
		if _, err := s.exec(ctx, fmt.Sprintf(`PRAGMA incremental_vacuum(%d)`, shrinkStep)); err != nil {
			return fmt.Errorf("give back free pages: %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}
