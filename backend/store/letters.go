package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Letter is one entry in the letter register.
type Letter struct {
	ID             int64  `json:"id"`
	Ref            string `json:"ref"`
	CaseID         int64  `json:"caseId"`
	CaseRef        string `json:"caseRef"`
	DecisionID     int64  `json:"decisionId"`
	Kind           string `json:"kind"`
	Status         string `json:"status"`
	Recipient      string `json:"recipient"`
	LetterDate     string `json:"letterDate"` // London yyyy-mm-dd
	ReviewOn       string `json:"reviewOn"`
	ExpiresOn      string `json:"expiresOn"`
	TemplateSHA256 string `json:"templateSha256"`
	DocxSHA256     string `json:"docxSha256"`
	PDFSHA256      string `json:"pdfSha256"`
	Fields         string `json:"fields"` // JSON of the merge values used
	CreatedAt      int64  `json:"createdAt"`
	CreatedBy      string `json:"createdBy"`
	ApprovedAt     *int64 `json:"approvedAt"`
	ApprovedBy     string `json:"approvedBy"`
	IssuedOn       string `json:"issuedOn"`
	IssuedMethod   string `json:"issuedMethod"`
	IssuedAt       *int64 `json:"issuedAt"`
	IssuedBy       string `json:"issuedBy"`
	EndedOn        string `json:"endedOn"`
	EndedReason    string `json:"endedReason"`
	UpdatedAt      int64  `json:"updatedAt"`
}

const letterColumns = `l.id, l.ref, l.case_id, c.ref, coalesce(l.decision_id, 0), l.kind, l.status, l.recipient, l.letter_date,
	l.review_on, l.expires_on, l.template_sha256, l.docx_sha256, l.pdf_sha256, l.fields, l.created_at, l.created_by,
	l.approved_at, l.approved_by, l.issued_on, l.issued_method, l.issued_at, l.issued_by, l.ended_on, l.ended_reason, l.updated_at`

const letterFrom = ` FROM letters l JOIN cases c ON c.id = l.case_id`

func scanLetter(sc interface{ Scan(...any) error }) (Letter, error) {
	var l Letter
	var approved, issued sql.NullInt64
	err := sc.Scan(&l.ID, &l.Ref, &l.CaseID, &l.CaseRef, &l.DecisionID, &l.Kind, &l.Status, &l.Recipient, &l.LetterDate,
		&l.ReviewOn, &l.ExpiresOn, &l.TemplateSHA256, &l.DocxSHA256, &l.PDFSHA256, &l.Fields, &l.CreatedAt, &l.CreatedBy,
		&approved, &l.ApprovedBy, &l.IssuedOn, &l.IssuedMethod, &issued, &l.IssuedBy, &l.EndedOn, &l.EndedReason, &l.UpdatedAt)
	l.ApprovedAt, l.IssuedAt = ptrInt(approved), ptrInt(issued)
	return l, err
}

// NextLetterRef is the reference the case's next letter will carry: the
// case ref and a letter number, RL-2025-0007/L2.
func (s *Store) NextLetterRef(ctx context.Context, caseID int64) (string, error) {
	var ref string
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT c.ref, (SELECT count(*) FROM letters WHERE case_id = c.id) FROM cases c WHERE c.id = ?`, caseID).Scan(&ref, &n)
	if err == sql.ErrNoRows {
		return "", fmt.Errorf("case %d: %w", caseID, ErrNotFound)
	}
	return fmt.Sprintf("%s/L%d", ref, n+1), err
}

// CreateLetter records a drafted letter (its files already in the vault).
func (s *Store) CreateLetter(ctx context.Context, l Letter, who Who) (Letter, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var decision any
		if l.DecisionID != 0 {
			decision = l.DecisionID
		}
		newID, err := insertRowID(ctx, tx, `INSERT INTO letters(ref, case_id, decision_id, kind, status, recipient, letter_date, review_on,
			expires_on, template_sha256, docx_sha256, pdf_sha256, fields, created_at, created_by, updated_at)
			VALUES (?,?,?,?,'draft',?,?,?,?,?,?,?,?,?,?,?)`, l.Ref, l.CaseID, decision, l.Kind, l.Recipient, l.LetterDate, l.ReviewOn,
			l.ExpiresOn, l.TemplateSHA256, l.DocxSHA256, l.PDFSHA256, l.Fields, who.At, who.Actor, who.At)
		if err != nil {
			return fmt.Errorf("record letter %s: %w", l.Ref, err)
		}
		id = newID
		if err := letterEvent(ctx, tx, id, who, "", "draft", "drafted"); err != nil {
			return err
		}
		return s.logChange(ctx, tx, who, "letter.draft", "letter", id, map[string]any{"ref": l.Ref, "case": l.CaseID, "kind": l.Kind,
			"template": l.TemplateSHA256, "docx": l.DocxSHA256, "pdf": l.PDFSHA256, "reviewOn": l.ReviewOn})
	})
	if err != nil {
		return Letter{}, err
	}
	return s.Letter(ctx, id)
}

// RedraftLetter replaces a draft's files and merge values (never after approval).
func (s *Store) RedraftLetter(ctx context.Context, l Letter, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE letters SET recipient=?, letter_date=?, review_on=?, expires_on=?, template_sha256=?,
			docx_sha256=?, pdf_sha256=?, fields=?, updated_at=? WHERE id = ? AND status = 'draft'`, l.Recipient, l.LetterDate, l.ReviewOn,
			l.ExpiresOn, l.TemplateSHA256, l.DocxSHA256, l.PDFSHA256, l.Fields, who.At, l.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("letter %s is no longer a draft: approved letters are never regenerated; revoke it and draft a new one", l.Ref)
		}
		return s.logChange(ctx, tx, who, "letter.redraft", "letter", l.ID, map[string]any{"template": l.TemplateSHA256,
			"docx": l.DocxSHA256, "pdf": l.PDFSHA256, "reviewOn": l.ReviewOn})
	})
}

func letterEvent(ctx context.Context, tx *sql.Tx, id int64, who Who, from, to, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO letter_events(letter_id, at, actor, from_status, to_status, detail) VALUES (?,?,?,?,?,?)`,
		id, who.At, who.Actor, from, to, detail)
	return err
}

// LetterChange moves a letter between statuses. Set holds the columns the
// step fills (approved_by, issued_on, ...). The status it moves from is
// checked inside the transaction, so two clicks cannot both succeed.
type LetterChange struct {
	From   []string
	To     string
	Set    map[string]any
	Detail string
	// Expect holds columns (of those Set may set) that must still hold the
	// values the person's page showed, checked in the UPDATE itself: new
	// dates for a warning in force are refused if a colleague gave it
	// other dates meanwhile.
	Expect map[string]any
}

var letterSettable = map[string]bool{"approved_at": true, "approved_by": true, "issued_on": true, "issued_method": true,
	"issued_at": true, "issued_by": true, "ended_on": true, "ended_reason": true, "review_on": true, "expires_on": true}

// ChangeLetter applies a status change with its event and audit entry.
func (s *Store) ChangeLetter(ctx context.Context, id int64, ch LetterChange, who Who) (Letter, error) {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		l, err := scanLetter(tx.QueryRowContext(ctx, `SELECT `+letterColumns+letterFrom+` WHERE l.id = ?`, id))
		if err == sql.ErrNoRows {
			return fmt.Errorf("letter %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		ok := false
		for _, f := range ch.From {
			ok = ok || l.Status == f
		}
		if !ok {
			return letterChanged(ctx, tx, l)
		}
		q, args := `UPDATE letters SET status = ?, updated_at = ?`, []any{ch.To, who.At}
		for col, v := range ch.Set {
			if !letterSettable[col] {
				return fmt.Errorf("letter column %s cannot be set", col)
			}
			q, args = q+", "+col+" = ?", append(args, v)
		}
		// The status read above is checked again in the UPDATE itself: on
		// PostgreSQL a colleague's change may commit between the two, and the
		// second UPDATE then finds the row no longer in that status.
		q, args = q+` WHERE id = ? AND status = ?`, append(args, id, l.Status)
		for col, v := range ch.Expect {
			if !letterSettable[col] {
				return fmt.Errorf("letter column %s cannot be checked", col)
			}
			q, args = q+" AND "+col+" = ?", append(args, v)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			now, rerr := scanLetter(tx.QueryRowContext(ctx, `SELECT `+letterColumns+letterFrom+` WHERE l.id = ?`, id))
			if rerr != nil {
				return errors.Join(err, rerr)
			}
			changed := letterChanged(ctx, tx, now)
			var ce *ChangedError
			if now.Status == l.Status && errors.As(changed, &ce) {
				ce.Now = "" // the same status: what moved is what Expect held
			}
			return changed
		}
		if err := letterEvent(ctx, tx, id, who, l.Status, ch.To, ch.Detail); err != nil {
			return err
		}
		return s.logChange(ctx, tx, who, "letter."+ch.To, "letter", id, map[string]any{"ref": l.Ref, "from": l.Status, "to": ch.To,
			"set": ch.Set, "detail": ch.Detail})
	})
	if err != nil {
		return Letter{}, err
	}
	return s.Letter(ctx, id)
}

// letterStatusWords are the statuses as the Letters screen names them.
var letterStatusWords = map[string]string{"draft": "Draft", "approved": "Approved", "issued": "Issued",
	"in_force": "In force", "breached": "Breached", "expired": "Expired", "revoked": "Revoked"}

// letterChanged says that letter l is no longer in the status the step needs:
// what it is now (in the words the Letters screen uses) and
// who last moved it.
func letterChanged(ctx context.Context, tx *sql.Tx, l Letter) error {
	e := &ChangedError{What: "letter " + l.Ref, Now: letterStatusWords[l.Status]}
	err := tx.QueryRowContext(ctx, `SELECT actor, at FROM letter_events WHERE letter_id = ? ORDER BY id DESC LIMIT 1`, l.ID).Scan(&e.By, &e.At)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	return e
}

// Letter returns one letter.
func (s *Store) Letter(ctx context.Context, id int64) (Letter, error) {
	l, err := scanLetter(s.db.QueryRowContext(ctx, `SELECT `+letterColumns+letterFrom+` WHERE l.id = ?`, id))
	if err == sql.ErrNoRows {
		return l, fmt.Errorf("letter %d: %w", id, ErrNotFound)
	}
	return l, err
}

// LetterFilter narrows the register.
type LetterFilter struct {
	CaseID int64    `json:"caseId"`
	Status []string `json:"status"`
}

// Letters lists the register, newest first.
func (s *Store) Letters(ctx context.Context, f LetterFilter) ([]Letter, error) {
	q, args := `SELECT `+letterColumns+letterFrom+` WHERE 1=1`, []any{}
	if f.CaseID != 0 {
		q, args = q+` AND l.case_id = ?`, append(args, f.CaseID)
	}
	if len(f.Status) > 0 {
		q += ` AND l.status IN (` + placeholders(len(f.Status)) + `)`
		for _, st := range f.Status {
			args = append(args, st)
		}
	}
	return queryList(ctx, s.db, q+` ORDER BY l.id DESC LIMIT 5000`, args, scanLetter)
}

// LetterEvent is one status change in a letter's history.
type LetterEvent struct {
	At     int64  `json:"at"`
	Actor  string `json:"actor"`
	From   string `json:"from"`
	To     string `json:"to"`
	Detail string `json:"detail"`
}

// LetterEvents lists a letter's history, oldest first.
func (s *Store) LetterEvents(ctx context.Context, id int64) ([]LetterEvent, error) {
	return queryList(ctx, s.db, `SELECT at, actor, from_status, to_status, detail FROM letter_events WHERE letter_id = ? ORDER BY id`,
		[]any{id}, func(sc interface{ Scan(...any) error }) (LetterEvent, error) {
			var e LetterEvent
			return e, sc.Scan(&e.At, &e.Actor, &e.From, &e.To, &e.Detail)
		})
}

// LetterDue is a letter needing the LSMS: a draft to approve, an approved
// letter to issue, or a warning reaching its review or expiry date.
type LetterDue struct {
	Letter Letter `json:"letter"`
	Need   string `json:"need"`  // approve, issue, review, expiry
	DueOn  string `json:"dueOn"` // London yyyy-mm-dd; the draft or approval date for approve/issue
}

// LettersDue lists letters needing attention: every draft and approved
// letter, and warnings in force whose review or expiry date falls before
// now+within (London dates; overdue ones included), soonest first.
func (s *Store) LettersDue(ctx context.Context, now time.Time, within time.Duration) ([]LetterDue, error) {
	horizon := now.Add(within).In(London).Format(time.DateOnly)
	ls, err := queryList(ctx, s.db, `SELECT `+letterColumns+letterFrom+` WHERE l.status IN ('draft', 'approved')
		OR (l.status = 'in_force' AND ((l.review_on <> '' AND l.review_on <= ?) OR (l.expires_on <> '' AND l.expires_on <= ?)))
		ORDER BY l.id`, []any{horizon, horizon}, scanLetter)
	if err != nil {
		return nil, err
	}
	out := []LetterDue{}
	for _, l := range ls {
		d := LetterDue{Letter: l}
		switch {
		case l.Status == "draft":
			d.Need, d.DueOn = "approve", time.Unix(l.CreatedAt, 0).In(London).Format(time.DateOnly)
		case l.Status == "approved":
			d.Need, d.DueOn = "issue", time.Unix(*l.ApprovedAt, 0).In(London).Format(time.DateOnly)
		case l.ReviewOn != "" && l.ReviewOn <= horizon && (l.ExpiresOn == "" || l.ReviewOn <= l.ExpiresOn):
			d.Need, d.DueOn = "review", l.ReviewOn
		default:
			d.Need, d.DueOn = "expiry", l.ExpiresOn
		}
		out = append(out, d)
	}
	sortLettersDue(out)
	return out, nil
}

func sortLettersDue(ds []LetterDue) {
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].DueOn < ds[j].DueOn })
}

// ExpiredWarnings lists warnings in force whose expiry date is before day.
func (s *Store) ExpiredWarnings(ctx context.Context, day string) ([]Letter, error) {
	return queryList(ctx, s.db, `SELECT `+letterColumns+letterFrom+` WHERE l.status = 'in_force' AND l.expires_on <> ''
		AND l.expires_on < ? ORDER BY l.id`, []any{day}, scanLetter)
}
