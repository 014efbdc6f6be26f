package calc

import "testing"

// columns lays out columns side by side as the rows a sheet takes.
func columns(cols ...[]string) [][]string {
	var rows [][]string
	for c, col := range cols {
		for r, in := range col {
			for len(rows) <= r {
				rows = append(rows, nil)
			}
			for len(rows[r]) <= c {
				rows[r] = append(rows[r], "")
			}
			rows[r][c] = in
		}
	}
	return rows
}

// TestStatisticsFunctions checks against the examples of Excel's
// documentation for each function (the column each reads is noted).
func TestStatisticsFunctions(t *testing.T) {
	rows := columns(
		[]string{"3", "2", "4", "5", "6"},                                                        // A: CORREL
		[]string{"9", "7", "12", "15", "17"},                                                     // B
		[]string{"2", "3", "9", "1", "8", "7", "5"},                                              // C: SLOPE, INTERCEPT ys
		[]string{"6", "5", "11", "7", "5", "4", "4"},                                             // D: xs
		[]string{"3", "4", "5", "2", "3", "4", "5", "6", "4", "7"},                               // E: LARGE, SMALL
		[]string{"7", "3.5", "3.5", "1", "2"},                                                    // F: RANK.EQ
		[]string{"1345", "1301", "1368", "1322", "1310", "1370", "1318", "1350", "1303", "1299"}, // G: STDEV.P, VAR.S
		[]string{"1", "3", "2", "4"},                                                             // H: PERCENTILE
		[]string{"1", "2", "4", "7", "8", "9", "10", "12"},                                       // I: QUARTILE
		[]string{"1", "x", "", "TRUE", "4"},                                                      // J: numbers among others
		[]string{"=1/0"},                                                                         // K: an error
	)
	checkExcel(t, rows, []excelCase{
		{"=LARGE(E1:E10,3)", 5.0}, {"=LARGE(E1:E10,7)", 4.0}, {"=LARGE(E1:E10,1.2)", 6.0}, {"=LARGE(E1:E10,11)", ErrNum},
		{"=LARGE(E1:E10,0)", ErrNum}, {"=LARGE(J1:J5,2)", 1.0}, {"=LARGE(J1:K5,1)", ErrDiv0}, {"=LARGE(E1:E1048576,1)", 7.0},
		{"=SMALL(E1:E10,4)", 4.0}, {"=SMALL(I1:I8,2)", 2.0}, {"=SMALL(J1:J5,3)", ErrNum},
		{"=RANK.EQ(7,F1:F5,1)", 5.0}, {"=RANK.EQ(2,F1:F5)", 4.0}, {"=RANK.EQ(3.5,F1:F5,1)", 3.0}, {"=RANK.EQ(3.5,F1:F5)", 2.0},
		{"=RANK.EQ(8,F1:F5)", ErrNA}, {"=RANK.EQ(4,J1:J5)", 1.0}, {"=RANK.EQ(1,F1:F1048576,1)", 1.0},
		{"=ROUND(STDEV.P(G1:G10),5)", 26.05456}, {"=ROUND(VAR.S(G1:G10),4)", 754.2667}, {"=ROUND(STDEV.S(G1:G1048576),8)", 27.46391572},
		{"=STDEV.P(5)", 0.0}, {"=STDEV.P(J2)", ErrDiv0}, {"=VAR.S(1)", ErrDiv0}, {"=VAR.S(J1:J5)", 4.5}, {"=VAR.S(1,K1)", ErrDiv0},
		{"=PERCENTILE(H1:H4,0.3)", 1.9}, {"=PERCENTILE.INC(H1:H4,1)", 4.0}, {"=PERCENTILE(H1:H4,0)", 1.0},
		{"=PERCENTILE(H1:H4,1.1)", ErrNum}, {"=PERCENTILE(J2:J3,0.5)", ErrNum},
		{"=QUARTILE(I1:I8,1)", 3.5}, {"=QUARTILE.INC(I1:I8,2)", 7.5}, {"=QUARTILE(I1:I8,3.9)", 9.25},
		{"=QUARTILE(I1:I8,4)", 12.0}, {"=QUARTILE(I1:I8,5)", ErrNum}, {"=QUARTILE(I1:I8,-1)", ErrNum},
		{"=ROUND(CORREL(A1:A5,B1:B5),9)", 0.997054486}, {"=CORREL(A1:A5,B1:B4)", ErrNA}, {"=CORREL(A1:A2,E4:E5)", -1.0}, {"=CORREL(A1:A2,F2:F3)", ErrDiv0}, {"=CORREL(F2:F3,A1:A2)", ErrDiv0},
		{"=ROUND(SLOPE(C1:C7,D1:D7),6)", 0.305556}, {"=ROUND(INTERCEPT(C1:C5,D1:D5),7)", 0.0483871},
		{"=SLOPE(B1:B5,A1:A5)", 2.6}, {"=INTERCEPT(B1:B5,A1:A5)", 1.6}, {"=SLOPE(C1:C2,F2:F3)", ErrDiv0}, {"=SLOPE(F2:F3,C1:C2)", 0.0},
		{"=SLOPE(J1:J5,A1:A5)", 1.0}, {"=SLOPE(K1:K2,A1:A2)", ErrDiv0}, {"=SLOPE(A1:A2,K1:K2)", ErrDiv0},
		{"=SLOPE(A3:A4,K1:K2)", ErrDiv0}, {"=INTERCEPT(A1,B1)", ErrDiv0},
	})
}

// TestReferencesSkipText: text and booleans in a reference are skipped
// whether it names one cell or a range; typed as arguments they count.
func TestReferencesSkipText(t *testing.T) {
	checkExcel(t, [][]string{{"3", "TRUE", "x", "5"}}, []excelCase{
		{`=SUM("3",TRUE)`, 4.0}, {"=SUM(A1,B1,C1,D1)", 8.0}, {"=SUM(C1)", 0.0}, {"=COUNT(B1)", 0.0},
		{`=COUNT("3",TRUE)`, 2.0}, {"=AVERAGE(B1:D1)", 5.0}, {"=MAX(B1,C1)", 0.0}, {`=SUM("x")`, ErrValue},
	})
}
