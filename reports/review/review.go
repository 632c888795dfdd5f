// Package review prints a post-incident review as a PDF: the ten factors,
// the After Action Review, contributing factors, actions and the sign-off.
package review

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	rv "github.com/nhs-redline/redline/backend/review"
	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/pdffont"
)

// Doc is everything the PDF shows.
type Doc struct {
	Trust   string
	Review  store.Review
	Factors []store.ContributingFactor
	Actions []store.ReviewAction
	Printed time.Time
	By      string
	Head    store.AuditAnchor // the audit head the export carries (zero: none)
}

func day(s string) string {
	t, err := time.ParseInLocation(time.DateOnly, s, store.London)
	if err != nil {
		return s
	}
	return t.Format("02/01/2006")
}

func stamp(unix int64) string { return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04") }

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Not answered"
	}
	return s
}

// PDF lays the review out on A4 with page numbers.
func PDF(d Doc) ([]byte, error) {
	r, f := d.Review, d.Review.Form
	pdf := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(pdf)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetTitle("Post-incident review "+r.CaseRef, true)
	pdf.SetCreator("Redline", true)
	pdf.SetCreationDate(d.Printed)
	pdf.SetModificationDate(d.Printed)
	pdf.AliasNbPages("{nb}")
	stamped := !auditmark.None(d.Head)
	if stamped { // the whole hash in the properties, its first digits on every page
		pdf.SetSubject(auditmark.Full(d.Head), false)
		pdf.SetKeywords("redline-audit-head "+auditmark.Anchor(d.Head), false)
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-13)
		pdf.SetFont(pdffont.Family, "", 8)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, fmt.Sprintf("Post-incident review %s · printed %s by %s", r.CaseRef, d.Printed.In(store.London).Format("02/01/2006 15:04"), d.By), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 4, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		if stamped {
			pdf.SetXY(18, -9)
			pdf.CellFormat(140, 4, auditmark.Short(d.Head), "", 0, "L", false, 0, "")
		}
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	w := 174.0

	pdf.SetFont(pdffont.Family, "B", 16)
	pdf.MultiCell(w, 8, "Post-incident review", "", "L", false)
	pdf.SetFont(pdffont.Family, "", 10)
	if d.Trust != "" {
		pdf.MultiCell(w, 5, d.Trust, "", "L", false)
	}
	pdf.MultiCell(w, 5, fmt.Sprintf("Case %s: %s", r.CaseRef, r.CaseTitle), "", "L", false)
	pdf.MultiCell(w, 5, fmt.Sprintf("Line manager: %s · due %s · assigned %s by %s", r.LineManager, day(r.DueOn), stamp(r.AssignedAt), r.AssignedBy), "", "L", false)
	status := "NOT SIGNED OFF"
	if r.SignedOffAt != nil {
		status = fmt.Sprintf("Signed off by %s on %s (recorded by %s)", r.SignedOffBy, stamp(*r.SignedOffAt), r.SignedOffRecordedBy)
	}
	pdf.SetFont(pdffont.Family, "B", 10)
	pdf.MultiCell(w, 6, status, "", "L", false)

	section := func(title string) {
		if pdf.GetY() > 245 { // keep a heading with what follows it
			pdf.AddPage()
		}
		pdf.Ln(3)
		pdf.SetFont(pdffont.Family, "B", 12)
		pdf.SetFillColor(232, 237, 238)
		pdf.CellFormat(w, 7, title, "", 1, "L", true, 0, "")
		pdf.Ln(1)
	}
	item := func(label, text string) {
		pdf.SetFont(pdffont.Family, "B", 10)
		pdf.MultiCell(w, 5, label, "", "L", false)
		pdf.SetFont(pdffont.Family, "", 10)
		pdf.MultiCell(w, 5, orDash(text), "", "L", false)
		pdf.Ln(1.5)
	}
	scale := func(n int, labels [6]string, note string) string {
		if n == 0 {
			return orDash(note)
		}
		s := fmt.Sprintf("%d - %s", n, labels[n])
		if strings.TrimSpace(note) != "" {
			s += ". " + note
		}
		return s
	}
	joinNonEmpty := func(parts ...[2]string) string {
		var out []string
		for _, p := range parts {
			if strings.TrimSpace(p[1]) != "" {
				out = append(out, p[0]+": "+p[1])
			}
		}
		return strings.Join(out, "\n")
	}

	section("The ten factors (" + rv.Citation + ")")
	answers := map[string]string{
		"incidentType":   f.IncidentType,
		"severity":       scale(f.Severity, risk.Consequences, f.SeverityNote),
		"recurrence":     scale(f.Recurrence, risk.Likelihoods, f.RecurrenceNote),
		"cost":           joinNonEmpty([2]string{"Human", f.CostHuman}, [2]string{"Financial", f.CostFinancial}),
		"involved":       joinNonEmpty([2]string{"Individuals", f.Individuals}, [2]string{"Staff groups", f.StaffGroups}),
		"weaknesses":     joinNonEmpty([2]string{"Procedural", f.WeaknessProcedural}, [2]string{"Systematic", f.WeaknessSystematic}, [2]string{"Technological", f.WeaknessTechnological}),
		"trainingNeeds":  f.TrainingNeeds,
		"measuresReview": f.MeasuresReview,
		"support":        strings.TrimSpace(rv.SupportRatings[f.SupportRating] + ". " + f.SupportEffectiveness),
		"technology":     f.Technology,
	}
	if f.SupportRating == "" {
		answers["support"] = f.SupportEffectiveness
	}
	for i, fac := range rv.Factors {
		item(fmt.Sprintf("%d. %s", i+1, fac.Label), answers[fac.Key])
	}

	section("After Action Review")
	for _, q := range rv.AARQuestions {
		item(q.Label, map[string]string{"aarExpected": f.AARExpected, "aarHappened": f.AARHappened,
			"aarDifference": f.AARDifference, "aarLearn": f.AARLearn}[q.Key])
	}

	section("Contributing factors")
	if len(d.Factors) == 0 {
		pdf.SetFont(pdffont.Family, "", 10)
		pdf.MultiCell(w, 5, "None recorded.", "", "L", false)
	}
	for _, c := range d.Factors {
		item(rv.FactorCategories[c.Category], c.Description)
	}

	section("Actions")
	actionsTable(pdf, d.Actions)
	if f.NoActionNeeded {
		item("No action needed", f.NoActionReason)
	}

	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("lay out the review of %s: %w", r.CaseRef, err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func actionsTable(pdf *fpdf.Fpdf, actions []store.ReviewAction) {
	cols := []struct {
		title string
		w     float64
	}{{"Action", 78}, {"Owner", 40}, {"Due", 24}, {"Status", 32}}
	pdf.SetFont(pdffont.Family, "B", 9)
	for _, c := range cols {
		pdf.CellFormat(c.w, 6, c.title, "B", 0, "L", false, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont(pdffont.Family, "", 9)
	if len(actions) == 0 {
		pdf.MultiCell(174, 5, "No actions agreed.", "", "L", false)
		return
	}
	for _, a := range actions {
		cells := []string{a.Description, a.Owner, day(a.DueOn), rv.ActionStatuses[a.Status]}
		// Height of the tallest wrapped cell, so the row's cells line up.
		lines := 1
		for i, c := range cells {
			if n := len(pdf.SplitText(c, cols[i].w-2)); n > lines {
				lines = n
			}
		}
		h := float64(lines) * 4.5
		if pdf.GetY()+h > 277 {
			pdf.AddPage()
		}
		x, y := pdf.GetX(), pdf.GetY()
		for i, c := range cells {
			pdf.SetXY(x, y)
			pdf.MultiCell(cols[i].w, 4.5, c, "", "L", false)
			x += cols[i].w
		}
		pdf.SetXY(18, y+h)
		pdf.Line(18, y+h+0.5, 192, y+h+0.5)
		pdf.Ln(1.5)
	}
}
