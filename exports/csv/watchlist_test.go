package csv

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

func TestWatchlistRoundTrip(t *testing.T) {
	rows := sample.Lumen(time.Now()).Watchlist
	rows = append(rows, model.WatchRow{Code: "EVIL", Name: "=HYPERLINK(\"http://x\")", Theme: "+cmd", Reason: "@SUM(1)", MarketCode: "-1", LastPrice: 1, ChangePct: -0.5})
	var buf bytes.Buffer
	if err := WriteWatchlist(&buf, rows); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{",=HYPERLINK", ",+cmd", ",@SUM", ",-1\n"} {
		if strings.Contains(out, bad) {
			t.Errorf("CSV holds %q unneutralized:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "MSTR,MSTR.O,Strategy,348.32,-2.739229,,,185\n") || !strings.Contains(out, "CANG,CANG.N,Cango,5.05,3.061224,") {
		t.Errorf("numbers must stay numbers:\n%s", out)
	}
	got, skipped, err := ReadWatchlist(&buf)
	if err != nil || len(skipped) != 0 {
		t.Fatalf("read: %v %q", err, skipped)
	}
	// Numbers come back as written: to 12 significant digits.
	for i := range rows {
		for _, f := range []*float64{&rows[i].LastPrice, &rows[i].ChangePct} {
			*f, _ = strconv.ParseFloat(num(*f), 64)
		}
	}
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("round trip changed the rows:\n got %+v\nwant %+v", got, rows)
	}
}

func TestReadWatchlistByMeaning(t *testing.T) {
	in := "\ufeffTicker;Company;Price;Chg %\n"
	in = strings.ReplaceAll(in, ";", ",") + "glw,Corning,48.2,+1.25%\nXX,Bad,abc,1\n,NoCode,1,1\n"
	rows, skipped, err := ReadWatchlist(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (model.WatchRow{Code: "GLW", Name: "Corning", LastPrice: 48.2, ChangePct: 1.25}) {
		t.Errorf("rows = %+v", rows)
	}
	if len(skipped) != 2 || !strings.Contains(skipped[0], "line 3") || !strings.Contains(skipped[1], "no ticker code") {
		t.Errorf("skipped = %q", skipped)
	}
}

func TestReadWatchlistRejects(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"no columns":  "a,b\n1,2\n",
		"bad quoting": "code,price\n\"GLW,1\n",
		"too many":    "code,price\n" + strings.Repeat("A,1\n", MaxRows+1),
	} {
		if _, _, err := ReadWatchlist(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		} else if c := model.ErrorCode(err); c != model.EINVALID && c != model.ETOOLARGE {
			t.Errorf("%s: code %s", name, c)
		}
	}
}

// TestNumbersAsTyped writes numbers without the noise of binary fractions
// and without exponents.
func TestNumbersAsTyped(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{3.0612239999999997, "3.061224"},
		{-1.696108, "-1.696108"},
		{314.425, "314.425"},
		{0.1 + 0.2, "0.3"},
		{1e21, "1000000000000000000000"},
		{0.000012, "0.000012"},
		{0, "0"},
	} {
		if got := num(c.in); got != c.want {
			t.Errorf("num(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
