package calc

import (
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// TestConditionalsFunctions checks the *IFS functions against the
// examples of Excel's documentation.
func TestConditionalsFunctions(t *testing.T) {
	rows := columns(
		[]string{"5", "4", "15", "3", "22", "12", "10", "33"}, // A: SUMIFS quantity
		[]string{"Apples", "Apples", "Artichokes", "Artichokes", "Bananas", "Bananas", "Carrots", "Carrots"},
		[]string{"Tom", "Sarah", "Tom", "Sarah", "Tom", "Sarah", "Tom", "Sarah"},
		nil,
		[]string{"Yes", "Yes", "Yes", "No"}, // E to G: COUNTIFS, quarters exceeded
		[]string{"No", "Yes", "Yes", "Yes"},
		[]string{"No", "No", "Yes", "Yes"},
		nil,
		[]string{"75", "94", "86", "Incomplete"}, // I to K: AVERAGEIFS quizzes
		[]string{"85", "80", "93", "75"},
		[]string{"87", "88", "Incomplete", "75"},
		nil,
		[]string{"89", "93", "96", "85", "91", "88"}, // M, N: MAXIFS grade, weight
		[]string{"1", "2", "2", "3", "1", "1"},
		[]string{"=1/0", "1", "", "", "", ""}, // O: an error
	)
	checkExcel(t, rows, []excelCase{
		{`=SUMIFS(A1:A8,B1:B8,"=A*",C1:C8,"Tom")`, 20.0}, {`=SUMIFS(A1:A8,B1:B8,"<>Bananas",C1:C8,"Tom")`, 30.0},
		{`=SUMIFS(A1:A8,C1:C8,"tom")`, 52.0}, {`=SUMIFS(A1:A8,A1:A8,">10",A1:A8,"<30")`, 49.0},
		{`=SUMIFS(A1:A8,B1:B7,"Apples")`, ErrValue}, {`=SUMIFS(A1:A8,B1:B8)`, ErrValue}, {`=SUMIFS(A1:A8,B1:B8,"Kiwi")`, 0.0},
		{`=SUMIFS(A1:A1048576,C1:C1048576,"<>Tom")`, 52.0}, {`=SUMIFS(O1:O6,N1:N6,1)`, ErrDiv0}, {`=SUMIFS(O1:O6,N1:N6,2)`, 1.0},
		{`=COUNTIFS(E1:G1,"=Yes")`, 1.0}, {`=COUNTIFS(E1:E4,"=Yes",F1:F4,"=Yes")`, 2.0}, {`=COUNTIFS(E4:G4,"=Yes",E2:G2,"=Yes")`, 1.0},
		{`=COUNTIFS(E1:E4,"Yes",F1:F5,"Yes")`, ErrValue}, {`=COUNTIFS(E1:E4)`, ErrValue},
		{`=COUNTIFS(E1:E1048576,"",F1:F1048576,"<>No")`, 1048572.0}, {`=COUNTIFS(E1:E1048576,"<>No")`, 1048575.0},
		{`=COUNTIFS(A1:A8,">4",C1:C8,"Sarah")`, 2.0},
		{`=AVERAGEIFS(I1:I4,I1:I4,">70",I1:I4,"<90")`, 80.5}, {`=AVERAGEIFS(J1:J4,J1:J4,">95")`, ErrDiv0},
		{`=AVERAGEIFS(K1:K4,K1:K4,"<>Incomplete",K1:K4,">80")`, 87.5},
		{`=MAXIFS(M1:M6,N1:N6,1)`, 91.0}, {`=MINIFS(M1:M6,N1:N6,1)`, 88.0}, {`=MAXIFS(M1:M6,N1:N6,4)`, 0.0},
		{`=MINIFS(M1:M6,N1:N6,">1",M1:M6,"<95")`, 85.0}, {`=MAXIFS(M1:M6,N1:N5,1)`, ErrValue},
		{`=MAXIFS(M1:M1048576,N1:N1048576,"<>3")`, 96.0},
	})
}

// TestConditionalsCostWhatIsHeld: criteria over whole columns of a small
// section read the cells it holds, not a million positions, whether the
// criterion accepts empty cells or not.
func TestConditionalsCostWhatIsHeld(t *testing.T) {
	for _, formula := range []string{
		`=COUNTIFS(A1:A1048576,"<>x",B1:B1048576,"")`,
		`=SUMIFS(A1:A1048576,A1:A1048576,">0",B1:B1048576,"")`,
		`=MAXIFS(A1:A1048576,B1:B1048576,"",A1:A1048576,"<>3")`,
	} {
		a := calctest.Sheet([]string{"1", "", formula}, []string{"2"}, []string{"3"})
		e := NewEngine(a)
		if v := a.Sections[0].Cells[0][2].Value; v.Kind != model.KindNumber {
			t.Errorf("%s = %+v", formula, v)
		}
		if e.Work() > 100 {
			t.Errorf("%s cost %d units over a section of 3 rows", formula, e.Work())
		}
	}
}
