// Package evidence checks the evidence vault against the database: every
// live recording's file is there and still hashes to its SHA-256, and every
// file in the vault belongs to a recording, a letter or a destruction in
// progress.
package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Kinds of problem.
const (
	Missing      = "missing"      // a live recording's file is not in the vault
	Altered      = "altered"      // its file no longer hashes to the recorded SHA-256
	Unreadable   = "unreadable"   // its file is there but cannot be read
	Unreferenced = "unreferenced" // a file in the vault that nothing names
)

// MaxProblems is how many problems a report lists; the rest are counted.
const MaxProblems = 500

// Problem is one thing wrong, named so the LSMS can act on it.
type Problem struct {
	Kind      string `json:"kind"`
	SHA256    string `json:"sha256"`
	MediaID   int64  `json:"mediaId"` // 0 for an unreferenced file
	AlertID   int64  `json:"alertId"`
	ARCRef    string `json:"arcRef"`
	Item      string `json:"item"`  // the recording's original name, or the file's place in the vault
	Cases     string `json:"cases"` // case references, comma-separated
	LegalHold bool   `json:"legalHold"`
	Message   string `json:"message"`
}

// Report is the outcome of one check.
type Report struct {
	At         int64   `json:"at"` // when it ran, Unix seconds
	Seconds    float64 `json:"seconds"`
	Recordings int64   `json:"recordings"` // live recordings checked
	Bytes      int64   `json:"bytes"`      // bytes hashed
	Files      int64   `json:"files"`      // evidence files found in the vault
	Awaiting   int64   `json:"awaiting"`   // files of destroyed recordings the next purge removes
	// Unconfirmed files looked unreferenced, but imports kept the vault busy,
	// so they could be an import's new files; the next check looks again.
	Unconfirmed int64     `json:"unconfirmed"`
	Problems    []Problem `json:"problems"`
	More        int       `json:"more"` // problems beyond MaxProblems, counted but not listed
}

// OK reports whether nothing was wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 && r.More == 0 }

// Progress is reported as the check goes: recordings, then the vault's files.
type Progress struct {
	Phase      string `json:"phase"` // recordings, files
	Done       int64  `json:"done"`  // bytes hashed, or files looked at
	Total      int64  `json:"total"` // bytes to hash; 0 while listing files
	Recordings int64  `json:"recordings"`
}

// pageSize is how many recordings are read from the database at a time.
const pageSize = 256

// Check runs the whole check at now. progress may be nil. It holds no read
// transaction while it hashes, and uses memory for one page of recordings and
// the listed problems only.
func Check(ctx context.Context, st *store.Store, v *vault.Vault, now time.Time, progress func(Progress)) (Report, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	started := time.Now()
	c := &checker{st: st, v: v, progress: progress, rep: Report{At: now.Unix(), Problems: []Problem{}}}
	if err := c.recordings(ctx); err != nil {
		return c.rep, err
	}
	if err := c.files(ctx); err != nil {
		return c.rep, err
	}
	c.rep.Seconds = time.Since(started).Seconds()
	return c.rep, nil
}

type checker struct {
	st       *store.Store
	v        *vault.Vault
	progress func(Progress)
	rep      Report
	total    int64
	verified map[string]bool // hashes already found good, bounded: two alerts may share a file
}

func (c *checker) add(p Problem) {
	if len(c.rep.Problems) < MaxProblems {
		c.rep.Problems = append(c.rep.Problems, p)
	} else {
		c.rep.More++
	}
}

// recordings walks the live recordings a page at a time and hashes each file.
func (c *checker) recordings(ctx context.Context) error {
	_, total, err := c.st.LiveMediaTotals(ctx)
	if err != nil {
		return fmt.Errorf("evidence check: count the recordings: %w", err)
	}
	c.total, c.verified = total, map[string]bool{}
	for after := int64(0); ; {
		page, err := c.st.LiveMediaAfter(ctx, after, pageSize)
		if err != nil {
			return fmt.Errorf("evidence check: list the recordings: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, it := range page {
			if err := c.recording(ctx, it); err != nil {
				return err
			}
		}
		after = page[len(page)-1].MediaID
	}
}

func (c *checker) recording(ctx context.Context, it store.EvidenceItem) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.rep.Recordings++
	kind, detail := c.verify(it.SHA256)
	c.rep.Bytes += it.Size
	c.progress(Progress{Phase: "recordings", Done: c.rep.Bytes, Total: c.total, Recordings: c.rep.Recordings})
	if kind == "" {
		return nil
	}
	// A purge may have destroyed the recording since the page was read and be
	// removing its file: that is not a problem.
	full, err := c.st.LiveEvidenceItem(ctx, it.MediaID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("evidence check: recording %d: %w", it.MediaID, err)
	}
	p := mediaProblem(kind, detail, full)
	if c.v.Team() { // the evidence is backed up with the database, not a folder
		p.Message = strings.ReplaceAll(p.Message, "a backup of the data folder", "a backup of the team database")
		p.Message = strings.ReplaceAll(p.Message, "the data folder's permissions and the disk", "the connection to the team database")
	}
	c.add(p)
	return nil
}

// verify hashes a file in 32 KiB reads and says what is wrong with it, if anything.
func (c *checker) verify(sum string) (kind, detail string) {
	if c.verified[sum] {
		return "", ""
	}
	if c.v.Team() {
		return c.verifyTeam(sum)
	}
	f, err := c.v.Open(sum)
	if errors.Is(err, os.ErrNotExist) {
		return Missing, ""
	}
	if err != nil {
		return Unreadable, err.Error()
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Unreadable, err.Error()
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return Altered, got
	}
	if len(c.verified) >= 4096 {
		clear(c.verified)
	}
	c.verified[sum] = true
	return "", ""
}

// verifyTeam has the team database read the file back, checking its
// chunks and SHA-256, without leaving a copy on this computer.
func (c *checker) verifyTeam(sum string) (kind, detail string) {
	err := c.v.Verify(sum)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Missing, ""
	case errors.Is(err, vault.ErrTampered):
		return Altered, "something else, or has lost some of its parts"
	case err != nil:
		return Unreadable, err.Error()
	}
	if len(c.verified) >= 4096 {
		clear(c.verified)
	}
	c.verified[sum] = true
	return "", ""
}

func mediaProblem(kind, detail string, it store.EvidenceItem) Problem {
	p := Problem{Kind: kind, SHA256: it.SHA256, MediaID: it.MediaID, AlertID: it.AlertID, ARCRef: it.ARCRef,
		Item: it.Item, Cases: it.Cases, LegalHold: it.LegalHold}
	where := fmt.Sprintf("recording %s of alert %s", it.Item, it.ARCRef)
	if it.Cases != "" {
		where += " (case " + it.Cases
		if it.LegalHold {
			where += ", under legal hold"
		}
		where += ")"
	}
	switch kind {
	case Missing:
		p.Message = fmt.Sprintf("The evidence file of %s is missing from the vault (SHA-256 %s). Restore it from a backup of the data folder, then check again.", where, it.SHA256)
	case Altered:
		p.Message = fmt.Sprintf("The evidence file of %s has changed: it should hash to %s but now hashes to %s. Restore the original from a backup of the data folder and find out how it changed.", where, it.SHA256, detail)
	default:
		p.Message = fmt.Sprintf("The evidence file of %s cannot be read (%s). Check the data folder's permissions and the disk, then check again.", where, detail)
	}
	return p
}
