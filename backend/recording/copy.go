package recording

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/store"
)

// Logger receives problems that cannot be returned to anyone (an audit write failing in a
// background stretch). Nil logs to slog's default.
var Logger *slog.Logger

func (l *Library) logAuditFailure(err error) {
	lg := Logger
	if lg == nil {
		lg = slog.Default()
	}
	lg.Error("audit log write failed", "err", err)
}

func (l *Library) tempPath(ext string) (string, error) {
	dir := filepath.Join(l.CacheDir, "tmp")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return filepath.Join(dir, hex.EncodeToString(b[:])+ext), nil
}

// CanConvert reports whether a working copy can be made (ffmpeg installed).
func CanConvert() bool {
	_, err := audio.FFmpegPath()
	return err == nil
}

func ffmpegVersion(ctx context.Context) string {
	bin, err := audio.FFmpegPath()
	if err != nil {
		return "unknown"
	}
	out, err := exec.CommandContext(ctx, bin, "-version").Output()
	if err != nil {
		return "unknown"
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}

// MakeWorkingCopy converts a recording Redline cannot decode into a 16-bit PCM WAV with ffmpeg
// and adds it to the vault as a new evidence item (kind working_copy, derived_from the
// original, its own SHA-256) with a provenance record. The original is verified first and only read.
func (l *Library) MakeWorkingCopy(ctx context.Context, mediaID int64) (store.Media, error) {
	orig, err := l.Media(ctx, mediaID)
	if err != nil {
		return store.Media{}, err
	}
	if orig.DerivedFrom != nil {
		return store.Media{}, fmt.Errorf("recording %s is already a working copy; convert the original instead", orig.OriginalName)
	}
	if err := l.Vault.Verify(orig.SHA256); err != nil {
		return store.Media{}, fmt.Errorf("recording %s: %w", orig.OriginalName, err)
	}
	src, err := l.Vault.Path(orig.SHA256)
	if err != nil {
		return store.Media{}, err
	}
	out, err := l.tempPath(".wav")
	if err != nil {
		return store.Media{}, err
	}
	defer os.Remove(out)
	if err := audio.ConvertWithFFmpeg(ctx, src, out); err != nil {
		return store.Media{}, err
	}
	f, err := os.Open(out)
	if err != nil {
		return store.Media{}, err
	}
	defer f.Close()
	inf, err := audio.Probe(f, out)
	if err != nil {
		return store.Media{}, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return store.Media{}, err
	}
	lease, err := l.Vault.Lease(ctx) // until the working copy's row names its file
	if err != nil {
		return store.Media{}, err
	}
	defer lease.Release()
	stored, err := lease.Put(f)
	if err != nil {
		return store.Media{}, fmt.Errorf("store the working copy of %s: %w", orig.OriginalName, err)
	}
	cmd, _ := json.Marshal(audio.FFmpegArgs(src, out))
	m := store.Media{AlertID: orig.AlertID, OriginalName: strings.TrimSuffix(orig.OriginalName, filepath.Ext(orig.OriginalName)) +
		" (working copy).wav", SHA256: stored.SHA256, Size: stored.Size, Codec: inf.Codec, SampleRate: inf.SampleRate,
		Channels: inf.Channels, DurationMS: inf.DurationMs, VaultPath: stored.Rel, RecordedAt: orig.RecordedAt,
		DerivedFrom: &orig.ID}
	id, err := l.Store.AddWorkingCopy(ctx, m, store.Provenance{SourceSHA256: orig.SHA256, Command: string(cmd),
		ToolVersion: ffmpegVersion(ctx), Actor: l.Actor(), At: l.Now().UTC().Unix()})
	if err != nil {
		return store.Media{}, err
	}
	return l.Store.MediaByID(ctx, id)
}

// ExportRecording copies the recording, byte for byte, to path after checking the vault file
// still matches its SHA-256, through the export chokepoint that records it in the audit log.
func (l *Library) ExportRecording(ctx context.Context, mediaID int64, path string) (store.Media, error) {
	m, err := l.Media(ctx, mediaID)
	if err != nil {
		return m, err
	}
	if err := l.Vault.Verify(m.SHA256); err != nil {
		return m, fmt.Errorf("recording %s was not exported: %w", m.OriginalName, err)
	}
	it := export.Item{Kind: "recording.export", Format: strings.TrimPrefix(filepath.Ext(m.OriginalName), "."), ObjectType: "media",
		ObjectID: fmt.Sprint(m.ID), Detail: map[string]any{"recording": m.OriginalName, "alertId": m.AlertID}}
	who := store.Who{Actor: l.Actor(), At: l.Now().UTC().Unix()}
	_, err = export.ToFile(ctx, l.Store, who, path, it, func(w io.Writer) error {
		src, err := l.Vault.Open(m.SHA256)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if err != nil {
		return m, fmt.Errorf("export %s: %w", m.OriginalName, err)
	}
	return m, nil
}
