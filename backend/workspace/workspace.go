// Package workspace owns a Redline data directory: where it is, what lives in
// it (database, evidence vault, log, window state) and opening it.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/auditkey"
	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/demo/story"
	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// EnvDataDir overrides the default data directory.
const EnvDataDir = "REDLINE_DATA_DIR"

// DataDir resolves the data directory: an explicit flag, then the
// environment, then the per-user default (%APPDATA%\Redline on Windows,
// $XDG_DATA_HOME/redline on Linux).
func DataDir(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv(EnvDataDir); env != "" {
		return filepath.Abs(env)
	}
	if runtime.GOOS == "windows" {
		if appData := os.Getenv("APPDATA"); appData != "" {
			return filepath.Join(appData, "Redline"), nil
		}
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "redline"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a data directory: set %s or --data-dir", EnvDataDir)
	}
	return filepath.Join(home, ".local", "share", "redline"), nil
}

// Workspace is an open data directory.
type Workspace struct {
	Dir   string
	Store *store.Store
	Vault *vault.Vault
}

// DBPath is where a data directory keeps its database.
func DBPath(dir string) string { return filepath.Join(dir, "redline.db") }

// Exists reports whether dir already holds a database.
func Exists(dir string) bool {
	_, err := os.Stat(DBPath(dir))
	return err == nil
}

// Open opens (creating if needed) the workspace in dir.
func Open(dir string) (*Workspace, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", dir, err)
	}
	v, err := vault.Open(filepath.Join(dir, "vault"))
	if err != nil {
		return nil, err
	}
	if err := v.Sweep(); err != nil {
		return nil, fmt.Errorf("clean up an interrupted import in %s: %w", v.Root(), err)
	}
	st, err := store.Open(DBPath(dir))
	if err != nil {
		return nil, err
	}
	if err := sealAudit(dir, st); err != nil {
		st.Close()
		return nil, err
	}
	return &Workspace{Dir: dir, Store: st, Vault: v}, nil
}

// sealAudit keys the database's audit log with this account's key for it,
// kept outside the data folder, so a copy of the folder cannot rewrite the
// log unseen (backend/auditkey).
func sealAudit(dir string, st *store.Store) error {
	keys, err := auditkey.DefaultDir()
	if err != nil {
		return fmt.Errorf("cannot find a folder for the audit key: set %s: %w", auditkey.EnvDir, err)
	}
	ring, err := auditkey.Open(keys)
	if err != nil {
		return err
	}
	if err := ring.Outside(dir); err != nil {
		return err
	}
	_, err = ring.Seal(context.Background(), st, time.Now())
	return err
}

// Close closes the database.
func (w *Workspace) Close() error { return w.Store.Close() }

// ErrExists says a demo would overwrite an existing database.
var ErrExists = errors.New("a database already exists")

// DemoOptions shape CreateDemo.
type DemoOptions struct {
	Force bool // replace an existing database (the vault is kept: it is content-addressed)
	// Bare leaves out the three months of LSMS work (triage, cases, letters,
	// risks), giving only what the ARC sent: tests that count from zero want it.
	Bare bool
	// History adds demo.HistoryMonths of alerts before the three months,
	// so the director's charts have limits on first run (`demo --history`).
	History bool
	// Letters renders the story's letters; needed unless Bare. The caller
	// hands in reports/letters, which backend may not import.
	Letters letters.Renderer
}

// CreateDemo builds the demo trust in dir, ending now.
func CreateDemo(ctx context.Context, dir string, now time.Time, o DemoOptions) (*Workspace, demo.Summary, error) {
	if Exists(dir) && !o.Force {
		return nil, demo.Summary{}, fmt.Errorf("%s: %w; use --force to replace it", DBPath(dir), ErrExists)
	}
	if !o.Bare && o.Letters == nil {
		return nil, demo.Summary{}, errors.New("the demo's letters need a renderer: pass DemoOptions.Letters or ask for a bare demo")
	}
	if Exists(dir) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(DBPath(dir) + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, demo.Summary{}, err
			}
		}
	}
	ws, err := Open(dir)
	if err != nil {
		return nil, demo.Summary{}, err
	}
	sum, err := fillDemo(ctx, ws, now, o)
	if err != nil {
		ws.Close()
		return nil, sum, fmt.Errorf("build demo data: %w", err)
	}
	return ws, sum, nil
}

// fillDemo puts the demo trust into an open workspace, laptop or team.
func fillDemo(ctx context.Context, ws *Workspace, now time.Time, o DemoOptions) (demo.Summary, error) {
	sum, err := demo.Generate(ctx, ws.Store, ws.Vault, demo.Default(now))
	if err == nil {
		_, err = letters.SaveSettings(ctx, ws.Store, demoLetterSettings(), store.Who{Actor: audit.System, At: now.Unix()})
	}
	if err == nil && !o.Bare { // after the letter settings: the story drafts letters
		_, err = story.Apply(ctx, ws.Store, ws.Vault, o.Letters, now)
	}
	if err == nil && o.History { // after the story, which works on the recent months only
		_, err = demo.AddHistory(ctx, ws.Store, ws.Vault, demo.Default(now), demo.HistoryMonths)
	}
	return sum, err
}

// demoLetterSettings fills in the demo trust's letterhead and LSMS, so letters
// can be drafted straight away; a real trust enters its own in Settings.
func demoLetterSettings() letters.Settings {
	s := letters.DefaultSettings
	s.TrustName = "West Yorkshire Community Health NHS Trust (demo)"
	s.Letterhead = "Trust Headquarters, Fieldhead, Ouchthorpe Lane, Wakefield WF1 3SP\nTelephone 01924 000 000"
	s.LSMSName = "Alex Morgan"
	s.LSMSPhone = "01924 000 001"
	s.LSMSEmail = "security.demo@example.nhs.uk"
	s.LSMSAddress = "Security Management, Trust Headquarters, Fieldhead, Wakefield WF1 3SP"
	s.LegalServicesName = "Legal Services, West Yorkshire Community Health NHS Trust (demo)"
	s.LegalServicesAddress = "Trust Headquarters, Fieldhead, Wakefield WF1 3SP"
	return s
}

// Logger writes structured logs to redline.log in dir (and to extra, if set).
func Logger(dir string, extra io.Writer) (*slog.Logger, io.Closer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "redline.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open log file: %w", err)
	}
	var w io.Writer = f
	if extra != nil {
		w = io.MultiWriter(f, extra)
	}
	return slog.New(slog.NewTextHandler(w, nil)), f, nil
}
