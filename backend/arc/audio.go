package arc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// readAudio stores every referenced recording: hashed on receipt, checked
// against the manifest and the row's own hash, copied unchanged into the
// vault, described by its headers. A codec Redline cannot play is still
// evidence: it is stored with the codec named.
func (im *importer) readAudio(ctx context.Context) error {
	for i := range im.audioRefs {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := &im.audioRefs[i]
		from := im.audioFrom[i]
		fail := func(reason string) {
			im.problem(Problem{File: from, Kind: KindRecordings, Line: r.line, Column: "file", Value: r.file, Ref: r.ref,
				Severity: SeverityError, Reason: reason})
			im.res.Summary.Media.Rejected++
		}
		s, err := im.slotFor(r.arc, r.ref)
		if err != nil {
			return err
		}
		if s == nil {
			why, err := im.orphan(r.arc, r.ref)
			if err != nil {
				return err
			}
			fail("this recording cannot be stored: " + why)
			continue
		}
		e, why := im.findAudio(from, r.file)
		if e == nil {
			fail(why)
			continue
		}
		stored, reason, err := im.storeFile(e, "audio")
		if err != nil {
			return err
		}
		if reason != "" {
			fail(reason)
			continue
		}
		if r.sha != "" && r.sha != stored.SHA256 {
			fail(fmt.Sprintf("the recording's SHA-256 is %s but the export says %s; it changed after the ARC exported it", stored.SHA256, r.sha))
			continue
		}
		if err := im.attach(s, r, e, stored); err != nil {
			return err
		}
		im.report(Progress{Phase: "audio", File: e.Name}, true)
	}
	return nil
}

// findAudio resolves a file name from a CSV: next to the CSV, from the
// export's root, or by a base name that is unique in the export.
func (im *importer) findAudio(csvName, ref string) (*Entry, string) {
	clean, err := safeName(ref)
	if err != nil {
		return nil, "the recording's file name " + err.Error()
	}
	for _, p := range []string{path.Join(path.Dir(csvName), clean), clean} {
		if e := im.byPath[strings.ToLower(p)]; e != nil {
			return e, ""
		}
	}
	switch hits := im.byBase[strings.ToLower(baseName(clean))]; len(hits) {
	case 1:
		return hits[0], ""
	case 0:
		return nil, "the recording is not in the export"
	default:
		return nil, fmt.Sprintf("%d files in the export are called %s; give the folder too", len(hits), baseName(clean))
	}
}

// storeFile hashes an entry (a recording or a document), notes the hash in
// the journal, then copies it into the vault, checking the copy hashes the
// same. reason is set when the file is unreadable or differs from the manifest.
func (im *importer) storeFile(e *Entry, kind string) (vault.Stored, string, error) {
	what := "recording"
	if kind != "audio" {
		what = "file"
	}
	if st, ok := im.stored[e.Name]; ok {
		return st, "", nil
	}
	sum, size, err := hashEntry(e)
	if err != nil {
		return vault.Stored{}, "the " + what + " cannot be read: " + err.Error(), nil
	}
	if err := im.fileRecord(e.Name, kind, size, sum); err != nil {
		return vault.Stored{}, "", err
	}
	if exp, ok := im.manifest[strings.ToLower(e.Name)]; ok && exp != sum {
		return vault.Stored{}, fmt.Sprintf("the %s's SHA-256 is %s but the manifest says %s; it changed after the ARC exported it", what, sum, exp), nil
	}
	if p, _ := im.v.Path(sum); !exists(p) {
		if err := im.journal.add(sum); err != nil {
			return vault.Stored{}, "", err
		}
	}
	rc, err := e.Open()
	if err != nil {
		return vault.Stored{}, "the " + what + " cannot be read: " + err.Error(), nil
	}
	st, err := im.journal.lease.Put(rc)
	rc.Close()
	if err != nil {
		return vault.Stored{}, "", fmt.Errorf("store %s %s: %w", what, e.Name, err)
	}
	if st.SHA256 != sum {
		return vault.Stored{}, "the " + what + " changed while it was being read; import again", nil
	}
	im.stored[e.Name] = st
	im.doneBytes += size
	return st, "", nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func hashEntry(e *Entry) (string, int64, error) {
	rc, err := e.Open()
	if err != nil {
		return "", 0, err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// attach records the recording against its alert, once per alert and hash.
func (im *importer) attach(s *slot, r *recordingRow, e *Entry, st vault.Stored) error {
	if !s.fresh {
		has, err := im.ix.HasMedia(s.id, st.SHA256)
		if err != nil {
			return err
		}
		if has {
			im.res.Summary.Media.Unchanged++
			return nil
		}
	}
	m := store.Media{AlertID: s.id, Kind: r.kind, KindWord: r.kindWord, OriginalName: e.Name, SHA256: st.SHA256, Size: st.Size,
		VaultPath: st.Rel, RecordedAt: r.recordedAt}
	im.describe(&m, e, st)
	if _, err := im.w.Media(m, im.importID); err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			im.res.Summary.Media.Unchanged++ // the same file named twice for one alert
			return nil
		}
		return err
	}
	im.res.Summary.Media.New++
	return im.ix.AddMediaCount(s.id, 1)
}

// describe fills codec, rate, channels and length from the vault copy.
func (im *importer) describe(m *store.Media, e *Entry, st vault.Stored) {
	f, err := im.v.Open(st.SHA256)
	if err != nil {
		m.Codec = "unknown"
		return
	}
	defer f.Close()
	info, err := audio.Probe(f, e.Name)
	m.Codec, m.SampleRate, m.Channels, m.DurationMS = info.Codec, info.SampleRate, info.Channels, info.DurationMs
	if info.Truncated != nil {
		// Stored as received; the report says what the header hides.
		im.problem(Problem{File: e.Name, Kind: "audio", Ref: m.OriginalName, Severity: SeverityWarning,
			Reason: info.Truncated.Sentence()})
	}
	var uc *audio.UnsupportedCodecError
	switch {
	case errors.As(err, &uc):
		if m.Codec == "" {
			m.Codec = uc.Codec
		}
		im.problem(Problem{File: e.Name, Kind: "audio", Ref: m.OriginalName, Severity: SeverityWarning,
			Reason: fmt.Sprintf("stored as evidence, unchanged; it is encoded as %s, which Redline cannot play without a converted working copy", uc.Codec)})
	case err != nil:
		m.Codec = "unknown"
		im.problem(Problem{File: e.Name, Kind: "audio", Severity: SeverityWarning,
			Reason: "stored as evidence, unchanged, but it is not recognised as audio Redline can read (" + err.Error() + ")"})
	}
}
