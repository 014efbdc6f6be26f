//go:build !wasm

package xlsx

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/efp"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// A workbook opened in Excel runs its formulas, and a formula can do more than
// compute: open a site (HYPERLINK), fetch one (WEBSERVICE), start a program
// (a DDE link, =cmd|'/c calc'!A0), call a DLL (CALL, REGISTER), read the
// computer (INFO, CELL) or another workbook ([1]Sheet!A1). The dashboard
// computes none of that, so such a cell shows an error there and would run
// in Excel. A formula reaches the workbook live only when app/calc parses it,
// every function it calls is in runnableFunctions and every reference is a
// cell or range of a section of the analysis; anything else is written as
// its text, with a note that says why (see textReason).

// runnableFunctions are the functions a live formula may call: the ones
// app/calc computes, so Excel and the dashboard agree, none of which reaches
// outside the workbook. RANGE.* are thesisboard's own: calc.ForExcel turns
// them into numbers, or the cell gets its computed value (see cell). A
// function calc gains is written as text until it is listed here;
// TestRunnableFunctionsAreComputed holds the list to calc's.
var runnableFunctions = setOf(
	"SUM", "PRODUCT", "AVERAGE", "MIN", "MAX", "MEDIAN", "COUNT", "COUNTA",
	"ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "SQRT", "EXP", "LN", "LOG10", "INT", "POWER", "MOD",
	"IF", "IFERROR", "IFS", "AND", "OR", "NOT",
	"CONCAT", "CONCATENATE", "LEN", "UPPER", "LOWER", "TRIM", "LEFT", "RIGHT", "MID", "TEXT", "TEXTJOIN",
	"STDEV.S", "SUMIF", "COUNTIF", "AVERAGEIF", "SUMPRODUCT",
	"INDEX", "MATCH", "VLOOKUP", "XLOOKUP",
	"NPV", "IRR", "PMT", "FV", "PV", "RATE", "RRI",
	"DATE", "YEAR", "MONTH", "DAY", "EDATE",
	"ISBLANK", "ISNUMBER", "ISTEXT", "ISERROR", "ISERR", "ISNA", "ISLOGICAL", "ISEVEN", "ISODD",
	"NA", "IFNA", "CHOOSE", "SWITCH",
	"SIGN", "TRUNC", "MROUND", "CEILING.MATH", "FLOOR.MATH",
	"LARGE", "SMALL", "RANK.EQ", "STDEV.P", "VAR.S", "PERCENTILE", "PERCENTILE.INC", "QUARTILE", "QUARTILE.INC",
	"CORREL", "SLOPE", "INTERCEPT",
	"SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS",
	"VALUE", "SUBSTITUTE", "FIND", "SEARCH", "REPT", "PROPER", "EXACT",
	"EOMONTH", "NETWORKDAYS", "WORKDAY", "YEARFRAC", "DATEDIF", "WEEKDAY", "TODAY", "NOW",
	"XMATCH", "HLOOKUP",
	"XNPV", "XIRR", "NPER", "IPMT", "PPMT", "CUMIPMT", "EFFECT", "NOMINAL", "SLN", "DB",
	"RANGE.LOW", "RANGE.HIGH", "RANGE.MID",
)

// outsideFunctions say what the functions that reach outside the workbook
// would do, for the note of a cell that calls one.
var outsideFunctions = map[string]string{
	"HYPERLINK":    "HYPERLINK opens another site or file",
	"WEBSERVICE":   "WEBSERVICE fetches from the internet",
	"FILTERXML":    "FILTERXML reads XML fetched from outside the workbook",
	"IMAGE":        "IMAGE downloads a picture from the internet",
	"STOCKHISTORY": "STOCKHISTORY fetches from the internet",
	"RTD":          "RTD talks to a program on the computer",
	"DDE":          "DDE starts another program",
	"CALL":         "CALL runs code from a library on the computer",
	"REGISTER":     "REGISTER loads code from a library on the computer",
	"REGISTER.ID":  "REGISTER.ID loads code from a library on the computer",
	"EXEC":         "EXEC starts another program",
	"INFO":         "INFO reads details of the computer",
	"CELL":         "CELL reads the workbook's file path",
	"INDIRECT":     "INDIRECT follows references built from text, which may name another workbook",
	"OFFSET":       "OFFSET builds references as it runs",
	"SQL.REQUEST":  "SQL.REQUEST queries a database outside the workbook",
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// operators are the ones calc computes (the union "," and the intersection
// " " it does not).
var operators = setOf("+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">=", "%")

// cellRefRe is a cell or a rectangle of cells, as calc reads them.
var cellRefRe = regexp.MustCompile(`^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(:\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?$`)

// textReason says why the formula of cell c must reach the workbook as
// text, or "" when it may be live.
func (b *book) textReason(c model.Cell) string {
	toks, ok := formulaTokens(c.Input)
	if !ok {
		return "thesisboard cannot read it"
	}
	for _, t := range toks {
		if t.TSubType != efp.TokenSubTypeText && strings.Contains(t.TValue, "|") {
			return "it is a DDE link, which starts another program"
		}
		switch t.TType {
		case efp.TokenTypeFunction:
			if t.TSubType != efp.TokenSubTypeStart {
				continue
			}
			name := strings.ToUpper(t.TValue)
			bare := strings.TrimPrefix(strings.TrimPrefix(name, "_XLFN."), "_XLWS.")
			if what, ok := outsideFunctions[bare]; ok {
				return what
			}
			if name == "ARRAY" || name == "ARRAYROW" { // efp's names for {…}
				return "thesisboard does not compute array constants {…}"
			}
			if !runnableFunctions[name] {
				return name + " is not a function thesisboard computes"
			}
		case efp.TokenTypeOperand:
			if t.TSubType == efp.TokenSubTypeRange {
				if why := b.refReason(t.TValue); why != "" {
					return why
				}
			}
		case efp.TokenTypeOperatorInfix, efp.TokenTypeOperatorPostfix:
			if !operators[t.TValue] {
				return fmt.Sprintf("the operator %q is not one thesisboard computes", t.TValue)
			}
		case efp.TokenTypeOperatorPrefix, efp.TokenTypeSubexpression, efp.TokenTypeArgument:
		default:
			return fmt.Sprintf("thesisboard cannot read %q in it", t.TValue)
		}
	}
	if !b.parses(c) {
		return "thesisboard cannot read it"
	}
	return ""
}

// refReason says why a reference, as efp gives it (quotes off the sheet
// name), may not be in a live formula, or "" when it names cells of a
// section of the analysis.
func (b *book) refReason(ref string) string {
	sheet, addr := "", ref
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		sheet, addr = strings.Trim(ref[:i], "'"), ref[i+1:]
	}
	if sheet != "" {
		if _, ok := b.workbookSheet(sheet); !ok {
			if strings.ContainsAny(sheet, `[]\/`) || strings.Contains(strings.ToLower(sheet), ".xl") {
				return "it reads another workbook, which Excel would open"
			}
			return fmt.Sprintf("it reads a sheet, %q, that the analysis does not have", sheet)
		}
	}
	from, to, _ := strings.Cut(addr, ":")
	if !cellRefRe.MatchString(addr) || !isAddr(from) || to != "" && !isAddr(to) {
		return fmt.Sprintf("%q is not a cell thesisboard reads", ref)
	}
	return ""
}

// isAddr reports whether addr is a cell within a sheet's limits: Excel
// refuses to open a workbook with a formula that reads past them.
func isAddr(addr string) bool {
	_, _, err := model.ParseAddr(addr)
	return err == nil
}

// parses reports whether calc reads the formula of c. Only a formula whose
// value is an error (or that was never computed: its value is its text) can
// have failed to parse; the error may come from a cell it reads, though, so
// such a formula is parsed again, on its own, on a scratch analysis where a
// syntax error can be nobody else's.
func (b *book) parses(c model.Cell) bool {
	if c.Value.Kind != model.KindError && (c.Value.Kind != model.KindText || c.Value.Text != c.Input) {
		return true
	}
	if b.scratch == nil {
		b.scratch = calc.NewEngine(&model.Analysis{Sections: []model.Section{{ID: "scratch", Title: "scratch"}}})
	}
	if err := b.scratch.Apply(model.Op{Kind: model.OpSetCell, Sheet: "scratch", Cell: "A1", Input: c.Input}); err != nil {
		return false
	}
	v := b.scratch.Analysis().Sections[0].Cells[0][0].Value
	return v.Kind != model.KindError || v.Text != calc.ErrSyntax
}

// textNote is the note of a formula cell written as text.
func textNote(why string, c model.Cell) string {
	return fmt.Sprintf("Written as text, not as a formula: %s, so Excel does not run it. thesisboard shows %s here.",
		why, model.Display(c.Value, c.Format))
}

// workbookSheet is the workbook's name for the section a formula calls ref
// (its id or its title, as calc reads them).
func (b *book) workbookSheet(ref string) (string, bool) {
	if name, found := b.sheetOf[ref]; found {
		return name, true
	}
	name, found := b.sheetOf[strings.ToLower(ref)]
	return name, found
}

// formula is input, written on section on, for the workbook: sheet names as
// the workbook spells them, and the bounds of the ranges RANGE.* functions
// read as numbers (see calc.ForExcel). It is false when a call is left that
// Excel lacks.
func (b *book) formula(input string, on *model.Section) (string, bool) {
	return calc.ForExcel(input, func(ref string) string {
		if name, found := b.workbookSheet(ref); found {
			return name
		}
		return ref
	}, func(ref string) (lo, hi float64, ok bool) {
		s, r, c, _, _, found := b.refArea(ref, on)
		if !found || strings.Contains(ref, ":") {
			return 0, 0, false
		}
		return s.Cell(r, c).Value.Bounds()
	})
}

func (b *book) sectionByTitle(title string) *model.Section {
	for i := range b.a.Sections {
		if strings.EqualFold(b.a.Sections[i].Title, title) {
			return &b.a.Sections[i]
		}
	}
	return nil
}
