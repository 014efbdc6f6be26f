//go:build !wasm

package sqlite

import (
	"database/sql"
	"time"
)

// checkpointEvery is how often the checkpointer copies committed pages from
// the write-ahead log into the database file.
//
// SQLite's automatic checkpoint runs inside the commit that crosses its
// threshold, so one acknowledged edit in a few hundred waited for a
// checkpoint and its fsyncs of the database file. A checkpoint on its own
// connection and goroutine runs beside the commits instead; the writer keeps
// a far higher automatic threshold (see pragmas) only as a safety net.
const checkpointEvery = 200 * time.Millisecond

// checkpointer runs PASSIVE checkpoints, which never wait for the writer or
// the readers, until the store closes.
func (s *Store) checkpointer(c *sql.DB) {
	defer close(s.checkpointed)
	defer c.Close()
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.Exec(`PRAGMA wal_checkpoint(PASSIVE)`) // a failed one is retried next tick
		case <-s.quit:
			return
		}
	}
}
