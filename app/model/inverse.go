package model

import (
	"slices"
	"strings"
)

// Inverse returns the ops that undo op, computed from a as it is before op
// is applied. An undo is itself a list of ops, so it goes through the same
// log, sync and conflict rules as any edit.
func Inverse(a *Analysis, op Op) []Op {
	switch op.Kind {
	case OpSetCell:
		s := a.Section(op.Sheet)
		r, c, err := ParseAddr(op.Cell)
		if s == nil || err != nil {
			return nil
		}
		return []Op{restoreCell(op.Sheet, Addr(r, c), s.Cell(r, c))}
	case OpInsertRow:
		return []Op{{Kind: OpDeleteRow, Sheet: op.Sheet, Row: op.Row}}
	case OpDeleteRow:
		s := a.Section(op.Sheet)
		if s == nil || op.Row < 1 || op.Row > len(s.Cells) {
			return nil
		}
		ops := []Op{{Kind: OpInsertRow, Sheet: op.Sheet, Row: op.Row}}
		for c, cell := range s.Cells[op.Row-1] {
			if cell.Input != "" || cell.Source != 0 || cell.Format != "" {
				ops = append(ops, restoreCell(op.Sheet, Addr(op.Row-1, c), cell))
			}
		}
		return ops
	case OpInsertCol, OpDeleteCol:
		return inverseCol(a, op)
	case OpSetThesis:
		t := a.Thesis
		old := map[string]string{"question": t.Question, "verdict": t.Verdict, "conviction": t.Conviction,
			"summary": t.Summary, "risks": strings.Join(t.Risks, "\n")}
		if v, ok := old[op.Field]; ok {
			return []Op{{Kind: OpSetThesis, Field: op.Field, Text: v}}
		}
	case OpAddWatch:
		if op.Watch != nil {
			return []Op{{Kind: OpRemoveWatch, Code: strings.ToUpper(strings.TrimSpace(op.Watch.Code))}}
		}
	case OpRemoveWatch:
		i := slices.IndexFunc(a.Watchlist, func(w WatchRow) bool { return strings.EqualFold(w.Code, op.Code) })
		if i >= 0 {
			w := a.Watchlist[i]
			return []Op{{Kind: OpAddWatch, Watch: &w}}
		}
	}
	return nil
}

func restoreCell(sheet, addr string, c Cell) Op {
	f, src := c.Format, c.Source
	return Op{Kind: OpSetCell, Sheet: sheet, Cell: addr, Input: c.Input, Format: &f, Source: &src}
}
