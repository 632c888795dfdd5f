package exhibit

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/testclock"
)

func TestExhibitNumbers_FollowTheProducerAndAreNeverReused(t *testing.T) {
	st, _ := storetest.Open(t)
	ctx := context.Background()
	who := store.Who{Actor: "alex.morgan", At: testclock.Now().Unix()}
	a, err := st.OpenCase(ctx, store.NewCase{Title: "A", Origin: "manual", IncidentAt: who.At}, who)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.OpenCase(ctx, store.NewCase{Title: "B", Origin: "manual", IncidentAt: who.At}, who)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SaveSettings(ctx, st, Settings{Producer: "Alex Morgan", Initials: "am", Separator: "/"}, who); err != nil {
		t.Fatal(err)
	}
	var refs []string
	for i, c := range []int64{a.ID, b.ID, a.ID} {
		x, err := AddDocument(ctx, st, c, "photograph", "bruise.jpg", "Photograph of the bruise", []byte{byte(i), 1, 2, 3}, who)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, x.Ref)
	}
	if refs[0] != "AM/1" || refs[1] != "AM/2" || refs[2] != "AM/3" {
		t.Fatalf("refs = %v; want AM/1, AM/2, AM/3 across cases", refs)
	}
	again, err := AddDocument(ctx, st, a.ID, "photograph", "bruise.jpg", "Photograph of the bruise", []byte{0, 1, 2, 3}, who)
	if err != nil || again.Ref != "AM/1" {
		t.Fatalf("the same file again = %s, %v; want AM/1 as it was", again.Ref, err)
	}
	x, _ := st.ExhibitByRef(ctx, "AM/2")
	ls, err := Continuity(ctx, st, x)
	if err != nil || len(ls) != 1 || ls[0].Action != "exhibit.create" {
		t.Fatalf("continuity = %+v, %v; want its production, from the audit log", ls, err)
	}
	if err := Handover(ctx, st, "AM/2", "DC 2290 Imogen Booth", "for the CPS", who); err != nil {
		t.Fatal(err)
	}
	if ls, _ = Continuity(ctx, st, x); len(ls) != 2 || ls[1].What != "Handed to DC 2290 Imogen Booth: for the CPS" {
		t.Fatalf("continuity after a handover = %+v", ls)
	}
}

func TestSettings_RefuseUnreadableReferences(t *testing.T) {
	for _, s := range []Settings{
		{Producer: "", Initials: "AM", Separator: "/"},
		{Producer: "Alex Morgan", Initials: "A1", Separator: "/"},
		{Producer: "Alex Morgan", Initials: "AM", Separator: "x"},
		{Producer: "Alex Morgan", Initials: "AM", Separator: ""},
	} {
		var p *problem.Problem
		if _, err := s.Check(); !errors.As(err, &p) || p.Field == "" {
			t.Errorf("%+v: err = %v; want a problem naming its field", s, err)
		}
	}
	if got := Initials("Mary-Jane O'Neill"); got != "MJON" {
		t.Errorf("Initials = %q", got)
	}
}

// Every refusal about the settings sends the person to where they are fixed.
func TestSettings_ProblemsPointToSettingsExhibits(t *testing.T) {
	for _, s := range []Settings{
		{Producer: "", Initials: "AM", Separator: "/"},
		{Producer: "Alex Morgan", Initials: "A1", Separator: "/"},
		{Producer: "Alex Morgan", Initials: "AM", Separator: "x"},
	} {
		if _, err := s.Check(); err == nil || !strings.Contains(err.Error(), "Settings > Exhibits") {
			t.Errorf("%+v: %v; want it to name Settings > Exhibits", s, err)
		}
	}
	st, _ := storetest.Open(t)
	ctx := context.Background()
	if err := st.SetSetting(ctx, SettingKey, "{not json"); err != nil {
		t.Fatal(err)
	}
	var p *problem.Problem
	if _, err := LoadSettings(ctx, st); !errors.As(err, &p) || !strings.Contains(p.Message, "save them again in Settings > Exhibits") {
		t.Errorf("unreadable settings: %v; want a problem sending the person to Settings > Exhibits", err)
	}
}
