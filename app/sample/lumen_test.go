package sample

import (
	"testing"
	"time"

	"thesisboard/app/model"
)

// TestLumenFigures checks that the figures the seed documents give come out of
// the sample typed, with the right value and unit.
func TestLumenFigures(t *testing.T) {
	a := Lumen(time.Now())
	tests := []struct {
		sheet, cell string
		kind        string
		num         float64
		low, high   float64
		unit        string
		display     string
	}{
		{"fiber-network", "B2", model.KindNumber, 20000, 0, 0, "miles", "20,000 miles"},
		{"fiber-network", "B3", model.KindRange, 0, 800, 1700, "strands", "800–1,700 strands"},
		{"fiber-network", "B4", model.KindNumber, 5, 0, 0, "ms", "<5 ms"},
		{"fiber-network", "B5", model.KindNumber, 1000, 0, 0, "customers", ">=1,000 customers"},
		{"fiber-network", "B6", model.KindNumber, 400, 0, 0, "Gbps", "400 Gbps"},
		{"financial-health", "B2", model.KindNumber, 18.3e9, 0, 0, "USD", "$18.3B"},
		{"financial-health", "B3", model.KindRange, 0, 1.2e9, 1.4e9, "USD", "$1.2–$1.4B"},
		{"financial-health", "B4", model.KindNumber, -0.18, 0, 0, "", "-0.18 (distress zone)"},
		{"financial-health", "B5", model.KindNumber, 2e9, 0, 0, "USD", "$2B"},
		{"market-sentiment", "B2", model.KindNumber, 21, 0, 0, "", "21:1"},
		{"market-sentiment", "B3", model.KindNumber, 0.14, 0, 0, "", "14%"},
		{"market-sentiment", "B4", model.KindNumber, 0.18, 0, 0, "", "18%"},
		{"ai-demand", "B2", model.KindNumber, 5e9, 0, 0, "USD", "$5B"},
		{"ai-demand", "B3", model.KindNumber, 7e9, 0, 0, "USD", "$7B"},
		{"ai-demand", "B4", model.KindNumber, 0.9305, 0, 0, "", "93.05%"},
		{"ai-demand", "B5", model.KindNumber, 0.0104, 0, 0, "", "1.04%"},
		{"ai-demand", "B6", model.KindNumber, 0.10, 0, 0, "", "10%"},
	}
	for _, tt := range tests {
		s := a.Section(tt.sheet)
		if s == nil {
			t.Fatalf("no section %q", tt.sheet)
		}
		r, c, _ := model.ParseAddr(tt.cell)
		cell := s.Cell(r, c)
		v := cell.Value
		if v.Kind != tt.kind || !near(v.Num, tt.num) || !near(v.Low, tt.low) || !near(v.High, tt.high) || v.Unit != tt.unit {
			t.Errorf("%s!%s = %+v, want kind %s num %v low %v high %v unit %q", tt.sheet, tt.cell, v, tt.kind, tt.num, tt.low, tt.high, tt.unit)
		}
		if got := model.Display(v, cell.Format); got != tt.display {
			t.Errorf("%s!%s shows %q, want %q", tt.sheet, tt.cell, got, tt.display)
		}
		if cell.Source == 0 || a.Reference(cell.Source) == nil {
			t.Errorf("%s!%s has source %d, want a listed reference", tt.sheet, tt.cell, cell.Source)
		}
	}
	wantWatch := []struct {
		code  string
		price float64
		chg   float64
		mkt   string
	}{
		{"CANG", 5.05, 3.06, "169"}, {"BTCM", 3.13, -0.32, "169"}, {"CAN", 0.7419, -1.38, "185"},
		{"COIN", 314.425, -1.70, "185"}, {"HUT", 22.9401, -1.84, "185"}, {"RIOT", 12.975, -1.85, "186"},
		{"BTDR", 13.09, -1.95, "186"}, {"BTBT", 2.82, -2.08, "186"}, {"FLD", 3.67, -2.39, "186"},
		{"MSTR", 348.32, -2.74, "185"},
	}
	if len(a.Watchlist) != len(wantWatch) {
		t.Fatalf("watchlist has %d rows, want %d", len(a.Watchlist), len(wantWatch))
	}
	for i, w := range wantWatch {
		got := a.Watchlist[i]
		if got.Code != w.code || got.LastPrice != w.price || !near(round2(got.ChangePct), w.chg) || got.MarketCode != w.mkt {
			t.Errorf("watchlist[%d] = %+v, want %+v", i, got, w)
		}
	}
	for _, sr := range a.Series {
		for _, p := range sr.Points {
			s := a.Section(p.Sheet)
			r, c, err := model.ParseAddr(p.Cell)
			if s == nil || err != nil {
				t.Fatalf("series %s points at %s!%s, which does not exist", sr.ID, p.Sheet, p.Cell)
			}
			if _, ok := s.Cell(r, c).Value.Number(); !ok {
				t.Errorf("series %s point %s!%s is not numeric", sr.ID, p.Sheet, p.Cell)
			}
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-9*max(1, abs(b)) && -d < 1e-9*max(1, abs(b))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func round2(x float64) float64 {
	if x < 0 {
		return -round2(-x)
	}
	return float64(int64(x*100+0.5)) / 100
}
