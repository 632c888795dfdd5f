package review

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/store"

	"github.com/nhs-redline/redline/reports/pdftest"
)

func TestPDF_ShowsEveryFactorAnswerActionAndSignOff(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	signed := time.Date(2025, 3, 20, 15, 30, 0, 0, time.UTC).Unix()
	f := store.ReviewForm{IncidentType: "Verbal abuse and threats", Severity: 2, SeverityNote: "no injury", Recurrence: 4,
		CostHuman: "Two days' absence", CostFinancial: "£320 agency cover", StaffGroups: "District nursing",
		WeaknessProcedural: "No second visitor", WeaknessTechnological: "Device battery low warning ignored",
		TrainingNeeds: "Conflict resolution refresher", MeasuresReview: "Known-risk log not checked", SupportRating: "effective",
		SupportEffectiveness: "Debrief next day", Technology: "ARC answered in 6 s", AARExpected: "Routine visit",
		AARHappened: "Relative became aggressive", AARDifference: "Risk marker missing", AARLearn: "Check the log before every visit"}
	d := Doc{Trust: "West Yorkshire Community Health NHS Trust", Printed: time.Unix(signed, 0), By: "lsms",
		Review: store.Review{CaseRef: "RL-2025-0007", CaseTitle: "Threats on a home visit", LineManager: "Jo Manager", DueOn: "2025-03-28",
			Form: f, SignedOffAt: &signed, SignedOffBy: "Jo Manager", SignedOffRecordedBy: "lsms"},
		Factors: []store.ContributingFactor{{Category: "environment", Description: "Poor lighting on the stairwell"}},
		Actions: []store.ReviewAction{{Description: "Add a risk marker to the patient's record and tell the team", Owner: "Team leader", DueOn: "2025-04-01", Status: "in_progress"}},
	}
	b, err := PDF(d)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.LastPageHoldsAtLeast(t, b, 4)
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, b, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"1. Type of incident", "10. Technology in place to protect lone workers", "2 - Minor. no injury",
		"4 - Likely", "Financial: £320 agency cover", "Technological: Device battery low warning ignored", "What can we learn?",
		"Check the log before every visit", "Poor lighting on the stairwell", "Team leader", "01/04/2025", "In progress",
		"Signed off by Jo Manager on 20/03/2025 15:30", "Page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}
