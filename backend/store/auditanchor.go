package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// An AuditAnchor is one entry of the audit log by number and hash, written
// down somewhere the database is not: a report, a notebook, an email. The
// chain shows whether anything before an entry was changed, but not whether
// the newest entries were cut off, together with the chain's end; an anchor
// taken earlier does.
type AuditAnchor struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// String is the form ParseAuditAnchor reads: "1234:3f2a9c1b7d0e...".
func (a AuditAnchor) String() string { return fmt.Sprintf("%d:%s", a.Seq, a.Hash) }

// minAnchorHex is the shortest hash prefix accepted: 48 bits, enough that a
// forged log matching it by chance is out of reach, short enough to copy by hand.
const minAnchorHex = 12

var anchorPattern = regexp.MustCompile(`^\s*(\d+)\s*:\s*([0-9a-fA-F]+)\s*$`)

// ParseAuditAnchor reads "N:HASH", where HASH is the entry's SHA-256 or at
// least its first 12 hexadecimal digits.
func ParseAuditAnchor(s string) (AuditAnchor, error) {
	m := anchorPattern.FindStringSubmatch(s)
	if m == nil {
		return AuditAnchor{}, fmt.Errorf("%q is not an audit anchor: write the entry number, a colon and its hash, e.g. 1234:3f2a9c1b7d0e", s)
	}
	seq, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || seq < 1 {
		return AuditAnchor{}, fmt.Errorf("%q: the entry number must be 1 or more", s)
	}
	if len(m[2]) < minAnchorHex || len(m[2]) > 64 {
		return AuditAnchor{}, fmt.Errorf("%q: give at least the first %d hexadecimal digits of the hash, at most all 64", s, minAnchorHex)
	}
	return AuditAnchor{Seq: seq, Hash: strings.ToLower(m[2])}, nil
}

// AuditHead is the newest entry of the audit log, or a zero anchor when the
// log is empty.
func (s *Store) AuditHead(ctx context.Context) (AuditAnchor, error) {
	var a AuditAnchor
	err := s.db.QueryRowContext(ctx, s.auditHeadQuery()).Scan(&a.Seq, &a.Hash)
	if err == sql.ErrNoRows {
		return AuditAnchor{}, nil
	}
	return a, err
}

// CheckAuditAnchor reports, as a problem, an anchor the log no longer
// matches: its entry is gone (the log was cut back) or has another hash.
// With the chain intact, a matching anchor means no entry up to it was
// removed or changed. CheckAuditLog checks anchors in its own walk.
func (s *Store) CheckAuditAnchor(ctx context.Context, a AuditAnchor) (*AuditProblem, error) {
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT hash FROM audit_log WHERE seq = ?`, a.Seq).Scan(&hash)
	if err == sql.ErrNoRows {
		head, err := s.AuditHead(ctx)
		if err != nil {
			return nil, err
		}
		return anchorGone(a, head.Seq), nil
	}
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(hash, a.Hash) {
		return anchorMismatch(a, hash), nil
	}
	return nil, nil
}

func anchorGone(a AuditAnchor, last int64) *AuditProblem {
	return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
		"entry %d was recorded elsewhere but the log now ends at entry %d: newer entries were removed", a.Seq, last)}
}

func anchorMismatch(a AuditAnchor, hash string) *AuditProblem {
	return &AuditProblem{Seq: a.Seq, Reason: fmt.Sprintf(
		"entry %d has hash %s…, not the %s… recorded elsewhere: the log was rewritten", a.Seq, shortHash(hash), shortHash(a.Hash))}
}

// shortHash is the first digits of a hash, as many as an anchor needs.
func shortHash(h string) string { return h[:min(len(h), minAnchorHex)] }
