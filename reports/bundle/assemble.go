package bundle

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	bb "github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/auditmark"
	"github.com/nhs-redline/redline/reports/pdffont"
)

func init() {
	// pdfcpu otherwise writes a config.yml into the user's config folder on first use.
	model.ConfigPath = "disable"
}

// part is one run of pages in the bundle: a section Redline draws, or a
// document merged in as it is.
type part struct {
	title string // its bookmark and index entry
	pdf   []byte
	pages int
	kids  []entry // documents inside a section, by page within the part
	child bool    // a document inside the section before it
}

// entry is one line of the index and one bookmark.
type entry struct {
	title string
	page  int // within its part until placed, then in the bundle
	kids  []entry
}

// StampText is printed bottom right on every page, %p being the page number.
const StampText = "Bundle page %p"

const (
	pageH     = 297.0
	ptPerMM   = 72 / 25.4
	indexRows = 44 // index lines on a page after the first
	firstRows = 36
)

// Assemble lays the bundle out and returns the PDF.
func Assemble(b *bb.Bundle) ([]byte, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	var parts []part
	add := func(title string, d *doc, kids []entry) error {
		out, n, err := d.finish()
		if err != nil {
			return fmt.Errorf("%s: %w", title, err)
		}
		parts = append(parts, part{title: title, pdf: out, pages: n, kids: kids})
		return nil
	}
	if err := add("Case summary and timeline", summary(b), nil); err != nil {
		return nil, err
	}
	if err := add("Statements", statement(b), []entry{{title: "Statement of " + b.Statement.Name, page: 1}}); err != nil {
		return nil, err
	}
	if err := add("Exhibit list", exhibitList(b), nil); err != nil {
		return nil, err
	}
	for _, sec := range []struct{ title, kind, none string }{
		{"Transcripts", "transcript", "No transcript is exhibited in this case."},
		{"Letters", "letter", "No letter is exhibited in this case."},
	} {
		var docs []part
		for _, x := range b.Exhibits {
			if x.Kind != sec.kind || x.File == nil {
				continue
			}
			n, err := api.PageCount(bytes.NewReader(x.File), conf)
			if err != nil {
				return nil, fmt.Errorf("%s %s: the PDF cannot be read: %w", sec.kind, x.Ref, err)
			}
			docs = append(docs, part{title: x.Ref + "  " + x.Description, pdf: x.File, pages: n, child: true})
		}
		if len(docs) == 0 {
			d := newDoc(b, sec.title)
			d.heading(sec.title)
			d.para(sec.none)
			if err := add(sec.title, d, nil); err != nil {
				return nil, err
			}
			continue
		}
		// The section's bookmark is its first document's page.
		parts = append(parts, part{title: sec.title, pages: 0})
		parts = append(parts, docs...)
	}
	maps, kids := mapPages(b)
	if err := add("Map exhibits", maps, kids); err != nil {
		return nil, err
	}
	if err := add("Schedule of unused material", unusedSchedule(b), nil); err != nil {
		return nil, err
	}
	cont, kids := continuity(b)
	if err := add("Continuity", cont, kids); err != nil {
		return nil, err
	}

	// Place every part after the index, whose length follows from its lines.
	var entries []entry
	lines := 0
	for _, p := range parts {
		lines++
		for range p.kids {
			lines++
		}
	}
	indexPages := 1
	if lines > firstRows {
		indexPages += (lines - firstRows + indexRows - 1) / indexRows
	}
	page := indexPages + 1
	for _, p := range parts {
		e := entry{title: p.title, page: page}
		for _, k := range p.kids {
			e.kids = append(e.kids, entry{title: k.title, page: page + k.page - 1})
		}
		if p.child && len(entries) > 0 {
			last := &entries[len(entries)-1]
			last.kids = append(last.kids, e)
		} else {
			entries = append(entries, e)
		}
		page += p.pages
	}
	total := page - 1
	index, links, err := indexDoc(b, entries, indexPages, total)
	if err != nil {
		return nil, err
	}
	readers := []io.ReadSeeker{bytes.NewReader(index)}
	for _, p := range parts {
		if p.pages > 0 {
			readers = append(readers, bytes.NewReader(p.pdf))
		}
	}
	var merged bytes.Buffer
	if err := api.MergeRaw(readers, &merged, false, conf); err != nil {
		return nil, fmt.Errorf("merge the bundle: %w", err)
	}
	wm, err := api.TextWatermark(StampText, "font:Helvetica-Bold, points:9, pos:br, off:-14 6, scale:1 abs, rot:0, fillc:#000000, bgcol:#FFFFFF, margins:2", true, false, types.POINTS)
	if err != nil {
		return nil, err
	}
	var stamped bytes.Buffer
	if err := api.AddWatermarks(bytes.NewReader(merged.Bytes()), &stamped, nil, wm, conf); err != nil {
		return nil, fmt.Errorf("number the bundle's pages: %w", err)
	}
	var linked bytes.Buffer
	if err := api.AddAnnotationsMap(bytes.NewReader(stamped.Bytes()), &linked, links, conf); err != nil {
		return nil, fmt.Errorf("link the index: %w", err)
	}
	var out bytes.Buffer
	if err := api.AddBookmarks(bytes.NewReader(linked.Bytes()), &out, bookmarks(entries), true, conf); err != nil {
		return nil, fmt.Errorf("bookmark the bundle: %w", err)
	}
	return out.Bytes(), nil
}

func bookmarks(es []entry) []pdfcpu.Bookmark {
	out := make([]pdfcpu.Bookmark, 0, len(es))
	for _, e := range es {
		out = append(out, pdfcpu.Bookmark{Title: clipRunes(e.title, 120), PageFrom: e.page, Kids: bookmarks(e.kids)})
	}
	return out
}

// indexDoc draws the index, every line a link to its page.
func indexDoc(b *bb.Bundle, es []entry, pages, total int) ([]byte, map[int][]model.AnnotationRenderer, error) {
	d := newDoc(b, "Index")
	p := d.pdf
	d.heading(fmt.Sprintf("Court bundle: case %s", b.Case.Ref))
	d.para(fmt.Sprintf("%s. %d pages. Made %s (UK time) by %s.", b.Case.Title, total, b.Made.In(store.London).Format("02/01/2006 15:04"), b.By))
	if !auditmark.None(b.Head) {
		d.small(auditmark.Full(b.Head))
	}
	if b.Redacted {
		d.small("Disclosure copy: chosen personal data has been removed from the text, not covered. The unredacted package is the master. " +
			"Recordings and files added by hand are not in this copy: the exhibit list names them, with the SHA-256 of each, as available from the producer on request.")
	}
	p.Ln(2)
	links := map[int][]model.AnnotationRenderer{}
	row := func(title string, page int, indent float64, bold bool) {
		if p.GetY() > pageH-26 {
			p.AddPage()
		}
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont(pdffont.Family, style, 10)
		x, y, w, h := 18+indent, p.GetY(), 174-indent, 5.6
		title = fit(p, title, w-20)
		p.SetX(x)
		p.CellFormat(w-20, h, title, "", 0, "L", false, 0, "")
		p.CellFormat(20, h, fmt.Sprint(page), "", 1, "R", false, 0, "")
		dest := &model.Destination{Typ: model.DestFit, PageNr: page}
		r := types.NewRectangle(x*ptPerMM, (pageH-y-h)*ptPerMM, (x+w)*ptPerMM, (pageH-y)*ptPerMM)
		pg := p.PageNo()
		links[pg] = append(links[pg], model.NewLinkAnnotation(*r, 0, "Go to page "+fmt.Sprint(page), fmt.Sprintf("index-%d-%d", pg, len(links[pg])),
			"", 0, nil, dest, "", nil, false, 0, model.BSSolid))
	}
	for _, e := range es {
		row(e.title, e.page, 0, true)
		for _, k := range e.kids {
			row(k.title, k.page, 6, false)
		}
	}
	out, n, err := d.finish()
	if err != nil {
		return nil, nil, err
	}
	if n != pages {
		return nil, nil, fmt.Errorf("bundle: the index took %d pages, %d were planned", n, pages)
	}
	return out, links, nil
}

// doc is one section Redline draws.
type doc struct {
	pdf *fpdf.Fpdf
	b   *bb.Bundle
}

func newDoc(b *bb.Bundle, section string) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	pdffont.Register(p)
	p.SetMargins(18, 18, 18)
	p.SetAutoPageBreak(true, 22)
	p.SetTitle(fmt.Sprintf("Court bundle %s: %s", b.Case.Ref, section), true)
	p.SetCreator("Redline", true)
	p.SetCreationDate(b.Made)
	p.SetModificationDate(b.Made)
	if !auditmark.None(b.Head) {
		p.SetSubject(auditmark.Full(b.Head), false)
		p.SetKeywords("redline-audit-head "+auditmark.Anchor(b.Head), false)
	}
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont(pdffont.Family, "", 7.5)
		p.SetTextColor(90, 90, 90)
		left := fmt.Sprintf("Case %s · %s", b.Case.Ref, section)
		if b.Redacted {
			left += " · DISCLOSURE COPY, REDACTED"
		}
		p.CellFormat(130, 4, left, "", 1, "L", false, 0, "")
		if !auditmark.None(b.Head) {
			p.CellFormat(130, 4, auditmark.Short(b.Head), "", 0, "L", false, 0, "")
		}
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	return &doc{pdf: p, b: b}
}

func (d *doc) finish() ([]byte, int, error) {
	if err := d.pdf.Error(); err != nil {
		return nil, 0, err
	}
	n := d.pdf.PageCount()
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), n, nil
}

func (d *doc) heading(s string) {
	d.pdf.SetFont(pdffont.Family, "B", 15)
	d.pdf.MultiCell(0, 7.5, s, "", "L", false)
	d.pdf.Ln(2)
}

func (d *doc) sub(s string) {
	if d.pdf.GetY() > pageH-40 {
		d.pdf.AddPage()
	}
	d.pdf.Ln(1.5)
	d.pdf.SetFont(pdffont.Family, "B", 11)
	d.pdf.MultiCell(0, 6, s, "", "L", false)
}

func (d *doc) para(s string) {
	d.pdf.SetFont(pdffont.Family, "", 10)
	d.pdf.MultiCell(0, 5.2, s, "", "L", false)
	d.pdf.Ln(1.5)
}

func (d *doc) small(s string) {
	d.pdf.SetFont(pdffont.Family, "", 8)
	d.pdf.MultiCell(0, 4, s, "", "L", false)
}

// table draws rows under a header, repeating the header on each new page.
func (d *doc) table(cols []float64, header []string, rows [][]string) {
	p := d.pdf
	const lh = 4.4
	var draw func(cells []string, bold bool)
	draw = func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont(pdffont.Family, style, 8.5)
		lines := 1
		for i, c := range cells {
			if n := len(p.SplitText(c, cols[i]-2)); n > lines {
				lines = n
			}
		}
		h := float64(lines)*lh + 1.6
		if p.GetY()+h > pageH-24 {
			p.AddPage()
			if !bold {
				draw(header, true)
				p.SetFont(pdffont.Family, "", 8.5)
			}
		}
		x, y := 18.0, p.GetY()
		for i, c := range cells {
			p.Rect(x, y, cols[i], h, "D")
			p.SetXY(x+1, y+0.8)
			p.MultiCell(cols[i]-2, lh, c, "", "L", false)
			x += cols[i]
		}
		p.SetXY(18, y+h)
	}
	draw(header, true)
	for _, r := range rows {
		draw(r, false)
	}
	p.Ln(2)
}

func summary(b *bb.Bundle) *doc {
	d := newDoc(b, "Case summary and timeline")
	c := b.Case
	d.heading("Case summary and timeline")
	d.table([]float64{45, 129}, []string{"Case", c.Ref + ": " + c.Title}, [][]string{
		{"Incident", stamp(c.IncidentAt) + " (UK time)"},
		{"Lone worker", orDash(c.WorkerName) + teamOf(c)},
		{"State", strings.ReplaceAll(c.State, "_", " ")},
		{"Legal hold", yesNo(c.LegalHold, c.LegalHoldReason)},
		{"Police contact", police(c)},
	})
	d.sub("Summary")
	d.para(orDash(c.Summary))
	if len(b.People) > 0 {
		d.sub("People")
		var rows [][]string
		for _, p := range b.People {
			rows = append(rows, []string{strings.ReplaceAll(p.Role, "_", " "), p.Name, orDash(p.Address), orDash(p.Contact), orDash(p.DateOfBirth)})
		}
		d.table([]float64{28, 36, 56, 30, 24}, []string{"Role", "Name", "Address", "Telephone", "Date of birth"}, rows)
	}
	d.sub("The decision and its reasons")
	if b.Decision == nil {
		d.para("No decision has been recorded.")
	} else {
		x := b.Decision
		what := strings.ReplaceAll(x.Route, "_", " ")
		if x.Sanction != "" {
			what += " (" + strings.ReplaceAll(x.Sanction, "_", " ") + ")"
		}
		if x.ReferredTo != "" {
			what += ", referred to " + x.ReferredTo
		}
		d.para(fmt.Sprintf("Decided %s by %s: %s. Reasons: %s", stamp(x.DecidedAt), x.DecidedBy, what, x.Reasons))
	}
	d.sub("Timeline: the ARC's log and the case's events, in order (UK time)")
	var rows [][]string
	for _, e := range b.Timeline {
		rows = append(rows, []string{stamp(e.At), e.Source, e.Who, e.What})
	}
	d.table([]float64{28, 16, 30, 100}, []string{"When", "Source", "Who", "What"}, rows)
	return d
}

func statement(b *bb.Bundle) *doc {
	// Drawn twice: the declaration names the statement's own page count.
	var d *doc
	pages := 1
	for pass := 0; pass < 2; pass++ {
		d = newDoc(b, "Statements")
		d.heading("Witness statement")
		d.small("Criminal Procedure Rules, r. 16.2; Criminal Justice Act 1967, s. 9; Magistrates' Courts Act 1980, s. 5B")
		d.pdf.Ln(2)
		d.table([]float64{45, 129}, []string{"Statement of", b.Statement.Name}, [][]string{
			{"Occupation", orDash(b.Statement.Role)}, {"Age if under 18", "Over 18"}, {"Case", b.Case.Ref}})
		n := fmt.Sprintf("%d page", pages)
		if pages != 1 {
			n += "s"
		}
		d.pdf.SetFont(pdffont.Family, "B", 10)
		d.pdf.MultiCell(0, 5.2, fmt.Sprintf(bb.Declaration, n), "1", "L", false)
		d.pdf.Ln(2)
		d.sigLine("Signature", "Date")
		d.pdf.Ln(3)
		for _, s := range b.Statement.Paragraphs {
			d.para(s)
		}
		d.pdf.Ln(4)
		d.sigLine("Signature", "Signature witnessed by")
		pages = d.pdf.PageCount()
	}
	return d
}

// sigLine leaves room for a wet signature.
func (d *doc) sigLine(left, right string) {
	p := d.pdf
	if p.GetY() > pageH-45 {
		p.AddPage()
	}
	p.SetFont(pdffont.Family, "", 9)
	y := p.GetY() + 14
	p.Line(18, y, 98, y)
	p.Line(112, y, 192, y)
	p.SetXY(18, y+1)
	p.CellFormat(80, 4, left, "", 0, "L", false, 0, "")
	p.SetX(112)
	p.CellFormat(80, 4, right, "", 1, "L", false, 0, "")
}

func exhibitList(b *bb.Bundle) *doc {
	d := newDoc(b, "Exhibit list")
	d.heading("Exhibit list")
	if b.Redacted {
		d.small("In the manner of an MG12. Each exhibit's SHA-256 is of its native file in the master evidence package. A document " +
			"rendered again for this copy, without the personal data, has a SHA-256 of its own: exhibits.json in the package gives both.")
	} else {
		d.small("In the manner of an MG12. Each exhibit's SHA-256 is of its native file in the evidence package.")
	}
	d.pdf.Ln(2)
	var rows [][]string
	withheld := 0
	for _, x := range b.Exhibits {
		kept := x.KeptAt
		if x.Withheld != "" {
			kept += ". Not in this disclosure copy: available on request"
			withheld++
		}
		rows = append(rows, []string{x.Ref, x.Description, x.Producer, kept, x.SHA256[:32] + " " + x.SHA256[32:]})
	}
	d.table([]float64{18, 60, 24, 32, 40}, []string{"Exhibit", "Description", "Producer", "Where kept", "SHA-256"}, rows)
	if withheld > 0 {
		d.small(bb.WithheldNote)
	}
	return d
}

func unusedSchedule(b *bb.Bundle) *doc {
	d := newDoc(b, "Schedule of unused material")
	d.heading("Schedule of non-sensitive unused material")
	d.small("In the manner of an MG6C: everything Redline holds on the case that is not an exhibit. The prosecutor marks each item D (disclose), CND (clearly not disclosable) or I (inspect).")
	d.pdf.Ln(2)
	var rows [][]string
	for _, u := range b.Unused {
		rows = append(rows, []string{fmt.Sprint(u.No), u.Description, u.Date, u.Location, ""})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", "Nothing: every item Redline holds on the case is an exhibit.", "", "", ""})
	}
	d.table([]float64{10, 90, 22, 32, 20}, []string{"No.", "Description", "Date", "Location", "D / CND / I"}, rows)
	return d
}

func mapPages(b *bb.Bundle) (*doc, []entry) {
	d := newDoc(b, "Map exhibits")
	d.heading("Map exhibits")
	var kids []entry
	first := true
	for _, x := range b.Exhibits {
		if x.Kind != "map" || x.File == nil {
			continue
		}
		if !first {
			d.pdf.AddPage()
		}
		first = false
		kids = append(kids, entry{title: x.Ref + "  " + x.Description, page: d.pdf.PageNo()})
		d.sub(x.Ref + ": " + x.Description)
		opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
		d.pdf.RegisterImageOptionsReader(x.Ref, opt, bytes.NewReader(x.File))
		info := d.pdf.GetImageInfo(x.Ref)
		if info == nil {
			d.para("The map could not be drawn.")
			continue
		}
		w, h := 174.0, 174.0*info.Height()/info.Width()
		if max := pageH - d.pdf.GetY() - 30; h > max {
			w, h = w*max/h, max
		}
		d.pdf.ImageOptions(x.Ref, 18, d.pdf.GetY()+2, w, h, true, opt, 0, "")
		d.small("SHA-256 " + x.SHA256)
	}
	if first {
		d.para("No map is exhibited in this case.")
	}
	return d, kids
}

func continuity(b *bb.Bundle) (*doc, []entry) {
	d := newDoc(b, "Continuity")
	d.heading("Continuity of each exhibit")
	d.small("Read from Redline's hash-chained audit log, never typed: each line names the audit entry that records it.")
	var kids []entry
	for _, x := range b.Exhibits {
		d.sub(x.Ref + ": " + x.Description)
		kids = append(kids, entry{title: "Continuity of " + x.Ref, page: d.pdf.PageNo()})
		var rows [][]string
		for _, l := range x.Continuity {
			rows = append(rows, []string{stamp(l.At), l.Actor, l.What, fmt.Sprint(l.Seq)})
		}
		if len(rows) == 0 {
			rows = append(rows, []string{"", "", "The audit log holds no entry about this item.", ""})
		}
		d.table([]float64{28, 26, 104, 16}, []string{"When (UK time)", "Who", "What", "Audit entry"}, rows)
	}
	return d, kids
}

func stamp(unix int64) string { return time.Unix(unix, 0).In(store.London).Format("02/01/2006 15:04") }

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func yesNo(b bool, why string) string {
	if !b {
		return "No"
	}
	return strings.TrimSpace("Yes. " + why)
}

func teamOf(c store.CaseFile) string {
	if c.TeamName == "" {
		return ""
	}
	return " (" + c.TeamName + ")"
}

func police(c store.CaseFile) string {
	if c.PoliceForce == "" && c.PoliceRef == "" {
		return "None recorded"
	}
	return fmt.Sprintf("%s, officer %s, reference %s, contacted %s", orDash(c.PoliceForce), orDash(c.PoliceOfficer), orDash(c.PoliceRef), orDash(c.PoliceContactedOn))
}

// fit shortens s with an ellipsis to fit w millimetres in the current font.
func fit(p *fpdf.Fpdf, s string, w float64) string {
	if p.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && p.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
