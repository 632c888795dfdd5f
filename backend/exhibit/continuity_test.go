package exhibit

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/vault"
)

// noDocs draws nothing: the cases here have no transcripts and no positions.
type noDocs struct{}

func (noDocs) TranscriptPDF(context.Context, *store.Store, *vault.Vault, int64) (Printer, error) {
	return nil, fmt.Errorf("no transcript expected")
}
func (noDocs) MapPNG(context.Context, *store.Store, int64) ([]byte, error) { return nil, ErrNoMap }

var (
	alarmsSHA = strings.Repeat("a1", 32)
	logSHA    = strings.Repeat("b2", 32)
	audioSHA  = strings.Repeat("c3", 32)
)

// importedAlert stores alert RED0000007 as a real import does: import 1 of
// export.zip creates it from line 7 of alarms.csv with its operator log and
// writes its closing entry; import 2 changes its validity; import 3 brings
// something else. It returns the alert and the import ids.
func importedAlert(t *testing.T, st *store.Store, who store.Who) (alertID int64, imports [3]int64) {
	t.Helper()
	err := st.Write(context.Background(), func(w *store.Writer) error {
		ix, err := w.Importer()
		if err != nil {
			return err
		}
		defer ix.Close()
		for i, src := range []string{"export.zip", "export-amended.zip", "other.zip"} {
			// The first as the demo records it: status left "done", its entry "import.imported".
			status := []string{"done", "partial", "imported"}[i]
			if imports[i], err = w.Import(store.ImportRecord{StartedAt: who.At, FinishedAt: who.At, Source: src, Profile: "vendor",
				ImportedBy: "ann.lee", Status: status}); err != nil {
				return err
			}
		}
		for _, f := range []store.ImportFile{{Name: "alarms.csv", Kind: "alarms", Size: 10, SHA256: alarmsSHA},
			{Name: "log.csv", Kind: "log", Size: 10, SHA256: logSHA}, {Name: "RED0000007.wav", Kind: "audio", Size: 10, SHA256: audioSHA}} {
			f.ImportID = imports[0]
			if err := ix.File(f); err != nil {
				return err
			}
		}
		ids, err := ix.InsertAlerts([]store.NewAlert{{ARC: "Reliance Protect", ARCRef: "RED0000007", Type: "red", Trigger: "sos",
			RaisedAt: who.At - 7200, Validity: "genuine", ImportID: imports[0], ImportLine: 7}})
		if err != nil {
			return err
		}
		alertID = ids[0]
		if err := ix.InsertLogEntries([]store.LogEntry{{AlertID: alertID, At: who.At - 7100, Operator: "op1", Action: "called_999"}}); err != nil {
			return err
		}
		if err := ix.History(store.FieldChange{AlertID: alertID, ImportID: imports[1], At: who.At, Field: "validity", Old: "genuine", New: "precautionary"}); err != nil {
			return err
		}
		for i, action := range []string{"import.imported", "import.partial", "import.imported"} {
			if _, err := w.Audit(store.AuditEntry{At: who.At, Actor: "ann.lee", Action: action, ObjectType: "import",
				ObjectID: fmt.Sprint(imports[i]), Detail: `{"source":"x","files":[]}`}); err != nil {
				return err
			}
		}
		// A later entry about the first import is not its receipt.
		_, err = w.Audit(store.AuditEntry{At: who.At, Actor: "ann.lee", Action: "import.report_export", ObjectType: "import",
			ObjectID: fmt.Sprint(imports[0]), Detail: `{}`})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return alertID, imports
}

func operatorLogExhibit(t *testing.T, st *store.Store, v *vault.Vault, alertID int64, who store.Who) store.Exhibit {
	t.Helper()
	ctx := context.Background()
	c, err := st.OpenCase(ctx, store.NewCase{Title: "Assault", Origin: "alert", IncidentAt: who.At - 7200, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SaveSettings(ctx, st, Settings{Producer: "Alex Morgan", Initials: "AM", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	xs, err := Ensure(ctx, st, v, noDocs{}, c.ID, who)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if x.Kind == "operator_log" {
			return x
		}
	}
	t.Fatalf("no operator log exhibit among %+v", xs)
	return store.Exhibit{}
}

func TestContinuity_OperatorLogStartsWithItsReceiptFromTheARC(t *testing.T) {
	st, v := storetest.Open(t)
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	alertID, imports := importedAlert(t, st, who)
	x := operatorLogExhibit(t, st, v, alertID, who)
	ls, err := Continuity(context.Background(), st, x)
	if err != nil {
		t.Fatal(err)
	}
	if !Received(ls) || len(ls) != 3 {
		t.Fatalf("continuity = %+v; want its receipt, its amendment and its production", ls)
	}
	first := ls[0].What
	for _, want := range []string{
		fmt.Sprintf("Received from the ARC in import %d (export.zip)", imports[0]),
		"alarms.csv (SHA-256 " + alarmsSHA + ")", "log.csv (SHA-256 " + logSHA + ")", "line 7 of alarms.csv",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("receipt %q does not say %q", first, want)
		}
	}
	if strings.Contains(first, "RED0000007.wav") || strings.Contains(first, x.SHA256) {
		t.Errorf("receipt %q names the recording or the CSV Redline wrote as what the ARC sent", first)
	}
	if ls[0].Action != "import.imported" || ls[0].Actor != "ann.lee" {
		t.Errorf("receipt link = %+v; want the import's closing entry", ls[0])
	}
	if want := fmt.Sprintf("Changed by the ARC's later import %d (export-amended.zip)", imports[1]); !strings.HasPrefix(ls[1].What, want) {
		t.Errorf("second link %q; want %q", ls[1].What, want)
	}
	if ls[2].Action != "exhibit.create" {
		t.Errorf("third link = %+v; want the production", ls[2])
	}
}

// An alert no import brought (made by hand, or before imports were
// recorded) has no receipt to show, and the continuity says nothing false.
func TestContinuity_OperatorLogOfAnAlertNoImportBrought(t *testing.T) {
	st, v := storetest.Open(t)
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	var alertID int64
	err := st.Write(context.Background(), func(w *store.Writer) (err error) {
		alertID, err = w.Alert(store.NewAlert{ARC: "Reliance Protect", ARCRef: "RED0000008", Type: "red", Trigger: "sos", RaisedAt: who.At - 60})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := st.AlertImports(context.Background(), alertID)
	if err != nil || len(rs) != 0 {
		t.Fatalf("AlertImports = %+v, %v; want none", rs, err)
	}
	ls, err := Continuity(context.Background(), st, operatorLogExhibit(t, st, v, alertID, who))
	if err != nil || Received(ls) || len(ls) != 1 || ls[0].Action != "exhibit.create" {
		t.Fatalf("continuity = %+v, %v; want only its production", ls, err)
	}
}
