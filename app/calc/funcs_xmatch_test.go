package calc

import "testing"

// TestXMatchAndHLookup checks against the examples of Excel's documentation
// for XMATCH and HLOOKUP, and the match and search modes one by one.
func TestXMatchAndHLookup(t *testing.T) {
	rows := columns(
		[]string{"Apple", "Grape", "Pear", "Banana", "Cherry"}, // A
		[]string{"5", "4", "3", "2", "1"},                      // B: sorted down
		[]string{"1", "2", "3", "3", "5"},                      // C: sorted up, a repeat
		[]string{"Axles", "4", "5", "6"},                       // D-F: HLOOKUP's table
		[]string{"Bearings", "4", "7", "8"},
		[]string{"Bolts", "9", "10", "11"},
		[]string{"1", "a", "d"}, // G-I: the array example as cells
		[]string{"2", "b", "e"},
		[]string{"3", "c", "f"},
		[]string{"2", "x", "", "2", "=1/0"}, // J: mixed
	)
	checkExcel(t, rows, []excelCase{
		{`=XMATCH("Grape",A1:A5)`, 2.0}, {"=XMATCH(4,B1:B5)", 2.0}, {"=XMATCH(4.5,B1:B5,1)", 1.0}, {`=XMATCH("Gra",A1:A5,1)`, 2.0},
		{`=XMATCH("grape",A1:A5)`, 2.0}, {`=XMATCH("Gr*",A1:A5)`, ErrNA}, {`=XMATCH("Gr*",A1:A5,2)`, 2.0}, {`=XMATCH("?e*",A1:A5,2)`, 3.0},
		{`=XMATCH("*e*",A1:A5,2,-1)`, 5.0}, {"=XMATCH(3,C1:C5)", 3.0}, {"=XMATCH(3,C1:C5,0,-1)", 4.0},
		{"=XMATCH(4,C1:C5,-1)", 3.0}, {"=XMATCH(4,C1:C5,-1,-1)", 4.0}, {"=XMATCH(4,C1:C5,1)", 5.0}, {"=XMATCH(0,C1:C5,-1)", ErrNA},
		{"=XMATCH(6,C1:C5,1)", ErrNA}, {"=XMATCH(3,C1:C5,0,2)", 4.0}, {"=XMATCH(4,C1:C5,-1,2)", 4.0}, {"=XMATCH(4,C1:C5,1,2)", 5.0},
		{"=XMATCH(2.5,B1:B5,-1,-2)", 4.0}, {"=XMATCH(2.5,B1:B5,1,-2)", 3.0}, {"=XMATCH(3,B1:B5,0,-2)", 3.0}, {"=XMATCH(3.5,B1:B5,0,-2)", ErrNA},
		{"=XMATCH(9,C1:C1048576,-1,2)", 5.0}, {"=XMATCH(5,C1:C1048576)", 5.0},
		{`=XMATCH("2",J1:J5)`, ErrNA}, {"=XMATCH(2,J1:J5,0,-1)", 4.0}, {"=XMATCH(2,A1:B5)", ErrValue}, {"=XMATCH(2,J1:J5,3)", ErrValue},
		{"=XMATCH(2,J1:J5,0,0)", ErrValue}, {`=XMATCH("a*",A1:A5,2,2)`, ErrValue}, {"=XMATCH(1/0,J1:J5)", ErrDiv0},
		{`=HLOOKUP("Axles",D1:F4,2,TRUE)`, 4.0}, {`=HLOOKUP("Bearings",D1:F4,3,FALSE)`, 7.0}, {`=HLOOKUP("B",D1:F4,3,TRUE)`, 5.0},
		{`=HLOOKUP("Bolts",D1:F4,4)`, 11.0}, {"=HLOOKUP(3,G1:I3,2,TRUE)", "c"}, {`=HLOOKUP("Nuts",D1:F4,2,FALSE)`, ErrNA},
		{`=HLOOKUP("Bolts",D1:F4,5)`, ErrRef}, {`=HLOOKUP("Bolts",D1:F4,0)`, ErrRef}, {`=HLOOKUP("B*",D1:F4,2,FALSE)`, 4.0},
		{`=HLOOKUP("A",D1:F4,2)`, ErrNA}, {`=HLOOKUP(3,G1:I300000,3)`, "f"}, {"=HLOOKUP(3,G1:I1048576,3)", ErrRef},
	})
}
