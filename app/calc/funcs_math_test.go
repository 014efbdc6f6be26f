package calc

import "testing"

// TestRoundingFunctions checks against Excel's documented examples, and
// the cases where binary floating point would round the wrong way without
// Excel's 15 significant digits (TRUNC(0.29,2) is 0.29, not 0.28).
func TestRoundingFunctions(t *testing.T) {
	checkExcel(t, kinds, []excelCase{
		{"=SIGN(10)", 1.0}, {"=SIGN(4-4)", 0.0}, {"=SIGN(-0.00001)", -1.0}, {"=SIGN(B1)", 0.0}, {`=SIGN("x")`, ErrValue},
		{"=TRUNC(8.9)", 8.0}, {"=TRUNC(-8.9)", -8.0}, {"=TRUNC(0.45)", 0.0}, {"=TRUNC(3.14159,2)", 3.14},
		{"=TRUNC(0.29,2)", 0.29}, {"=TRUNC(1234.5,-2)", 1200.0}, {"=TRUNC(-1234.5,-2)", -1200.0},
		{"=TRUNC(1.5,20)", 1.5}, {"=TRUNC(1.5,400)", ErrNum}, {"=TRUNC(E1)", ErrDiv0},
		{"=ROUND(1.005,2)", 1.01}, {"=ROUNDUP(0.1*3,1)", 0.3}, {"=ROUNDDOWN(0.29,2)", 0.29}, {"=ROUND(1234.5678,-5)", 0.0},
		{"=MROUND(10,3)", 9.0}, {"=MROUND(-10,-3)", -9.0}, {"=MROUND(1.3,0.2)", 1.4}, {"=MROUND(5,-2)", ErrNum},
		{"=MROUND(7.5,5)", 10.0}, {"=MROUND(-7.5,-5)", -10.0}, {"=MROUND(5,0)", 0.0}, {"=MROUND(0,-2)", 0.0},
		{"=CEILING.MATH(24.3,5)", 25.0}, {"=CEILING.MATH(6.7)", 7.0}, {"=CEILING.MATH(-8.1,2)", -8.0},
		{"=CEILING.MATH(-5.5,2,-1)", -6.0}, {"=CEILING.MATH(-5.5,-2)", -4.0}, {"=CEILING.MATH(4,0)", 0.0},
		{"=CEILING.MATH(0.3,0.1)", 0.3}, {"=CEILING.MATH(2.5,,1)", 3.0}, {`=CEILING.MATH("x")`, ErrValue},
		{"=FLOOR.MATH(24.3,5)", 20.0}, {"=FLOOR.MATH(6.7)", 6.0}, {"=FLOOR.MATH(-8.1,2)", -10.0},
		{"=FLOOR.MATH(-5.5,2,-1)", -4.0}, {"=FLOOR.MATH(1.2,0.1)", 1.2}, {"=FLOOR.MATH(-1,0)", 0.0},
		{"=FLOOR.MATH(1,2,3,4)", ErrValue},
	})
}
