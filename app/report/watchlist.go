package report

import (
	"fmt"
	"strings"

	"thesisboard/app/model"
)

func (p *parser) watchlist(rows [][]string, cols []int) {
	for r, row := range rows[1:] {
		w, problems := model.WatchRowFrom(row, cols)
		if len(problems) > 0 {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("watchlist row %d: %s", r+1, strings.Join(problems, "; ")))
		}
		if w.Code == "" {
			continue
		}
		if err := model.Apply(p.a, model.Op{Kind: model.OpAddWatch, Watch: &w}); err != nil {
			p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("watchlist row %d: %s", r+1, model.ErrorMessage(err)))
			continue
		}
		p.res.Found.Watchlist++
	}
}
