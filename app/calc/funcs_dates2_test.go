package calc

import (
	"testing"
	"time"
)

// TestDateFunctions checks against the examples of Excel's documentation
// for each function, and Excel's serials around its phantom 29 February
// 1900.
func TestDateFunctions(t *testing.T) {
	rows := columns(
		[]string{"2012-11-22", "2012-12-04", "2013-01-21"}, // A: NETWORKDAYS holidays
		[]string{"2008-11-26", "2008-12-04", "2009-01-21"}, // B: WORKDAY holidays
		[]string{"2012-10-01", "", "x"},                    // C: a date cell, empty, text
	)
	checkExcel(t, rows, []excelCase{
		{"=DATE(1900,1,1)", 1.0}, {"=DATE(1900,2,28)", 59.0}, {"=DATE(1900,3,1)", 61.0}, {"=DATE(108,1,2)", 39449.0},
		{"=DATE(2008,14,2)", 39846.0}, {"=DATE(10000,1,1)", ErrNum}, {"=DATE(-1,1,1)", ErrNum},
		{"=YEAR(1)", 1900.0}, {"=DAY(59)", 28.0}, {"=MONTH(61)", 3.0}, {"=DAY(1)", 1.0}, {"=YEAR(-1)", ErrNum},
		{`=EOMONTH("1/1/2011",1)`, 40602.0}, {`=EOMONTH("1/1/2011",-3)`, 40482.0}, {"=EOMONTH(C1,0)", 41213.0},
		{"=EOMONTH(C3,1)", ErrValue}, {"=EOMONTH(1,-1)", ErrNum},
		{`=NETWORKDAYS("10/1/2012","3/1/2013")`, 110.0}, {`=NETWORKDAYS("10/1/2012","3/1/2013",A1)`, 109.0},
		{`=NETWORKDAYS("10/1/2012","3/1/2013",A1:A3)`, 107.0}, {`=NETWORKDAYS("3/1/2013","10/1/2012",A1:A3)`, -107.0},
		{`=NETWORKDAYS("10/6/2012","10/7/2012")`, 0.0}, {`=NETWORKDAYS(C1,C1)`, 1.0}, {`=NETWORKDAYS(C1,C1,C1:C2)`, 0.0},
		{`=NETWORKDAYS(C1,C1,C3)`, ErrValue}, {`=NETWORKDAYS(C1,C1,1/0)`, ErrDiv0},
		{`=WORKDAY("10/1/2008",151)`, 39933.0}, {`=WORKDAY("10/1/2008",151,B1:B3)`, 39938.0},
		{`=WORKDAY("10/4/2008",1)`, 39727.0}, {`=WORKDAY("10/4/2008",-1)`, 39724.0}, {`=WORKDAY("10/6/2008",-5)`, 39720.0},
		{`=WORKDAY("10/4/2008",0)`, 39725.0}, {`=WORKDAY("10/3/2008",1,"10/6/2008")`, 39728.0},
		{`=WORKDAY(WORKDAY("10/1/2008",151,B1:B3),-151,B1:B3)`, 39722.0},
		{`=ROUND(YEARFRAC("1/1/2012","7/30/2012"),8)`, 0.58055556}, {`=ROUND(YEARFRAC("1/1/2012","7/30/2012",1),8)`, 0.57650273},
		{`=ROUND(YEARFRAC("1/1/2012","7/30/2012",3),8)`, 0.57808219}, {`=YEARFRAC("7/30/2012","1/1/2012",2)`, 211.0 / 360},
		{`=YEARFRAC("1/31/2012","3/31/2012",4)`, 60.0 / 360}, {`=YEARFRAC("1/1/2012","1/1/2012",5)`, ErrNum},
		{`=DATEDIF("1/1/2001","1/1/2003","Y")`, 2.0}, {`=DATEDIF("6/1/2001","8/15/2002","D")`, 440.0},
		{`=DATEDIF("6/1/2001","8/15/2002","YD")`, 75.0}, {`=DATEDIF("6/1/2001","8/15/2002","md")`, 14.0},
		{`=DATEDIF("6/1/2001","8/15/2002","M")`, 14.0}, {`=DATEDIF("6/1/2001","8/15/2002","YM")`, 2.0},
		{`=DATEDIF(DATE(2011,1,31),DATE(2011,3,1),"MD")`, -2.0}, {`=DATEDIF("1/2/2003","1/1/2003","Y")`, ErrNum},
		{`=DATEDIF("1/1/2003","1/2/2003","W")`, ErrNum},
		{`=WEEKDAY("2/14/2008")`, 5.0}, {`=WEEKDAY("2/14/2008",2)`, 4.0}, {`=WEEKDAY("2/14/2008",3)`, 3.0},
		{`=WEEKDAY("2/14/2008",11)`, 4.0}, {`=WEEKDAY("2/14/2008",14)`, 1.0}, {`=WEEKDAY("2/14/2008",17)`, 5.0},
		{`=WEEKDAY("2/14/2008",16)`, 6.0}, {"=WEEKDAY(1)", 1.0}, {"=WEEKDAY(0)", 7.0}, {`=WEEKDAY("2/14/2008",4)`, ErrNum},
	})
}

// TestTodayAndNow: both read the clock when computed, in Excel serials.
func TestTodayAndNow(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2025, 8, 25, 18, 0, 0, 0, time.Local) }
	checkExcel(t, nil, []excelCase{
		{"=TODAY()", 45894.0}, {"=NOW()", 45894.75}, {"=TODAY(1)", ErrValue}, {`=TEXT(NOW(),"yyyy-mm-dd hh:mm")`, "2025-08-25 18:00"},
	})
}
