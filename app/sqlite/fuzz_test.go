package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
	"thesisboard/exports/xlsx"
)

// hostileInputs are cell inputs that once broke the server or an analysis:
// numbers past a float64, text at the cell limit, formulas that double text,
// sweep huge ranges or overflow, and ordinary ones between them.
var hostileInputs = []string{
	strings.Repeat("9", 300) + "T",
	"$" + strings.Repeat("9", 300) + "B",
	strings.Repeat("x", model.MaxTextLen),
	"=A2&A2",
	"=B2&B2&B2&B2",
	"=REPT(A2,1000)",
	"=SUM(A1:A65536)+SUM(B1:B65536)+SUM(C1:C65536)+SUM(D1:D65536)",
	"=SUM(A:A)",
	"=1E308*10",
	"=10^400",
	"=-2^2",
	"=A2/0",
	"=B3",
	"$1.2–$1.4B",
	"21-to-1",
	"<5 ms",
	"17.9",
	"",
	"=A1",
	"=1/(1-1)",
}

// opFrom makes one op from the next bytes of data, advancing it.
func opFrom(data *[]byte, sheets []string) model.Op {
	next := func() int {
		if len(*data) == 0 {
			return 0
		}
		b := (*data)[0]
		*data = (*data)[1:]
		return int(b)
	}
	sheet := sheets[next()%len(sheets)]
	switch next() % 10 {
	case 0:
		return model.Op{Kind: model.OpInsertRow, Sheet: sheet, Row: 2 + next()%6}
	case 1:
		return model.Op{Kind: model.OpDeleteRow, Sheet: sheet, Row: 2 + next()%6}
	case 2:
		return model.Op{Kind: model.OpInsertCol, Sheet: sheet, Col: 1 + next()%5}
	case 3:
		return model.Op{Kind: model.OpDeleteCol, Sheet: sheet, Col: 2 + next()%4}
	case 4:
		return model.Op{Kind: model.OpSetThesis, Field: model.ThesisFields[next()%len(model.ThesisFields)], Text: hostileInputs[next()%len(hostileInputs)]}
	case 5:
		price := []float64{0, -1, 1e308, 5.05}[next()%4]
		return model.Op{Kind: model.OpAddWatch, Watch: &model.WatchRow{Code: "T" + strconv.Itoa(next()%8), LastPrice: price, ChangePct: price}}
	case 6:
		return model.Op{Kind: model.OpRemoveWatch, Code: "T" + strconv.Itoa(next()%8)}
	}
	cell := model.Addr(1+next()%8, next()%5)
	return model.Op{Kind: model.OpSetCell, Sheet: sheet, Cell: cell, Input: hostileInputs[next()%len(hostileInputs)]}
}

// FuzzOps applies op sequences made from the fuzzer's bytes to the sample
// analysis, hostile inputs among them. After each acknowledged op the
// analysis reads back, encodes as JSON and exports as a workbook; after the
// sequence, the store reopened from its file gives the same analysis.
func FuzzOps(f *testing.F) {
	for _, seed := range []string{
		"\x00\x07\x00\x00\x03",
		"\x00\x07\x01\x00\x02\x00\x07\x01\x00\x03\x00\x07\x02\x00\x04\x00\x07\x03\x00\x04",
		"\x01\x09\x02\x01\x06\x01\x09\x03\x01\x06\x01\x09\x01\x00\x0b",
		"\x00\x04\x01\x02\x00\x05\x00\x02\x00\x05\x01\x03\x00\x06\x00",
		"\x02\x00\x03\x02\x02\x02\x09\x04\x02\x0d\x02\x01\x05\x02\x09\x04\x01\x13",
		"\x00\x09\x00\x00\x00\x00\x09\x01\x00\x08\x00\x09\x02\x00\x09\x00\x09\x03\x00\x07",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 400 {
			data = data[:400]
		}
		ctx := context.Background()
		dir := t.TempDir()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.Create(ctx, sample.Lumen(time.Date(2025, 8, 25, 0, 0, 0, 0, time.UTC)))
		if err != nil {
			t.Fatal(err)
		}
		var sheets []string
		for _, sec := range a.Sections {
			sheets = append(sheets, sec.ID)
		}
		var last []byte
		for i := 0; len(data) > 0 && i < 40; i++ {
			op := opFrom(&data, sheets)
			if _, err := s.Apply(ctx, a.ID, op, "fuzz"); err != nil {
				if model.ErrorCode(err) == model.EINTERNAL {
					t.Fatalf("op %d %+v: %v", i, op, err)
				}
				continue // refused: nothing changed
			}
			got, err := s.Get(ctx, a.ID)
			if err != nil {
				t.Fatalf("after op %d %+v the analysis does not read: %v", i, op, err)
			}
			if last, err = json.Marshal(got); err != nil {
				t.Fatalf("after op %d %+v the analysis does not encode: %v", i, op, err)
			}
			if err := xlsx.Write(io.Discard, got); err != nil {
				t.Fatalf("after op %d %+v the analysis does not export: %v", i, op, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		got, err := s.Get(ctx, a.ID)
		if err != nil {
			t.Fatalf("reopened, the analysis does not read: %v", err)
		}
		again, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if last != nil && !bytes.Equal(normalTimes(t, again), normalTimes(t, last)) {
			t.Errorf("reopened, the analysis differs from what was acknowledged")
		}
	})
}

// normalTimes drops the created and updated times from an encoded
// analysis, which a reopened store reads back at a different precision.
func normalTimes(t *testing.T, b []byte) []byte {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "created")
	delete(m, "updated")
	out, _ := json.Marshal(m)
	return out
}
