package store

import (
	"context"
	"crypto/hmac"
	"fmt"
	"strconv"
	"strings"
)

// AuditProblem says where the chain first breaks.
type AuditProblem struct {
	Seq    int64  `json:"seq"`    // the entry at which verification failed
	Reason string `json:"reason"` // plain English
}

// AuditReport is what checking the whole audit log found, for a person to
// read: not only whether it breaks, but how much of it could be checked with
// the key, since a chain nobody can authenticate proves little.
type AuditReport struct {
	Entries int64       `json:"entries"` // entries checked (up to the problem, if any)
	Head    AuditAnchor `json:"head"`    // the newest entry
	// Keyed says the log was checked with this computer's key for the
	// database, from entry KeyedFrom on.
	Keyed     bool  `json:"keyed"`
	KeyedFrom int64 `json:"keyedFrom,omitempty"`
	// Plain counts entries that predate the key, checked as plain SHA-256.
	// The record kept with the key shows they have not changed since it was
	// made, not that nobody rewrote them before.
	Plain int64 `json:"plain"`
	// Unverifiable counts entries sealed with a key this computer does not
	// hold: their order and links were checked, their content cannot be.
	Unverifiable int64 `json:"unverifiable"`
	Anchors      int   `json:"anchors"` // anchors checked against the log
	// Exports counts the exports in the register whose heads (the head each
	// document carries, and the export's own entry) were checked against the log.
	Exports int           `json:"exports"`
	Note    string        `json:"note,omitempty"`
	Problem *AuditProblem `json:"problem,omitempty"`
}

// Authentic reports whether nothing broke and every entry from the key's
// switch point on was checked with this computer's key.
func (r AuditReport) Authentic() bool { return r.Problem == nil && r.Keyed && r.Unverifiable == 0 }

// CheckAuditLog walks the whole log in sequence order and reports the first
// break: a missing number, a row that does not follow its predecessor's hash
// (removed, changed or reordered before it), a row whose fields no longer
// match its seal, a disagreement with the record kept with the key, or an
// anchor the log no longer holds. Anchors are entries noted outside the
// database (written down, or the head an exported document carries); they
// are what shows entries cut off from the end. They are checked in the same
// walk, so a matching anchor is known to be part of an authenticated chain.
// Every head in the export register is checked as an anchor too, and each
// register row against its export's entry.
func (s *Store) CheckAuditLog(ctx context.Context, anchors ...AuditAnchor) (AuditReport, error) {
	exports, err := s.ExportRegister(ctx)
	if err != nil {
		return AuditReport{}, fmt.Errorf("read the export register: %w", err)
	}
	w := newAuditWalk(s.seal.Load(), anchors, exports)
	if s.Engine() == Postgres && w.seal == nil {
		// A team database has no shared key yet, so the entries a laptop
		// sealed before `team migrate` brought them can be linked but not
		// checked here; every later entry is held to plain SHA-256.
		v, err := s.Setting(ctx, MigratedAuditSetting, "0")
		if err != nil {
			return AuditReport{}, err
		}
		w.elsewhereThrough, _ = strconv.ParseInt(v, 10, 64)
	}
	if err := s.walkAudit(ctx, w); err != nil {
		return w.rep, err
	}
	w.finish()
	head, err := s.AuditHead(ctx)
	w.rep.Head = head
	return w.rep, err
}

// VerifyAudit is CheckAuditLog without anchors, for callers that ask only
// where the chain breaks. It does not say whether the log could be checked
// with a key: anything a person reads comes from CheckAuditLog.
func (s *Store) VerifyAudit(ctx context.Context) (*AuditProblem, int64, error) {
	rep, err := s.CheckAuditLog(ctx)
	return rep.Problem, rep.Entries, err
}

func (s *Store) walkAudit(ctx context.Context, w *auditWalk) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for w.rep.Problem == nil && rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		w.step(e)
	}
	return rows.Err()
}

// auditWalk is one pass over the log, entry by entry.
type auditWalk struct {
	seal    *AuditSeal
	anchors map[int64][]heldAnchor
	exports map[int64]ExportRecord // by the export's own entry
	prev    string
	last    int64
	rep     AuditReport

	elsewhereThrough int64 // entries up to this one that are not plain SHA-256 were sealed on a laptop
}

// MigratedAuditSetting names the last audit entry `team migrate` copied into
// a team database, sealed (if at all) with the laptop's own key.
const MigratedAuditSetting = "audit.migrated_through"

// heldAnchor is an anchor and who holds it: a person (given to verify) or an
// exported document (from the register), so a failure names the document.
type heldAnchor struct {
	AuditAnchor
	export *ExportRecord // nil: given to verify
	own    bool          // the export's own entry, not the head its document carries
}

func newAuditWalk(seal *AuditSeal, anchors []AuditAnchor, exports []ExportRecord) *auditWalk {
	w := &auditWalk{seal: seal, anchors: map[int64][]heldAnchor{}, exports: map[int64]ExportRecord{}, prev: GenesisHash}
	for _, a := range anchors {
		w.anchors[a.Seq] = append(w.anchors[a.Seq], heldAnchor{AuditAnchor: a})
	}
	for i := range exports {
		r := &exports[i]
		w.exports[r.Seq] = *r
		w.anchors[r.Seq] = append(w.anchors[r.Seq], heldAnchor{AuditAnchor{r.Seq, r.EntryHash}, r, true})
		if r.Head.Seq > 0 {
			w.anchors[r.Head.Seq] = append(w.anchors[r.Head.Seq], heldAnchor{r.Head, r, false})
		}
	}
	w.rep.Anchors, w.rep.Exports = len(anchors), len(exports)
	if seal != nil {
		w.rep.Keyed, w.rep.KeyedFrom, w.rep.Note = true, seal.From, seal.Note
	}
	return w
}

func (w *auditWalk) step(e AuditEntry) {
	w.rep.Entries++
	w.rep.Problem = w.check(e)
	w.prev, w.last = e.Hash, e.Seq
}

func (w *auditWalk) check(e AuditEntry) *AuditProblem {
	if want := w.last + 1; e.Seq != want {
		return &AuditProblem{Seq: want, Reason: fmt.Sprintf("entry %d is missing (the next entry found is %d): removed or renumbered", want, e.Seq)}
	}
	if e.PrevHash != w.prev {
		return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("entry %d does not follow entry %d: an entry before it was removed, changed or reordered", e.Seq, e.Seq-1)}
	}
	if p := w.checkSeal(e); p != nil {
		return p
	}
	if p := w.checkBefore(e); p != nil {
		return p
	}
	for _, a := range w.anchors[e.Seq] {
		if !strings.HasPrefix(e.Hash, a.Hash) {
			return a.mismatch(e.Hash)
		}
	}
	return w.checkRegister(e)
}

// checkRegister holds the register to the keyed chain: a register row must
// agree with its export's entry (same file hash, same head), and an export's
// entry must have its row.
func (w *auditWalk) checkRegister(e AuditEntry) *AuditProblem {
	r, ok := w.exports[e.Seq]
	switch {
	case ok && !exportEntryNames(e.Detail, r):
		return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("the export register's record of %s does not match audit entry %d: the register was altered", r.describe(), e.Seq)}
	case !ok && strings.Contains(e.Detail, `"`+ExportHeadField+`":"`):
		return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("audit entry %d (%s) records an export that the export register no longer holds: the register was altered", e.Seq, e.Action)}
	}
	return nil
}

// checkSeal checks e's own hash the way it was written: keyed from the
// switch point on, plain SHA-256 before it, not at all when an earlier key
// is held elsewhere.
func (w *auditWalk) checkSeal(e AuditEntry) *AuditProblem {
	switch seal := w.seal; {
	case seal != nil && e.Seq >= seal.From:
		if !hmac.Equal([]byte(AuditMAC(seal.Key, e)), []byte(e.Hash)) {
			return altered(e, " (its seal does not match this database's audit key)")
		}
	case seal != nil && seal.Elsewhere:
		w.rep.Unverifiable++
	case AuditHash(e) == e.Hash:
		w.rep.Plain++
	case e.Seq <= w.elsewhereThrough:
		w.rep.Unverifiable++
	default:
		w.rep.Plain++
		return altered(e, "")
	}
	return nil
}

// checkBefore compares the last entry before the switch point with the
// record kept with the key: a forger who rewrites the older, plain part and
// recomputes its hashes cannot make it end the same way.
func (w *auditWalk) checkBefore(e AuditEntry) *AuditProblem {
	if w.seal == nil || e.Seq != w.seal.Before.Seq || e.Hash == w.seal.Before.Hash {
		return nil
	}
	return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("entry %d is not the one recorded with this database's audit key when the key was made: it or an entry before it was rewritten", e.Seq)}
}

// finish reports what only the end of the walk shows: a log shorter than the
// key's record or an anchor says it was.
func (w *auditWalk) finish() {
	if w.rep.Problem != nil {
		return
	}
	if w.seal != nil && w.last < w.seal.Before.Seq {
		w.rep.Problem = &AuditProblem{Seq: w.last + 1, Reason: fmt.Sprintf(
			"the log ends at entry %d, but it held %d entries when this database's audit key was made: entries were removed", w.last, w.seal.Before.Seq)}
		return
	}
	for seq, as := range w.anchors {
		if seq > w.last && (w.rep.Problem == nil || seq < w.rep.Problem.Seq) {
			w.rep.Problem = as[0].gone(w.last)
		}
	}
}

func (a heldAnchor) gone(last int64) *AuditProblem {
	switch {
	case a.export == nil:
		return anchorGone(a.AuditAnchor, last)
	case a.own:
		return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
			"the export register records %s, but the log now ends at entry %d: newer entries were removed", a.export.describe(), last)}
	}
	return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
		"entry %d is the audit head carried by %s, but the log now ends at entry %d: newer entries were removed", a.Seq, a.export.describe(), last)}
}

func (a heldAnchor) mismatch(hash string) *AuditProblem {
	switch {
	case a.export == nil:
		return anchorMismatch(a.AuditAnchor, hash)
	case a.own:
		return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
			"entry %d has hash %s…, not the %s… the export register recorded for %s: the log was rewritten", a.Seq, shortHash(hash), shortHash(a.Hash), a.export.describe())}
	}
	return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
		"entry %d has hash %s…, not the %s… carried by %s: the log was rewritten after the document left", a.Seq, shortHash(hash), shortHash(a.Hash), a.export.describe())}
}

func altered(e AuditEntry, why string) *AuditProblem {
	return &AuditProblem{Seq: e.Seq, Reason: fmt.Sprintf("entry %d (%s) was altered after it was written%s", e.Seq, strings.TrimSpace(e.Action), why)}
}
