package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

// Bundles is the bound service behind a case's court bundle: its exhibits
// and their continuity, a recording's listen log, handovers, building an
// evidence package and checking one. No method takes a path: Go asks for
// folders and packages in the native dialogs.
type Bundles struct {
	s        *session
	platform func() platform
	jobs     *jobs
}

func newBundles(s *session, p func() platform, j *jobs) *Bundles {
	return &Bundles{s: s, platform: p, jobs: j}
}

// ExhibitView is an exhibit with its continuity, as the screen shows it.
type ExhibitView struct {
	Exhibit    store.Exhibit  `json:"exhibit"`
	Continuity []exhibit.Link `json:"continuity"`
}

// Exhibits numbers every item of the case that may go to court and is not
// an exhibit yet (audited), and lists them all with their continuity.
func (b *Bundles) Exhibits(caseID int64) ([]ExhibitView, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	xs, err := exhibit.Ensure(ctx, ws.Store, ws.Vault, exports.BundleDocs, caseID, who(b.s))
	if err != nil {
		return nil, err
	}
	out := make([]ExhibitView, 0, len(xs))
	for _, x := range xs {
		c, err := exhibit.Continuity(ctx, ws.Store, x)
		if err != nil {
			return nil, err
		}
		out = append(out, ExhibitView{Exhibit: x, Continuity: c})
	}
	return out, nil
}

// Listens is the listen log of one recording.
func (b *Bundles) Listens(mediaID int64) ([]exhibit.Listen, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return nil, err
	}
	m, err := ws.Store.MediaByID(context.Background(), mediaID)
	if err != nil {
		return nil, err
	}
	return exhibit.Listens(context.Background(), ws.Store, m)
}

// Handover records that an exhibit was handed to someone, and why.
func (b *Bundles) Handover(ref, to, reason string) error {
	ws, err := b.s.workspace()
	if err != nil {
		return err
	}
	if strings.TrimSpace(to) != "" && strings.TrimSpace(reason) == "" { // to whom first, as the form asks (exhibit.Handover)
		return problem.InField("reason", "Say why exhibit %s was handed over, for example for the police to examine.", ref)
	}
	return exhibit.Handover(context.Background(), ws.Store, ref, to, reason, who(b.s))
}

// Settings are the producer and the form of exhibit references.
func (b *Bundles) Settings() (exhibit.Settings, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return exhibit.Settings{}, err
	}
	return exhibit.LoadSettings(context.Background(), ws.Store)
}

// SaveSettings checks and saves them (audited).
func (b *Bundles) SaveSettings(s exhibit.Settings) (exhibit.Settings, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return s, err
	}
	return exhibit.SaveSettings(context.Background(), ws.Store, s, who(b.s))
}

// PackageChoice is what the page chooses of a package: its form, never
// where it goes (Go asks for the folder in the native dialog).
type PackageChoice struct {
	Redacted bool `json:"redacted"` // a disclosure copy, personal data taken out
	Zip      bool `json:"zip"`      // one .zip file instead of a folder
}

// BundleDone is the outcome of a build, sent once as "bundle:done:<id>".
type BundleDone struct {
	Chosen bool           `json:"chosen"` // false: the person closed the folder dialog, nothing was built
	Result *bundle.Result `json:"result,omitempty"`
	Error  string         `json:"error,omitempty"`
	Field  string         `json:"field,omitempty"`
}

// Build asks for a folder in the native dialog and builds the evidence
// package of a case there in the background as run runID (16 hex digits
// named by the page): bundle.Progress as "bundle:progress:<id>", a
// BundleDone at the end, Cancel to stop it.
func (b *Bundles) Build(runID string, caseID int64, choice PackageChoice) (string, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return "", err
	}
	if runID != "" && !runIDPattern.MatchString(runID) { // refused before any dialog opens
		return "", fmt.Errorf("the run id %q is not 16 hexadecimal digits", runID)
	}
	c, err := ws.Store.Case(context.Background(), caseID)
	if err != nil {
		return "", err
	}
	dir, err := choosePackageFolder(b.platform())
	if err != nil {
		return "", err
	}
	return b.jobs.start("bundle", runID, func(ctx context.Context, _ string, p *progress) any {
		if dir == "" {
			return BundleDone{}
		}
		o := bundle.Options{Zip: choice.Zip, Redacted: choice.Redacted, Progress: func(pr bundle.Progress) {
			if pr.Step == "writing" && pr.File != "" {
				p.Send(pr)
			} else {
				p.Now(pr) // a new step
			}
		}}
		res, err := exports.BundlePackage(ctx, ws, who(b.s), c.Ref, dir, o)
		if err != nil {
			e := problem.Explain(err, b.s.log)
			return BundleDone{Chosen: true, Error: e.Message, Field: e.Field}
		}
		return BundleDone{Chosen: true, Result: &res}
	})
}

// Cancel stops a build; false when it is not running.
func (b *Bundles) Cancel(runID string) bool { return b.jobs.cancel("bundle", runID) }

// PackageCheck is what checking a package found; Chosen is false when the
// person closed the dialog.
type PackageCheck struct {
	Chosen bool          `json:"chosen"`
	Report bundle.Report `json:"report"`
}

// Verify asks for a package in the native dialog, a folder or (zip) a .zip
// file, and checks it against its manifests and this database's audit log.
func (b *Bundles) Verify(zip bool) (PackageCheck, error) {
	ws, err := b.s.workspace()
	if err != nil {
		return PackageCheck{}, err
	}
	path, err := choosePackage(b.platform(), zip)
	if err != nil || path == "" {
		return PackageCheck{}, err
	}
	rep, err := bundle.Verify(context.Background(), path, ws.Store)
	return PackageCheck{Chosen: true, Report: rep}, err
}

// choosePackageFolder asks where to build a package; "" when the person cancelled.
func choosePackageFolder(p platform) (string, error) {
	if dir, ok := e2eBundleDir(); ok {
		return dir, nil
	}
	d, ok := p.(folderDialogs)
	if !ok {
		return "", errNoWindow
	}
	return d.OpenDirectoryDialog("Choose the folder to build the evidence package in")
}

// choosePackage asks for a package to check: its folder, or its .zip file.
func choosePackage(p platform, zip bool) (string, error) {
	if path, ok := e2eBundleCheck(); ok {
		return path, nil
	}
	if !zip {
		d, ok := p.(folderDialogs)
		if !ok {
			return "", errNoWindow
		}
		return d.OpenDirectoryDialog("Choose the evidence package folder to check")
	}
	d, ok := p.(openDialogs)
	if !ok {
		return "", errNoWindow
	}
	return d.OpenFileDialog("Choose the evidence package (.zip) to check", "Evidence packages (*.zip)", "*.zip;*.ZIP")
}
