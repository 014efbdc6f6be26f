//go:build !wasm

package sqlite

import (
	"database/sql"
	"time"
)

// checkpointEvery is how often the checkpointer copies committed pages from
// the write-ahead log into the database file.
//
// A checkpoint on its own connection and goroutine runs beside the commits,
// so an acknowledged edit rarely waits for one: whenever edits pause, the log
// is fully copied and the next commit starts it again from the beginning of
// the file. Under sustained load the writer's automatic checkpoint (see
// writerPragmas) still runs every 1000 pages, inside one commit in about a
// thousand, and finds most pages already copied.
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
