package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Watchlist column meanings, in the order of the research report's ticker
// table. Importers (reports, CSV, workbooks) match a heading row to them by
// the words people use.
const (
	WatchCode = iota
	WatchStockCode
	WatchName
	WatchPrice
	WatchChange
	WatchTheme
	WatchReason
	WatchMarket
	watchColumnCount
)

// WatchHeadings are the headings thesisboard writes for the watchlist.
var WatchHeadings = []string{"Code", "Stock code", "Name", "Last price", "Change %", "Theme", "Inclusion reason", "Market code"}

var watchWords = [watchColumnCount][]string{
	WatchCode:      {"code", "ticker", "symbol"},
	WatchStockCode: {"stock code", "stock_code", "exchange code", "ric"},
	WatchName:      {"stock name", "name", "company"},
	WatchPrice:     {"last price", "price", "last", "close"},
	WatchChange:    {"last change", "change %", "change", "chg", "% change", "pct change"},
	WatchTheme:     {"theme", "sector"},
	WatchReason:    {"inclusion reason", "reason", "why"},
	WatchMarket:    {"market_code", "market code", "market"},
}

// WatchColumns maps each meaning to a column of head (-1 when absent), or
// returns nil when head is not a ticker table's: it needs a code, and a price
// or a change.
func WatchColumns(head []string) []int {
	cols := make([]int, watchColumnCount)
	for i := range cols {
		cols[i] = -1
	}
	used := map[int]bool{}
	// Exact names first, so "stock code" is not taken for "code".
	for pass := 0; pass < 2; pass++ {
		for m, names := range watchWords {
			if cols[m] >= 0 {
				continue
			}
		next:
			for c, h := range head {
				h = strings.ToLower(strings.TrimSpace(h))
				if used[c] {
					continue
				}
				for _, n := range names {
					if (pass == 0 && h == n) || (pass == 1 && strings.Contains(h, n)) {
						cols[m], used[c] = c, true
						break next
					}
				}
			}
		}
	}
	if cols[WatchCode] < 0 && cols[WatchStockCode] >= 0 {
		cols[WatchCode] = cols[WatchStockCode]
	}
	if cols[WatchCode] < 0 || (cols[WatchPrice] < 0 && cols[WatchChange] < 0) {
		return nil
	}
	return cols
}

// WatchRowFrom reads one row of a ticker table whose columns WatchColumns
// matched. Prices and changes may carry separators, a sign or a percent
// sign; what does not read as a number is returned as a problem, in words.
func WatchRowFrom(row []string, cols []int) (WatchRow, []string) {
	var problems []string
	get := func(m int) string {
		if c := cols[m]; c >= 0 && c < len(row) {
			return strings.TrimSpace(row[c])
		}
		return ""
	}
	num := func(m int, what string) float64 {
		raw := get(m)
		s := strings.TrimPrefix(strings.TrimSuffix(strings.ReplaceAll(raw, ",", ""), "%"), "+")
		if s == "" {
			return 0
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			problems = append(problems, fmt.Sprintf("%s %q is not a number", what, raw))
			return 0
		}
		return n
	}
	w := WatchRow{
		Code:       strings.ToUpper(get(WatchCode)),
		StockCode:  get(WatchStockCode),
		Name:       get(WatchName),
		LastPrice:  num(WatchPrice, "last price"),
		ChangePct:  num(WatchChange, "change"),
		Theme:      get(WatchTheme),
		Reason:     get(WatchReason),
		MarketCode: get(WatchMarket),
	}
	if w.Code == "" {
		problems = append(problems, "no ticker code")
	}
	return w, problems
}
