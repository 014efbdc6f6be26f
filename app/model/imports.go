package model

// ImportResult is what an import of a report or a workbook found: the
// analysis it made, counts for the preview, and, in words for the person,
// everything it could not read (nothing is dropped silently).
type ImportResult struct {
	Analysis *Analysis   `json:"analysis"`
	Found    ImportFound `json:"found"`
	Skipped  []string    `json:"skipped"`
	// Changes, for an import into an existing analysis, are the cells it
	// changes, old → new: what a preview shows before anything is written.
	Changes []CellChange `json:"changes,omitempty"`
}

// CellChange is one cell an import into an analysis changes.
type CellChange struct {
	Sheet string `json:"sheet"` // the section's title
	Cell  string `json:"cell"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// ImportFound counts what an import recognised.
type ImportFound struct {
	Sections   int `json:"sections"`
	Figures    int `json:"figures"`
	Watchlist  int `json:"watchlist"`
	References int `json:"references"`
}
