package model

// MaxChangeOps bounds one change: the ops a restore, an import into an
// analysis or a CSV of tickers commits at once, in one transaction, while
// every other edit of the server waits: 17–40 ms for 2,000 cell edits, a
// restore of as many 32 ms (BenchmarkChange, BenchmarkRestoreVersion), under
// the 100 ms any one request may hold the turn. Past it the change is
// refused (ETOOLARGE) with what to do instead.
const MaxChangeOps = 2000

// ChangeResult is what a change of several ops did: each applied op is a
// version of its own (streams and history see ordinary ops), all committed
// together; an op the analysis refused is skipped and said why.
type ChangeResult struct {
	Version int64       `json:"version"` // the analysis's version after the change
	Applied int         `json:"applied"`
	Skipped []SkippedOp `json:"skipped,omitempty"`
	// Logged are the applied ops as logged, in version order.
	Logged []LoggedOp `json:"-"`
}

// SkippedOp is an op of a change that was not applied, by its index in the
// change, with the reason in words.
type SkippedOp struct {
	Index  int    `json:"index"`
	Reason string `json:"reason"`
}
