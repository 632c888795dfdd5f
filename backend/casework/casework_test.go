package casework

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/nhsnumber"
	"github.com/nhs-redline/redline/backend/store"
)

func open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "redline.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var t0 = time.Date(2025, 6, 15, 10, 0, 0, 0, store.London)

func who(d time.Duration) store.Who { return store.Who{Actor: "lsms", At: t0.Add(d).Unix()} }

// seed stores a worker with a red alert (ARC validity given) and an amber memo that morning.
func seed(t *testing.T, st *store.Store, validity string) (red, amber int64) {
	t.Helper()
	err := st.Write(context.Background(), func(w *store.Writer) error {
		wk, err := w.Worker(store.Worker{Ref: "W1", Name: "Sam Lone"})
		if err != nil {
			return err
		}
		if amber, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "A1", Type: "amber", WorkerID: wk, RaisedAt: t0.Add(-2 * time.Hour).Unix()}); err != nil {
			return err
		}
		if red, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "R1", Type: "red", WorkerID: wk, RaisedAt: t0.Unix(), Validity: validity}); err != nil {
			return err
		}
		return w.LogEntry(store.LogEntry{AlertID: red, At: t0.Add(10 * time.Second).Unix(), Operator: "op1", Action: "Alarm received"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return red, amber
}

func TestTriage_Rules(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	red, amber := seed(t, st, "false")
	steps := []struct {
		name     string
		alert    int64
		category string
		reason   string
		wantErr  string
	}{
		{"amber alerts are not triaged", amber, "false", "", "only red alerts"},
		{"unknown category", red, "maybe", "", "not a category"},
		{"agreeing with the ARC needs no reason", red, "false", "", ""},
		{"the same category twice is refused", red, "false", "again", "already categorised"},
		{"re-categorising needs a reason", red, "genuine", "", "say why you are changing it"},
		{"re-categorising with a reason is kept as history", red, "genuine", "Closed under duress", ""},
	}
	for i, s := range steps {
		_, err := Categorise(ctx, st, s.alert, s.category, s.reason, who(time.Duration(i)*time.Minute))
		if s.wantErr == "" && err != nil || s.wantErr != "" && (err == nil || !strings.Contains(err.Error(), s.wantErr)) {
			t.Fatalf("%s: error %v, want %q", s.name, err, s.wantErr)
		}
	}
	hist, err := st.TriageHistory(ctx, red)
	if err != nil || len(hist) != 2 || hist[0].Category != "false" || hist[1].Category != "genuine" || *hist[1].Supersedes != hist[0].ID {
		t.Fatalf("history %+v %v", hist, err)
	}
	if hist[0].Reason != "Agrees with the ARC's closure." || hist[1].CategorisedBy != "lsms" {
		t.Fatalf("history lacks why or who: %+v", hist)
	}
	a, _ := st.Alert(ctx, red)
	if a.Validity != "false" {
		t.Fatalf("the ARC's validity was changed to %q", a.Validity)
	}
	if _, err := Categorise(ctx, st, red, "precautionary", "", who(time.Hour)); err == nil {
		t.Fatal("re-categorised without a reason")
	}
}

func TestTriage_DisagreeingWithTheARCNeedsAReason(t *testing.T) {
	st := open(t)
	red, _ := seed(t, st, "false")
	if _, err := Categorise(context.Background(), st, red, "genuine", "", who(0)); err == nil || !IsProblem(err) {
		t.Fatalf("error %v, want a reason asked for", err)
	}
}

// openCase makes a genuine red alert's case.
func openCase(t *testing.T, st *store.Store) store.CaseFile {
	t.Helper()
	red, _ := seed(t, st, "genuine")
	if _, err := Categorise(context.Background(), st, red, "genuine", "", who(time.Minute)); err != nil {
		t.Fatal(err)
	}
	c, err := OpenFromAlert(context.Background(), st, red, who(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOpenFromAlert(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	red, amber := seed(t, st, "false")
	if _, err := OpenFromAlert(ctx, st, red, who(0)); err == nil {
		t.Fatal("opened a case from an untriaged alert")
	}
	Categorise(ctx, st, red, "genuine", "worker confirmed", who(time.Minute))
	c, err := OpenFromAlert(ctx, st, red, who(2*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if c.State != Open || c.Ref != "RL-2025-0001" || len(c.AlertIDs) != 2 || c.AlertIDs[0] != amber || c.AlertIDs[1] != red {
		t.Fatalf("case %+v: want open RL-2025-0001 linking the red alert and that day's amber memo", c)
	}
	people, _ := st.People(ctx, c.ID)
	if len(people) != 1 || people[0].Role != "lone_worker" || people[0].Name != "Sam Lone" {
		t.Fatalf("people %+v", people)
	}
	if _, err := OpenFromAlert(ctx, st, red, who(3*time.Minute)); err == nil || !strings.Contains(err.Error(), "RL-2025-0001") {
		t.Fatalf("second case for the same alert: %v", err)
	}
}

func TestCaseStateMachine_Guards(t *testing.T) {
	signed := int64(1)
	tests := []struct {
		name    string
		c       store.CaseFile
		decided bool
		to      string
		reason  string
		wantErr string
	}{
		{"open to investigating", store.CaseFile{State: Open}, false, Investigating, "", ""},
		{"open straight to closed is not a move", store.CaseFile{State: Open}, false, Closed, "", "cannot move"},
		{"no Decided without a decision", store.CaseFile{State: DecisionPending}, false, Decided, "", "no decision yet"},
		{"Decided with a decision", store.CaseFile{State: DecisionPending}, true, Decided, "", ""},
		{"decided to review", store.CaseFile{State: Decided}, true, Review, "", ""},
		{"no Risk updated without a risk outcome", store.CaseFile{State: Review}, true, RiskUpdated, "", "risk register"},
		{"no Closed without a signed-off review", store.CaseFile{State: RiskUpdated, RiskOutcome: "updated"}, true, Closed, "", "review has not been signed off"},
		{"no Closed without a risk update", store.CaseFile{State: Review, ReviewSignedOffAt: &signed}, true, Closed, "", "risk register has not been updated"},
		{"no Closed on 'no change' without its reason", store.CaseFile{State: Review, ReviewSignedOffAt: &signed, RiskOutcome: "no_change"}, true, Closed, "", "risk register has not been updated"},
		{"Closed with review and 'no change' with reason", store.CaseFile{State: Review, ReviewSignedOffAt: &signed, RiskOutcome: "no_change", RiskNoChangeReason: "controls adequate"}, true, Closed, "", ""},
		{"Closed with review and risk update", store.CaseFile{State: RiskUpdated, ReviewSignedOffAt: &signed, RiskOutcome: "updated"}, true, Closed, "", ""},
		{"reopening needs a reason", store.CaseFile{State: Closed}, true, Investigating, "", "say why you are reopening"},
		{"reopening with a reason", store.CaseFile{State: Closed}, true, Investigating, "new evidence from the police", ""},
		{"closed cannot jump to decided", store.CaseFile{State: Closed}, true, Decided, "x", "cannot move"},
		{"decided cannot go back to open", store.CaseFile{State: Decided}, true, Open, "", "cannot move"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.Ref = "RL-2025-0001"
			err := CheckMove(store.CaseFacts{Case: tt.c, HasDecision: tt.decided}, tt.to, tt.reason)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestCaseLifecycle_ThroughTheStore(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	c := openCase(t, st)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(Move(ctx, st, c.ID, Investigating, "", who(time.Hour)))
	must(Move(ctx, st, c.ID, DecisionPending, "", who(time.Hour)))
	if err := Move(ctx, st, c.ID, Decided, "", who(time.Hour)); err == nil {
		t.Fatal("Decided without a decision")
	}
	_, err := AddPerson(ctx, st, store.Person{CaseID: c.ID, Role: "alleged_offender", Name: "Pat Doe", Address: "1 High St, Leeds", NHSNumber: "943 476 5919"}, who(time.Hour))
	must(err)
	_, err = Decide(ctx, st, store.Decision{CaseID: c.ID, Route: RouteNoSanction, Reasons: "first incident"}, who(2*time.Hour))
	must(err)
	got, _ := st.Case(ctx, c.ID)
	if got.State != Decided {
		t.Fatalf("state %s after the decision, want decided", got.State)
	}
	must(Move(ctx, st, c.ID, Review, "", who(3*time.Hour)))
	if err := Move(ctx, st, c.ID, Closed, "", who(3*time.Hour)); err == nil {
		t.Fatal("closed without a review")
	}
	must(st.SignOffReview(ctx, c.ID, who(4*time.Hour)))
	if err := st.SetRiskOutcome(ctx, c.ID, "no_change", " ", who(4*time.Hour)); err == nil {
		t.Fatal("no change accepted without a reason")
	}
	must(st.SetRiskOutcome(ctx, c.ID, "no_change", "existing controls adequate", who(4*time.Hour)))
	must(Move(ctx, st, c.ID, Closed, "", who(5*time.Hour)))
	if err := Move(ctx, st, c.ID, Investigating, "", who(6*time.Hour)); err == nil {
		t.Fatal("reopened without a reason")
	}
	must(Move(ctx, st, c.ID, Investigating, "police asked for more", who(6*time.Hour)))
	hist, err := st.AuditFor(ctx, "case", itoa(c.ID))
	must(err)
	var actions []string
	for _, e := range hist {
		actions = append(actions, e.Action)
	}
	want := "case.open case.state case.state case.person_add case.decide case.state case.review_signed_off case.risk_outcome case.state case.state"
	if strings.Join(actions, " ") != want {
		t.Fatalf("case history %v\nwant %s", actions, want)
	}
	if p, _, err := st.VerifyAudit(ctx); p != nil || err != nil {
		t.Fatalf("audit chain %v %v", p, err)
	}
	tl, err := Timeline(ctx, st, c.ID)
	must(err)
	var sources []string
	for _, e := range tl {
		sources = append(sources, e.Source)
	}
	if s := strings.Join(sources, ","); !strings.HasPrefix(s, "alert,alert,arc,triage,case") {
		t.Fatalf("timeline sources %s: want the amber and red alerts, the ARC log, the triage, then case events", s)
	}
}

func TestDecision_Routes(t *testing.T) {
	lone := store.Person{Role: "lone_worker", Name: "Sam Lone"}
	offender := store.Person{Role: "alleged_offender", Name: "Pat Doe", Address: "1 High St"}
	noAddress := store.Person{Role: "alleged_offender", Name: "Pat Doe"}
	full := store.Decision{Route: RouteNoNotification, Reasons: "patient is very unwell", NoFormalAction: true, WorkerBelievesHarm: true,
		LSMSAgrees: true, ClinicianName: "Dr A Khan", ClinicianRole: "Consultant psychiatrist", ClinicianDate: "2025-06-14", ClinicianReasons: "risk of relapse"}
	without := func(f func(*store.Decision)) store.Decision { d := full; f(&d); return d }
	tests := []struct {
		name    string
		d       store.Decision
		people  []store.Person
		prev    *store.Decision
		wantErr string
	}{
		{"sanction letter with offender's address", store.Decision{Route: RouteSanctionLetter, Sanction: "warning_letter", Reasons: "abuse"}, []store.Person{lone, offender}, nil, ""},
		{"sanction letter needs the kind", store.Decision{Route: RouteSanctionLetter, Reasons: "abuse"}, []store.Person{offender}, nil, "choose which kind"},
		{"sanction letter needs an address", store.Decision{Route: RouteSanctionLetter, Sanction: "warning_letter", Reasons: "abuse"}, []store.Person{noAddress}, nil, "needs an address"},
		{"police needs a force", store.Decision{Route: RoutePolice, Reasons: "threats to kill"}, nil, nil, "name the police force"},
		{"police with a force", store.Decision{Route: RoutePolice, Reasons: "threats to kill", ReferredTo: "West Yorkshire Police"}, nil, nil, ""},
		{"private prosecution", store.Decision{Route: RoutePrivateProsecution, Sanction: "civil_injunction", Reasons: "repeated"}, nil, nil, ""},
		{"no sanction still writes to the offender", store.Decision{Route: RouteNoSanction, Reasons: "first time"}, nil, nil, "needs an address"},
		{"no sanction with address", store.Decision{Route: RouteNoSanction, Reasons: "first time"}, []store.Person{offender}, nil, ""},
		{"no notification with every condition", full, []store.Person{lone}, nil, ""},
		{"no notification blocked without the clinician's name", without(func(d *store.Decision) { d.ClinicianName = "" }), nil, nil, "independent senior clinician's name"},
		{"no notification blocked without the clinician's role", without(func(d *store.Decision) { d.ClinicianRole = "" }), nil, nil, "their role"},
		{"no notification blocked without the date", without(func(d *store.Decision) { d.ClinicianDate = "" }), nil, nil, "the date they agreed"},
		{"no notification blocked without reasons", without(func(d *store.Decision) { d.ClinicianReasons = "" }), nil, nil, "their reasons"},
		{"no notification blocked if formal action", without(func(d *store.Decision) { d.NoFormalAction = false }), nil, nil, "no formal action"},
		{"no notification blocked unless worker believes harm", without(func(d *store.Decision) { d.WorkerBelievesHarm = false }), nil, nil, "lone worker believes"},
		{"no notification blocked unless LSMS agrees", without(func(d *store.Decision) { d.LSMSAgrees = false }), nil, nil, "LSMS, agree"},
		{"no notification: the clinician must be independent", without(func(d *store.Decision) { d.ClinicianName = "sam lone" }), []store.Person{lone}, nil, "independent"},
		{"no notification: a future date is refused", without(func(d *store.Decision) { d.ClinicianDate = "2030-01-01" }), nil, nil, "future"},
		{"every decision says why", store.Decision{Route: RoutePolice, ReferredTo: "WYP"}, nil, nil, "say why"},
		{"not one of the five", store.Decision{Route: "caution", Reasons: "x"}, nil, nil, "one of the five"},
		{"a change needs its reason", store.Decision{Route: RoutePolice, ReferredTo: "WYP", Reasons: "x"}, nil, &store.Decision{Route: RouteNoSanction}, "say why it changes"},
		{"a change with its reason", store.Decision{Route: RoutePolice, ReferredTo: "WYP", Reasons: "x", ChangeReason: "new threats"}, nil, &store.Decision{Route: RouteNoSanction}, ""},
	}
	now := t0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			err := DecisionCheck(&d, now)(store.CaseFile{Ref: "RL-2025-0001", State: DecisionPending}, tt.people, tt.prev)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestDecision_WarningReviewDefaultsTo12Months(t *testing.T) {
	d := store.Decision{Route: RouteSanctionLetter, Sanction: "yellow_card", Reasons: "abuse"}
	if err := DecisionCheck(&d, time.Date(2024, 2, 29, 12, 0, 0, 0, store.London))(store.CaseFile{}, []store.Person{{Role: "alleged_offender", Name: "P", Address: "A"}}, nil); err != nil {
		t.Fatal(err)
	}
	if d.ReviewOn != "2025-02-28" {
		t.Fatalf("review on %s, want 2025-02-28", d.ReviewOn)
	}
}

func TestDecision_ChangeIsANewDecisionNeverAnEdit(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	c := openCase(t, st)
	first, err := Decide(ctx, st, store.Decision{CaseID: c.ID, Route: RoutePolice, ReferredTo: "West Yorkshire Police", Reasons: "threats"}, who(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decide(ctx, st, store.Decision{CaseID: c.ID, Route: RoutePrivateProsecution, Sanction: "civil_action", Reasons: "police NFA"}, who(2*time.Hour)); err == nil {
		t.Fatal("changed without a reason")
	}
	second, err := Decide(ctx, st, store.Decision{CaseID: c.ID, Route: RoutePrivateProsecution, Sanction: "civil_action", Reasons: "police NFA", ChangeReason: "police took no further action"}, who(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	all, _ := st.Decisions(ctx, c.ID)
	if len(all) != 2 || all[0].Route != RoutePolice || *all[1].Supersedes != first.ID || second.DecidedBy != "lsms" {
		t.Fatalf("decisions %+v", all)
	}
}

func TestAddPerson_NHSNumber(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	c := openCase(t, st)
	tests := []struct {
		name, nhs string
		want      error
	}{
		{"valid, spaced", "943 476 5919", nil},
		{"wrong check digit", "943 476 5918", nhsnumber.ErrCheckDigit},
		{"check digit would be 10", "100 000 0010", nhsnumber.ErrImpossible},
		{"not given", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AddPerson(ctx, st, store.Person{CaseID: c.ID, Role: "alleged_offender", Name: "Pat", NHSNumber: tt.nhs}, who(time.Hour))
			if tt.want == nil && err != nil || tt.want != nil && (err == nil || !strings.Contains(err.Error(), tt.want.Error())) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
	people, _ := st.People(ctx, c.ID)
	if people[1].NHSNumber != "9434765919" {
		t.Fatalf("NHS number stored as %q", people[1].NHSNumber)
	}
	if _, err := AddPerson(ctx, st, store.Person{CaseID: c.ID, Role: "witness", Name: "W", DateOfBirth: "2099-01-01"}, who(time.Hour)); err == nil {
		t.Fatal("future date of birth accepted")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestCorrectPerson_KeepsTheOldValuesAndTheRole: a mistyped address is
// corrected, the old one stays in the history (a letter may have gone to
// it), the role cannot change, and bad details are refused as when added.
func TestCorrectPerson_KeepsTheOldValuesAndTheRole(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	c := openCase(t, st)
	id, err := AddPerson(ctx, st, store.Person{CaseID: c.ID, Role: "alleged_offender", Name: "Pat Doe", Address: "1 Hihg St"}, who(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := CorrectPerson(ctx, st, store.Person{ID: id, CaseID: c.ID, Role: "witness", Name: "Pat Doe",
		Address: " 1 High St ", NHSNumber: "943 476 5919"}, who(2*time.Hour))
	if err != nil || strings.Join(changed, ",") != "address,nhs_number" {
		t.Fatalf("changed %v, %v", changed, err)
	}
	var p store.Person
	people, _ := st.People(ctx, c.ID)
	for _, x := range people {
		if x.ID == id {
			p = x
		}
	}
	if p.Role != "alleged_offender" || p.Address != "1 High St" || p.NHSNumber != "9434765919" {
		t.Errorf("after correction %+v", p)
	}
	hist, err := st.PersonHistory(ctx, c.ID)
	if err != nil || len(hist) != 2 || hist[0].Field != "address" || hist[0].Old != "1 Hihg St" || hist[0].New != "1 High St" ||
		hist[0].ChangedBy != "lsms" {
		t.Fatalf("history %+v %v", hist, err)
	}
	if changed, err := CorrectPerson(ctx, st, p, who(3*time.Hour)); err != nil || len(changed) != 0 {
		t.Errorf("an unchanged correction: %v %v", changed, err)
	}
	if _, err := CorrectPerson(ctx, st, store.Person{ID: id, CaseID: c.ID, Name: "Pat", NHSNumber: "943 476 5918"}, who(3*time.Hour)); err == nil {
		t.Error("a bad NHS number was accepted in a correction")
	}
	other, err := st.OpenCase(ctx, store.NewCase{Title: "Other", Origin: "manual", IncidentAt: 1}, who(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CorrectPerson(ctx, st, store.Person{ID: id, CaseID: other.ID, Name: "X"}, who(3*time.Hour)); err == nil {
		t.Error("a person was corrected through another case")
	}
	entries, _ := st.AuditFor(ctx, "case", itoa(c.ID))
	found := false
	for _, e := range entries {
		if e.Action == "case.person_correct" {
			found = true
			if strings.Contains(e.Detail, "High St") {
				t.Errorf("the audit entry carries personal details: %s", e.Detail)
			}
		}
	}
	if !found {
		t.Error("no audit entry for the correction")
	}
}
