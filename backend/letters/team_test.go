package letters_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/letters/letterstest"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/store/teamtest"
	"github.com/nhs-redline/redline/backend/vault"
)

// teamFixture is fixture on a fresh team (PostgreSQL) database; skipped,
// saying how to run it, when REDLINE_TEST_PG names no server.
func teamFixture(t *testing.T, route string) (*letters.Office, store.CaseFile) {
	t.Helper()
	url := teamtest.NewDatabase(t)
	if _, err := store.InitTeam(context.Background(), url); err != nil {
		t.Fatalf("team init: %v", err)
	}
	st, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.SealAudit(storetest.Seal)
	v, err := vault.OpenTeam(t.TempDir(), st.VaultBlobs())
	if err != nil {
		t.Fatal(err)
	}
	return letterstest.CaseIn(t, st, v, route, letterstest.Renderer{})
}

// In team mode a second person approves every letter, whatever the trust's
// setting says: the drafter, and whoever drafted it again, are refused.
func TestApprove_TeamModeAlwaysNeedsAnotherPerson(t *testing.T) {
	ctx := context.Background()
	o, c := teamFixture(t, "sanction_letter")
	if s, err := letters.LoadSettings(ctx, o.Store); err != nil || s.ApprovalByAnother {
		t.Fatalf("the fixture should leave the setting off, to show team mode ignores it: %+v %v", s.ApprovalByAnother, err)
	}
	if need, err := o.ApprovalByAnother(ctx); err != nil || !need {
		t.Fatalf("team mode does not require approval by another: %v %v", need, err)
	}
	l, err := o.Draft(ctx, c.ID, at(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	other := store.Who{Actor: "deputy", At: at(2 * time.Hour).At}
	if _, err := o.Redraft(ctx, l.ID, other); err != nil {
		t.Fatal(err)
	}
	for _, w := range []store.Who{at(3 * time.Hour), {Actor: " DEPUTY ", At: other.At}} {
		_, err := o.Approve(ctx, l.ID, w)
		if err == nil || !strings.Contains(err.Error(), "another person must check and approve it") || !problem.Is(err) {
			t.Fatalf("%q approved a letter they drafted: %v", w.Actor, err)
		}
	}
	if got, err := o.Store.Letter(ctx, l.ID); err != nil || got.Status != "draft" {
		t.Fatalf("a refused approval changed the letter: %+v %v", got, err)
	}
	got, err := o.Approve(ctx, l.ID, store.Who{Actor: "manager", At: at(4 * time.Hour).At})
	if err != nil || got.Status != "approved" || got.ApprovedBy != "manager" {
		t.Fatalf("a second person could not approve: %+v %v", got, err)
	}
}
