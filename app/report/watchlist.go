package report

import (
	"fmt"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

// watch column meanings, matched against a table's headings by the words
// reports use for them.
const (
	colCode = iota
	colStockCode
	colName
	colPrice
	colChange
	colTheme
	colReason
	colMarket
	nWatchCols
)

var watchHeadings = [nWatchCols][]string{
	colCode:      {"code", "ticker", "symbol"},
	colStockCode: {"stock code", "stock_code", "exchange code", "ric"},
	colName:      {"stock name", "name", "company"},
	colPrice:     {"last price", "price", "last", "close"},
	colChange:    {"last change", "change %", "change", "chg", "% change", "pct change"},
	colTheme:     {"theme", "sector"},
	colReason:    {"inclusion reason", "reason", "why"},
	colMarket:    {"market_code", "market code", "market"},
}

// watchColumns maps each meaning to a column of the heading row, or returns
// nil when the table is not a ticker table (it needs a code, and a price or a
// change).
func watchColumns(head []string) []int {
	cols := make([]int, nWatchCols)
	for i := range cols {
		cols[i] = -1
	}
	used := map[int]bool{}
	// Longer names first, so "stock code" is not taken for "code".
	for pass := 0; pass < 2; pass++ {
		for m, names := range watchHeadings {
			if cols[m] >= 0 {
				continue
			}
			for c, h := range head {
				h = strings.ToLower(strings.TrimSpace(h))
				if used[c] {
					continue
				}
				for _, n := range names {
					if (pass == 0 && h == n) || (pass == 1 && strings.Contains(h, n)) {
						cols[m], used[c] = c, true
						break
					}
				}
				if cols[m] >= 0 {
					break
				}
			}
		}
	}
	if cols[colCode] < 0 && cols[colStockCode] >= 0 {
		cols[colCode] = cols[colStockCode]
	}
	if cols[colCode] < 0 || (cols[colPrice] < 0 && cols[colChange] < 0) {
		return nil
	}
	return cols
}

func (p *parser) watchlist(rows [][]string, cols []int) {
	get := func(row []string, m int) string {
		if c := cols[m]; c >= 0 && c < len(row) {
			return strings.TrimSpace(row[c])
		}
		return ""
	}
	num := func(row []string, m int, r int) float64 {
		s := strings.TrimSuffix(strings.ReplaceAll(get(row, m), ",", ""), "%")
		if s == "" {
			return 0
		}
		n, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
		if err != nil {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("watchlist row %d: %q is not a number", r, get(row, m)))
		}
		return n
	}
	for r, row := range rows[1:] {
		code := get(row, colCode)
		if code == "" {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("watchlist row %d has no ticker code", r+1))
			continue
		}
		w := model.WatchRow{
			Code:       strings.ToUpper(code),
			StockCode:  get(row, colStockCode),
			Name:       get(row, colName),
			LastPrice:  num(row, colPrice, r+1),
			ChangePct:  num(row, colChange, r+1),
			Theme:      get(row, colTheme),
			Reason:     get(row, colReason),
			MarketCode: get(row, colMarket),
		}
		if err := model.Apply(p.a, model.Op{Kind: model.OpAddWatch, Watch: &w}); err != nil {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("watchlist row %d: %s", r+1, model.ErrorMessage(err)))
			continue
		}
		p.res.Found.Watchlist++
	}
}
