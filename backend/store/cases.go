package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CaseFile is one incident from alert (or report) to closure.
type CaseFile struct {
	ID                 int64   `json:"id"`
	Ref                string  `json:"ref"`
	Title              string  `json:"title"`
	State              string  `json:"state"`
	Origin             string  `json:"origin"`
	IncidentAt         int64   `json:"incidentAt"`
	Summary            string  `json:"summary"`
	WorkerID           int64   `json:"workerId"`
	WorkerName         string  `json:"workerName"`
	TeamName           string  `json:"teamName"`
	OpenedAt           int64   `json:"openedAt"`
	OpenedBy           string  `json:"openedBy"`
	UpdatedAt          int64   `json:"updatedAt"`
	ClosedAt           *int64  `json:"closedAt"`
	LegalHold          bool    `json:"legalHold"`
	LegalHoldReason    string  `json:"legalHoldReason"`
	PhysicalAssault    bool    `json:"physicalAssault"`
	PoliceForce        string  `json:"policeForce"`
	PoliceOfficer      string  `json:"policeOfficer"`
	PoliceRef          string  `json:"policeRef"`
	PoliceContactedOn  string  `json:"policeContactedOn"`
	RiddorOutcome      string  `json:"riddorOutcome"`
	RiddorFirstAbsence string  `json:"riddorFirstAbsence"`
	RiddorReturn       string  `json:"riddorReturn"`
	RiddorRef          string  `json:"riddorRef"`
	RiddorReportedOn   string  `json:"riddorReportedOn"`
	ReviewSignedOffAt  *int64  `json:"reviewSignedOffAt"`
	ReviewSignedOffBy  string  `json:"reviewSignedOffBy"`
	RiskOutcome        string  `json:"riskOutcome"`
	RiskNoChangeReason string  `json:"riskNoChangeReason"`
	RiskOutcomeAt      *int64  `json:"riskOutcomeAt"`
	RiskOutcomeBy      string  `json:"riskOutcomeBy"`
	AlertIDs           []int64 `json:"alertIds"`
}

const caseColumns = `c.id, c.ref, c.title, c.state, c.origin, c.incident_at, c.summary, coalesce(c.worker_id, 0),
	coalesce(w.name, ''), coalesce(t.name, ''), c.opened_at, c.opened_by, c.updated_at, c.closed_at, c.legal_hold,
	c.legal_hold_reason, c.physical_assault, c.police_force, c.police_officer, c.police_ref, c.police_contacted_on,
	c.riddor_outcome, c.riddor_first_absence, c.riddor_return, c.riddor_ref, c.riddor_reported_on,
	c.review_signed_off_at, c.review_signed_off_by, c.risk_outcome, c.risk_no_change_reason, c.risk_outcome_at, c.risk_outcome_by`

const caseFrom = ` FROM cases c LEFT JOIN workers w ON w.id = c.worker_id LEFT JOIN teams t ON t.id = w.team_id`

func scanCase(sc interface{ Scan(...any) error }) (CaseFile, error) {
	var c CaseFile
	var closed, signed, risk sql.NullInt64
	err := sc.Scan(&c.ID, &c.Ref, &c.Title, &c.State, &c.Origin, &c.IncidentAt, &c.Summary, &c.WorkerID,
		&c.WorkerName, &c.TeamName, &c.OpenedAt, &c.OpenedBy, &c.UpdatedAt, &closed, &c.LegalHold,
		&c.LegalHoldReason, &c.PhysicalAssault, &c.PoliceForce, &c.PoliceOfficer, &c.PoliceRef, &c.PoliceContactedOn,
		&c.RiddorOutcome, &c.RiddorFirstAbsence, &c.RiddorReturn, &c.RiddorRef, &c.RiddorReportedOn,
		&signed, &c.ReviewSignedOffBy, &c.RiskOutcome, &c.RiskNoChangeReason, &risk, &c.RiskOutcomeBy)
	c.ClosedAt, c.ReviewSignedOffAt, c.RiskOutcomeAt = ptrInt(closed), ptrInt(signed), ptrInt(risk)
	return c, err
}

type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func loadCase(ctx context.Context, q querier, id int64) (CaseFile, error) {
	c, err := scanCase(q.QueryRowContext(ctx, "SELECT "+caseColumns+caseFrom+" WHERE c.id = ?", id))
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("case %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, err
	}
	rows, err := q.QueryContext(ctx, `SELECT alert_id FROM case_alerts WHERE case_id = ? ORDER BY alert_id`, id)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	c.AlertIDs = []int64{}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return c, err
		}
		c.AlertIDs = append(c.AlertIDs, a)
	}
	return c, rows.Err()
}

// Case returns one case with its linked alerts.
func (s *Store) Case(ctx context.Context, id int64) (CaseFile, error) { return loadCase(ctx, s.db, id) }

// CaseFilter narrows the cases list.
type CaseFilter struct {
	States  []string `json:"states"`
	Open    bool     `json:"open"` // everything but closed
	AlertID int64    `json:"alertId"`
}

// ListCases lists cases, most recently changed first.
func (s *Store) ListCases(ctx context.Context, f CaseFilter) ([]CaseFile, error) {
	var conds []string
	var args []any
	if len(f.States) > 0 {
		conds = append(conds, "c.state IN ("+placeholders(len(f.States))+")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	if f.Open {
		conds = append(conds, "c.state <> 'closed'")
	}
	if f.AlertID != 0 {
		conds, args = append(conds, "c.id IN (SELECT case_id FROM case_alerts WHERE alert_id = ?)"), append(args, f.AlertID)
	}
	q := "SELECT " + caseColumns + caseFrom
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	return queryList(ctx, s.db, q+" ORDER BY c.updated_at DESC, c.id DESC LIMIT 2000", args, scanCase)
}

func (s *Store) audit(ctx context.Context, tx *sql.Tx, who Who, action, objType string, id int64, detail any) error {
	var text string
	switch d := detail.(type) {
	case string:
		text = d
	default:
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		text = string(b)
	}
	_, err := s.AppendAudit(ctx, tx, AuditEntry{At: who.At, Actor: who.Actor, Action: action, ObjectType: objType,
		ObjectID: strconv.FormatInt(id, 10), Detail: text})
	return err
}

// caseChange runs fn on an existing case in one transaction, stamps the case
// as changed and writes the audit entry, so no change can skip the log. The
// case's row is locked before it is read, so on PostgreSQL two changes to
// one case run one after the other and each fn sees what the other did.
func (s *Store) caseChange(ctx context.Context, caseID int64, who Who, action string, detail any, fn func(tx *sql.Tx, c CaseFile) error) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := lockRow(ctx, tx, "cases", caseID); err != nil {
			return err
		}
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET updated_at = ? WHERE id = ?`, who.At, caseID); err != nil {
			return err
		}
		if later, ok := detail.(func() any); ok {
			detail = later() // details known only once fn has run
		}
		return s.audit(ctx, tx, who, action, "case", caseID, detail)
	})
}

func addEvent(ctx context.Context, tx *sql.Tx, caseID int64, who Who, kind, from, to, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO case_events(case_id, at, actor, kind, from_state, to_state, detail)
		VALUES (?,?,?,?,?,?,?)`, caseID, who.At, who.Actor, kind, from, to, detail)
	return err
}

// NewCase is a case about to be opened.
type NewCase struct {
	Title      string  `json:"title"`
	Origin     string  `json:"origin"` // alert or manual
	IncidentAt int64   `json:"incidentAt"`
	Summary    string  `json:"summary"`
	WorkerID   int64   `json:"workerId"`
	AlertIDs   []int64 `json:"alertIds"`
}

// OpenCase opens a case, links its alerts, adds the lone worker as a person
// and numbers it RL-<London year>-<nnnn>.
func (s *Store) OpenCase(ctx context.Context, n NewCase, who Who) (CaseFile, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		year := time.Unix(who.At, 0).In(London).Format("2006")
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE ref LIKE ?`, "RL-"+year+"-%").Scan(&seq); err != nil {
			return err
		}
		ref := fmt.Sprintf("RL-%s-%04d", year, seq+1)
		newID, err := insertRowID(ctx, tx, `INSERT INTO cases(ref, title, origin, incident_at, summary, worker_id, opened_at, opened_by, updated_at)
			VALUES (?,?,?,?,?,nullif(?, 0),?,?,?)`, ref, n.Title, n.Origin, n.IncidentAt, n.Summary, n.WorkerID, who.At, who.Actor, who.At)
		if err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		id = newID
		for _, a := range n.AlertIDs {
			if err := linkAlert(ctx, tx, id, a, who); err != nil {
				return err
			}
		}
		if n.WorkerID != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_people(case_id, role, name, worker_id, added_at, added_by)
				SELECT ?, 'lone_worker', name, id, ?, ? FROM workers WHERE id = ?`, id, who.At, who.Actor, n.WorkerID); err != nil {
				return err
			}
		}
		if err := addEvent(ctx, tx, id, who, "opened", "", "open", n.Title); err != nil {
			return err
		}
		return s.audit(ctx, tx, who, "case.open", "case", id, map[string]any{"ref": ref, "title": n.Title, "origin": n.Origin, "alerts": n.AlertIDs})
	})
	if err != nil {
		return CaseFile{}, err
	}
	return s.Case(ctx, id)
}

func linkAlert(ctx context.Context, tx *sql.Tx, caseID, alertID int64, who Who) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO case_alerts(case_id, alert_id, linked_at, linked_by) VALUES (?,?,?,?)
		ON CONFLICT DO NOTHING`, caseID, alertID, who.At, who.Actor)
	if err != nil {
		return fmt.Errorf("link alert %d to case %d: %w", alertID, caseID, err)
	}
	return nil
}

// LinkAlert links another alert (say, the worker's amber memo of that day) to a case.
func (s *Store) LinkAlert(ctx context.Context, caseID, alertID int64, who Who) error {
	return s.caseChange(ctx, caseID, who, "case.link_alert", map[string]any{"alertId": alertID}, func(tx *sql.Tx, _ CaseFile) error {
		return linkAlert(ctx, tx, caseID, alertID, who)
	})
}

// CaseFacts is what the state machine's guards look at.
type CaseFacts struct {
	Case        CaseFile
	HasDecision bool
}

// Guard decides whether a state change may happen.
type Guard func(f CaseFacts, to string) error

// SetCaseState moves a case from whatever state it is in; see SetCaseStateSeen.
func (s *Store) SetCaseState(ctx context.Context, caseID int64, to, reason string, who Who, guard Guard) error {
	return s.SetCaseStateSeen(ctx, caseID, "", to, reason, who, guard)
}

// SetCaseStateSeen moves a case to state `to` when guard allows, recording
// the reason (needed to reopen) as a case event and in the audit log,
// provided the case is still in state seen (the one the person's page
// showed; "" for whatever it is). Otherwise it returns a *ChangedError whose
// Now is the state's code, with who moved it there and when.
func (s *Store) SetCaseStateSeen(ctx context.Context, caseID int64, seen, to, reason string, who Who, guard Guard) error {
	var from string
	return s.caseChange(ctx, caseID, who, "case.state", func() any {
		return map[string]any{"from": from, "to": to, "reason": reason}
	}, func(tx *sql.Tx, c CaseFile) error {
		if seen != "" && c.State != seen {
			return caseStateChanged(ctx, tx, c)
		}
		f := CaseFacts{Case: c}
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM case_decisions WHERE case_id = ?)`, caseID).Scan(&f.HasDecision); err != nil {
			return err
		}
		if err := guard(f, to); err != nil {
			return err
		}
		from = c.State
		closed := any(nil)
		if to == "closed" {
			closed = who.At
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET state = ?, closed_at = ? WHERE id = ?`, to, closed, caseID); err != nil {
			return err
		}
		kind := "state"
		if from == "closed" {
			kind = "reopened"
		}
		return addEvent(ctx, tx, caseID, who, kind, from, to, reason)
	})
}

// caseStateChanged says who last moved case c to the state it is in.
func caseStateChanged(ctx context.Context, tx *sql.Tx, c CaseFile) error {
	e := &ChangedError{What: "case " + c.Ref + "'s state", Now: c.State}
	err := tx.QueryRowContext(ctx, `SELECT actor, at FROM case_events WHERE case_id = ? AND to_state = ?
		ORDER BY id DESC LIMIT 1`, c.ID, c.State).Scan(&e.By, &e.At)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	return e
}

// CasePatch changes the case's own fields; nil fields stay as they are.
type CasePatch struct {
	Title              *string `json:"title"`
	Summary            *string `json:"summary"`
	LegalHold          *bool   `json:"legalHold"`
	LegalHoldReason    *string `json:"legalHoldReason"`
	PhysicalAssault    *bool   `json:"physicalAssault"`
	PoliceForce        *string `json:"policeForce"`
	PoliceOfficer      *string `json:"policeOfficer"`
	PoliceRef          *string `json:"policeRef"`
	PoliceContactedOn  *string `json:"policeContactedOn"`
	RiddorOutcome      *string `json:"riddorOutcome"`
	RiddorFirstAbsence *string `json:"riddorFirstAbsence"`
	RiddorReturn       *string `json:"riddorReturn"`
	RiddorRef          *string `json:"riddorRef"`
	RiddorReportedOn   *string `json:"riddorReportedOn"`
}

func (p CasePatch) columns() ([]string, []any) {
	var cols []string
	var vals []any
	add := func(col string, v any) { cols, vals = append(cols, col), append(vals, v) }
	str := map[string]*string{"title": p.Title, "summary": p.Summary, "legal_hold_reason": p.LegalHoldReason,
		"police_force": p.PoliceForce, "police_officer": p.PoliceOfficer, "police_ref": p.PoliceRef,
		"police_contacted_on": p.PoliceContactedOn, "riddor_outcome": p.RiddorOutcome,
		"riddor_first_absence": p.RiddorFirstAbsence, "riddor_return": p.RiddorReturn, "riddor_ref": p.RiddorRef,
		"riddor_reported_on": p.RiddorReportedOn}
	for _, col := range []string{"title", "summary", "legal_hold_reason", "police_force", "police_officer", "police_ref",
		"police_contacted_on", "riddor_outcome", "riddor_first_absence", "riddor_return", "riddor_ref", "riddor_reported_on"} {
		if v := str[col]; v != nil {
			add(col, strings.TrimSpace(*v))
		}
	}
	if p.LegalHold != nil {
		add("legal_hold", *p.LegalHold)
	}
	if p.PhysicalAssault != nil {
		add("physical_assault", *p.PhysicalAssault)
	}
	return cols, vals
}

// moved names, in words, each field set in seen whose value the case no
// longer holds.
func (seen CasePatch) moved(c CaseFile) []string {
	var out []string
	for _, f := range []struct {
		name string
		seen *string
		now  string
	}{{"title", seen.Title, c.Title}, {"summary", seen.Summary, c.Summary}, {"legal hold reason", seen.LegalHoldReason, c.LegalHoldReason},
		{"police force", seen.PoliceForce, c.PoliceForce}, {"police officer", seen.PoliceOfficer, c.PoliceOfficer},
		{"crime reference", seen.PoliceRef, c.PoliceRef}, {"date the police were contacted", seen.PoliceContactedOn, c.PoliceContactedOn},
		{"RIDDOR outcome", seen.RiddorOutcome, c.RiddorOutcome}, {"first day of absence", seen.RiddorFirstAbsence, c.RiddorFirstAbsence},
		{"return to work", seen.RiddorReturn, c.RiddorReturn}, {"RIDDOR reference", seen.RiddorRef, c.RiddorRef},
		{"date reported to the HSE", seen.RiddorReportedOn, c.RiddorReportedOn}} {
		if f.seen != nil && strings.TrimSpace(*f.seen) != f.now {
			out = append(out, f.name)
		}
	}
	if seen.LegalHold != nil && *seen.LegalHold != c.LegalHold {
		out = append(out, "legal hold")
	}
	if seen.PhysicalAssault != nil && *seen.PhysicalAssault != c.PhysicalAssault {
		out = append(out, "physical assault")
	}
	return out
}

// caseFieldsChanged says which of the case's fields moved since the person's
// page loaded them, and who last changed the case's fields, and when.
func caseFieldsChanged(ctx context.Context, tx *sql.Tx, c CaseFile, moved []string) error {
	e := &ChangedError{What: "case " + c.Ref + " (" + strings.Join(moved, ", ") + ")"}
	err := tx.QueryRowContext(ctx, `SELECT actor, at FROM audit_log WHERE object_type = 'case' AND object_id = ?
		AND action IN ('case.update', 'case.legal_hold') ORDER BY seq DESC LIMIT 1`, strconv.FormatInt(c.ID, 10)).Scan(&e.By, &e.At)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	return e
}

// UpdateCase applies a patch over whatever the case holds; see UpdateCaseSeen.
func (s *Store) UpdateCase(ctx context.Context, caseID int64, p CasePatch, who Who, check func(CaseFile) error) error {
	return s.UpdateCaseSeen(ctx, caseID, nil, p, who, check)
}

// UpdateCaseSeen applies a patch. check sees the case before and may refuse.
// seen, when given, holds the fields as the person's page showed them (the
// same fields the patch sets, or more): if a colleague has changed any of
// them since, nothing is saved and a *ChangedError names them.
func (s *Store) UpdateCaseSeen(ctx context.Context, caseID int64, seen *CasePatch, p CasePatch, who Who, check func(CaseFile) error) error {
	cols, vals := p.columns()
	if len(cols) == 0 {
		return nil
	}
	action := "case.update"
	if p.LegalHold != nil {
		action = "case.legal_hold"
	}
	return s.caseChange(ctx, caseID, who, action, p, func(tx *sql.Tx, c CaseFile) error {
		if seen != nil {
			if moved := seen.moved(c); len(moved) > 0 {
				return caseFieldsChanged(ctx, tx, c, moved)
			}
		}
		if check != nil {
			if err := check(c); err != nil {
				return err
			}
		}
		set := make([]string, len(cols))
		for i, c := range cols {
			set[i] = c + " = ?"
		}
		_, err := tx.ExecContext(ctx, "UPDATE cases SET "+strings.Join(set, ", ")+" WHERE id = ?", append(vals, caseID)...)
		return err
	})
}

// SignOffReview records that the post-incident review was signed off. The
// review itself belongs to the review issue; the closing guard reads this.
func (s *Store) SignOffReview(ctx context.Context, caseID int64, who Who) error {
	return s.caseChange(ctx, caseID, who, "case.review_signed_off", "", func(tx *sql.Tx, _ CaseFile) error {
		_, err := tx.ExecContext(ctx, `UPDATE cases SET review_signed_off_at = ?, review_signed_off_by = ? WHERE id = ?`, who.At, who.Actor, caseID)
		return err
	})
}

// SetRiskOutcome records the risk register outcome: "updated", or
// "no_change" with its reason.
func (s *Store) SetRiskOutcome(ctx context.Context, caseID int64, outcome, reason string, who Who) error {
	reason = strings.TrimSpace(reason)
	switch {
	case outcome != "updated" && outcome != "no_change":
		return fmt.Errorf("risk outcome %q: use updated or no_change", outcome)
	case outcome == "no_change" && reason == "":
		return fmt.Errorf("say why the risk register needs no change")
	}
	return s.caseChange(ctx, caseID, who, "case.risk_outcome", map[string]string{"outcome": outcome, "reason": reason}, func(tx *sql.Tx, _ CaseFile) error {
		_, err := tx.ExecContext(ctx, `UPDATE cases SET risk_outcome = ?, risk_no_change_reason = ?, risk_outcome_at = ?, risk_outcome_by = ?
			WHERE id = ?`, outcome, reason, who.At, who.Actor, caseID)
		return err
	})
}

// CaseEvent is a milestone in a case's life.
type CaseEvent struct {
	ID     int64  `json:"id"`
	At     int64  `json:"at"`
	Actor  string `json:"actor"`
	Kind   string `json:"kind"`
	From   string `json:"from"`
	To     string `json:"to"`
	Detail string `json:"detail"`
}

// CaseEvents lists a case's events in time order.
func (s *Store) CaseEvents(ctx context.Context, caseID int64) ([]CaseEvent, error) {
	return queryList(ctx, s.db, `SELECT id, at, actor, kind, from_state, to_state, detail FROM case_events
		WHERE case_id = ? ORDER BY at, id`, []any{caseID}, func(sc interface{ Scan(...any) error }) (CaseEvent, error) {
		var e CaseEvent
		return e, sc.Scan(&e.ID, &e.At, &e.Actor, &e.Kind, &e.From, &e.To, &e.Detail)
	})
}

func queryList[T any](ctx context.Context, q querier, query string, args []any, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Person is someone involved in a case.
type Person struct {
	ID           int64  `json:"id"`
	CaseID       int64  `json:"caseId"`
	Role         string `json:"role"` // lone_worker, alleged_offender, witness
	Name         string `json:"name"`
	Address      string `json:"address"`
	DateOfBirth  string `json:"dateOfBirth"`
	NHSNumber    string `json:"nhsNumber"`
	Relationship string `json:"relationship"`
	Contact      string `json:"contact"`
	WorkerID     int64  `json:"workerId"`
	AddedAt      int64  `json:"addedAt"`
	AddedBy      string `json:"addedBy"`
}

// AddPerson adds a person to a case; casework validates the fields first.
func (s *Store) AddPerson(ctx context.Context, p Person, who Who) (int64, error) {
	var id int64
	// The audit detail names the role only: personal details stay in their table.
	err := s.caseChange(ctx, p.CaseID, who, "case.person_add", map[string]any{"role": p.Role}, func(tx *sql.Tx, _ CaseFile) error {
		newID, err := insertRowID(ctx, tx, `INSERT INTO case_people(case_id, role, name, address, date_of_birth, nhs_number,
			relationship, contact, worker_id, added_at, added_by) VALUES (?,?,?,?,?,?,?,?,nullif(?, 0),?,?)`,
			p.CaseID, p.Role, p.Name, p.Address, p.DateOfBirth, p.NHSNumber, p.Relationship, p.Contact, p.WorkerID, who.At, who.Actor)
		if err != nil {
			return fmt.Errorf("add %s: %w", p.Role, err)
		}
		id = newID
		return nil
	})
	return id, err
}

// PersonChange is one corrected field of a person on a case.
type PersonChange struct {
	PersonID  int64  `json:"personId"`
	Field     string `json:"field"`
	Old       string `json:"old"`
	New       string `json:"new"`
	ChangedAt int64  `json:"changedAt"`
	ChangedBy string `json:"changedBy"`
}

// CorrectPerson replaces a person's details whatever they are now; see CorrectPersonSeen.
func (s *Store) CorrectPerson(ctx context.Context, p Person, who Who) ([]string, error) {
	return s.CorrectPersonSeen(ctx, nil, p, who)
}

// CorrectPersonSeen replaces the details of person p.ID on case p.CaseID
// (not their role, which decisions rest on) and keeps each old value in
// case_people_history. It returns the fields that changed; none is no error.
// seen, when given, is the person as the correcting form loaded them: if a
// colleague has corrected them since, nothing is saved and a *ChangedError
// says who and when.
func (s *Store) CorrectPersonSeen(ctx context.Context, seen *Person, p Person, who Who) ([]string, error) {
	var changed []string
	detail := func() any { return map[string]any{"person": p.ID, "fields": changed} }
	err := s.caseChange(ctx, p.CaseID, who, "case.person_correct", detail, func(tx *sql.Tx, _ CaseFile) error {
		var old Person
		err := tx.QueryRowContext(ctx, `SELECT name, address, date_of_birth, nhs_number, relationship, contact
			FROM case_people WHERE id = ? AND case_id = ?`, p.ID, p.CaseID).Scan(&old.Name, &old.Address, &old.DateOfBirth,
			&old.NHSNumber, &old.Relationship, &old.Contact)
		if err == sql.ErrNoRows {
			return fmt.Errorf("person %d on case %d: %w", p.ID, p.CaseID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if seen != nil && (seen.Name != old.Name || seen.Address != old.Address || seen.DateOfBirth != old.DateOfBirth ||
			seen.NHSNumber != old.NHSNumber || seen.Relationship != old.Relationship || seen.Contact != old.Contact) {
			e := &ChangedError{What: "the details of " + old.Name}
			err := tx.QueryRowContext(ctx, `SELECT changed_by, changed_at FROM case_people_history WHERE person_id = ?
				ORDER BY id DESC LIMIT 1`, p.ID).Scan(&e.By, &e.At)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			return e
		}
		for _, f := range []struct{ name, old, new string }{{"name", old.Name, p.Name}, {"address", old.Address, p.Address},
			{"date_of_birth", old.DateOfBirth, p.DateOfBirth}, {"nhs_number", old.NHSNumber, p.NHSNumber},
			{"relationship", old.Relationship, p.Relationship}, {"contact", old.Contact, p.Contact}} {
			if f.old == f.new {
				continue
			}
			changed = append(changed, f.name)
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_people_history(person_id, field, old_value, new_value, changed_at,
				changed_by) VALUES (?,?,?,?,?,?)`, p.ID, f.name, f.old, f.new, who.At, who.Actor); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE case_people SET name = ?, address = ?, date_of_birth = ?, nhs_number = ?,
			relationship = ?, contact = ? WHERE id = ?`, p.Name, p.Address, p.DateOfBirth, p.NHSNumber, p.Relationship, p.Contact, p.ID)
		return err
	})
	return changed, err
}

// PersonHistory lists the corrections made to the people of a case, oldest first.
func (s *Store) PersonHistory(ctx context.Context, caseID int64) ([]PersonChange, error) {
	return queryList(ctx, s.db, `SELECT h.person_id, h.field, h.old_value, h.new_value, h.changed_at, h.changed_by
		FROM case_people_history h JOIN case_people p ON p.id = h.person_id WHERE p.case_id = ? ORDER BY h.id`, []any{caseID},
		func(sc interface{ Scan(...any) error }) (PersonChange, error) {
			var c PersonChange
			return c, sc.Scan(&c.PersonID, &c.Field, &c.Old, &c.New, &c.ChangedAt, &c.ChangedBy)
		})
}

// People lists a case's people: lone worker, alleged offenders, witnesses.
func (s *Store) People(ctx context.Context, caseID int64) ([]Person, error) {
	return queryList(ctx, s.db, `SELECT id, case_id, role, name, address, date_of_birth, nhs_number, relationship, contact,
		coalesce(worker_id, 0), added_at, added_by FROM case_people WHERE case_id = ?
		ORDER BY CASE role WHEN 'lone_worker' THEN 0 WHEN 'alleged_offender' THEN 1 ELSE 2 END, id`, []any{caseID},
		func(sc interface{ Scan(...any) error }) (Person, error) {
			var p Person
			return p, sc.Scan(&p.ID, &p.CaseID, &p.Role, &p.Name, &p.Address, &p.DateOfBirth, &p.NHSNumber, &p.Relationship,
				&p.Contact, &p.WorkerID, &p.AddedAt, &p.AddedBy)
		})
}

// Task is an action on a case with an owner and a due date.
type Task struct {
	ID        int64  `json:"id"`
	CaseID    int64  `json:"caseId"`
	CaseRef   string `json:"caseRef"`
	Title     string `json:"title"`
	Owner     string `json:"owner"`
	DueOn     string `json:"dueOn"`
	CreatedAt int64  `json:"createdAt"`
	CreatedBy string `json:"createdBy"`
	DoneAt    *int64 `json:"doneAt"`
	DoneBy    string `json:"doneBy"`
}

// AddTask adds a task.
func (s *Store) AddTask(ctx context.Context, t Task, who Who) (int64, error) {
	var id int64
	err := s.caseChange(ctx, t.CaseID, who, "case.task_add", map[string]string{"title": t.Title, "owner": t.Owner, "dueOn": t.DueOn},
		func(tx *sql.Tx, _ CaseFile) error {
			var err error
			id, err = insertRowID(ctx, tx, `INSERT INTO case_tasks(case_id, title, owner, due_on, created_at, created_by)
				VALUES (?,?,?,?,?,?)`, t.CaseID, t.Title, t.Owner, t.DueOn, who.At, who.Actor)
			return err
		})
	return id, err
}

// CompleteTask marks a task done (or not done again, with done=false). The
// person saw the task in the other state (that is why they could click), so
// a task already done (or already reopened) by a colleague is a
// *ChangedError rather than a second, silent overwrite of who did it.
func (s *Store) CompleteTask(ctx context.Context, caseID, taskID int64, done bool, who Who) error {
	return s.caseChange(ctx, caseID, who, "case.task_done", map[string]any{"task": taskID, "done": done}, func(tx *sql.Tx, _ CaseFile) error {
		var at any
		by := ""
		if done {
			at, by = who.At, who.Actor
		}
		res, err := tx.ExecContext(ctx, `UPDATE case_tasks SET done_at = ?, done_by = ? WHERE id = ? AND case_id = ?
			AND CASE WHEN done_at IS NULL THEN 1 ELSE 0 END = ?`, at, by, taskID, caseID, done)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return taskChanged(ctx, tx, caseID, taskID)
		}
		return nil
	})
}

// taskChanged says why a task could not be marked: gone, or already in the
// state asked for.
func taskChanged(ctx context.Context, tx *sql.Tx, caseID, taskID int64) error {
	var title, by string
	var doneAt sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT title, done_at, done_by FROM case_tasks WHERE id = ? AND case_id = ?`, taskID, caseID).
		Scan(&title, &doneAt, &by)
	if err == sql.ErrNoRows {
		return fmt.Errorf("task %d of case %d: %w", taskID, caseID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if doneAt.Valid {
		return &ChangedError{What: "the task ‘" + title + "’", Now: "done", By: by, At: doneAt.Int64}
	}
	return &ChangedError{What: "the task ‘" + title + "’", Now: "not done"}
}

const taskColumns = `k.id, k.case_id, c.ref, k.title, k.owner, k.due_on, k.created_at, k.created_by, k.done_at, k.done_by`

func scanTask(sc interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var done sql.NullInt64
	err := sc.Scan(&t.ID, &t.CaseID, &t.CaseRef, &t.Title, &t.Owner, &t.DueOn, &t.CreatedAt, &t.CreatedBy, &done, &t.DoneBy)
	t.DoneAt = ptrInt(done)
	return t, err
}

// Tasks lists a case's tasks, open ones by due date first.
func (s *Store) Tasks(ctx context.Context, caseID int64) ([]Task, error) {
	return queryList(ctx, s.db, `SELECT `+taskColumns+` FROM case_tasks k JOIN cases c ON c.id = k.case_id
		WHERE k.case_id = ? ORDER BY k.done_at IS NOT NULL, k.due_on = '', k.due_on, k.id`, []any{caseID}, scanTask)
}

// OpenTasksDueBy lists unfinished tasks on open cases due on or before day (yyyy-mm-dd).
func (s *Store) OpenTasksDueBy(ctx context.Context, day string) ([]Task, error) {
	return queryList(ctx, s.db, `SELECT `+taskColumns+` FROM case_tasks k JOIN cases c ON c.id = k.case_id
		WHERE k.done_at IS NULL AND k.due_on <> '' AND k.due_on <= ? AND c.state <> 'closed' ORDER BY k.due_on, k.id`, []any{day}, scanTask)
}

// Note is a case note with every revision kept.
type Note struct {
	ID        int64          `json:"id"`
	CaseID    int64          `json:"caseId"`
	CreatedAt int64          `json:"createdAt"`
	CreatedBy string         `json:"createdBy"`
	Revisions []NoteRevision `json:"revisions"` // oldest first; the last is the current text
}

// NoteRevision is one saved text of a note.
type NoteRevision struct {
	Rev  int    `json:"rev"`
	Body string `json:"body"`
	At   int64  `json:"at"`
	By   string `json:"by"`
}

// AddNote adds a note; its text is revision 1.
func (s *Store) AddNote(ctx context.Context, caseID int64, body string, who Who) (int64, error) {
	var id int64
	err := s.caseChange(ctx, caseID, who, "case.note_add", "", func(tx *sql.Tx, _ CaseFile) error {
		var err error
		if id, err = insertRowID(ctx, tx, `INSERT INTO case_notes(case_id, created_at, created_by) VALUES (?,?,?)`, caseID, who.At, who.Actor); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO case_note_revisions(note_id, rev, body, at, by) VALUES (?, 1, ?, ?, ?)`, id, body, who.At, who.Actor)
		return err
	})
	return id, err
}

// ReviseNote saves a new revision of a note over whatever is current; see
// ReviseNoteSeen.
func (s *Store) ReviseNote(ctx context.Context, caseID, noteID int64, body string, who Who) error {
	return s.ReviseNoteSeen(ctx, caseID, noteID, AsCurrent, body, who)
}

// ReviseNoteSeen saves a new revision of a note; earlier ones are kept. seen
// is the revision the person edited; if a colleague has saved a later one
// since, nothing is saved and a *ChangedError says whose it is.
func (s *Store) ReviseNoteSeen(ctx context.Context, caseID, noteID, seen int64, body string, who Who) error {
	return s.caseChange(ctx, caseID, who, "case.note_revise", map[string]any{"note": noteID}, func(tx *sql.Tx, _ CaseFile) error {
		var rev int64
		var by string
		var at int64
		err := tx.QueryRowContext(ctx, `SELECT r.rev, r.by, r.at FROM case_note_revisions r JOIN case_notes n ON n.id = r.note_id
			WHERE n.id = ? AND n.case_id = ? ORDER BY r.rev DESC LIMIT 1`, noteID, caseID).Scan(&rev, &by, &at)
		if err != nil || rev == 0 {
			return fmt.Errorf("note %d of case %d: %w", noteID, caseID, ErrNotFound)
		}
		if seen != AsCurrent && rev != seen {
			return &ChangedError{What: "this note", By: by, At: at}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO case_note_revisions(note_id, rev, body, at, by) VALUES (?,?,?,?,?)`, noteID, rev+1, body, who.At, who.Actor)
		return err
	})
}

// Notes lists a case's notes with their revisions, oldest note first.
func (s *Store) Notes(ctx context.Context, caseID int64) ([]Note, error) {
	type row struct {
		n Note
		r NoteRevision
	}
	rows, err := queryList(ctx, s.db, `SELECT n.id, n.case_id, n.created_at, n.created_by, r.rev, r.body, r.at, r.by
		FROM case_notes n JOIN case_note_revisions r ON r.note_id = n.id WHERE n.case_id = ? ORDER BY n.id, r.rev`, []any{caseID},
		func(sc interface{ Scan(...any) error }) (row, error) {
			var x row
			return x, sc.Scan(&x.n.ID, &x.n.CaseID, &x.n.CreatedAt, &x.n.CreatedBy, &x.r.Rev, &x.r.Body, &x.r.At, &x.r.By)
		})
	if err != nil {
		return nil, err
	}
	out := []Note{}
	for _, x := range rows {
		if len(out) == 0 || out[len(out)-1].ID != x.n.ID {
			out = append(out, x.n)
		}
		last := &out[len(out)-1]
		last.Revisions = append(last.Revisions, x.r)
	}
	return out, nil
}

// Support is staff support offered after the incident.
type Support struct {
	ID         int64  `json:"id"`
	CaseID     int64  `json:"caseId"`
	Kind       string `json:"kind"` // debrief, occupational_health, counselling
	OfferedOn  string `json:"offeredOn"`
	TakenUp    string `json:"takenUp"` // '', yes, no
	Note       string `json:"note"`
	RecordedAt int64  `json:"recordedAt"`
	RecordedBy string `json:"recordedBy"`
}

// AddSupport records support offered.
func (s *Store) AddSupport(ctx context.Context, x Support, who Who) (int64, error) {
	var id int64
	err := s.caseChange(ctx, x.CaseID, who, "case.support_add", map[string]string{"kind": x.Kind, "offeredOn": x.OfferedOn, "takenUp": x.TakenUp},
		func(tx *sql.Tx, _ CaseFile) error {
			var err error
			id, err = insertRowID(ctx, tx, `INSERT INTO case_support(case_id, kind, offered_on, taken_up, note, recorded_at, recorded_by)
				VALUES (?,?,?,?,?,?,?)`, x.CaseID, x.Kind, x.OfferedOn, x.TakenUp, x.Note, who.At, who.Actor)
			return err
		})
	return id, err
}

// SupportOffered lists support offered on a case.
func (s *Store) SupportOffered(ctx context.Context, caseID int64) ([]Support, error) {
	return queryList(ctx, s.db, `SELECT id, case_id, kind, offered_on, taken_up, note, recorded_at, recorded_by
		FROM case_support WHERE case_id = ? ORDER BY offered_on, id`, []any{caseID}, func(sc interface{ Scan(...any) error }) (Support, error) {
		var x Support
		return x, sc.Scan(&x.ID, &x.CaseID, &x.Kind, &x.OfferedOn, &x.TakenUp, &x.Note, &x.RecordedAt, &x.RecordedBy)
	})
}

// Update is one dated entry keeping the victim or a witness informed.
type Update struct {
	ID         int64  `json:"id"`
	CaseID     int64  `json:"caseId"`
	Person     string `json:"person"`
	Role       string `json:"role"` // victim, witness
	OnDay      string `json:"onDay"`
	Method     string `json:"method"`
	Summary    string `json:"summary"`
	RecordedAt int64  `json:"recordedAt"`
	RecordedBy string `json:"recordedBy"`
}

// AddUpdate records that someone was kept informed.
func (s *Store) AddUpdate(ctx context.Context, u Update, who Who) (int64, error) {
	var id int64
	err := s.caseChange(ctx, u.CaseID, who, "case.kept_informed", map[string]string{"role": u.Role, "onDay": u.OnDay},
		func(tx *sql.Tx, _ CaseFile) error {
			var err error
			id, err = insertRowID(ctx, tx, `INSERT INTO case_updates(case_id, person, role, on_day, method, summary, recorded_at, recorded_by)
				VALUES (?,?,?,?,?,?,?,?)`, u.CaseID, u.Person, u.Role, u.OnDay, u.Method, u.Summary, who.At, who.Actor)
			return err
		})
	return id, err
}

// Updates lists the kept-informed entries of a case.
func (s *Store) Updates(ctx context.Context, caseID int64) ([]Update, error) {
	return queryList(ctx, s.db, `SELECT id, case_id, person, role, on_day, method, summary, recorded_at, recorded_by
		FROM case_updates WHERE case_id = ? ORDER BY on_day, id`, []any{caseID}, func(sc interface{ Scan(...any) error }) (Update, error) {
		var u Update
		return u, sc.Scan(&u.ID, &u.CaseID, &u.Person, &u.Role, &u.OnDay, &u.Method, &u.Summary, &u.RecordedAt, &u.RecordedBy)
	})
}

// Decision is one LSMS decision (PT 10.8). The newest is in force.
type Decision struct {
	ID                 int64  `json:"id"`
	CaseID             int64  `json:"caseId"`
	Route              string `json:"route"`
	Sanction           string `json:"sanction"`
	ReferredTo         string `json:"referredTo"`
	ReviewOn           string `json:"reviewOn"`
	Reasons            string `json:"reasons"`
	NoFormalAction     bool   `json:"noFormalAction"`
	WorkerBelievesHarm bool   `json:"workerBelievesHarm"`
	LSMSAgrees         bool   `json:"lsmsAgrees"`
	ClinicianName      string `json:"clinicianName"`
	ClinicianRole      string `json:"clinicianRole"`
	ClinicianDate      string `json:"clinicianDate"`
	ClinicianReasons   string `json:"clinicianReasons"`
	DecidedAt          int64  `json:"decidedAt"`
	DecidedBy          string `json:"decidedBy"`
	Supersedes         *int64 `json:"supersedes"`
	ChangeReason       string `json:"changeReason"`
}

// DecisionCheck validates a decision against the case, its people and the
// decision in force (nil for the first).
type DecisionCheck func(c CaseFile, people []Person, prev *Decision) error

// RecordDecision adds a decision over whichever is in force; see RecordDecisionSeen.
func (s *Store) RecordDecision(ctx context.Context, d Decision, who Who, check DecisionCheck) (Decision, error) {
	return s.RecordDecisionSeen(ctx, d, AsCurrent, who, check)
}

// RecordDecisionSeen adds a decision; the first moves an open case to
// Decided. seen is the id of the decision in force that the person saw (0
// for none); if another is in force now, nothing is recorded and a
// *ChangedError names its route (a code), who made it and when.
func (s *Store) RecordDecisionSeen(ctx context.Context, d Decision, seen int64, who Who, check DecisionCheck) (Decision, error) {
	err := s.caseChange(ctx, d.CaseID, who, "case.decide", map[string]any{"route": d.Route, "sanction": d.Sanction,
		"referredTo": d.ReferredTo, "reasons": d.Reasons, "changeReason": d.ChangeReason}, func(tx *sql.Tx, c CaseFile) error {
		people, err := queryList(ctx, tx, `SELECT id, case_id, role, name, address, date_of_birth, nhs_number, relationship, contact,
			coalesce(worker_id, 0), added_at, added_by FROM case_people WHERE case_id = ?`, []any{d.CaseID},
			func(sc interface{ Scan(...any) error }) (Person, error) {
				var p Person
				return p, sc.Scan(&p.ID, &p.CaseID, &p.Role, &p.Name, &p.Address, &p.DateOfBirth, &p.NHSNumber,
					&p.Relationship, &p.Contact, &p.WorkerID, &p.AddedAt, &p.AddedBy)
			})
		if err != nil {
			return err
		}
		prevs, err := decisions(ctx, tx, d.CaseID)
		if err != nil {
			return err
		}
		var prev *Decision
		if len(prevs) > 0 {
			prev = &prevs[len(prevs)-1]
		}
		if seen != AsCurrent && (prev == nil && seen != 0 || prev != nil && prev.ID != seen) {
			if prev == nil {
				return &ChangedError{What: "case " + c.Ref + "'s decision", Now: "no decision"}
			}
			return &ChangedError{What: "case " + c.Ref + "'s decision", Now: prev.Route, By: prev.DecidedBy, At: prev.DecidedAt}
		}
		if err := check(c, people, prev); err != nil {
			return err
		}
		d.DecidedAt, d.DecidedBy, d.Supersedes = who.At, who.Actor, nil
		if prev != nil {
			d.Supersedes = &prev.ID
		}
		newID, err := insertRowID(ctx, tx, `INSERT INTO case_decisions(case_id, route, sanction, referred_to, review_on, reasons,
			no_formal_action, worker_believes_harm, lsms_agrees, clinician_name, clinician_role, clinician_date, clinician_reasons,
			decided_at, decided_by, supersedes, change_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			d.CaseID, d.Route, d.Sanction, d.ReferredTo, d.ReviewOn, d.Reasons, d.NoFormalAction, d.WorkerBelievesHarm, d.LSMSAgrees,
			d.ClinicianName, d.ClinicianRole, d.ClinicianDate, d.ClinicianReasons, d.DecidedAt, d.DecidedBy, nullInt(d.Supersedes), d.ChangeReason)
		if err != nil {
			return fmt.Errorf("record decision: %w", err)
		}
		d.ID = newID
		kind := "decision"
		if prev != nil {
			kind = "decision_changed"
		}
		if err := addEvent(ctx, tx, d.CaseID, who, kind, "", "", d.Route); err != nil {
			return err
		}
		switch c.State {
		case "open", "investigating", "decision_pending":
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET state = 'decided' WHERE id = ?`, d.CaseID); err != nil {
				return err
			}
			return addEvent(ctx, tx, d.CaseID, who, "state", c.State, "decided", "decision recorded")
		}
		return nil
	})
	return d, err
}

func decisions(ctx context.Context, q querier, caseID int64) ([]Decision, error) {
	return queryList(ctx, q, `SELECT id, case_id, route, sanction, referred_to, review_on, reasons, no_formal_action,
		worker_believes_harm, lsms_agrees, clinician_name, clinician_role, clinician_date, clinician_reasons, decided_at,
		decided_by, supersedes, change_reason FROM case_decisions WHERE case_id = ? ORDER BY id`, []any{caseID},
		func(sc interface{ Scan(...any) error }) (Decision, error) {
			var d Decision
			var sup sql.NullInt64
			err := sc.Scan(&d.ID, &d.CaseID, &d.Route, &d.Sanction, &d.ReferredTo, &d.ReviewOn, &d.Reasons, &d.NoFormalAction,
				&d.WorkerBelievesHarm, &d.LSMSAgrees, &d.ClinicianName, &d.ClinicianRole, &d.ClinicianDate, &d.ClinicianReasons,
				&d.DecidedAt, &d.DecidedBy, &sup, &d.ChangeReason)
			d.Supersedes = ptrInt(sup)
			return d, err
		})
}

// Decisions lists a case's decisions, oldest first; the last is in force.
func (s *Store) Decisions(ctx context.Context, caseID int64) ([]Decision, error) {
	return decisions(ctx, s.db, caseID)
}

// OpenCasesWithRIDDOR lists open cases that have a RIDDOR outcome recorded but no report date yet.
func (s *Store) OpenCasesWithRIDDOR(ctx context.Context) ([]CaseFile, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+caseColumns+caseFrom+
		` WHERE c.state <> 'closed' AND c.riddor_outcome <> '' AND c.riddor_reported_on = '' ORDER BY c.incident_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CaseFile{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Case is the name the rest of Redline uses. The struct is called CaseFile
// because Wails's TypeScript generator refuses a type named Case.
type Case = CaseFile
