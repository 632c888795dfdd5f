// Command redline is the Redline desktop workbench for NHS Local Security
// Management Specialists.
package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"github.com/nhs-redline/redline/backend/retention"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/frontend"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "Redline could not start:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := workspace.DataDir(dataDirArg(os.Args[1:]))
	if err != nil {
		return err
	}
	log, closer, err := workspace.Logger(dir, nil)
	if err != nil {
		return err
	}
	defer closer.Close()

	s := &session{dir: dir, log: log, now: appClock(), teamURL: teamURLFromEnv(), profileDir: teamProfileDir(log)}
	if err := s.openExisting(); err != nil {
		return err
	}
	defer s.close()
	a := newApp(s)

	assets, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return err
	}
	win := loadWindowState(dir)
	log.Info("starting", "dataDir", dir)
	return wails.Run(&options.App{
		Title:            "Redline",
		Width:            win.Width,
		Height:           win.Height,
		MinWidth:         1024,
		MinHeight:        640,
		BackgroundColour: options.NewRGB(240, 244, 245),
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: a.middleware,
		},
		OnStartup:     a.startup,
		OnDomReady:    a.domReady,
		OnBeforeClose: a.beforeClose,
		OnShutdown:    a.shutdown,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               "uk.nhs.redline.workbench",
			OnSecondInstanceLaunch: a.secondInstance,
		},
		ErrorFormatter: func(err error) any { return explainForPage(err, log).JSON() },
		DragAndDrop:    &options.DragAndDrop{EnableFileDrop: true},
		Bind:           a.services(),
		Windows: &windows.Options{
			WebviewUserDataPath: dir + string(os.PathSeparator) + "webview",
		},
	})
}

// dataDirArg finds --data-dir among the arguments. The flag package is not
// used because Wails's dev build parses its own flags from the same list.
func dataDirArg(args []string) string {
	for i, a := range args {
		switch {
		case a == "-data-dir" || a == "--data-dir":
			if i+1 < len(args) {
				return args[i+1]
			}
		case strings.HasPrefix(a, "-data-dir="), strings.HasPrefix(a, "--data-dir="):
			return a[strings.Index(a, "=")+1:]
		}
	}
	return ""
}

// app wires the window's lifecycle to the session and the bound services.
type app struct {
	s        *session
	log      *slog.Logger
	platform platform

	workspace *Workspace
	alerts    *Alerts
	trends    *Trends
	retention *Retention
	maps      *Maps

	recordings  *Recordings
	transcripts *Transcripts

	cases  *Cases
	triage *Triage
	mywork *MyWork
	purge  *purger

	imports *Imports

	letters *Letters
	reviews *Reviews
	risks   *Risks

	evidence *Evidence
	bundles  *Bundles
	jobs     *jobs

	people *People
}

func newApp(s *session) *app {
	a := &app{
		s:         s,
		log:       s.log,
		platform:  nullPlatform{},
		workspace: &Workspace{s: s},
		alerts:    &Alerts{s: s},
		trends:    &Trends{s: s},
		people:    &People{s: s},
	}
	plat := func() platform { return a.platform }
	a.trends.platform = plat
	a.jobs = newJobs(plat)
	a.maps = newMaps(s, plat)
	a.recordings = newRecordings(s, plat)
	a.transcripts = newTranscripts(s, a.recordings, plat, a.jobs)
	a.cases = &Cases{s: s, purger: func() *purger { return a.purge }}
	a.triage = &Triage{s: s, purger: func() *purger { return a.purge }}
	a.retention = &Retention{s: s, purger: func() *purger { return a.purge }}
	a.mywork = &MyWork{s: s}
	a.imports = newImports(s, plat, a.jobs)
	a.letters, a.reviews, a.risks = &Letters{s: s, platform: plat}, &Reviews{s: s, platform: plat}, &Risks{s: s, platform: plat}
	a.evidence = newEvidence(s, a.jobs)
	a.bundles = newBundles(s, plat, a.jobs)
	a.recordings.jobs = a.jobs
	a.imports.afterCommit, a.workspace.opened = a.prepare, a.prepare
	a.imports.waveforms = a.recordings // an import is done once its recordings' waveforms are ready
	return a
}

// prepare loads, in the background, what a page would otherwise wait for: the map's index and
// the waveforms of recordings that have none. It runs at start-up, after each import commits
// and when a workspace opens.
func (a *app) prepare() {
	a.maps.preload()
	a.recordings.prepareWaveforms()
}

// services lists the structs bound to the frontend, one per domain noun.
func (a *app) services() []any {
	return []any{a.workspace, a.alerts, a.trends, a.retention, a.maps, a.recordings, a.transcripts, a.cases, a.triage, a.mywork,
		a.letters, a.reviews, a.risks, a.imports, a.evidence, a.bundles, a.people}
}

func (a *app) startup(ctx context.Context) {
	a.platform = wailsPlatform{ctx: ctx}
	a.s.notifyChanges(ctx, a.emitChange) // team mode: colleagues' changes refresh the page
	a.purge = startPurger(a.s, retention.RunningClock(a.s.now))
	a.evidence.startWeekly(retention.RunningClock(a.s.now))
	a.imports.listenForDrops(a.platform)
	a.imports.buildIndexes()
}

func (a *app) domReady(ctx context.Context) {
	restoreWindow(a.platform, loadWindowState(a.s.dir))
}

func (a *app) beforeClose(ctx context.Context) bool {
	a.recordings.Close() // stop the sound and audit the stretch being heard
	if err := saveWindowState(a.s.dir, captureWindow(a.platform)); err != nil {
		a.log.Warn("window state not saved", "err", err)
	}
	return false
}

func (a *app) secondInstance(data options.SecondInstanceData) {
	a.platform.Focus()
}
