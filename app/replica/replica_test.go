package replica

import (
	"encoding/json"
	"testing"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/model"
	"thesisboard/app/sample"
)

func input(a *model.Analysis, cell string) string {
	r, c, _ := model.ParseAddr(cell)
	return a.Section("partners").Cell(r, c).Input
}

// computedSample is the sample analysis with its formulas computed, as a
// page holds it.
func computedSample() *model.Analysis {
	a := sample.Lumen(time.Now())
	calc.Recalc(a)
	return a
}

// rowsShown checks how many rows the view's partners section has.
func rowsShown(t *testing.T, r *Replica, want int) {
	t.Helper()
	if got := len(r.Analysis().Section("partners").Cells); got != want {
		t.Errorf("partners shows %d rows, want %d", got, want)
	}
}

// sameAsBase reports whether the view is the base computed, as it must be
// once every edit is back.
func sameAsBase(t *testing.T, r *Replica) {
	t.Helper()
	b := r.Base().Clone()
	calc.Recalc(b)
	x, _ := json.Marshal(b.Sections)
	y, _ := json.Marshal(r.Analysis().Sections)
	if string(x) != string(y) || b.Version != r.Version() {
		t.Error("the settled view is not the server's analysis")
	}
}

// TestRemoteCarriedOverPendingRow: this tab inserted a row the server has not
// ordered yet; another session's edit of row 3, made before it, lands on the
// row it meant, now row 4, here as on the server.
func TestRemoteCarriedOverPendingRow(t *testing.T) {
	a := computedSample()
	meant := input(a, "A3")
	r := New(a, nil)
	if _, err := r.Edit(model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2}); err != nil {
		t.Fatal(err)
	}
	seq, op, ok := r.Next()
	if !ok || op.BaseVersion != a.Version {
		t.Fatalf("next: %v %+v", ok, op)
	}
	theirs := model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "B3", Input: "x", BaseVersion: a.Version}
	if lost, ok := r.Remote(model.LoggedOp{Version: a.Version + 1, Op: theirs, Session: "other"}); !ok || len(lost) > 0 {
		t.Fatalf("remote: %v %v", ok, lost)
	}
	if input(r.Analysis(), "B4") != "x" || input(r.Analysis(), "A4") != meant {
		t.Errorf("their edit is on the wrong row: B4 %q, A4 %q", input(r.Analysis(), "B4"), input(r.Analysis(), "A4"))
	}
	r.Acked(seq, a.Version+2)
	// The server carried the insert over their edit: still row 2.
	if _, ok := r.Remote(model.LoggedOp{Version: a.Version + 2, Op: op, Session: "me"}); !ok || !r.Settled() {
		t.Fatal("own edit not taken back")
	}
	sameAsBase(t, r)
}

// TestWaitingEditLosesToRemote: an edit still waiting here, of a cell another
// session has changed since, is dropped as the server would refuse it, and
// reported; one already sent is left for the server to refuse.
func TestWaitingEditLosesToRemote(t *testing.T) {
	a := computedSample()
	r := New(a, nil)
	r.Edit(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: "first"})
	r.Edit(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "B2", Input: "mine"})
	seq, _, _ := r.Next() // C2 goes; B2 waits
	lost, ok := r.Remote(model.LoggedOp{Version: a.Version + 1, Session: "other",
		Op: model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "B2", Input: "theirs"}})
	if !ok || len(lost) != 1 || lost[0].Yours != "mine" || lost[0].Theirs != "theirs" {
		t.Fatalf("conflicts %+v, ok %v", lost, ok)
	}
	if got := input(r.Analysis(), "B2"); got != "theirs" {
		t.Errorf("B2 shows %q", got)
	}
	if r.Waiting() != 1 {
		t.Errorf("%d edits waiting, want the one sent", r.Waiting())
	}
	r.Refused(seq) // say C2 was refused too
	if got := input(r.Analysis(), "C2"); got == "first" || !r.Settled() {
		t.Errorf("the refused edit still shows: C2 %q", got)
	}
	sameAsBase(t, r)
}

// TestAnswerAfterReset: the copy loaded the analysis again while an edit was
// on its way, and the analysis it loaded holds that edit already. The answer
// then settles the edit rather than leaving it waiting for a version the
// stream will not bring again, and the view shows the row once.
func TestAnswerAfterReset(t *testing.T) {
	a := computedSample()
	r := New(a, nil)
	r.Edit(model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2})
	seq, op, _ := r.Next()
	server := a.Clone()
	if err := calc.ApplyUncomputed(server, op); err != nil {
		t.Fatal(err)
	}
	server.Version++
	r.Reset(server)
	r.Acked(seq, server.Version)
	if !r.Settled() {
		t.Fatalf("the edit still waits: %s", r)
	}
	rowsShown(t, r, len(a.Section("partners").Cells)+1)
	sameAsBase(t, r)
}

// TestEchoOfRestoredEdit: an edit restored after a reload, whose first
// sending was committed though its answer was lost, is known when the
// stream brings it back, by its ID, whatever session sent it.
func TestEchoOfRestoredEdit(t *testing.T) {
	a := computedSample()
	first := New(a, nil)
	first.Edit(model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 3})
	_, sent, _ := first.Next()
	r := Resume(a, nil, first.Queue())
	lost, ok := r.Remote(model.LoggedOp{Version: a.Version + 1, Op: sent, Session: "tab-before-restart"})
	if !ok || len(lost) > 0 || !r.Settled() {
		t.Fatalf("the edit's own commit was taken for another's: ok %v, conflicts %v, %s", ok, lost, r)
	}
	rowsShown(t, r, len(a.Section("partners").Cells)+1)
	sameAsBase(t, r)
}

// TestRestoredEditsFollowTheStream: edits kept in the browser while offline
// go on top of the kept base when the page comes back, and the ops others
// committed meanwhile arrive from the stream and are carried over them as
// the server would: a row inserted above moves the edit, a cell changed
// underneath it is a conflict at once, and the edits go on the latest
// version.
func TestRestoredEditsFollowTheStream(t *testing.T) {
	a := computedSample()
	a.Version = 7
	offline := New(a, nil)
	offline.Edit(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C5", Input: "mine"})
	offline.Edit(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "D5", Input: "also mine"})
	meant := input(a, "A5")

	r := Resume(offline.Base(), nil, offline.Queue())
	v := a.Version
	r.Remote(model.LoggedOp{Version: v + 1, Session: "other", Op: model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 3}})
	if input(r.Analysis(), "C6") != "mine" || input(r.Analysis(), "A6") != meant {
		t.Errorf("the edit is not on its row, now 6: C6 %q, A6 %q", input(r.Analysis(), "C6"), input(r.Analysis(), "A6"))
	}
	lost, _ := r.Remote(model.LoggedOp{Version: v + 2, Session: "other", Op: model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "D6", Input: "theirs"}})
	if len(lost) != 1 || lost[0].Cell != "D6" || lost[0].Yours != "also mine" || input(r.Analysis(), "D6") != "theirs" {
		t.Errorf("the cell they changed: conflicts %+v, D6 shows %q", lost, input(r.Analysis(), "D6"))
	}
	_, op, ok := r.Next()
	if !ok || op.Cell != "C6" || op.BaseVersion != v+2 {
		t.Errorf("next edit %+v (%v), want C6 on version %d", op, ok, v+2)
	}
}

// TestRestoredEditsNewerThanTheBase: the tab was closed before it kept its
// newest base, so the kept edits were made on a later version than it.
// The stream's ops up to that version are ones they saw: they go under the
// edits unchanged, and the edits wait for them before they are sent.
func TestRestoredEditsNewerThanTheBase(t *testing.T) {
	a := computedSample()
	a.Version = 7
	v := a.Version
	insert := model.LoggedOp{Version: v + 1, Session: "other", Op: model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 3}}
	seen := New(a, nil)
	seen.Remote(insert)
	seen.Edit(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C6", Input: "mine"})

	r := Resume(a, nil, seen.Queue()) // the base kept at v, the edit made on v+1
	if _, _, ok := r.Next(); ok {
		t.Error("an edit made on a version this copy has not reached was sent")
	}
	r.Remote(insert)
	if input(r.Analysis(), "C6") != "mine" || input(r.Analysis(), "C7") == "mine" {
		t.Errorf("the insert it saw moved it: C6 %q, C7 %q", input(r.Analysis(), "C6"), input(r.Analysis(), "C7"))
	}
	if _, op, ok := r.Next(); !ok || op.Cell != "C6" || op.BaseVersion != v+1 {
		t.Errorf("next edit %+v (%v), want C6 on version %d", op, ok, v+1)
	}
}
