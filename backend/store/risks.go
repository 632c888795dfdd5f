package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// logChange appends an audit entry with a JSON detail inside tx. Every change
// to letters, reviews and risks goes through it, so none can skip the log.
func (s *Store) logChange(ctx context.Context, tx *sql.Tx, who Who, action, objType string, id int64, detail any) error {
	b, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	_, err = s.AppendAudit(ctx, tx, AuditEntry{At: who.At, Actor: who.Actor, Action: action, ObjectType: objType,
		ObjectID: strconv.FormatInt(id, 10), Detail: string(b)})
	return err
}

// RiskFields are the register's own text fields.
type RiskFields struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Cause       string `json:"cause"`
	Consequence string `json:"consequence"`
	Affected    string `json:"affected"` // staff groups or locations affected
	Controls    string `json:"controls"`
	Gaps        string `json:"gaps"`
	Actions     string `json:"actions"`
	Owner       string `json:"owner"`
	ReviewOn    string `json:"reviewOn"` // London date yyyy-mm-dd
	Status      string `json:"status"`   // open, closed
}

// RiskScore is one score on the 5x5 matrix, with the band set that classified it.
type RiskScore struct {
	ID          int64  `json:"id"`
	RiskID      int64  `json:"riskId"`
	Kind        string `json:"kind"` // inherent, current, target
	Consequence int    `json:"consequence"`
	Likelihood  int    `json:"likelihood"`
	Rating      int    `json:"rating"`
	Band        string `json:"band"`
	BandSet     string `json:"bandSet"` // JSON
	Reason      string `json:"reason"`
	CaseID      int64  `json:"caseId"` // 0 when no incident prompted it
	CaseRef     string `json:"caseRef"`
	ScoredAt    int64  `json:"scoredAt"`
	ScoredBy    string `json:"scoredBy"`
}

// RiskLink ties a risk to a case, an alert or a hotspot.
type RiskLink struct {
	RiskID   int64  `json:"riskId"`
	Kind     string `json:"kind"`   // case, alert, hotspot
	Target   string `json:"target"` // case id, alert id, "hotspot:<id>"
	Label    string `json:"label"`  // case ref or alert ref, for display
	Note     string `json:"note"`
	LinkedAt int64  `json:"linkedAt"`
	LinkedBy string `json:"linkedBy"`
}

// Risk is one register entry with the scores in force.
type Risk struct {
	ID  int64  `json:"id"`
	Ref string `json:"ref"`
	RiskFields
	CreatedAt int64      `json:"createdAt"`
	CreatedBy string     `json:"createdBy"`
	UpdatedAt int64      `json:"updatedAt"`
	UpdatedBy string     `json:"updatedBy"`
	Inherent  *RiskScore `json:"inherent"`
	Current   *RiskScore `json:"current"`
	Target    *RiskScore `json:"target"`
}

const riskColumns = `id, ref, title, description, cause, consequence, affected, controls, gaps, actions, owner,
	review_on, status, created_at, created_by, updated_at, updated_by`

func scanRisk(sc interface{ Scan(...any) error }) (Risk, error) {
	var r Risk
	err := sc.Scan(&r.ID, &r.Ref, &r.Title, &r.Description, &r.Cause, &r.Consequence, &r.Affected, &r.Controls, &r.Gaps,
		&r.Actions, &r.Owner, &r.ReviewOn, &r.Status, &r.CreatedAt, &r.CreatedBy, &r.UpdatedAt, &r.UpdatedBy)
	return r, err
}

const scoreColumns = `s.id, s.risk_id, s.kind, s.consequence, s.likelihood, s.rating, s.band, s.band_set, s.reason,
	coalesce(s.case_id, 0), coalesce(c.ref, ''), s.scored_at, s.scored_by`

const scoreFrom = ` FROM risk_scores s LEFT JOIN cases c ON c.id = s.case_id`

func scanScore(sc interface{ Scan(...any) error }) (RiskScore, error) {
	var s RiskScore
	err := sc.Scan(&s.ID, &s.RiskID, &s.Kind, &s.Consequence, &s.Likelihood, &s.Rating, &s.Band, &s.BandSet, &s.Reason,
		&s.CaseID, &s.CaseRef, &s.ScoredAt, &s.ScoredBy)
	return s, err
}

// CreateRisk adds a register entry, its first scores and links in one
// transaction, numbering it RR-nnnn.
func (s *Store) CreateRisk(ctx context.Context, f RiskFields, scores []RiskScore, links []RiskLink, who Who) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var n int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM risks`).Scan(&n); err != nil {
			return err
		}
		ref := fmt.Sprintf("RR-%04d", n+1)
		if f.Status == "" {
			f.Status = "open"
		}
		newID, err := insertRowID(ctx, tx, `INSERT INTO risks(ref, title, description, cause, consequence, affected, controls, gaps,
			actions, owner, review_on, status, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			ref, f.Title, f.Description, f.Cause, f.Consequence, f.Affected, f.Controls, f.Gaps, f.Actions, f.Owner, f.ReviewOn,
			f.Status, who.At, who.Actor, who.At, who.Actor)
		if err != nil {
			return fmt.Errorf("add risk %q: %w", f.Title, err)
		}
		id = newID
		if err := s.logChange(ctx, tx, who, "risk.create", "risk", id, map[string]any{"ref": ref, "fields": f}); err != nil {
			return err
		}
		for _, sc := range scores {
			if err := s.addScore(ctx, tx, id, sc, who); err != nil {
				return err
			}
		}
		for _, l := range links {
			if err := s.addLink(ctx, tx, id, l, who); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// UpdateRisk replaces the text fields whatever they are now; see UpdateRiskSeen.
func (s *Store) UpdateRisk(ctx context.Context, id int64, f RiskFields, who Who) error {
	return s.UpdateRiskSeen(ctx, id, nil, f, who)
}

// UpdateRiskSeen replaces the text fields; the audit entry lists what
// changed. seen, when given, is the fields as the person's form loaded them:
// if a colleague has saved different ones since, nothing is saved and a
// *ChangedError names the fields that moved, who saved them and when.
func (s *Store) UpdateRiskSeen(ctx context.Context, id int64, seen *RiskFields, f RiskFields, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		old, err := lockRisk(ctx, tx, id)
		if err != nil {
			return err
		}
		if seen != nil {
			if moved := diffFields(*seen, old.RiskFields); len(moved) > 0 {
				return riskChanged(old, moved)
			}
		}
		changed := diffFields(old.RiskFields, f)
		if len(changed) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE risks SET title=?, description=?, cause=?, consequence=?, affected=?, controls=?,
			gaps=?, actions=?, owner=?, review_on=?, status=?, updated_at=?, updated_by=? WHERE id = ?`,
			f.Title, f.Description, f.Cause, f.Consequence, f.Affected, f.Controls, f.Gaps, f.Actions, f.Owner, f.ReviewOn,
			f.Status, who.At, who.Actor, id)
		if err != nil {
			return fmt.Errorf("update risk %s: %w", old.Ref, err)
		}
		return s.logChange(ctx, tx, who, "risk.update", "risk", id, changed)
	})
}

// lockRisk holds risk id's row for the rest of tx and reads it.
func lockRisk(ctx context.Context, tx *sql.Tx, id int64) (Risk, error) {
	ok, err := lockRow(ctx, tx, "risks", id)
	if err != nil {
		return Risk{}, err
	}
	if !ok {
		return Risk{}, fmt.Errorf("risk %d: %w", id, ErrNotFound)
	}
	return scanRisk(tx.QueryRowContext(ctx, `SELECT `+riskColumns+` FROM risks WHERE id = ?`, id))
}

// riskFieldNames are the register's fields as the form labels them.
var riskFieldNames = map[string]string{"title": "title", "description": "description", "cause": "cause",
	"consequence": "consequence", "affected": "who or where is affected", "controls": "controls", "gaps": "gaps",
	"actions": "actions", "owner": "owner", "reviewOn": "review date", "status": "status"}

func riskChanged(now Risk, moved map[string][2]string) error {
	var names []string
	for _, k := range []string{"title", "description", "cause", "consequence", "affected", "controls", "gaps", "actions",
		"owner", "reviewOn", "status"} {
		if _, ok := moved[k]; ok {
			names = append(names, riskFieldNames[k])
		}
	}
	return &ChangedError{What: "risk " + now.Ref + " (" + strings.Join(names, ", ") + ")", By: now.UpdatedBy, At: now.UpdatedAt}
}

// diffFields names each changed field with its old and new value.
func diffFields(a, b RiskFields) map[string][2]string {
	out := map[string][2]string{}
	pairs := [][3]string{{"title", a.Title, b.Title}, {"description", a.Description, b.Description}, {"cause", a.Cause, b.Cause},
		{"consequence", a.Consequence, b.Consequence}, {"affected", a.Affected, b.Affected}, {"controls", a.Controls, b.Controls},
		{"gaps", a.Gaps, b.Gaps}, {"actions", a.Actions, b.Actions}, {"owner", a.Owner, b.Owner},
		{"reviewOn", a.ReviewOn, b.ReviewOn}, {"status", a.Status, b.Status}}
	for _, p := range pairs {
		if p[1] != p[2] {
			out[p[0]] = [2]string{p[1], p[2]}
		}
	}
	return out
}

func (s *Store) addScore(ctx context.Context, tx *sql.Tx, riskID int64, sc RiskScore, who Who) error {
	var caseID any
	if sc.CaseID != 0 {
		caseID = sc.CaseID
	}
	scoreID, err := insertRowID(ctx, tx, `INSERT INTO risk_scores(risk_id, kind, consequence, likelihood, rating, band, band_set,
		reason, case_id, scored_at, scored_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, riskID, sc.Kind, sc.Consequence, sc.Likelihood,
		sc.Consequence*sc.Likelihood, sc.Band, sc.BandSet, sc.Reason, caseID, who.At, who.Actor)
	if err != nil {
		return fmt.Errorf("score risk %d (%s): %w", riskID, sc.Kind, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE risks SET updated_at = ?, updated_by = ? WHERE id = ?`, who.At, who.Actor, riskID); err != nil {
		return err
	}
	return s.logChange(ctx, tx, who, "risk.score", "risk", riskID, map[string]any{"score": scoreID, "kind": sc.Kind,
		"consequence": sc.Consequence, "likelihood": sc.Likelihood, "rating": sc.Consequence * sc.Likelihood, "band": sc.Band,
		"bandSet": json.RawMessage(sc.BandSet), "reason": sc.Reason, "caseId": sc.CaseID})
}

// AddRiskScore records a re-score over whatever is current; see AddRiskScoreSeen.
func (s *Store) AddRiskScore(ctx context.Context, riskID int64, sc RiskScore, who Who) error {
	return s.AddRiskScoreSeen(ctx, riskID, AsCurrent, sc, who)
}

// AddRiskScoreSeen records a re-score; earlier scores stay in the history.
// seen is the id of the score of sc.Kind in force that the person re-scored
// (0 for none); if a colleague has re-scored since, nothing is recorded and a
// *ChangedError gives the score now in force, who gave it and when.
func (s *Store) AddRiskScoreSeen(ctx context.Context, riskID, seen int64, sc RiskScore, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		r, err := lockRisk(ctx, tx, riskID)
		if err != nil {
			return err
		}
		if seen != AsCurrent {
			now, err := queryList(ctx, tx, `SELECT `+scoreColumns+scoreFrom+` WHERE s.risk_id = ? AND s.kind = ?
				ORDER BY s.id DESC LIMIT 1`, []any{riskID, sc.Kind}, scanScore)
			if err != nil {
				return err
			}
			switch {
			case len(now) == 0 && seen != 0:
				return &ChangedError{What: "risk " + r.Ref + "'s " + sc.Kind + " score", Now: "no score"}
			case len(now) > 0 && now[0].ID != seen:
				n := now[0]
				return &ChangedError{What: "risk " + r.Ref + "'s " + sc.Kind + " score",
					Now: fmt.Sprintf("%d (%s)", n.Rating, n.Band), By: n.ScoredBy, At: n.ScoredAt}
			}
		}
		return s.addScore(ctx, tx, riskID, sc, who)
	})
}

func riskExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM risks WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("risk %d: %w", id, ErrNotFound)
	}
	return nil
}

func (s *Store) addLink(ctx context.Context, tx *sql.Tx, riskID int64, l RiskLink, who Who) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO risk_links(risk_id, kind, target, note, linked_at, linked_by)
		VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING`, riskID, l.Kind, l.Target, l.Note, who.At, who.Actor)
	if err != nil {
		return fmt.Errorf("link risk %d to %s %s: %w", riskID, l.Kind, l.Target, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // already linked
	}
	return s.logChange(ctx, tx, who, "risk.link", "risk", riskID, map[string]string{"kind": l.Kind, "target": l.Target, "note": l.Note})
}

// LinkRisk links a risk to a case, alert or hotspot (a second link is a no-op).
func (s *Store) LinkRisk(ctx context.Context, riskID int64, l RiskLink, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		if err := riskExists(ctx, tx, riskID); err != nil {
			return err
		}
		return s.addLink(ctx, tx, riskID, l, who)
	})
}

// UnlinkRisk removes a link, recording why.
func (s *Store) UnlinkRisk(ctx context.Context, riskID int64, kind, target, reason string, who Who) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM risk_links WHERE risk_id = ? AND kind = ? AND target = ?`, riskID, kind, target)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return linkGone(ctx, tx, riskID, kind, target)
		}
		return s.logChange(ctx, tx, who, "risk.unlink", "risk", riskID, map[string]string{"kind": kind, "target": target, "reason": reason})
	})
}

// linkGone says why a link to remove is not there: the risk is gone, or a
// colleague removed the link first (who and when, from the audit log).
func linkGone(ctx context.Context, tx *sql.Tx, riskID int64, kind, target string) error {
	var ref string
	err := tx.QueryRowContext(ctx, `SELECT ref FROM risks WHERE id = ?`, riskID).Scan(&ref)
	if err == sql.ErrNoRows {
		return fmt.Errorf("risk %d: %w", riskID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	e := &ChangedError{What: "risk " + ref + "'s links", Now: "not linked"}
	k, _ := json.Marshal(kind)
	t, _ := json.Marshal(target)
	err = tx.QueryRowContext(ctx, `SELECT actor, at FROM audit_log WHERE object_type = 'risk' AND object_id = ?
		AND action = 'risk.unlink' AND instr(detail, ?) > 0 AND instr(detail, ?) > 0 ORDER BY seq DESC LIMIT 1`,
		strconv.FormatInt(riskID, 10), `"kind":`+string(k), `"target":`+string(t)).Scan(&e.By, &e.At)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	return e
}

// RiskFilter narrows the register.
type RiskFilter struct {
	Status string `json:"status"` // '', open, closed
	Text   string `json:"text"`
	Band   string `json:"band"` // current band label
}

// Risks lists register entries with their scores in force, highest current rating first.
func (s *Store) Risks(ctx context.Context, f RiskFilter) ([]Risk, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		like := "%" + escapeLike(t) + "%"
		conds = append(conds, `(ref LIKE ? ESCAPE '\' OR title LIKE ? ESCAPE '\' OR description LIKE ? ESCAPE '\' OR affected LIKE ? ESCAPE '\' OR owner LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like, like)
	}
	q := `SELECT ` + riskColumns + ` FROM risks`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	risks, err := queryList(ctx, s.db, q+` ORDER BY id`, args, scanRisk)
	if err != nil {
		return nil, err
	}
	if err := s.attachScores(ctx, risks); err != nil {
		return nil, err
	}
	out := risks[:0]
	for _, r := range risks {
		if f.Band == "" || (r.Current != nil && r.Current.Band == f.Band) {
			out = append(out, r)
		}
	}
	return out, nil
}

// attachScores fills each risk's latest inherent, current and target score.
func (s *Store) attachScores(ctx context.Context, risks []Risk) error {
	latest, err := queryList(ctx, s.db, `SELECT `+scoreColumns+scoreFrom+` WHERE s.id IN
		(SELECT max(id) FROM risk_scores GROUP BY risk_id, kind)`, nil, scanScore)
	if err != nil {
		return err
	}
	byRisk := map[int64][]RiskScore{}
	for _, sc := range latest {
		byRisk[sc.RiskID] = append(byRisk[sc.RiskID], sc)
	}
	for i := range risks {
		for _, sc := range byRisk[risks[i].ID] {
			sc := sc
			switch sc.Kind {
			case "inherent":
				risks[i].Inherent = &sc
			case "current":
				risks[i].Current = &sc
			case "target":
				risks[i].Target = &sc
			}
		}
	}
	return nil
}

// Risk returns one register entry with its scores in force.
func (s *Store) Risk(ctx context.Context, id int64) (Risk, error) {
	r, err := scanRisk(s.db.QueryRowContext(ctx, `SELECT `+riskColumns+` FROM risks WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return r, fmt.Errorf("risk %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, err
	}
	one := []Risk{r}
	err = s.attachScores(ctx, one)
	return one[0], err
}

// RiskHistory lists every score a risk has had, oldest first.
func (s *Store) RiskHistory(ctx context.Context, riskID int64) ([]RiskScore, error) {
	return queryList(ctx, s.db, `SELECT `+scoreColumns+scoreFrom+` WHERE s.risk_id = ? ORDER BY s.id`, []any{riskID}, scanScore)
}

// AllRiskHistory lists every score of every risk, for the spreadsheet.
func (s *Store) AllRiskHistory(ctx context.Context) ([]RiskScore, error) {
	return queryList(ctx, s.db, `SELECT `+scoreColumns+scoreFrom+` ORDER BY s.risk_id, s.id`, nil, scanScore)
}

const linkSelect = `SELECT l.risk_id, l.kind, l.target,
	CASE l.kind WHEN 'case' THEN coalesce((SELECT ref FROM cases WHERE id = CAST(l.target AS INTEGER)), l.target)
	            WHEN 'alert' THEN coalesce((SELECT arc || ' ' || arc_ref FROM alerts WHERE id = CAST(l.target AS INTEGER)), l.target)
	            ELSE l.target END,
	l.note, l.linked_at, l.linked_by FROM risk_links l`

func scanLink(sc interface{ Scan(...any) error }) (RiskLink, error) {
	var l RiskLink
	err := sc.Scan(&l.RiskID, &l.Kind, &l.Target, &l.Label, &l.Note, &l.LinkedAt, &l.LinkedBy)
	return l, err
}

// RiskLinks lists what a risk is linked to.
func (s *Store) RiskLinks(ctx context.Context, riskID int64) ([]RiskLink, error) {
	return queryList(ctx, s.db, linkSelect+` WHERE l.risk_id = ? ORDER BY l.kind, l.linked_at`, []any{riskID}, scanLink)
}

// AllRiskLinks lists every link, for the spreadsheet.
func (s *Store) AllRiskLinks(ctx context.Context) ([]RiskLink, error) {
	return queryList(ctx, s.db, linkSelect+` ORDER BY l.risk_id, l.kind, l.linked_at`, nil, scanLink)
}

// RisksLinkedTo lists the risks linked to one case, alert or hotspot.
func (s *Store) RisksLinkedTo(ctx context.Context, kind, target string) ([]Risk, error) {
	risks, err := queryList(ctx, s.db, `SELECT `+riskColumns+` FROM risks WHERE id IN
		(SELECT risk_id FROM risk_links WHERE kind = ? AND target = ?) ORDER BY id`, []any{kind, target}, scanRisk)
	if err != nil {
		return nil, err
	}
	return risks, s.attachScores(ctx, risks)
}

// RisksDueBy lists open risks whose review date is on or before day (yyyy-mm-dd), for My work.
func (s *Store) RisksDueBy(ctx context.Context, day string) ([]Risk, error) {
	risks, err := queryList(ctx, s.db, `SELECT `+riskColumns+` FROM risks WHERE status = 'open' AND review_on <> ''
		AND review_on <= ? ORDER BY review_on, id`, []any{day}, scanRisk)
	if err != nil {
		return nil, err
	}
	return risks, s.attachScores(ctx, risks)
}
