package calc

import "testing"

// TestFinanceFunctions checks against the examples of Excel's documentation,
// to the digits the documentation shows.
func TestFinanceFunctions(t *testing.T) {
	rows := columns(
		[]string{"-10000", "2750", "4250", "3250", "2750"},                             // A: XNPV and XIRR values
		[]string{"2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"}, // B: their dates
		[]string{"2008-01-01", "2007-03-01", "2008-10-30", "2009-02-15", "2009-04-01"}, // C: a date before the first
		[]string{"100", "200", "x"},                                                    // D: flows of one sign, text
	)
	checkExcel(t, rows, []excelCase{
		{"=ROUND(XNPV(0.09,A1:A5,B1:B5),2)", 2086.65}, {"=XNPV(0.09,A1:A5,B1:B4)", ErrNum}, {"=XNPV(0.09,A1:A5,C1:C5)", ErrNum},
		{"=XNPV(0.09,D1:D3,B1:B3)", ErrValue}, {"=XNPV(0,A1:A5,B1:B5)", 3000.0},
		// Excel's documentation gives 0.373362535, where its iteration
		// stopped; the root itself is 0.3733625335 (XNPV there is -9E-6,
		// here under 1E-9): they agree to 8 significant digits.
		{"=ROUND(XIRR(A1:A5,B1:B5),8)", 0.37336253}, {"=ROUND(XIRR(A1:A5,B1:B5,0.5),8)", 0.37336253},
		{"=ROUND(XIRR(A1:A5,B1:B5,40),8)", 0.37336253}, {"=ROUND(XIRR(A1:A5,B1:B5,-0.9),8)", 0.37336253},
		{"=ROUND(XNPV(XIRR(A1:A5,B1:B5),A1:A5,B1:B5),9)", 0.0},
		{"=XIRR(D1:D2,B1:B2)", ErrNum}, {"=XIRR(A1:A5,C1:C5)", ErrNum}, {"=XIRR(A1:A5,B1:B5,-1)", ErrNum},
		{"=ROUND(NPER(0.12/12,-100,-1000,10000,1),7)", 59.6738657}, {"=ROUND(NPER(0.12/12,-100,-1000,10000),7)", 60.0821229},
		{"=ROUND(NPER(0.12/12,-100,-1000),8)", -9.57859404}, {"=NPER(0,-100,1000)", 10.0}, {"=ROUND(NPER(0.1,100,1000),6)", -7.272541}, {"=NPER(0.1,-50,1000)", ErrNum},
		{"=ROUND(IPMT(0.1/12,1,3*12,8000),2)", -66.67}, {"=ROUND(IPMT(0.1,3,3,8000),2)", -292.45}, {"=IPMT(0.1,4,3,8000)", ErrNum},
		{"=IPMT(0.1,1,3,8000,0,1)", 0.0}, {"=IPMT(0.1,0,3,8000)", ErrNum},
		{"=ROUND(PPMT(0.1/12,1,2*12,2000),2)", -75.62}, {"=ROUND(PPMT(0.08,10,10,200000),2)", -27598.05},
		{"=ROUND(IPMT(0.08,3,10,200000,0,1)+PPMT(0.08,3,10,200000,0,1)-PMT(0.08,10,200000,0,1),9)", 0.0},
		{"=ROUND(CUMIPMT(0.09/12,30*12,125000,13,24,0),5)", -11135.23213}, {"=ROUND(CUMIPMT(0.09/12,30*12,125000,1,1,0),2)", -937.5},
		{"=CUMIPMT(0.09/12,360,125000,0,1,0)", ErrNum}, {"=CUMIPMT(0.09/12,360,125000,1,361,0)", ErrNum},
		{"=CUMIPMT(0.09/12,360,-125000,1,1,0)", ErrNum}, {"=CUMIPMT(0.09/12,360,125000,1,1,2)", ErrNum},
		{"=ROUND(EFFECT(0.0525,4),9)", 0.053542667}, {"=EFFECT(0.0525,0)", ErrNum}, {"=ROUND(NOMINAL(0.053543,4),8)", 0.05250032},
		{"=NOMINAL(-0.1,4)", ErrNum}, {"=SLN(30000,7500,10)", 2250.0}, {"=SLN(30000,7500,0)", ErrDiv0},
		{"=ROUND(DB(1000000,100000,6,1,7),2)", 186083.33}, {"=ROUND(DB(1000000,100000,6,2,7),2)", 259639.42},
		{"=ROUND(DB(1000000,100000,6,3,7),2)", 176814.44}, {"=ROUND(DB(1000000,100000,6,4,7),2)", 120410.64},
		{"=ROUND(DB(1000000,100000,6,5,7),2)", 81999.64}, {"=ROUND(DB(1000000,100000,6,6,7),2)", 55841.76},
		{"=ROUND(DB(1000000,100000,6,7,7),2)", 15845.10}, {"=DB(1000000,100000,6,8,7)", ErrNum}, {"=DB(1000000,100000,6,7)", ErrNum},
		{"=DB(1000000,100000,6,1,13)", ErrNum}, {"=DB(-1,0,6,1)", ErrNum},
	})
}

// TestBisectFallback: where Newton's method cannot go (a flat start), the
// bracket search still finds the root, and says so when there is none.
func TestBisectFallback(t *testing.T) {
	cube := func(r float64) float64 { return (r - 0.25) * (r - 0.25) * (r - 0.25) }
	if _, ok := newtonFrom(func(r float64) (float64, float64) { return 1, 0 }, 0.1); ok {
		t.Error("newton converged with a zero derivative")
	}
	if r, ok := bisect(cube, 0.1); !ok || r < 0.25-1e-9 || r > 0.25+1e-9 {
		t.Errorf("bisect = %v, %v; want 0.25", r, ok)
	}
	if _, ok := bisect(func(r float64) float64 { return 1 + r*r }, 0.1); ok {
		t.Error("bisect found a root of 1+r²")
	}
}
