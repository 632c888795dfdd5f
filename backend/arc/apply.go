package arc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// parsed is one row read and checked on the parsing goroutine.
type parsed struct {
	line  int
	ref   string
	again bool     // the alarm's key may have been read before (keyFilter)
	keyed bool     // an alarm with an ARC and a reference: its key was noted
	rec   []string // kept only for quarantine
	probs []Problem
	alarm alarmRow
	pos   positionRow
	log   logRow
	recd  recordingRow
}

func hasError(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

const batchSize = 256

// batchBytes bounds the text one batch holds, so the rows in flight between
// the goroutines stay small however long the rows are.
const batchBytes = 256 << 10

// readTable parses one CSV on a second goroutine while this one writes, so
// the two cores of a laptop share the work.
func (im *importer) readTable(ctx context.Context, c classified) error {
	t, err := openTable(c.entry, im.pl.profile, c.kind, c.lay)
	if err != nil {
		return err
	}
	im.warnUnkept(t)
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Room for two flushes of alerts: the writer takes them AlertBatch at a
	// time, and the parser must keep going while it does.
	batches := make(chan []parsed, 2*store.AlertBatch/batchSize)
	perr := make(chan error, 1)
	im.curFile = c.entry.Name
	go func() {
		defer close(batches)
		perr <- im.produce(pctx, t, batches)
	}()
	im.report(Progress{Phase: "reading", File: c.entry.Name}, true)
	var werr error
	for batch := range batches {
		if werr != nil {
			continue // drain so the producer can finish
		}
		if werr = ctx.Err(); werr != nil {
			cancel()
			continue
		}
		for i := range batch {
			if werr = im.apply(t, &batch[i]); werr != nil {
				cancel()
				break
			}
		}
		im.rows.Add(int64(len(batch)))
		im.report(Progress{Phase: "reading", File: c.entry.Name, Bytes: im.doneBytes + t.count.n.Load()}, false)
	}
	if err := <-perr; err != nil && werr == nil {
		werr = err
	}
	if werr == nil {
		werr = im.flushPending()
	}
	sum, size, ferr := t.finish()
	if werr != nil {
		return werr
	}
	if ferr != nil {
		return readErr(c.entry.Name, ferr)
	}
	im.doneBytes += size
	return im.fileRecord(c.entry.Name, c.kind, size, sum)
}

// produce parses and checks t's rows on its own goroutine. For alarms it
// also does what needs no database (noting keys, numbering people), and it
// alone touches im.keys and im.names until it returns.
func (im *importer) produce(ctx context.Context, t *table, out chan<- []parsed) error {
	p := im.pl.profile
	batch := make([]parsed, 0, batchSize)
	size := 0
	send := func() bool {
		select {
		case out <- batch:
			batch, size = make([]parsed, 0, batchSize), 0
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		rec, probs, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		r := parsed{line: t.line}
		if probs != nil {
			r.probs, r.ref = probs, probs[0].Ref
		} else {
			switch t.kind {
			case KindAlarms:
				r.alarm, r.probs = parseAlarm(t, p, t.line, rec)
				r.ref = r.alarm.ref
				im.screenAlarm(&r)
			case KindPositions:
				r.pos, r.probs = parsePosition(t, p, t.line, rec)
				r.ref = r.pos.ref
			case KindLog:
				r.log, r.probs = parseLog(t, p, t.line, rec)
				r.ref = r.log.ref
			case KindRecordings:
				r.recd, r.probs = parseRecording(t, p, t.line, rec)
				r.ref = r.recd.ref
			}
		}
		if im.opt.Partial && hasError(r.probs) {
			r.rec = append([]string(nil), rec...)
		}
		batch = append(batch, r)
		if size += t.csv.size(); (len(batch) == batchSize || size >= batchBytes) && !send() {
			return ctx.Err()
		}
	}
	if len(batch) > 0 && !send() {
		return ctx.Err()
	}
	return nil
}

// apply stores one checked row, or records why it was rejected.
func (im *importer) apply(t *table, r *parsed) error {
	for _, p := range r.probs {
		if p.Severity == SeverityWarning {
			im.problem(p)
		}
	}
	if !hasError(r.probs) {
		var err error
		switch t.kind {
		case KindAlarms:
			err = im.applyAlarm(t, r)
		case KindPositions:
			err = im.applyPosition(t, r)
		case KindLog:
			err = im.applyLog(t, r)
		case KindRecordings:
			im.audioRefs = append(im.audioRefs, r.recd)
			im.audioFrom[len(im.audioRefs)-1] = t.entry.Name
		}
		if err != nil || !hasError(r.probs) {
			return err
		}
	}
	for _, p := range r.probs {
		if p.Severity == SeverityError {
			im.problem(p)
		}
	}
	if r.keyed {
		if err := im.rejectAlarm(r); err != nil {
			return err
		}
	}
	im.counts(t.kind).Rejected++
	return im.quarantine(t, r.line, r.ref, r.rec, r.probs)
}

func (im *importer) counts(kind string) *Counts {
	switch kind {
	case KindAlarms:
		return &im.res.Summary.Alerts
	case KindPositions:
		return &im.res.Summary.Positions
	case KindLog:
		return &im.res.Summary.Log
	default:
		return &im.res.Summary.Media
	}
}

// reject turns a row that parsed cleanly into a rejected one (a duplicate, an orphan).
func (r *parsed) reject(t *table, field int, value, reason string) {
	col := ""
	if field >= 0 {
		col = t.column(field)
	}
	r.probs = append(r.probs, Problem{File: t.entry.Name, Kind: t.kind, Line: r.line, Column: col, Value: value,
		Ref: r.ref, Severity: SeverityError, Reason: reason})
}

// screenAlarm, on the parsing goroutine, notes each alarm's key, marking a
// row whose key may have come before for the writer to check, and numbers
// the row's people.
func (im *importer) screenAlarm(r *parsed) {
	a := &r.alarm
	if a.arc == "" || r.ref == "" {
		return
	}
	r.keyed = true
	r.again = im.keys.add(keyOf(a.arc, a.ref))
	if hasError(r.probs) {
		return
	}
	a.teamN, a.workerN, a.deviceN = im.names.teams.of(a.team), im.names.workers.of(a.workerRef), im.names.devices.of(a.device)
}

// rejectAlarm notes a rejected alarm row, unless its reference came earlier
// (that first row is what its fixes and log entries belong to).
func (im *importer) rejectAlarm(r *parsed) error {
	a := &r.alarm
	if r.again {
		if where, err := im.earlier(a.arc, a.ref); err != nil || where != "" {
			return err
		}
	}
	return im.remember(a.arc, a.ref, r.line, im.curFile, true)
}

// duplicate rejects an alarm row whose reference this import read before.
func (im *importer) duplicate(t *table, r *parsed) (bool, error) {
	if !r.again {
		return false, nil
	}
	where, err := im.earlier(r.alarm.arc, r.alarm.ref)
	if err != nil || where == "" {
		return false, err
	}
	r.reject(t, aRef, r.alarm.ref, "duplicate alarm reference: already on "+where)
	return true, nil
}

func (im *importer) applyAlarm(t *table, r *parsed) error {
	a := &r.alarm
	if dup, err := im.duplicate(t, r); dup || err != nil {
		return err
	}
	fresh, known := im.freshARC[a.arc]
	if !known {
		has, err := im.ix.ARCHasAlerts(a.arc)
		if err != nil {
			return err
		}
		fresh = !has
		im.freshARC[a.arc] = fresh
	}
	na, err := im.newAlert(a)
	if err != nil {
		return err
	}
	na.ImportLine = r.line
	if !fresh {
		old, found, err := im.ix.FindAlert(a.arc, a.ref)
		if err != nil {
			return err
		}
		if found {
			if err := im.remember(a.arc, a.ref, r.line, t.entry.Name, false); err != nil {
				return err
			}
			return im.update(t, r, old, na)
		}
	}
	im.res.Summary.Alerts.New++
	if a.lat == nil {
		im.needFix = true
	}
	im.queueAudio(t, a)
	im.pending = append(im.pending, na)
	x := arcFields(a)
	im.pendingARC = append(im.pendingARC, x)
	im.pendingBytes += len(na.ARC) + len(na.ARCRef) + len(na.PoliceRef) + len(na.Operator) + len(na.Memo) + 200 + x.size()
	if len(im.pending) == store.AlertBatch || im.pendingBytes >= pendingBytes {
		return im.flushAlerts()
	}
	return nil
}

// pendingBytes bounds the text of the new alerts waiting for their batch.
const pendingBytes = 4 << 20

// flushPending writes every row waiting for a full batch.
func (im *importer) flushPending() error {
	if err := im.flushAlerts(); err != nil {
		return err
	}
	if err := im.flushPositions(); err != nil {
		return err
	}
	return im.flushLog()
}

// flushPositions writes the fixes waiting for a full batch.
func (im *importer) flushPositions() error {
	if len(im.pendingPos) == 0 {
		return nil
	}
	if err := im.ix.InsertPositions(im.pendingPos); err != nil {
		return fmt.Errorf("fixes from line %d of %s: %w", im.pendingFrom, im.pendingFile, err)
	}
	im.pendingPos = im.pendingPos[:0]
	return nil
}

// flushLog writes the operator log entries waiting for a full batch.
func (im *importer) flushLog() error {
	if len(im.pendingLog) == 0 {
		return nil
	}
	if err := im.ix.InsertLogEntries(im.pendingLog); err != nil {
		return fmt.Errorf("log entries from line %d of %s: %w", im.pendingFrom, im.pendingFile, err)
	}
	im.pendingLog = im.pendingLog[:0]
	return nil
}

// flushAlerts writes the new alerts waiting for a full batch; SQLite gives
// them consecutive ids, which slotFor looks up when a child row needs one.
func (im *importer) flushAlerts() error {
	if len(im.pending) == 0 {
		return nil
	}
	ids, err := im.ix.InsertAlerts(im.pending)
	if err != nil {
		return err
	}
	for i, x := range im.pendingARC {
		if !x.Empty() {
			x.AlertID = ids[i]
			if err := im.ix.PutAlertARC(x.AlertARC); err != nil {
				return err
			}
		}
	}
	clear(im.pendingARC)
	im.pendingARC = im.pendingARC[:0]
	if n := len(im.alarmFiles); n == 0 || im.alarmFiles[n-1].name != im.curFile {
		im.alarmFiles = append(im.alarmFiles, struct {
			first int64
			name  string
		}{ids[0], im.curFile})
	}
	im.added += int64(len(ids))
	clear(im.pending) // let the batch's text go
	im.pending, im.pendingBytes = im.pending[:0], 0
	return im.maybeDeferIndexes()
}

func (im *importer) queueAudio(t *table, a *alarmRow) {
	kind := "red_live"
	if a.typ == "amber" {
		kind = "amber_memo"
	}
	for _, f := range a.audio {
		raised := a.raised
		im.audioRefs = append(im.audioRefs, recordingRow{line: a.line, arc: a.arc, ref: a.ref, file: f, kind: kind, recordedAt: &raised})
		im.audioFrom[len(im.audioRefs)-1] = t.entry.Name
	}
}

// newAlert resolves the people of an alarm row and builds the record.
func (im *importer) newAlert(a *alarmRow) (store.NewAlert, error) {
	na := store.NewAlert{ARC: a.arc, ARCRef: a.ref, Type: a.typ, Trigger: a.trigger, RaisedAt: a.raised,
		AnsweredAt: a.answered, ClosedAt: a.closed, Validity: a.validity, Escalation: a.escalation,
		PoliceRef: a.policeRef, Operator: a.operator, Memo: a.memo, Lat: a.lat, Lon: a.lon, AccuracyM: a.acc,
		ImportID: im.importID}
	if na.Trigger == "" && na.Type == "amber" {
		na.Trigger = "amber_memo"
	}
	// Every row that gets here was numbered by screenAlarm; people are made
	// in the database the first time their number comes up.
	var err error
	if t := at(&im.ids.teams, a.teamN); t != nil {
		if *t == 0 {
			if *t, err = im.team(a.team, a.staffGroup); err != nil {
				return na, err
			}
		}
		na.TeamID = *t
	}
	if w := at(&im.ids.workers, a.workerN); w != nil {
		if (*w)[0] == 0 {
			if *w, err = im.worker(a, na.TeamID); err != nil {
				return na, err
			}
		}
		na.WorkerID = (*w)[0]
		if na.TeamID == 0 {
			na.TeamID = (*w)[1] // the row names no team: the worker's own
		}
	}
	if d := at(&im.ids.devices, a.deviceN); d != nil {
		if *d == 0 {
			if *d, err = im.w.Device(a.device, a.arc, "", na.WorkerID); err != nil {
				return na, fmt.Errorf("device %s: %w", a.device, err)
			}
		}
		na.DeviceID = *d
	}
	return na, nil
}

// worker creates the row's lone worker and returns their id and team.
func (im *importer) worker(a *alarmRow, teamID int64) ([2]int64, error) {
	gid := int64(0)
	if a.staffGroup != "" {
		var err error
		if gid, err = im.group(a.staffGroup); err != nil {
			return [2]int64{}, err
		}
	}
	name := a.workerName
	if name == "" {
		name = a.workerRef
	}
	id, err := im.w.Worker(store.Worker{Ref: a.workerRef, Name: name, TeamID: teamID, StaffGroupID: gid})
	if err != nil {
		return [2]int64{}, fmt.Errorf("lone worker %s: %w", a.workerRef, err)
	}
	return [2]int64{id, teamID}, nil
}

func (im *importer) group(name string) (int64, error) {
	if id, ok := im.staffGroups[name]; ok {
		return id, nil
	}
	id, err := im.w.StaffGroup(name)
	im.staffGroups[name] = id
	return id, err
}

func (im *importer) team(name, group string) (int64, error) {
	gid := int64(0)
	var err error
	if group != "" {
		if gid, err = im.group(group); err != nil {
			return 0, err
		}
	}
	return im.w.Team(name, gid, "")
}

// update compares a stored alert with the export's version of it. Only
// columns the export has are compared: a missing column is not a blank value.
func (im *importer) update(t *table, r *parsed, old store.ExistingAlert, in store.NewAlert) error {
	a := &r.alarm
	next := old.NewAlert
	next.Type, next.RaisedAt = in.Type, in.RaisedAt
	set := func(field int, apply func()) {
		if a.present[field] {
			apply()
		}
	}
	set(aTrigger, func() { next.Trigger = in.Trigger })
	set(aAnswered, func() { next.AnsweredAt = in.AnsweredAt })
	set(aClosed, func() { next.ClosedAt = in.ClosedAt })
	set(aValidity, func() { next.Validity = in.Validity })
	set(aEscalation, func() { next.Escalation = in.Escalation })
	set(aPoliceRef, func() { next.PoliceRef = in.PoliceRef })
	set(aOperator, func() { next.Operator = in.Operator })
	set(aMemo, func() { next.Memo = in.Memo })
	set(aLat, func() { next.Lat, next.Lon, next.AccuracyM = in.Lat, in.Lon, in.AccuracyM })
	set(aWorkerRef, func() { next.WorkerID = in.WorkerID })
	set(aTeam, func() { next.TeamID = in.TeamID })
	set(aDevice, func() { next.DeviceID = in.DeviceID })
	if next.Trigger == "" {
		next.Trigger = old.Trigger
	}
	changes := diffAlert(old.NewAlert, next)
	oldX, err := im.ix.FindAlertARC(old.ID)
	if err != nil {
		return err
	}
	nextX := oldX
	in2 := arcFields(a)
	set(aAddress, func() { nextX.Address = in2.Address })
	set(aLocSource, func() { nextX.LocationSource = in2.LocationSource })
	nextX.Words, nextX.Extra = in2.Words, in2.Extra
	if gone, err := im.ix.ARCFieldsDestroyed(old.ID); err != nil {
		return err
	} else if gone && !in2.Empty() {
		// Retention destroyed them; an old export sent again must not undo that.
		nextX = oldX
		im.problem(Problem{File: t.entry.Name, Kind: t.kind, Line: a.line, Ref: a.ref, Severity: SeverityWarning,
			Reason: "the ARC's address and extra fields of this alarm were destroyed under the retention rules; they were not stored again"})
	}
	xChanges := diffARC(oldX, nextX)
	changes = append(changes, xChanges...)
	im.queueAudio(t, a)
	if len(changes) == 0 {
		im.res.Summary.Alerts.Unchanged++
		return nil
	}
	if len(xChanges) > 0 {
		if err := im.ix.PutAlertARC(nextX); err != nil {
			return err
		}
	}
	if len(changes) > len(xChanges) {
		if err := im.ix.UpdateAlert(old, next); err != nil {
			return err
		}
	}
	now := im.opt.Now().Unix()
	for _, c := range changes {
		c.AlertID, c.ImportID, c.At = old.ID, im.importID, now
		if err := im.ix.History(c); err != nil {
			return fmt.Errorf("record history of alert %s: %w", a.ref, err)
		}
	}
	im.res.Summary.Alerts.Updated++
	return nil
}

func diffAlert(o, n store.NewAlert) []store.FieldChange {
	var out []store.FieldChange
	cmp := func(field, a, b string) {
		if a != b {
			out = append(out, store.FieldChange{Field: field, Old: a, New: b})
		}
	}
	cmp("type", o.Type, n.Type)
	cmp("trigger", o.Trigger, n.Trigger)
	cmp("raised_at", fmtTime(&o.RaisedAt), fmtTime(&n.RaisedAt))
	cmp("answered_at", fmtTime(o.AnsweredAt), fmtTime(n.AnsweredAt))
	cmp("closed_at", fmtTime(o.ClosedAt), fmtTime(n.ClosedAt))
	cmp("validity", o.Validity, n.Validity)
	cmp("escalation", orNone(o.Escalation), orNone(n.Escalation))
	cmp("police_ref", o.PoliceRef, n.PoliceRef)
	cmp("operator", o.Operator, n.Operator)
	cmp("memo", o.Memo, n.Memo)
	cmp("lat", fmtFloat(o.Lat), fmtFloat(n.Lat))
	cmp("lon", fmtFloat(o.Lon), fmtFloat(n.Lon))
	cmp("accuracy_m", fmtFloat(o.AccuracyM), fmtFloat(n.AccuracyM))
	cmp("worker_id", fmtID(o.WorkerID), fmtID(n.WorkerID))
	cmp("team_id", fmtID(o.TeamID), fmtID(n.TeamID))
	cmp("device_id", fmtID(o.DeviceID), fmtID(n.DeviceID))
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func fmtTime(p *int64) string {
	if p == nil {
		return ""
	}
	return time.Unix(*p, 0).UTC().Format("2006-01-02T15:04:05Z")
}

func fmtFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func fmtID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (im *importer) applyPosition(t *table, r *parsed) error {
	p := &r.pos
	s, err := im.slotFor(p.arc, p.ref)
	if err != nil {
		return err
	}
	if s == nil {
		why, err := im.orphan(p.arc, p.ref)
		r.reject(t, pRef, p.ref, "this fix cannot be stored: "+why)
		return err
	}
	pos := store.Position{AlertID: s.id, FixAt: p.fixAt, Lat: p.lat, Lon: p.lon, AccuracyM: p.acc, Source: p.source,
		SourceWord: p.sourceWord, Extra: p.extra}
	if !s.fresh {
		if err := im.flushPositions(); err != nil { // the check must see fixes earlier in this file
			return err
		}
		has, err := im.ix.HasPosition(pos)
		if err != nil {
			return err
		}
		if has {
			return im.countKnown(&im.res.Summary.Positions, func() (bool, error) { return im.ix.RefreshPosition(pos) })
		}
	}
	im.queueChild(t, r)
	im.pendingPos = append(im.pendingPos, pos)
	im.res.Summary.Positions.New++
	if len(im.pendingPos) == store.AlertBatch {
		return im.flushPositions()
	}
	return nil
}

func (im *importer) applyLog(t *table, r *parsed) error {
	l := &r.log
	s, err := im.slotFor(l.arc, l.ref)
	if err != nil {
		return err
	}
	if s == nil {
		why, err := im.orphan(l.arc, l.ref)
		r.reject(t, lRef, l.ref, "this log entry cannot be stored: "+why)
		return err
	}
	e := store.LogEntry{AlertID: s.id, At: l.at, Operator: l.operator, Action: l.action, Contact: l.contact,
		Result: l.result, Note: l.note, Extra: l.extra}
	if !s.fresh {
		if err := im.flushLog(); err != nil { // the check must see entries earlier in this file
			return err
		}
		has, err := im.ix.HasLogEntry(e)
		if err != nil {
			return err
		}
		if has {
			return im.countKnown(&im.res.Summary.Log, func() (bool, error) { return im.ix.RefreshLogEntry(e) })
		}
	}
	im.queueChild(t, r)
	im.pendingLog = append(im.pendingLog, e)
	im.res.Summary.Log.New++
	if len(im.pendingLog) == store.AlertBatch {
		return im.flushLog()
	}
	return nil
}

// warnUnkept says which columns of a recordings file are neither read nor
// kept: a recording keeps only its own fields, so the ARC's other columns
// there would otherwise go without a word. Every other file keeps them.
func (im *importer) warnUnkept(t *table) {
	if t.kind != KindRecordings || len(t.extra) == 0 {
		return
	}
	names := make([]string, len(t.extra))
	for k, i := range t.extra {
		names[k] = fmt.Sprintf("%q", t.extraHeader(i))
	}
	im.problem(Problem{File: t.entry.Name, Kind: t.kind, Severity: SeverityWarning,
		Reason: "the column(s) " + strings.Join(names, ", ") + " are not read and not kept: a recording keeps only the fields the import profile maps. Map them in the profile if they matter"})
}

// countKnown counts a log entry or fix already stored: updated when this
// import gave it ARC columns it did not have, unchanged otherwise.
func (im *importer) countKnown(c *Counts, refresh func() (bool, error)) error {
	changed, err := refresh()
	if err != nil {
		return err
	}
	if changed {
		c.Updated++
	} else {
		c.Unchanged++
	}
	return nil
}

// queueChild notes where a batch of fixes or log entries starts, so a
// failure can name the file and line.
func (im *importer) queueChild(t *table, r *parsed) {
	if len(im.pendingPos)+len(im.pendingLog) == 0 {
		im.pendingFrom, im.pendingFile = r.line, t.entry.Name
	}
}

// readErr names the file a read failed in, unless the failure already says
// it (a refusal of a damaged archive names archive and entry).
func readErr(name string, err error) error {
	var se *SourceError
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}
