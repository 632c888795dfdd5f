package arc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// Options shape one import.
type Options struct {
	Profile      *Profile   // nil: detect from the headers
	UserProfiles []*Profile // saved profiles, also tried when detecting
	Partial      bool       // import the valid rows; quarantine the rest
	Actor        string     // who imports; the store's signed-in person when empty
	Limits       Limits     // zero: DefaultLimits
	Progress     func(Progress)
	Now          func() time.Time
	MaxProblems  int // problems kept in the result (the counts stay exact); 0 = 10,000
}

// Progress is reported every few thousand rows and at each new file.
type Progress struct {
	Phase      string `json:"phase"` // reading, audio, finishing
	File       string `json:"file"`
	Rows       int64  `json:"rows"`
	Bytes      int64  `json:"bytes"`
	TotalBytes int64  `json:"totalBytes"`
}

// Counts are the outcomes for one kind of record.
type Counts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Rejected  int `json:"rejected"`
}

// Summary counts every kind of record an import read.
type Summary struct {
	Alerts    Counts `json:"alerts"`
	Positions Counts `json:"positions"`
	Log       Counts `json:"log"`
	Media     Counts `json:"media"`
	Documents Counts `json:"documents"` // the ARC's documents about an alarm, e.g. a PDF report
}

// Changed reports whether the import stored or changed anything.
func (s Summary) Changed() bool {
	for _, c := range []Counts{s.Alerts, s.Positions, s.Log, s.Media, s.Documents} {
		if c.New+c.Updated > 0 {
			return true
		}
	}
	return false
}

// Import statuses.
const (
	StatusImported  = "imported"
	StatusPartial   = "partial"   // valid rows stored, rejected rows quarantined
	StatusUnchanged = "unchanged" // everything was already there
	StatusRejected  = "rejected"  // validation failed; nothing stored
)

// Result is what an import did, for the summary, the CLI and the history.
type Result struct {
	ImportID int64   `json:"importId"`
	Source   string  `json:"source"`
	Profile  string  `json:"profile"`
	Status   string  `json:"status"`
	Message  string  `json:"message"`
	Summary  Summary `json:"summary"`
	// WouldImport is, for a rejected import, what it would have stored
	// without its rejected rows; Summary then counts only the rejections.
	WouldImport     *Summary           `json:"wouldImport,omitempty"`
	Errors          int                `json:"errors"`
	Warnings        int                `json:"warnings"`
	Problems        []Problem          `json:"problems"`
	ProblemsOmitted int                `json:"problemsOmitted"`
	Files           []store.ImportFile `json:"files"`
	Rows            int64              `json:"rows"`
	Seconds         float64            `json:"seconds"`
	// IndexesWaiting counts alert indexes a large import left for
	// store.BuildDeferredIndexes to rebuild after its commit; IndexSeconds
	// is how long that took, for callers that wait for it.
	IndexesWaiting int     `json:"indexesWaiting"`
	IndexSeconds   float64 `json:"indexSeconds"`
}

// RejectedError says validation rejected the export and nothing was stored.
type RejectedError struct{ Result *Result }

func (e *RejectedError) Error() string {
	msg := fmt.Sprintf("nothing was imported from %s: %d problem(s) found", e.Result.Source, e.Result.Errors)
	if len(e.Result.Problems) > 0 {
		for _, p := range e.Result.Problems {
			if p.Severity == SeverityError {
				msg += "; first: " + p.String()
				break
			}
		}
	}
	return msg + ". Fix the file, or import the valid rows with --partial"
}

// ExitCode is 2: the input was refused.
func (e *RejectedError) ExitCode() int { return 2 }

var errRejected = errors.New("rejected by validation")

// Import reads the export at srcPath (folder, .zip or CSV) into st and v in
// one transaction. With a validation problem and no Partial it stores
// nothing and returns a *RejectedError with the report.
func Import(ctx context.Context, st *store.Store, v *vault.Vault, srcPath string, opt Options) (*Result, error) {
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Actor == "" {
		opt.Actor = st.Actor(ctx)
	}
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 10_000
	}
	started := opt.Now()
	if _, err := RecoverVault(ctx, st, v); err != nil {
		return nil, err
	}
	src, err := OpenSource(srcPath, opt.Limits)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	pl, err := makePlan(src, opt.Profile, append(Builtin(), opt.UserProfiles...))
	if err != nil {
		return nil, err
	}
	im := &importer{opt: opt, src: src, pl: pl, st: st, v: v, started: started,
		res: &Result{Source: src.Name, Profile: pl.profile.Name}}
	for _, e := range src.Entries {
		im.totalBytes += e.Size
	}
	var j *journal
	err = st.WriteBulk(ctx, bulkCacheKiB, func(w *store.Writer) error {
		var err error
		if j, err = newJournal(ctx, v); err != nil {
			return err
		}
		im.journal = j
		return im.run(ctx, w)
	})
	im.res.Seconds = opt.Now().Sub(started).Seconds()
	im.res.Rows = im.rows.Load()
	if err != nil {
		if j != nil {
			if cerr := j.abandon(context.Background(), st, v); cerr != nil {
				err = fmt.Errorf("%w (and cleaning up: %v)", err, cerr)
			}
		}
		if errors.Is(err, errRejected) {
			im.res.Status, im.res.ImportID, im.res.Files, im.res.IndexesWaiting = StatusRejected, 0, nil, 0
			would := im.res.Summary
			im.res.WouldImport = &would
			im.res.Summary = Summary{Alerts: Counts{Rejected: would.Alerts.Rejected}, Positions: Counts{Rejected: would.Positions.Rejected},
				Log: Counts{Rejected: would.Log.Rejected}, Media: Counts{Rejected: would.Media.Rejected}, Documents: Counts{Rejected: would.Documents.Rejected}}
			im.res.Message = fmt.Sprintf("Nothing was imported: %d problem(s) in %s. Without the rejected rows it would have added %d new alerts and updated %d.",
				im.res.Errors, src.Name, would.Alerts.New, would.Alerts.Updated)
			im.recordRejected()
			return im.res, &RejectedError{Result: im.res}
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("import of %s cancelled; nothing was stored", src.Name)
		}
		return nil, err
	}
	j.done()
	return im.res, nil
}

// bulkCacheKiB is SQLite's page cache during an import: enough to keep the
// hot index pages, small enough that a million-row import stays under 200 MB.
var bulkCacheKiB = 16 << 10

// bulkRows is how many new alerts an import must add before rebuilding the
// alert indexes once beats updating them row by row. Counted, never guessed
// from a file's size: an unchanged re-import, or one row with a long memo,
// adds nothing and rebuilds nothing.
var bulkRows int64 = 16_384

// maybeDeferIndexes drops the alert indexes, to be rebuilt after the commit,
// once this import has added bulkRows alerts and at least half as many as
// the table held before it: rebuilding a table much larger than the import
// would cost more than it saves. Rows stored before the decision were indexed
// as they went; the rebuild covers them too.
func (im *importer) maybeDeferIndexes() error {
	if im.deferred || im.added < bulkRows {
		return nil
	}
	if im.before < 0 {
		n, err := im.ix.CountAlerts()
		if err != nil {
			return err
		}
		im.before = n - im.added
	}
	if 2*im.added < im.before {
		return nil
	}
	im.deferred = true
	var err error
	im.res.IndexesWaiting, err = im.ix.DeferAlertIndexes(im.started.Unix())
	return err
}

// importer carries one import's state through its transaction.
type importer struct {
	opt        Options
	src        *Source
	pl         *plan
	st         *store.Store
	v          *vault.Vault
	w          *store.Writer
	ix         *store.ImportTx
	journal    *journal
	res        *Result
	importID   int64
	started    time.Time
	totalBytes int64
	doneBytes  int64
	rows       atomic.Int64
	lastReport int64
	needFix    bool // a new alert arrived without a location

	pending     []store.NewAlert // new alerts waiting for a full batch
	pendingARC  []arcExtra       // what the ARC sent beyond each of them, in step with pending
	pendingPos  []store.Position // fixes waiting for a full batch
	pendingLog  []store.LogEntry // operator log entries waiting for a full batch
	pendingFrom int              // line and file of the first waiting fix or entry
	pendingFile string

	keys       *keyFilter // alarm keys read, on the parsing goroutine
	remembered int        // alarms noted in the import's temporary table
	curFile    string     // the file being read
	alarmFiles []struct {
		first int64 // id of the file's first new alert
		name  string
	}
	pendingBytes int   // text held by im.pending
	added        int64 // new alerts stored so far
	before       int64 // alerts stored before this import; -1 until counted
	deferred     bool  // the alert indexes wait for after the commit
	last         struct {
		arc, ref string
		s        *slot
	}
	freshARC  map[string]bool   // ARC had no alerts before this import
	manifest  map[string]string // lower-case path -> sha256
	manDir    string
	byPath    map[string]*Entry
	byBase    map[string][]*Entry
	stored    map[string]vault.Stored // entry name -> vault copy
	recorded  map[string]bool         // entry names in import_files
	audioRefs []recordingRow
	audioFrom map[int]string // index in audioRefs -> file that named it

	staffGroups map[string]int64

	// names numbers teams, workers and devices on the parsing goroutine;
	// ids holds their database ids by that number on the writing one, so
	// the writer looks people up in a slice instead of a map of strings.
	names struct{ teams, workers, devices numbering }
	ids   struct {
		teams, devices []int64
		workers        [][2]int64
	}
}

// numbering gives each distinct name a small number, from 1.
type numbering map[string]int32

func (n *numbering) of(name string) int32 {
	if name == "" {
		return 0
	}
	if *n == nil {
		*n = numbering{}
	}
	k, ok := (*n)[name]
	if !ok {
		k = int32(len(*n) + 1)
		(*n)[name] = k
	}
	return k
}

// at returns the element for number k (from 1) of s, growing s to hold it;
// nil for 0, which numbers nothing.
func at[T any](s *[]T, k int32) *T {
	if k == 0 {
		return nil
	}
	for int32(len(*s)) < k {
		var zero T
		*s = append(*s, zero)
	}
	return &(*s)[k-1]
}

// slot is an alert a fix, log entry or recording belongs to.
type slot struct {
	id    int64
	fresh bool // created by this import: its children need no duplicate check
}

func (im *importer) run(ctx context.Context, w *store.Writer) error {
	im.w = w
	ix, err := w.Importer()
	if err != nil {
		return err
	}
	defer ix.Close()
	im.ix = ix
	im.freshARC, im.before = map[string]bool{}, -1
	var alarmBytes int64
	for _, t := range im.pl.tables {
		if t.kind == KindAlarms {
			alarmBytes += t.entry.Size
		}
	}
	im.keys = newKeyFilter(alarmBytes / 100)
	im.stored, im.recorded = map[string]vault.Stored{}, map[string]bool{}
	im.staffGroups, im.audioFrom = map[string]int64{}, map[int]string{}
	im.index()
	if im.importID, err = w.Import(store.ImportRecord{StartedAt: im.started.Unix(), Source: im.src.Name,
		Profile: im.pl.profile.Name, ImportedBy: im.opt.Actor, Status: "running"}); err != nil {
		return err
	}
	for _, w := range im.pl.warnings {
		im.problem(w)
	}
	if err := im.readManifest(); err != nil {
		return err
	}
	for _, t := range im.pl.tables {
		if err := im.readTable(ctx, t); err != nil {
			return err
		}
	}
	if err := im.readAudio(ctx); err != nil {
		return err
	}
	if err := im.readDocuments(ctx); err != nil {
		return err
	}
	if err := im.hashRest(ctx); err != nil {
		return err
	}
	if im.res.Errors > 0 && !im.opt.Partial {
		return errRejected
	}
	if im.needFix {
		if err := ix.FillBestFix(im.importID); err != nil {
			return fmt.Errorf("set alert locations: %w", err)
		}
	}
	return im.finish()
}

func (im *importer) finish() error {
	r := im.res
	r.ImportID, r.Rows = im.importID, im.rows.Load()
	switch {
	case r.Errors > 0:
		r.Status = StatusPartial
		r.Message = fmt.Sprintf("Imported the valid rows of %s; %d problem(s) kept in quarantine for fixing.", im.src.Name, r.Errors)
	case !r.Summary.Changed():
		r.Status = StatusUnchanged
		r.Message = fmt.Sprintf("Nothing to do: everything in %s was already imported.", im.src.Name)
	default:
		r.Status = StatusImported
		r.Message = fmt.Sprintf("Imported %s: %d new and %d updated alerts.", im.src.Name, r.Summary.Alerts.New, r.Summary.Alerts.Updated)
	}
	now := im.opt.Now().Unix()
	if err := im.ix.AddProblems(im.importID, storedProblems(r.Problems)); err != nil {
		return err
	}
	if err := im.ix.FinishImport(im.importID, now, r.Status, im.summaryJSON()); err != nil {
		return err
	}
	im.report(Progress{Phase: "finishing"}, true)
	_, err := im.w.Audit(store.AuditEntry{At: now, Actor: im.opt.Actor, Action: "import." + r.Status,
		ObjectType: "import", ObjectID: fmt.Sprint(im.importID), Detail: im.auditDetail()})
	return err
}

func (im *importer) auditDetail() string {
	files := make([]map[string]any, 0, len(im.res.Files))
	for _, f := range im.res.Files {
		files = append(files, map[string]any{"name": f.Name, "sha256": f.SHA256, "size": f.Size})
	}
	b, _ := json.Marshal(map[string]any{"source": im.src.Name, "profile": im.pl.profile.Name, "summary": im.res.Summary,
		"errors": im.res.Errors, "files": files})
	return string(b)
}

// problem records a finding, keeping the first MaxProblems in full.
func (im *importer) problem(p Problem) {
	// A value is shown to find the row, not kept whole: ten thousand
	// problems each quoting a 64 KiB cell would hold 640 MB.
	p.Value, p.Ref = clipValid(p.Value, 200), clipValid(p.Ref, 200)
	if p.Severity == SeverityError {
		im.res.Errors++
	} else {
		im.res.Warnings++
	}
	if len(im.res.Problems) < im.opt.MaxProblems {
		im.res.Problems = append(im.res.Problems, p)
	} else {
		im.res.ProblemsOmitted++
	}
}

func (im *importer) report(p Progress, force bool) {
	if im.opt.Progress == nil {
		return
	}
	rows := im.rows.Load()
	if !force && rows-im.lastReport < 4096 {
		return
	}
	im.lastReport = rows
	p.Rows, p.TotalBytes = rows, im.totalBytes
	if p.Bytes == 0 {
		p.Bytes = im.doneBytes
	}
	im.opt.Progress(p)
}

func (im *importer) fileRecord(name, kind string, size int64, sha string) error {
	if im.recorded[name] {
		return nil
	}
	im.recorded[name] = true
	f := store.ImportFile{ImportID: im.importID, Name: name, Kind: kind, Size: size, SHA256: sha}
	im.res.Files = append(im.res.Files, f)
	if exp, ok := im.manifest[strings.ToLower(name)]; ok && exp != sha && kind != "audio" {
		im.problem(Problem{File: name, Kind: kind, Value: sha, Severity: SeverityError,
			Reason: "the file does not match the SHA-256 in the manifest (" + exp + "); it changed after the ARC exported it"})
	}
	return im.ix.File(f)
}

func (im *importer) index() {
	im.byPath, im.byBase = map[string]*Entry{}, map[string][]*Entry{}
	for _, e := range im.src.Entries {
		im.byPath[strings.ToLower(e.Name)] = e
		b := strings.ToLower(baseName(e.Name))
		im.byBase[b] = append(im.byBase[b], e)
	}
}

func (im *importer) readManifest() error {
	e := im.pl.manifest
	if e == nil {
		return nil
	}
	rc, err := e.Open()
	if err != nil {
		return fmt.Errorf("open manifest %s: %w", e.Name, err)
	}
	defer rc.Close()
	h := sha256.New()
	cr := &counter{r: io.TeeReader(rc, h)}
	m, probs := readManifest(cr, e.Name)
	io.Copy(io.Discard, cr)
	im.manifest, im.manDir = map[string]string{}, path.Dir(e.Name)
	for k, v := range m {
		im.manifest[strings.ToLower(path.Join(im.manDir, k))] = v
	}
	for _, p := range probs {
		im.problem(p)
	}
	return im.fileRecord(e.Name, "manifest", cr.n.Load(), hex.EncodeToString(h.Sum(nil)))
}

// hashRest hashes every file not read yet, so the import record holds the
// hash of everything received, used or not.
func (im *importer) hashRest(ctx context.Context) error {
	for _, e := range im.src.Entries {
		if im.recorded[e.Name] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rc, err := e.Open()
		if err != nil {
			return readErr(e.Name, err)
		}
		h := sha256.New()
		n, err := io.Copy(h, rc)
		rc.Close()
		if err != nil {
			return readErr(e.Name, err)
		}
		kind := "other"
		if isCSVName(e.Name) {
			im.problem(Problem{File: e.Name, Kind: "export", Severity: SeverityWarning,
				Reason: fmt.Sprintf("this CSV does not match any file of the %q profile; it was hashed and listed but not read", im.pl.profile.Name)})
		}
		if err := im.fileRecord(e.Name, kind, n, hex.EncodeToString(h.Sum(nil))); err != nil {
			return err
		}
	}
	return nil
}

// slotFor finds the alert a fix, log entry or recording belongs to: one
// created by this import, or one already stored. Rows of one alarm come
// together, so the last answer is kept.
func (im *importer) slotFor(arc, ref string) (*slot, error) {
	if im.last.s != nil && im.last.arc == arc && im.last.ref == ref {
		return im.last.s, nil
	}
	if _, rejected, err := im.rejectedAlarm(arc, ref); err != nil || rejected {
		return nil, err
	}
	if err := im.flushAlerts(); err != nil {
		return nil, err
	}
	e, ok, err := im.ix.FindAlert(arc, ref)
	if err != nil || !ok {
		return nil, err
	}
	s := &slot{id: e.ID, fresh: e.ImportID == im.importID}
	im.last.arc, im.last.ref, im.last.s = arc, ref, s
	return s, nil
}

// orphan explains why a row's alarm cannot be found.
func (im *importer) orphan(arc, ref string) (string, error) {
	s, rejected, err := im.rejectedAlarm(arc, ref)
	if err != nil {
		return "", err
	}
	if rejected {
		return fmt.Sprintf("its alarm %s (line %d of %s) was rejected", ref, s.Line, s.File), nil
	}
	return fmt.Sprintf("alarm %s of %s is neither in this export nor already in Redline", ref, arc), nil
}

func (im *importer) quarantine(t *table, line int, ref string, rec []string, probs []Problem) error {
	if !im.opt.Partial {
		return nil
	}
	var reasons []string
	for _, p := range probs {
		if p.Severity == SeverityError {
			reasons = append(reasons, p.Detail()) // file and line are the row's own columns
		}
	}
	h, _ := json.Marshal(t.header)
	c, _ := json.Marshal(rec)
	r, _ := json.Marshal(reasons)
	return im.ix.Quarantine(store.QuarantineRow{ImportID: im.importID, File: t.entry.Name, Kind: t.kind, Line: line,
		ARCRef: ref, Header: string(h), Cells: string(c), Problems: string(r)})
}
