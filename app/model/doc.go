// Package model holds thesisboard's domain: analyses, their cells and typed
// values, and the operations (Op) that edit them. It uses only the standard
// library and builds for the browser (GOOS=js GOARCH=wasm) and the server
// alike, so both apply an edit with the same code.
//
// # JSON shapes
//
// An analysis, as GET /api/analyses/{id} returns it:
//
//	{"id": 1, "version": 7, "title": "...", "company": "Lumen Technologies",
//	 "ticker": "LUMN", "asOf": "2025-08-25",
//	 "thesis": {"question": "...", "verdict": "Yes", "conviction": "High",
//	            "summary": "...", "risks": ["...", "..."]},
//	 "sections": [{"id": "financial-health", "title": "Financial health",
//	               "cells": [[{"input": "Metric", "value": {"kind": "text", "text": "Metric"}}, ...],
//	                         [..., {"input": "$18.3B", "format": "money:B", "source": 3,
//	                                "value": {"kind": "number", "num": 18300000000, "unit": "USD"}}]]}],
//	 "series": [{"id": "debt", "title": "Total debt",
//	             "points": [{"period": "2025", "sheet": "financial-health", "cell": "B2"}]}],
//	 "watchlist": [{"code": "COIN", "stockCode": "COIN.O", "name": "Coinbase Global",
//	                "lastPrice": 314.425, "changePct": -1.696108, "marketCode": "185"}],
//	 "references": [{"num": 3, "title": "...", "url": "...", "asOf": "2025-08-25"}]}
//
// Row 0 of a section's cells is its heading row, so "B2" is the first data row
// of column B, as on the section's sheet in an exported workbook.
//
// A value's kind is one of empty, number, range, text, bool or date. Numbers
// are stored in units (18.3e9 for $18.3B), percentages as fractions (0.9305
// for 93.05%), ratios as the first term over the second (21 for 21-to-1). A
// cell's format ("money:B", "percent", "ratio", "number", "date", "text" or
// "" for general) says how the value is shown.
//
// An op, as POST /api/analyses/{id}/ops takes it:
//
//	{"kind": "set_cell", "sheet": "financial-health", "cell": "B2", "input": "17.9", "baseVersion": 7}
//	{"kind": "insert_row", "sheet": "fiber-network", "row": 3}
//	{"kind": "delete_row", "sheet": "fiber-network", "row": 3}
//	{"kind": "insert_col", "sheet": "fiber-network", "col": 2}   (column B; A is 1)
//	{"kind": "delete_col", "sheet": "fiber-network", "col": 2}
//	{"kind": "set_thesis", "field": "verdict", "text": "Yes"}
//	{"kind": "add_watch", "watch": {"code": "LUMN", "stockCode": "LUMN.N", ...}}
//	{"kind": "remove_watch", "code": "LUMN"}
//
// baseVersion is the version the edit was made on. An edit made on an old
// version is carried over what other sessions committed since: rows and
// columns they inserted or deleted move its cell, its row and its formula's
// references. If they changed the same cell or thesis field, or deleted its
// row, it is refused with 409:
//
//	{"error": {"code": "conflict", "message": "...",
//	           "conflict": {"sheet": "partners", "cell": "B2", "theirs": "...", "yours": "...", "version": 9}}}
//
// with "field" instead of sheet and cell for a thesis field, and "gone": true
// when the row was deleted. The answer to an accepted op is {"version": N};
// the event stream sends each op as it was committed, carried over.
//
// An op may carry "id", a name the client chooses (up to MaxOpIDLen bytes,
// unique per edit). Sent again with the same id, after an answer that never
// arrived, whatever its baseVersion, it is not applied a second time: the
// answer is the version it was committed at. An id already used by a
// different edit is refused (invalid). The dashboard names every edit.
//
// The store keeps of an op only the fields its kind uses (Op.Clean), and a
// new analysis only what edits could have made (Analysis.Validate).
//
// Errors travel as {"error": {"code": "invalid", "message": "..."}} with the
// codes defined in errors.go, one HTTP status each.
//
// # The path of an edit
//
// From a keystroke in one tab to the cell in another:
//
//  1. components/grid.go: Enter in a cell commits the draft as a set_cell
//     op (sendOp, components/actions.go).
//  2. components/dashboard.go (onOp): the tab's replica (app/replica)
//     queues it, applies it to the tab's view through its formula engine
//     (app/calc), which redraws at once, and sendNext posts it with
//     app/client.
//  3. app/server/access.go (route) checks who asks and their role on the
//     analysis (shared mode); app/server/api.go (applyOp) decodes the op
//     and calls Store.Apply.
//  4. app/sqlite/lane.go, commit.go and oplog.go: under the analysis's
//     lane (one caller at a time per analysis, outside the store's write
//     turn) the op is cleaned, a retry is answered with its first commit,
//     an op made on an old version is carried over the ops since
//     (calc.Rebase), its undo is computed and it is applied through the
//     analysis's engine; then its log row is written, with other
//     analyses' edits arriving together, in one transaction under the
//     turn; after the commit, OnCommit.
//  5. app/server/hub.go and events.go: the committed op goes to every event
//     stream open on the analysis, as one Server-Sent Event, id = version.
//  6. components/livesync.go in the other tab: the EventSource hands it to
//     the dashboard (onRemoteOp), whose replica carries it over that tab's
//     own waiting edits (replica.Remote) and applies it to its view.
//
// The answer of step 3 goes back to the first tab, whose replica marks the
// edit acknowledged; its echo in the stream (step 6) settles it.
package model
