// Package sample holds the analysis a new thesisboard server starts with: the
// Lumen Technologies thesis, written for this project from the figures of a
// deep-research report and a news article about the company.
package sample

import (
	"time"

	"thesisboard/app/model"
)

// Reference numbers. 1 to 26 follow the research report's own numbering; 27 is
// the news article.
const (
	refPartners  = 1
	refNaaS      = 2
	refOptions   = 3
	refNotesDeal = 4
	refMetro     = 11
	refTax       = 22
	refCashFlow  = 23
	refArticle   = 27
)

// Lumen returns a fresh copy of the sample analysis. Its ID and version are
// zero; the store assigns them.
func Lumen(now time.Time) *model.Analysis {
	a := &model.Analysis{
		Title:   "Lumen: fiber for the AI build-out",
		Company: "Lumen Technologies",
		Ticker:  "LUMN",
		AsOf:    "2025-08-25",
		Thesis: model.Thesis{
			Question:   "Could Lumen's fiber network turn into a backbone for AI workloads?",
			Verdict:    "Yes",
			Conviction: "High",
			Summary: "Lumen is laying 20,000 new route miles of dense fiber, sells capacity as a " +
				"service to more than a thousand NaaS customers and has hyperscaler partners " +
				"(Microsoft, IBM, AWS, Google Cloud). New AI orders of $5B, with $7B more under " +
				"negotiation, back the view; the research weighs 26 numbered sources. The " +
				"balance sheet is the counterweight.",
			Risks: []string{
				"Debt of $18.3B against free cash flow guidance of $1.2–$1.4B for 2025.",
				"An Altman Z-score of -0.18 places the company in the distress zone.",
				"Heavy capital spending while operating cash flow declines.",
				"Part of the 93% rally came from short covering and may not hold.",
				"Building the network on time depends on reserved Corning fiber supply.",
			},
		},
		References: []model.Reference{
			{Num: refPartners, Title: "Microsoft and IBM partnerships on low-latency edge networks; 20,000-mile fiber build; debt load", AsOf: "2025-08-25"},
			{Num: refNaaS, Title: "Network-as-a-Service platform passes 1,000 customers", AsOf: "2025-08-25"},
			{Num: refOptions, Title: "Options activity before earnings (21 calls per put); Altman Z-score", AsOf: "2025-08-25"},
			{Num: refNotesDeal, Title: "$2B notes transaction to cut borrowing costs and push out maturities", AsOf: "2025-08-25"},
			{Num: refMetro, Title: "400Gbps connectivity across major metro markets", AsOf: "2025-08-25"},
			{Num: refTax, Title: "Tax benefits supporting cash flow", AsOf: "2025-08-25"},
			{Num: refCashFlow, Title: "Raised 2025 free cash flow outlook and narrower loss", AsOf: "2025-08-25"},
			{Num: refArticle, Title: "News: Lumen's AI orders and share-price surge (Hard AI)", AsOf: "2025-08-25"},
		},
		Created: now,
		Updated: now,
	}
	a.Sections = []model.Section{
		section("fiber-network", "Fiber network", "The physical network AI customers would buy capacity on.",
			[]string{"Metric", "Value", "Period"},
			row(refPartners, "New high-density fiber", "20,000 miles", "2025"),
			row(refPartners, "Glass strands per cable", "800–1,700 strands", ""),
			row(refPartners, "Edge latency target", "<5 ms", ""),
			row(refNaaS, "NaaS customers", "1,000+ customers", "2025"),
			row(refMetro, "Metro connectivity", "400 Gbps", ""),
		),
		section("partners", "Partners", "Who Lumen builds with, and for what.",
			[]string{"Partner", "Role"},
			row(refPartners, "Microsoft & IBM", "Building AI infrastructure together"),
			row(refPartners, "AWS, Google Cloud", "Cloud on-ramps for enterprise traffic"),
			row(refArticle, "Microsoft (July deal)", "Uses Lumen transport between data centres; Lumen buys Microsoft cloud tools"),
			row(refArticle, "Corning", "Holds 10% of global fiber component capacity for Lumen for two years"),
		),
		section("financial-health", "Financial health", "Leverage and cash generation: the main counterweight to the thesis.",
			[]string{"Metric", "Value", "Period"},
			row(refPartners, "Total debt", "$18.3B", "2025"),
			row(refCashFlow, "Free cash flow guidance", "$1.2–$1.4B", "2025"),
			row(refOptions, "Altman Z-score", "-0.18 (distress zone)", "2025"),
			row(refNotesDeal, "Notes deal", "$2B", "2025"),
		),
		section("market-sentiment", "Market sentiment", "How traders were positioned around the AI news.",
			[]string{"Signal", "Value", "Period"},
			row(refOptions, "Options call/put ratio", "21-to-1", "2025"),
			row(refArticle, "Short interest, LUMN", "14%", "2025"),
			row(refArticle, "Short interest, SATS", "18%", "2025"),
			row(0, "AI market outlook", "Expected to grow very fast", ""),
		),
		section("ai-demand", "AI demand and the share price", "Figures from the news coverage of the AI orders.",
			[]string{"Fact", "Value", "Period"},
			row(refArticle, "New AI business orders", "$5B", "2025"),
			row(refArticle, "Further AI sales under negotiation", "$7B", "2025"),
			row(refArticle, "LUMN share move", "93.05%", "2025"),
			row(refArticle, "S&P 500 over the same period", "1.04%", "2025"),
			row(refArticle, "Corning fiber capacity reserved", "10%", "2 years"),
		),
	}
	a.Series = []model.Series{
		{ID: "debt", Title: "Total debt", Points: []model.SeriesPoint{{Period: "2025", Sheet: "financial-health", Cell: "B2"}}},
		{ID: "fcf", Title: "Free cash flow (guidance)", Points: []model.SeriesPoint{{Period: "2025", Sheet: "financial-health", Cell: "B3"}}},
		{ID: "relative", Title: "LUMN vs S&P 500", Points: []model.SeriesPoint{
			{Period: "LUMN", Sheet: "ai-demand", Cell: "B4"},
			{Period: "S&P 500", Sheet: "ai-demand", Cell: "B5"},
		}},
	}
	a.Watchlist = []model.WatchRow{
		{Code: "CANG", StockCode: "CANG.N", Name: "Cango", LastPrice: 5.05, ChangePct: 3.0612239999999997, MarketCode: "169"},
		{Code: "BTCM", StockCode: "BTCM.N", Name: "BIT Mining", LastPrice: 3.13, ChangePct: -0.318471, MarketCode: "169"},
		{Code: "CAN", StockCode: "CAN.O", Name: "Canaan", LastPrice: 0.7419, ChangePct: -1.3824269999999999, MarketCode: "185"},
		{Code: "COIN", StockCode: "COIN.O", Name: "Coinbase Global", LastPrice: 314.425, ChangePct: -1.696108, MarketCode: "185"},
		{Code: "HUT", StockCode: "HUT.O", Name: "Hut 8", LastPrice: 22.9401, ChangePct: -1.839538, MarketCode: "185"},
		{Code: "RIOT", StockCode: "RIOT.O", Name: "Riot Platforms", LastPrice: 12.975, ChangePct: -1.8532529999999998, MarketCode: "186"},
		{Code: "BTDR", StockCode: "BTDR.O", Name: "Bitdeer", LastPrice: 13.09, ChangePct: -1.947566, MarketCode: "186"},
		{Code: "BTBT", StockCode: "BTBT.O", Name: "Bit Digital", LastPrice: 2.82, ChangePct: -2.083333, MarketCode: "186"},
		{Code: "FLD", StockCode: "FLD.O", Name: "Fold Holdings", LastPrice: 3.67, ChangePct: -2.393617, MarketCode: "186"},
		{Code: "MSTR", StockCode: "MSTR.O", Name: "Strategy", LastPrice: 348.32, ChangePct: -2.739229, MarketCode: "185"},
	}
	return a
}

type sampleRow struct {
	source int
	inputs []string
}

func row(source int, inputs ...string) sampleRow { return sampleRow{source, inputs} }

// section builds a grid from headings and rows, typing each input the way a
// person's edit would be typed, and crediting the value cells (column B on) to
// the row's reference.
func section(id, title, note string, headings []string, rows ...sampleRow) model.Section {
	s := model.Section{ID: id, Title: title, Note: note}
	s.Cells = append(s.Cells, cells(headings, 0))
	for _, r := range rows {
		s.Cells = append(s.Cells, cells(r.inputs, r.source))
	}
	return s
}

func cells(inputs []string, source int) []model.Cell {
	out := make([]model.Cell, len(inputs))
	for i, in := range inputs {
		v, f := model.ParseInput(in, "")
		out[i] = model.Cell{Input: in, Value: v, Format: f}
		if i == 1 && v.Kind != model.KindEmpty {
			out[i].Source = source
		}
	}
	return out
}
