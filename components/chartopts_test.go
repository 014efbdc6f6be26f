package components

import (
	"encoding/json"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

type option struct {
	XAxis []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	Series []struct {
		Name  string `json:"name"`
		Stack string `json:"stack"`
		Data  []struct {
			Value     any `json:"value"`
			ItemStyle *struct {
				Color string `json:"color"`
			} `json:"itemStyle"`
		} `json:"data"`
	} `json:"series"`
}

func parse(t *testing.T, s string) option {
	t.Helper()
	var o option
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, s)
	}
	return o
}

func TestDebtFCFOptionFollowsCells(t *testing.T) {
	a := sample.Lumen(time.Now())
	o := parse(t, DebtFCFOption(a))
	if len(o.Series) != 3 || o.Series[0].Name != "Total debt" || o.Series[0].Data[0].Value != 18.3 {
		t.Fatalf("series = %+v", o.Series)
	}
	if o.Series[1].Stack != "fcf" || o.Series[1].Data[0].Value != 1.2 || o.Series[2].Data[0].Value != 0.2 {
		t.Errorf("FCF range drawn as %+v / %+v, want base 1.2 and span 0.2", o.Series[1].Data, o.Series[2].Data)
	}
	if err := model.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B2", Input: "17.9"}); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, DebtFCFOption(a)).Series[0].Data[0].Value; got != 17.9 {
		t.Errorf("debt after edit = %v, want 17.9", got)
	}
}

func TestMovesOptionColoursBySign(t *testing.T) {
	o := parse(t, MovesOption(sample.Lumen(time.Now()).Watchlist))
	if len(o.XAxis[0].Data) != 10 || o.XAxis[0].Data[0] != "CANG" {
		t.Fatalf("x axis = %v", o.XAxis)
	}
	d := o.Series[0].Data
	if d[0].Value != 3.06 || d[0].ItemStyle.Color != colorUp || d[9].Value != -2.74 || d[9].ItemStyle.Color != colorDown {
		t.Errorf("bars = %+v %+v", d[0], d[9])
	}
}

func TestRelativeOption(t *testing.T) {
	o := parse(t, RelativeOption(sample.Lumen(time.Now())))
	if o.XAxis[0].Data[0] != "LUMN" || o.Series[0].Data[0].Value != 93.05 || o.Series[0].Data[1].Value != 1.04 {
		t.Errorf("relative = %+v %+v", o.XAxis, o.Series)
	}
}
