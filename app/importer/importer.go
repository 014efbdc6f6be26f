//go:build !wasm

// Package importer turns an uploaded file into an analysis, whatever the
// file is: an .xlsx workbook (exports/xlsx) or a deep-research report or
// news article as text (app/report). It also works out what an import into
// an existing analysis changes, as cell edits. The server's import route
// and the command line's `thesisboard import` both use it, so neither
// holds the other's logic.
package importer

import (
	"context"
	"fmt"
	"strings"

	"thesisboard/app/model"
	"thesisboard/app/report"
	"thesisboard/exports/xlsx"
)

// MaxBytes caps an uploaded report or workbook.
const MaxBytes = 20 << 20

// Read reads an uploaded file into an analysis, by what the file is: a
// workbook (or what claims to be one, which Read then explains) or a text
// report.
// Errors: EINVALID, ETOOLARGE.
func Read(ctx context.Context, body []byte) (*model.ImportResult, error) {
	if len(body) > MaxBytes {
		return nil, model.Errorf(model.ETOOLARGE, "the file is larger than %d MB", MaxBytes>>20)
	}
	if xlsx.Looks(body) {
		return xlsx.Read(ctx, body)
	}
	return report.Parse(body)
}

// Plan is what importing a file into an existing analysis changes.
type Plan struct {
	// Ops are the set_cell ops that make the analysis's cells the
	// imported ones, made on its version (so a cell someone changed since
	// is a conflict, not overwritten).
	Ops []model.Op
	// Changes says, op by op, which cell changes from what to what.
	Changes []model.CellChange
	// Skipped lists the imported sections that match none of the
	// analysis's.
	Skipped []string
}

// Into works out what importing res into a changes: for each imported
// section whose title matches one of a's, the cells that differ. It stops
// past model.MaxChangeOps cells, the most one change holds.
// Errors: ETOOLARGE.
func Into(a *model.Analysis, res *model.ImportResult) (Plan, error) {
	var p Plan
	for _, sec := range res.Analysis.Sections {
		target := sectionByTitle(a, sec.Title)
		if target == nil {
			p.Skipped = append(p.Skipped, fmt.Sprintf("sheet %q matches no section of %q", sec.Title, a.Title))
			continue
		}
		for _, op := range cellOps(target, &sec, a) {
			if len(p.Ops) == model.MaxChangeOps {
				return p, model.Errorf(model.ETOOLARGE, "the file changes more than %d cells of %q, the most one import changes: import its sheets a few at a time", model.MaxChangeOps, a.Title)
			}
			op.BaseVersion = a.Version
			r, c, _ := model.ParseAddr(op.Cell)
			p.Ops = append(p.Ops, op)
			p.Changes = append(p.Changes, model.CellChange{Sheet: target.Title, Cell: op.Cell, Old: target.Cell(r, c).Input, New: op.Input})
		}
	}
	return p, nil
}

func sectionByTitle(a *model.Analysis, title string) *model.Section {
	for i := range a.Sections {
		if strings.EqualFold(a.Sections[i].Title, title) {
			return &a.Sections[i]
		}
	}
	return nil
}

// cellOps are the set_cell ops that make target's cells those of from.
func cellOps(target, from *model.Section, a *model.Analysis) []model.Op {
	var ops []model.Op
	for r := range max(len(target.Cells), len(from.Cells)) {
		for c := range max(len(target.Cell0(r)), len(from.Cell0(r))) {
			old, new := target.Cell(r, c), from.Cell(r, c)
			if old.Input == new.Input && old.Format == new.Format && old.Source == new.Source {
				continue
			}
			f, src := new.Format, new.Source
			if src != 0 && a.Reference(src) == nil {
				src = 0
			}
			ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: target.ID, Cell: model.Addr(r, c), Input: new.Input, Format: &f, Source: &src})
		}
	}
	return ops
}
