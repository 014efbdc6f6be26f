package model

// ImportResult is what an import of a report or a workbook found: the
// analysis it made, counts for the preview, and, in words for the person,
// everything it could not read (nothing is dropped silently).
type ImportResult struct {
	Analysis *Analysis   `json:"analysis"`
	Found    ImportFound `json:"found"`
	Skipped  []string    `json:"skipped"`
}

// ImportFound counts what an import recognised.
type ImportFound struct {
	Sections   int `json:"sections"`
	Figures    int `json:"figures"`
	Watchlist  int `json:"watchlist"`
	References int `json:"references"`
}
