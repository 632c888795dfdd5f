// Package recording gives controlled access to the recordings in a workspace: decoding them from
// the evidence vault, cached waveform peaks, audited playback sessions, ffmpeg working copies and
// verified exports. Every listen and export is written to the audit log.
package recording

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Library is the recordings of one workspace. It is safe for concurrent use.
type Library struct {
	Store    *store.Store
	Vault    *vault.Vault
	CacheDir string           // <data dir>/cache: peaks and temporary files, never evidence
	Now      func() time.Time // UTC clock, replaceable in tests
	Actor    func() string    // who is acting, for the audit log

	mu      sync.Mutex
	peaks   map[string]*audio.Peaks // a few recent recordings, by SHA-256
	order   []string
	flights map[string]*flight // peaks being computed now, by SHA-256
	builds  atomic.Int64       // peaks computed from audio (not read from the cache), for tests
}

// flight is one computation of a recording's peaks that later callers wait for.
type flight struct {
	done chan struct{}
	p    *audio.Peaks
	err  error
}

// CacheDir is a workspace's cache folder (dataDir is workspace.Workspace.Dir): the window and
// redline-cli must use the same one, or peaks the command computed are computed again.
func CacheDir(dataDir string) string { return filepath.Join(dataDir, "cache") }

// New returns a library over a workspace's store and vault.
func New(st *store.Store, v *vault.Vault, cacheDir string, actor func() string) *Library {
	return &Library{Store: st, Vault: v, CacheDir: cacheDir, Now: time.Now, Actor: actor}
}

// ErrDestroyed says the recording was destroyed under the retention rules.
var ErrDestroyed = errors.New("this recording was destroyed under the retention schedule; only the record of its destruction remains")

// Media returns a recording's record, refusing destroyed ones.
func (l *Library) Media(ctx context.Context, id int64) (store.Media, error) {
	m, err := l.Store.MediaByID(ctx, id)
	if err != nil {
		return m, err
	}
	if m.DestroyedAt != nil {
		return m, fmt.Errorf("recording %s: %w", m.OriginalName, ErrDestroyed)
	}
	return m, nil
}

// Open decodes a recording from the vault. The caller closes the returned file.
// An *audio.UnsupportedCodecError names the codec when Redline cannot decode it.
func (l *Library) Open(m store.Media) (*audio.Stream, io.Closer, error) {
	f, err := l.Vault.Open(m.SHA256)
	if err != nil {
		return nil, nil, fmt.Errorf("recording %s is missing from the evidence vault: %w", m.OriginalName, err)
	}
	s, err := audio.Open(f, m.OriginalName)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return s, f, nil
}

// Describe probes a recording as decoded (codec, rate, channels, exact duration).
func (l *Library) Describe(m store.Media) (audio.Info, error) {
	f, err := l.Vault.Open(m.SHA256)
	if err != nil {
		return audio.Info{}, fmt.Errorf("recording %s is missing from the evidence vault: %w", m.OriginalName, err)
	}
	defer f.Close()
	return audio.Probe(f, m.OriginalName)
}

func (l *Library) audit(ctx context.Context, action string, m store.Media, detail string) error {
	_, err := l.Store.Audit(ctx, store.AuditEntry{At: l.Now().UTC().Unix(), Actor: l.Actor(), Action: action,
		ObjectType: "media", ObjectID: fmt.Sprint(m.ID), Detail: detail})
	return err
}

// Peaks returns the recording's waveform summary and speech stretches, computed once and
// cached on disk under CacheDir/peaks/<sha256>.bin (the vault file never changes, so its hash
// names its peaks). Callers asking for a recording whose peaks are being computed, by the
// page or by the background preparation, wait for that computation instead of starting
// another; different recordings are computed side by side.
func (l *Library) Peaks(m store.Media) (*audio.Peaks, error) {
	l.mu.Lock()
	if p, ok := l.peaks[m.SHA256]; ok {
		l.mu.Unlock()
		return p, nil
	}
	if f, ok := l.flights[m.SHA256]; ok {
		l.mu.Unlock()
		<-f.done
		return f.p, f.err
	}
	if l.flights == nil {
		l.flights = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	l.flights[m.SHA256] = f
	l.mu.Unlock()

	f.p, f.err = l.loadOrCompute(m)
	l.mu.Lock()
	delete(l.flights, m.SHA256)
	if f.err == nil {
		l.remember(m.SHA256, f.p)
	}
	l.mu.Unlock()
	close(f.done)
	return f.p, f.err
}

func (l *Library) peaksPath(sum string) string { return filepath.Join(l.CacheDir, "peaks", sum+".bin") }

// loadOrCompute reads the disk cache, or decodes the recording and writes it. The evidence
// file is hash-checked before it is decoded, as on every read of the vault for a person.
func (l *Library) loadOrCompute(m store.Media) (*audio.Peaks, error) {
	path := l.peaksPath(m.SHA256)
	p := new(audio.Peaks)
	if b, err := os.ReadFile(path); err == nil && p.UnmarshalBinary(b) == nil {
		return p, nil
	}
	if err := l.Vault.Verify(m.SHA256); err != nil {
		return nil, fmt.Errorf("waveform of %s: %w", m.OriginalName, err)
	}
	s, c, err := l.Open(m)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	l.builds.Add(1)
	p, err = audio.ComputePeaks(s, 0)
	if err != nil {
		return nil, fmt.Errorf("waveform of %s: %w", m.OriginalName, err)
	}
	if err := writeAtomic(path, p); err != nil {
		return nil, fmt.Errorf("waveform of %s: save cache: %w", m.OriginalName, err)
	}
	return p, nil
}

// HasPeaks says whether a current peaks cache exists for the recording, from the cache file's
// first bytes only, so start-up can check thousands of recordings quickly.
func (l *Library) HasPeaks(sum string) bool {
	f, err := os.Open(l.peaksPath(sum))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 6)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return audio.PeaksHeaderCurrent(head)
}

func (l *Library) remember(sum string, p *audio.Peaks) {
	if l.peaks == nil {
		l.peaks = map[string]*audio.Peaks{}
	}
	l.peaks[sum] = p
	l.order = append(l.order, sum)
	if len(l.order) > 4 {
		delete(l.peaks, l.order[0])
		l.order = l.order[1:]
	}
}

func writeAtomic(path string, p *audio.Peaks) error {
	b, err := p.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".peaks-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// SpeechStretch is a stretch of probable speech, in milliseconds from the start.
type SpeechStretch struct {
	FromMs int64 `json:"fromMs"`
	ToMs   int64 `json:"toMs"`
}

// Speech lists the recording's stretches of probable speech (see audio.DetectSpeech), from the
// same cache as its waveform.
func (l *Library) Speech(m store.Media) ([]SpeechStretch, error) {
	p, err := l.Peaks(m)
	if err != nil {
		return nil, err
	}
	rate := int64(max(p.SampleRate, 1))
	out := make([]SpeechStretch, len(p.Speech))
	for i, s := range p.Speech {
		out[i] = SpeechStretch{FromMs: s.From * 1000 / rate, ToMs: (s.To*1000 + rate - 1) / rate}
	}
	return out, nil
}

// Span is the waveform drawn for [FromMs, ToMs) in Columns columns.
type Span struct {
	FromMs     int64   `json:"fromMs"`
	ToMs       int64   `json:"toMs"`
	DurationMs int64   `json:"durationMs"`
	Min        []int16 `json:"min"`
	Max        []int16 `json:"max"`
}

// PeaksSpan reduces the cached peaks to what one view of the waveform draws.
func (l *Library) PeaksSpan(m store.Media, fromMs, toMs int64, columns int) (Span, error) {
	p, err := l.Peaks(m)
	if err != nil {
		return Span{}, err
	}
	dur := p.Frames * 1000 / int64(max(p.SampleRate, 1))
	if toMs <= 0 || toMs > dur {
		toMs = dur
	}
	fromMs = min(max(fromMs, 0), toMs)
	columns = min(max(columns, 1), 8192)
	rate := int64(p.SampleRate)
	mins, maxs := p.Span(fromMs*rate/1000, toMs*rate/1000, columns)
	if mins == nil {
		mins, maxs = []int16{}, []int16{}
	}
	return Span{FromMs: fromMs, ToMs: toMs, DurationMs: dur, Min: mins, Max: maxs}, nil
}
