package trends

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

func at(y int, m time.Month, d, h int) int64 {
	return time.Date(y, m, d, h, 0, 0, 0, store.London).Unix()
}

// fixture: two teams; October has 10 red alerts in team A (4 false, 3 genuine,
// 3 test) and one amber from one of three workers; November has 2 red in team B.
func fixture(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	err = st.Write(context.Background(), func(w *store.Writer) error {
		g, _ := w.StaffGroup("District nurses")
		a, _ := w.Team("A", g, "")
		b, _ := w.Team("B", g, "")
		w1, _ := w.Worker(store.Worker{Ref: "1", Name: "One", TeamID: a})
		w.Worker(store.Worker{Ref: "2", Name: "Two", TeamID: a})
		w3, _ := w.Worker(store.Worker{Ref: "3", Name: "Three", TeamID: b})
		validity := []string{"false", "false", "false", "false", "genuine", "genuine", "genuine", "test", "test", "test"}
		for i, v := range validity {
			raised := at(2026, 10, 1+i, 10)
			ans := raised + int64(5*i) // 0,5,...,45 s
			if _, err := w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprint("R", i), Type: "red", WorkerID: w1, TeamID: a,
				RaisedAt: raised, AnsweredAt: &ans, Validity: v}); err != nil {
				return err
			}
		}
		w.Alert(store.NewAlert{ARC: "X", ARCRef: "A1", Type: "amber", WorkerID: w1, TeamID: a, RaisedAt: at(2026, 10, 20, 9)})
		for i := 0; i < 2; i++ {
			w.Alert(store.NewAlert{ARC: "X", ARCRef: fmt.Sprint("N", i), Type: "red", WorkerID: w3, TeamID: b,
				RaisedAt: at(2026, 11, 2+i, 10), Validity: "precautionary"})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func window() Options {
	return Options{From: time.Date(2026, 10, 1, 0, 0, 0, 0, store.London), To: time.Date(2026, 12, 1, 0, 0, 0, 0, store.London)}
}

func TestBuild_MonthlyCountsRatesAndUsage(t *testing.T) {
	d, err := Build(context.Background(), fixture(t), window())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Months) != 2 {
		t.Fatalf("months %+v", d.Months)
	}
	oct := d.Months[0]
	if oct.Month != "2026-10" || oct.Red.N != 10 || oct.Amber.N != 1 || oct.RedByValidity["genuine"].N != 3 {
		t.Fatalf("October %+v", oct)
	}
	if !oct.FalseRate.Known || oct.FalseRate.Value != 40 {
		t.Errorf("false-alarm rate %+v, want 40%%", oct.FalseRate)
	}
	// Answer delays 0..45 s in 5 s steps: 3 within 10 s, 9 within 40 s.
	if oct.Within10.Value != 30 || oct.Within40.Value != 90 {
		t.Errorf("answer times %+v %+v, want 30%% and 90%%", oct.Within10, oct.Within40)
	}
	if oct.ActiveUsers.N != 1 || oct.InactiveUsers.N != 2 {
		t.Errorf("usage active %d inactive %d, want 1 and 2", oct.ActiveUsers.N, oct.InactiveUsers.N)
	}
	// Team B: 2 incidents over 1 worker = 2,000 per 1,000 staff; team A: 3 over 2.
	if d.Teams[0].Team != "B" || d.Teams[0].PerThousand.Value != 2000 || d.Teams[1].PerThousand.Value != 1500 {
		t.Errorf("teams %+v", d.Teams)
	}
}

func TestBuild_SharedSuppressesSmallCounts(t *testing.T) {
	o := window()
	o.Shared = true
	d, err := Build(context.Background(), fixture(t), o)
	if err != nil {
		t.Fatal(err)
	}
	oct, nov := d.Months[0], d.Months[1]
	if oct.Red.Suppressed || oct.Red.N != 10 {
		t.Errorf("10 should be shown: %+v", oct.Red)
	}
	if !oct.RedByValidity["genuine"].Suppressed || oct.RedByValidity["genuine"].N != 0 {
		t.Errorf("3 genuine should be hidden: %+v", oct.RedByValidity["genuine"])
	}
	if !oct.Amber.Suppressed || nov.Red.N != 0 || !nov.Red.Suppressed {
		t.Errorf("small counts shown: amber %+v November red %+v", oct.Amber, nov.Red)
	}
	if oct.FalseRate.Known {
		t.Error("a rate over a hidden numerator must be hidden too")
	}
	if oct.RedByValidity["duplicate"].Suppressed {
		t.Error("zero is not a small count to hide")
	}
}
