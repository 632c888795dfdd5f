package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nhs-redline/redline/backend/arc"
	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
)

// Imports is the bound service behind the Imports screen. The webview never
// hands Go a path to read: paths come from a native dialog Go opened, or from
// files dropped on the window, and the UI refers to them by opaque tokens.
type Imports struct {
	s        *session
	platform func() platform

	mu      sync.Mutex
	picked  map[string]string // token -> path chosen by the person
	jobs    *jobs
	indexes IndexStatus
	// afterCommit runs with buildIndexes (after each import commits and at
	// start-up): the background preparation of waveforms and the map's index.
	afterCommit func()
	// waveforms prepares, within the import's job, the waveforms of the
	// recordings the import brought (the Recordings service; nil in tests of
	// imports alone).
	waveforms importWaveforms
}

// importWaveforms is what an import's job needs of the Recordings service.
type importWaveforms interface {
	holdPreparation() (release func())
	prepareImported(ctx context.Context, files []store.ImportFile, progress func(recording.Preparation)) (recording.Preparation, error)
}

func newImports(s *session, p func() platform, j *jobs) *Imports {
	return &Imports{s: s, platform: p, jobs: j, picked: map[string]string{}}
}

// Picked is an export the person chose, named by a token only Go can resolve.
type Picked struct {
	Token string `json:"token"`
	Name  string `json:"name"`
	Kind  string `json:"kind"` // folder, zip, csv
}

func (im *Imports) remember(path string) Picked {
	var b [12]byte
	rand.Read(b[:])
	tok := hex.EncodeToString(b[:])
	im.mu.Lock()
	im.picked[tok] = path
	im.mu.Unlock()
	kind := "csv"
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		kind = "folder"
	} else if strings.EqualFold(filepath.Ext(path), ".zip") {
		kind = "zip"
	}
	return Picked{Token: tok, Name: filepath.Base(path), Kind: kind}
}

func (im *Imports) path(token string) (string, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	p, ok := im.picked[token]
	if !ok {
		return "", errors.New("that export is no longer selected: choose it again")
	}
	return p, nil
}

// ChooseFile opens the native dialog for a .zip or CSV export. An empty
// token means the person cancelled.
func (im *Imports) ChooseFile() (Picked, error) {
	path, err := pickExport(im.platform(), false)
	if err != nil || path == "" {
		return Picked{}, err
	}
	return im.remember(path), nil
}

// ChooseFolder opens the native dialog for an export folder.
func (im *Imports) ChooseFolder() (Picked, error) {
	path, err := pickExport(im.platform(), true)
	if err != nil || path == "" {
		return Picked{}, err
	}
	return im.remember(path), nil
}

// dropped is called by the window when files are dropped on it; the UI hears
// about them through the "import:dropped" event, as tokens.
func (im *Imports) dropped(paths []string) {
	for _, p := range paths {
		im.platform().Emit("import:dropped", im.remember(p))
	}
}

// ProfileInfo names an import profile for the picker.
type ProfileInfo struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Saved       bool   `json:"saved"` // made with the wizard, not shipped
}

func (im *Imports) userProfiles() []*arc.Profile {
	ps, errs := arc.LoadUserProfiles(filepath.Join(im.s.dir, "profiles"))
	for _, err := range errs {
		im.s.log.Warn("saved import profile ignored", "err", err)
	}
	return ps
}

// Profiles lists the shipped and saved import profiles.
func (im *Imports) Profiles() []ProfileInfo {
	out := []ProfileInfo{}
	for _, p := range arc.Builtin() {
		out = append(out, ProfileInfo{Name: p.Name, Description: p.Description})
	}
	for _, p := range im.userProfiles() {
		out = append(out, ProfileInfo{Name: p.Name, Description: p.Description, Saved: true})
	}
	return out
}

// StartOptions are the choices on the Imports screen.
type StartOptions struct {
	Profile string `json:"profile"` // "" = detect
	Partial bool   `json:"partial"`
	// RunID, when the page gives one (16 lower-case hex digits), names the
	// run's events, so the page can listen before the run starts: a small
	// export can finish before Start's answer reaches the page.
	RunID string `json:"runId"`
}

// ImportProgress is sent as "import:progress:<id>", about ten times a second.
// After the commit, phase "waveforms" counts the import's recordings whose
// waveforms are being prepared (File is the one being worked on).
type ImportProgress struct {
	arc.Progress
	RowsPerSecond  float64 `json:"rowsPerSecond"`
	Fraction       float64 `json:"fraction"`
	WaveformsDone  int     `json:"waveformsDone"`
	WaveformsTotal int     `json:"waveformsTotal"`
}

// ImportOutcome is sent as "import:done:<id>" when an import ends.
type ImportOutcome struct {
	Result    *arc.Result      `json:"result"`
	Error     string           `json:"error"`
	NoProfile []arc.HeaderInfo `json:"noProfile"` // set when the wizard should open
}

// Start begins importing the chosen export and returns the import's id for
// its progress events and Cancel.
func (im *Imports) Start(token string, opt StartOptions) (string, error) {
	path, err := im.path(token)
	if err != nil {
		return "", err
	}
	ws, err := im.s.workspace()
	if err != nil {
		return "", err
	}
	user := im.userProfiles()
	o := arc.Options{Partial: opt.Partial, UserProfiles: user}
	if opt.Profile != "" {
		if o.Profile, err = arc.ProfileByName(opt.Profile, user); err != nil {
			return "", err
		}
	}
	start := time.Now()
	return im.jobs.start("import", opt.RunID, func(ctx context.Context, _ string, p *progress) any {
		o.Progress = func(pr arc.Progress) {
			ev := ImportProgress{Progress: pr}
			if s := time.Since(start).Seconds(); s > 0 {
				ev.RowsPerSecond = float64(pr.Rows) / s
			}
			if pr.TotalBytes > 0 {
				ev.Fraction = float64(pr.Bytes) / float64(pr.TotalBytes)
			}
			if pr.Phase == "finishing" {
				p.Now(ev)
			} else {
				p.Send(ev)
			}
		}
		res, err := arc.Import(ctx, ws.Store, ws.Vault, path, o)
		out := ImportOutcome{Result: res}
		var npe *arc.NoProfileError
		if errors.As(err, &npe) {
			out.NoProfile = npe.Files
		}
		if err != nil {
			out.Error = problem.Explain(err, im.s.log).Message
		}
		im.s.log.Info("import finished", "err", err)
		if err == nil {
			release := im.holdWaveforms()
			im.buildIndexes() // in the background
			im.prepareWaveforms(ctx, res, p)
			release()
		}
		return out
	})
}

// holdWaveforms keeps the background preparation of waveforms, which the
// commit sets off, from starting until the import's own has finished.
func (im *Imports) holdWaveforms() (release func()) {
	if im.waveforms == nil {
		return func() {}
	}
	return im.waveforms.holdPreparation()
}

// prepareWaveforms computes the waveforms of the recordings the import
// brought before the job reports done, so each opens with its waveform at
// once; progress says "Preparing waveforms n of m". Cancelled here, the
// import stays committed and the background pass prepares the rest.
func (im *Imports) prepareWaveforms(ctx context.Context, res *arc.Result, p *progress) {
	if im.waveforms == nil || res == nil {
		return
	}
	start := time.Now()
	st, err := im.waveforms.prepareImported(ctx, res.Files, func(st recording.Preparation) {
		ev := ImportProgress{Progress: arc.Progress{Phase: "waveforms", File: st.Current, Rows: res.Rows},
			WaveformsDone: st.Done, WaveformsTotal: st.Total, Fraction: float64(st.Done) / float64(max(st.Total, 1))}
		if st.Done == 0 || st.Done == st.Total {
			p.Now(ev) // the phase's first and last word always reach the page
		} else {
			p.Send(ev) // many short memos: about ten a second
		}
	})
	if st.Total > 0 || err != nil {
		im.s.log.Info("import's waveforms prepared", "done", st.Done, "total", st.Total, "failed", st.Failed,
			"seconds", time.Since(start).Seconds(), "err", err)
	}
}

// Cancel stops a running import. Before it commits nothing of it is kept;
// after, only the wait for its waveforms stops (they are finished in the
// background).
func (im *Imports) Cancel(id string) { im.jobs.cancel("import", id) }

// Inspect shows the wizard the CSVs of a chosen export.
func (im *Imports) Inspect(token string) ([]arc.HeaderInfo, error) {
	path, err := im.path(token)
	if err != nil {
		return nil, err
	}
	return arc.Inspect(path)
}

// Preview parses the chosen export's alarms with a draft profile (JSON).
func (im *Imports) Preview(token, profileJSON string) (*arc.Preview, error) {
	path, err := im.path(token)
	if err != nil {
		return nil, err
	}
	p, err := arc.ParseProfile(strings.NewReader(profileJSON))
	if err != nil {
		return nil, err
	}
	return arc.PreviewProfile(path, p, 10)
}

// SaveProfile checks a profile made in the wizard and saves it in the data
// directory, where imports find it from then on.
func (im *Imports) SaveProfile(profileJSON string) (ProfileInfo, error) {
	p, err := arc.ParseProfile(strings.NewReader(profileJSON))
	if err != nil {
		return ProfileInfo{}, err
	}
	if err := arc.ValidateProfile(p); err != nil {
		return ProfileInfo{}, err
	}
	b, err := arc.MarshalProfile(p)
	if err != nil {
		return ProfileInfo{}, err
	}
	dir := filepath.Join(im.s.dir, "profiles")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ProfileInfo{}, err
	}
	file := filepath.Join(dir, strings.ReplaceAll(strings.ToLower(p.Name), " ", "-")+".json")
	if err := outfile.WriteBytes(file, b); err != nil {
		return ProfileInfo{}, fmt.Errorf("cannot save the profile: %w", err)
	}
	return ProfileInfo{Name: p.Name, Description: p.Description, Saved: true}, nil
}

// AlertARCInfo is what the ARC sent about an alert beyond its own fields,
// and the ARC's documents about it, for the alert's detail panel.
type AlertARCInfo struct {
	Fields    store.AlertARC   `json:"fields"`
	Documents []store.Document `json:"documents"`
	// Destroyed is what retention destroyed of them, so the panel can say so.
	Destroyed []store.ARCDestructionRecord `json:"destroyed"`
}

// AlertARC reads what the ARC sent about alert id beyond its own fields.
func (im *Imports) AlertARC(id int64) (AlertARCInfo, error) {
	ws, err := im.s.workspace()
	if err != nil {
		return AlertARCInfo{}, err
	}
	ctx := context.Background()
	var out AlertARCInfo
	if out.Fields, err = ws.Store.AlertARC(ctx, id); err != nil {
		return out, err
	}
	if out.Documents, err = ws.Store.Documents(ctx, id); err != nil {
		return out, err
	}
	out.Destroyed, err = ws.Store.ARCDestructionRecords(ctx, id)
	return out, err
}
