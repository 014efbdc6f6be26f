//go:build !wasm

package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Limits for reading a workbook someone uploaded, far below excelize's
// defaults (16 GB unzipped; 16 MB of a worksheet's XML held in memory, the
// rest spilled to a temporary file): a workbook a person models in is a few
// megabytes.
const (
	UnzipSizeLimit    = 256 << 20
	UnzipXMLSizeLimit = 4 << 20
	MaxColumns        = model.MaxSectionCols
	MaxRows           = model.MaxSectionRows
	ReadTimeout       = 30 * time.Second
)

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0} // an OLE compound file: encrypted .xlsx or old .xls
	zipMagic = []byte("PK\x03\x04")
)

// Looks reports whether data looks like a workbook: a zip archive (.xlsx),
// or an OLE compound file (an encrypted .xlsx, an old .xls), which Read
// refuses with what to do about it.
func Looks(data []byte) bool {
	return bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic)
}

// Read makes an analysis from a workbook: the Thesis sheet, one section per
// other sheet, the Watchlist and the Sources, with formulas, values, number
// formats and the sources in cell notes. A workbook thesisboard wrote comes
// back exactly; anything that cannot be represented is listed in Skipped.
// Errors: EINVALID for a file that is not a readable .xlsx (encrypted, not a
// zip, damaged), ETOOLARGE past the limits above.
func Read(ctx context.Context, data []byte) (res *model.ImportResult, err error) {
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return nil, model.Errorf(model.EINVALID, "the workbook is encrypted or in the old .xls format; save it in Excel as an unprotected .xlsx workbook")
	case !bytes.HasPrefix(data, zipMagic):
		return nil, model.Errorf(model.EINVALID, "the file is not an .xlsx workbook (an .xlsx file is a zip archive)")
	}
	ctx, cancel := context.WithTimeout(ctx, ReadTimeout)
	defer cancel()
	// excelize trusts the XML it reads; a crafted file must end as an error,
	// never as a crash of the server.
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, model.Errorf(model.EINVALID, "the workbook is damaged and cannot be read (%v)", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit})
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	r := &reader{ctx: ctx, f: f, meta: readMeta(f), a: &model.Analysis{}, res: &model.ImportResult{Skipped: []string{}}, numFmts: map[int]string{}}
	r.res.Analysis = r.a
	if err := r.read(); err != nil {
		return nil, err
	}
	return r.res, nil
}

func openError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unzip size limit") || strings.Contains(msg, "exceeds"):
		return model.Errorf(model.ETOOLARGE, "the workbook unpacks to more than %d MB; thesisboard reads workbooks up to that size", UnzipSizeLimit>>20)
	case strings.Contains(msg, "zip"):
		return model.Errorf(model.EINVALID, "the file is not a valid .xlsx workbook: %v", err)
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return model.Errorf(model.EINVALID, "the workbook is encrypted or not an .xlsx workbook; save it as an unprotected .xlsx")
	}
	return model.Errorf(model.EINVALID, "the workbook cannot be read: %v", err)
}

type reader struct {
	ctx     context.Context
	f       *excelize.File
	meta    *meta
	a       *model.Analysis
	res     *model.ImportResult
	numFmts map[int]string // style id -> number format
}

func (r *reader) skip(format string, args ...any) {
	if len(r.res.Skipped) < 200 {
		r.res.Skipped = append(r.res.Skipped, fmt.Sprintf(format, args...))
	}
}

func (r *reader) read() error {
	sheets := r.f.GetSheetList()
	ids := map[string]metaSection{}
	if r.meta != nil {
		for _, s := range r.meta.Sections {
			ids[s.Sheet] = s
		}
		r.a.AsOf = r.meta.AsOf
	}
	sources := ""
	for _, name := range sheets {
		switch {
		case name == metaSheet, strings.EqualFold(name, "Charts") && r.meta != nil:
			// Ours: the metadata, and chart data derived from the sections.
		case strings.EqualFold(name, "Thesis"):
			if err := r.thesis(name); err != nil {
				return err
			}
		case strings.EqualFold(name, "Sources"):
			sources = name
		case strings.EqualFold(name, "Watchlist"):
			if err := r.watchlist(name); err != nil {
				return err
			}
		default:
			if err := r.section(name, ids[name]); err != nil {
				return err
			}
		}
	}
	if sources != "" {
		if err := r.sources(sources); err != nil {
			return err
		}
	}
	r.resolveSources()
	if r.meta != nil {
	series:
		for _, s := range r.meta.Series {
			for _, p := range s.Points {
				if r.a.Section(p.Sheet) == nil {
					r.skip("chart series %q points at a sheet that is gone", s.Title)
					continue series
				}
			}
			r.a.Series = append(r.a.Series, s)
		}
	}
	if r.a.Title == "" {
		r.a.Title = "Imported workbook"
	}
	calc.Recalc(r.a)
	for _, s := range r.a.Sections {
		for ri, row := range s.Cells {
			for ci, c := range row {
				if calc.IsFormula(c.Input) && c.Value.Kind == model.KindError {
					r.skip("%s!%s: %s gives %s (%s)", s.Title, model.Addr(ri, ci), c.Input, c.Value.Text, c.Value.Note)
				}
			}
		}
	}
	r.res.Found.Sections = len(r.a.Sections)
	r.res.Found.Watchlist = len(r.a.Watchlist)
	r.res.Found.References = len(r.a.References)
	return nil
}

// rows reads a sheet as raw strings, within the row, column and time limits:
// MaxRows rows of data under a heading row.
func (r *reader) rows(sheet string) ([][]string, error) {
	it, err := r.f.Rows(sheet)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "sheet %q cannot be read: %v", sheet, err)
	}
	defer it.Close()
	var out [][]string
	for n := 0; it.Next(); n++ {
		if n > MaxRows {
			return nil, model.Errorf(model.ETOOLARGE, "sheet %q has more than %d rows", sheet, MaxRows)
		}
		if n%1024 == 0 && r.ctx.Err() != nil {
			return nil, model.Errorf(model.ETOOLARGE, "reading the workbook took longer than %s", ReadTimeout)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, model.Errorf(model.EINVALID, "sheet %q, row %d cannot be read: %v", sheet, n+1, err)
		}
		if len(cols) > MaxColumns {
			return nil, model.Errorf(model.ETOOLARGE, "sheet %q has more than %d columns", sheet, MaxColumns)
		}
		out = append(out, cols)
	}
	if err := it.Error(); err != nil {
		return nil, model.Errorf(model.EINVALID, "sheet %q cannot be read: %v", sheet, err)
	}
	return out, nil
}

var thesisFields = map[string]func(a *model.Analysis, v string){
	"title":      func(a *model.Analysis, v string) { a.Title = v },
	"company":    func(a *model.Analysis, v string) { a.Company = v },
	"ticker":     func(a *model.Analysis, v string) { a.Ticker = v },
	"as of":      func(a *model.Analysis, v string) { a.AsOf = v },
	"question":   func(a *model.Analysis, v string) { a.Thesis.Question = v },
	"verdict":    func(a *model.Analysis, v string) { a.Thesis.Verdict = v },
	"conviction": func(a *model.Analysis, v string) { a.Thesis.Conviction = v },
	"summary":    func(a *model.Analysis, v string) { a.Thesis.Summary = v },
	"notes":      func(a *model.Analysis, v string) { a.Notes = v },
	"risks": func(a *model.Analysis, v string) {
		for line := range strings.Lines(v) {
			if line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "•")); line != "" {
				a.Thesis.Risks = append(a.Thesis.Risks, line)
			}
		}
	},
}

func (r *reader) thesis(sheet string) error {
	rows, err := r.rows(sheet)
	if err != nil {
		return err
	}
	for i, row := range rows {
		if i == 0 || len(row) < 2 {
			continue
		}
		if set, ok := thesisFields[strings.ToLower(strings.TrimSpace(row[0]))]; ok {
			set(r.a, row[1])
		} else if row[0] != "" {
			r.skip("Thesis row %d: unknown field %q", i+1, row[0])
		}
	}
	return nil
}

func (r *reader) sources(sheet string) error {
	rows, err := r.rows(sheet)
	if err != nil {
		return err
	}
	for i, row := range rows[min(1, len(rows)):] {
		get := func(c int) string {
			if c < len(row) {
				return strings.TrimSpace(row[c])
			}
			return ""
		}
		n, err := strconv.Atoi(get(0))
		if err != nil || n < 1 {
			r.skip("Sources row %d: %q is not a reference number", i+2, get(0))
			continue
		}
		ref := model.Reference{Num: n, Title: get(1), URL: get(2), AsOf: get(3)}
		for _, s := range strings.Split(get(4), "\n") {
			if s = strings.TrimSpace(s); s != "" {
				ref.Cited = append(ref.Cited, s)
			}
		}
		r.a.References = append(r.a.References, ref)
	}
	return nil
}

func (r *reader) watchlist(sheet string) error {
	rows, err := r.rows(sheet)
	if err != nil || len(rows) == 0 {
		return err
	}
	cols := model.WatchColumns(rows[0])
	if cols == nil {
		r.skip("sheet %q has no code and price or change columns; read as a section", sheet)
		return r.section(sheet, metaSection{})
	}
	seen := make(map[string]bool, len(rows))
	for i, row := range rows[1:] {
		w, problems := model.WatchRowFrom(row, cols)
		if len(problems) > 0 {
			r.skip("Watchlist row %d: %s", i+2, strings.Join(problems, "; "))
		}
		if w.Code == "" {
			continue
		}
		// A map, not model.Apply's scan, finds repeats: lists run to 100,000.
		if err := model.CleanWatchRow(&w); err != nil {
			r.skip("Watchlist row %d: %s", i+2, model.ErrorMessage(err))
			continue
		}
		if seen[w.Code] {
			r.skip("Watchlist row %d: %s is listed twice", i+2, w.Code)
			continue
		}
		if len(r.a.Watchlist) >= model.MaxWatchRows {
			return model.Errorf(model.ETOOLARGE, "the watchlist has more than %d rows", model.MaxWatchRows)
		}
		seen[w.Code] = true
		r.a.Watchlist = append(r.a.Watchlist, w)
	}
	return nil
}

var sourceNoteRe = regexp.MustCompile(`^Source \[(\d+)\]`)

// section reads a sheet into a grid, cell by cell.
func (r *reader) section(sheet string, ms metaSection) error {
	rows, err := r.rows(sheet)
	if err != nil {
		return err
	}
	if len(rows) > model.MaxSectionRows {
		return model.Errorf(model.ETOOLARGE, "sheet %q has more than the %d rows a section holds", sheet, model.MaxSectionRows)
	}
	id := ms.ID
	if id == "" {
		id = model.SectionID(sheet)
	}
	for base, i := id, 2; r.a.Section(id) != nil; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	sec := model.Section{ID: id, Title: sheet, Note: ms.Note}
	notes, saids := map[string]int{}, map[string]string{}
	if comments, err := r.f.GetComments(sheet); err == nil {
		for _, c := range comments {
			if m := sourceNoteRe.FindStringSubmatch(c.Text); m != nil {
				notes[c.Cell], _ = strconv.Atoi(m[1])
				saids[c.Cell] = readSaid(strings.SplitN(c.Text, "\n", 2)[0])
			}
		}
	}
	for ri, row := range rows {
		cells := make([]model.Cell, len(row))
		for ci, raw := range row {
			addr := model.Addr(ri, ci)
			c, err := r.cell(sheet, addr, raw)
			if err != nil {
				return err
			}
			c.Source, c.Said = notes[addr], saids[addr]
			cells[ci] = c
			if c.Value.Kind == model.KindNumber || c.Value.Kind == model.KindRange {
				r.res.Found.Figures++
			}
		}
		sec.Cells = append(sec.Cells, cells)
	}
	r.a.Sections = append(r.a.Sections, sec)
	return nil
}

// cell reads one cell. A cell thesisboard wrote and nobody changed gets its
// raw input and format back from the metadata; any other cell is read from
// its formula, value and number format.
func (r *reader) cell(sheet, addr, raw string) (model.Cell, error) {
	if r.meta != nil {
		if m, ok := r.meta.Cells[sheet+"!"+addr]; ok && sameRaw(m.Raw, raw) && m.Format.Valid() {
			return model.Cell{Input: m.Input, Value: m.Value, Format: m.Format}, nil
		}
	}
	if formula, err := r.f.GetCellFormula(sheet, addr); err == nil && formula != "" {
		// The formula engine computes it once the whole workbook is read.
		input := "=" + fromFileNames(formula)
		f := model.FormatGeneral
		if raw != "" {
			if n, err := strconv.ParseFloat(raw, 64); err == nil {
				_, f = FromNumFmt(n, r.numFmt(sheet, addr))
			}
		}
		return model.Cell{Input: input, Value: model.Value{Kind: model.KindText, Text: input}, Format: f}, nil
	}
	if raw == "" {
		return model.Cell{Value: model.Value{Kind: model.KindEmpty}}, nil
	}
	typ, _ := r.f.GetCellType(sheet, addr)
	switch typ {
	case excelize.CellTypeBool:
		return model.Cell{Input: map[string]string{"1": "TRUE", "0": "FALSE"}[raw], Value: model.Value{Kind: model.KindBool, Bool: raw == "1"}}, nil
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula, excelize.CellTypeError:
		v, f := model.ParseInput(raw, "")
		return model.Cell{Input: raw, Value: v, Format: f}, nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		v, f := model.ParseInput(raw, "")
		return model.Cell{Input: raw, Value: v, Format: f}, nil
	}
	v, f := FromNumFmt(n, r.numFmt(sheet, addr))
	return model.Cell{Input: model.Display(v, f), Value: v, Format: f}, nil
}

func (r *reader) numFmt(sheet, addr string) string {
	id, err := r.f.GetCellStyle(sheet, addr)
	if err != nil || id == 0 {
		return ""
	}
	if f, ok := r.numFmts[id]; ok {
		return f
	}
	st, err := r.f.GetStyle(id)
	f := ""
	if err == nil && st.CustomNumFmt != nil {
		f = *st.CustomNumFmt
	} else if err == nil {
		f = builtinNumFmts[st.NumFmt]
	}
	r.numFmts[id] = f
	return f
}

// builtinNumFmts are Excel's built-in formats thesisboard can show.
var builtinNumFmts = map[int]string{9: "0%", 10: "0.00%", 3: "#,##0", 4: "#,##0.00", 14: "yyyy-mm-dd"}

// resolveSources drops sources that name a reference the workbook lacks.
func (r *reader) resolveSources() {
	for si := range r.a.Sections {
		for _, row := range r.a.Sections[si].Cells {
			for ci := range row {
				if n := row[ci].Source; n != 0 && r.a.Reference(n) == nil {
					r.skip("%s: note cites source [%d], which the Sources sheet lacks", r.a.Sections[si].Title, n)
					row[ci].Source = 0
				}
			}
		}
	}
}
