package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// sampleWorkbook is a valid workbook to damage.
func sampleWorkbook(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, sample.Lumen(time.Now())); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rewriteZip copies a zip, passing each part through edit.
func rewriteZip(t *testing.T, data []byte, edit func(name, body string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		io.WriteString(w, edit(f.Name, string(body)))
	}
	zw.Close()
	return out.Bytes()
}

// zipBomb is a small zip whose one part unpacks to more than the limit.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range UnzipSizeLimit>>20 + 8 {
		w.Write(chunk)
	}
	zw.Close()
	return out.Bytes()
}

func TestHostileWorkbooks(t *testing.T) {
	good := sampleWorkbook(t)
	sheet := "xl/worksheets/sheet3.xml" // Partners
	damaged := false
	tests := []struct {
		name string
		data []byte
		code model.Code
		want string
	}{
		{"not a zip", []byte("hello, this is not a workbook"), model.EINVALID, "not an .xlsx"},
		{"encrypted", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), model.EINVALID, "encrypted"},
		{"truncated zip", good[:len(good)/2], model.EINVALID, ""},
		{"zip bomb", zipBomb(t), model.ETOOLARGE, "unpacks to more than"},
		{"row 2147483647", rewriteZip(t, good, func(name, body string) string {
			if name != sheet {
				return body
			}
			return strings.Replace(body, `<row r="2"`, `<row r="2147483647"`, 1)
		}), model.EINVALID, ""},
		{"negative shared string", rewriteZip(t, good, func(name, body string) string {
			// The Thesis sheet's text is in the shared strings (the
			// streamed sheets' is inline).
			i := strings.Index(body, `t="s"><v>`)
			if !strings.HasPrefix(name, "xl/worksheets/") || i < 0 || damaged {
				return body
			}
			damaged = true
			j := i + len(`t="s"><v>`)
			k := strings.Index(body[j:], "<")
			return body[:j] + "-1" + body[j+k:]
		}), "", ""},
	}
	if !damaged {
		t.Fatal("no shared string cell to damage")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), tt.data)
			if tt.code == "" {
				// Some damage excelize reads around; what matters is an
				// answer, not a crash.
				if err != nil && model.ErrorCode(err) != model.EINVALID {
					t.Fatalf("error %v", err)
				}
				if err == nil && res.Analysis == nil {
					t.Fatal("no analysis and no error")
				}
				return
			}
			if err == nil {
				t.Fatalf("read a %s without error", tt.name)
			}
			if got := model.ErrorCode(err); got != tt.code || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q (%s), want %s containing %q", err, got, tt.code, tt.want)
			}
		})
	}
}

func TestWorkbookLimits(t *testing.T) {
	build := func(rows, cols int) []byte {
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		for r := 1; r <= rows; r++ {
			row := make([]any, cols)
			for c := range row {
				row[c] = r
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			sw.SetRow(cell, row)
		}
		sw.Flush()
		var buf bytes.Buffer
		f.WriteTo(&buf)
		return buf.Bytes()
	}
	if _, err := Read(context.Background(), build(3, MaxColumns+1)); model.ErrorCode(err) != model.ETOOLARGE || !strings.Contains(err.Error(), strconv.Itoa(MaxColumns)) {
		t.Errorf("too many columns: %v", err)
	}
	if _, err := Read(context.Background(), build(MaxRows+1, 1)); model.ErrorCode(err) != model.ETOOLARGE || !strings.Contains(err.Error(), "rows") {
		t.Errorf("too many rows: %v", err)
	}
	res, err := Read(context.Background(), build(10, 3))
	if err != nil || len(res.Analysis.Sections) != 1 || res.Analysis.Sections[0].Cell(9, 2).Value.Num != 10 {
		t.Errorf("a plain workbook: %+v, %v", res, err)
	}
}
