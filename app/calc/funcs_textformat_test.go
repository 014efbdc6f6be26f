package calc

import (
	"math/rand/v2"
	"testing"
)

// TestTextFormats checks TEXT against the examples of Excel's documentation
// (TEXT and "Number format codes") and the formats finance sheets use.
func TestTextFormats(t *testing.T) {
	rows := [][]string{{"2025-08-25", "1234.567", "-1234.5", "0"}}
	checkExcel(t, rows, []excelCase{
		{`=TEXT(B1,"$#,##0.00")`, "$1,234.57"}, {`=TEXT(0.285,"0.0%")`, "28.5%"}, {`=TEXT(12200000,"0.00E+00")`, "1.22E+07"},
		{`=TEXT(1234,"0000000")`, "0001234"}, {`=TEXT(123456,"##0° 00' 00''")`, "12° 34' 56''"},
		{`=TEXT(8.9,"#.000")`, "8.900"}, {`=TEXT(0.631,"0.#")`, "0.6"}, {`=TEXT(12,"#.0#")`, "12.0"}, {`=TEXT(1234.568,"#.0#")`, "1234.57"},
		{`=TEXT(44.398,"???.???")`, " 44.398"}, {`=TEXT(12000,"#,###")`, "12,000"}, {`=TEXT(12000,"#,")`, "12"},
		{`=TEXT(12200000,"0.0,,")`, "12.2"}, {`=TEXT(B1,"0")`, "1235"}, {`=TEXT(B1,"0.00")`, "1234.57"},
		{`=TEXT(B1,"#,##0")`, "1,235"}, {`=TEXT(B1,"#,##0.00")`, "1,234.57"}, {`=TEXT(0.125,"0%")`, "13%"},
		{`=TEXT(C1,"$#,##0")`, "-$1,235"}, {`=TEXT(2.675,"0.00")`, "2.68"}, {`=TEXT(D1,"#,##0")`, "0"}, {`=TEXT(0.5,"#.##")`, ".5"},
		{`=TEXT(0.000123,"0.00E+00")`, "1.23E-04"}, {`=TEXT(12345,"##0.0E+0")`, "12.3E+3"}, {`=TEXT(9.999,"0.00E+00")`, "1.00E+01"},
		{`=TEXT(1234,"0.0E-0")`, "1.2E3"}, {`=TEXT(0,"0.00E+00")`, "0.00E+00"},
		{`=TEXT(C1,"0.00;(0.00);""zero""")`, "(1234.50)"}, {`=TEXT(D1,"0.00;(0.00);""zero""")`, "zero"}, {`=TEXT(B1,"0.00;(0.00)")`, "1234.57"},
		{`=TEXT(B1,"""USD ""#,##0")`, "USD 1,235"}, {`=TEXT(12500,"#,##0,\k")`, "13k"}, {`=TEXT(1234.5,"[$€-407]#,##0.00")`, "€1,234.50"},
		{`=TEXT(1234.5,"[Red]0.0;[Blue]-0.0")`, "1234.5"}, {`=TEXT(5,"0_)")`, "5 "}, {`=TEXT(5,"General")`, "5"}, {`=TEXT(1/8,"General")`, "0.125"},
		{`=TEXT(A1,"yyyy-mm-dd")`, "2025-08-25"}, {`=TEXT(A1,"mmm d, yyyy")`, "Aug 25, 2025"}, {`=TEXT(A1,"dd/mm/yyyy")`, "25/08/2025"},
		{`=TEXT(A1,"mmmm")`, "August"}, {`=TEXT(A1,"ddd")`, "Mon"}, {`=TEXT(A1,"dddd, mmmmm yy")`, "Monday, A 25"}, {`=TEXT(A1,"m/d/yy")`, "8/25/25"},
		{`=TEXT(0.75,"h:mm AM/PM")`, "6:00 PM"}, {`=TEXT(0.5,"hh:mm")`, "12:00"}, {`=TEXT(0.0416782407407407,"hh:mm:ss")`, "01:00:01"},
		{`=TEXT(45894.25,"yyyy-mm-dd hh:mm am/pm")`, "2025-08-25 06:00 am"}, {`=TEXT(1.5,"[h]:mm")`, "36:00"},
		{`=TEXT(0.5000057870,"hh:mm:ss.00")`, "12:00:00.50"}, {`=TEXT(0.25,"h A/P")`, "6 A"}, {`=TEXT(-1,"yyyy")`, ErrValue},
		{`=TEXT("abc","0")`, "abc"}, {`=TEXT("12","0.0")`, "12.0"}, {`=TEXT("2025-08-25","yyyy")`, "2025"},
		{`=TEXT("abc","0;0;0;""<""@"">""")`, "<abc>"}, {`=TEXT("abc","@ units")`, "abc units"}, {`=TEXT(TRUE,"0")`, "TRUE"},
		{`=TEXT(5,"abc")`, ErrValue}, {`=TEXT(1/0,"0")`, ErrDiv0}, {`=TEXT(A1,REPT("dddd ",6000))`, ErrValue},
	})
}

// TestTextFormatsNeverPanic runs random formats made of the codes' own
// characters over numbers of every size: each gives text or an error.
func TestTextFormatsNeverPanic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = `0#?.,%Ee+-"\_*[]$;@ymdhsAM/P General:h `
	xs := []float64{0, -0.5, 1, 2.675, 1e300, -1e-300, 45894.75, 1e15, -123456.789}
	for range 20000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		for _, x := range xs {
			formatNumber(x, splitSections(string(b)))
		}
	}
}
