package arc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Field positions in Fields[kind]; the order there is the order here.
const (
	aRef = iota
	aType
	aRaised
	aARC
	aTrigger
	aAnswered
	aClosed
	aValidity
	aEscalation
	aPoliceRef
	aOperator
	aWorkerRef
	aWorkerName
	aTeam
	aStaffGroup
	aDevice
	aMemo
	aLat
	aLon
	aAccuracy
	aAudio
	aAddress
	aLocSource
)

const (
	pRef = iota
	pFixAt
	pLat
	pLon
	pARC
	pAccuracy
	pSource
)

const (
	lRef = iota
	lAt
	lAction
	lARC
	lOperator
	lContact
	lResult
	lNote
)

const (
	rRef = iota
	rFile
	rARC
	rKind
	rRecordedAt
	rSHA
)

// alarmRow is a validated alarm, still keyed by ARC and reference.
type alarmRow struct {
	line                                      int
	arc, ref, typ, trigger                    string
	raised                                    int64
	answered, closed                          *int64
	validity, escalation, policeRef, operator string
	workerRef, workerName, team, staffGroup   string
	device, memo                              string
	lat, lon, acc                             *float64
	audio                                     []string
	present                                   [aLocSource + 1]bool

	// What the ARC sent beyond Redline's own fields: where the worker was
	// (address, how the fix was found), the ARC's own words where a
	// vocabulary normalised them (field -> word), and every column the
	// profile does not map, as header and value.
	address, locSource string
	words              map[string]string
	extra              [][2]string

	// team, worker and device numbered by the parsing goroutine (1 + their
	// place in importer.names; 0 when blank).
	teamN, workerN, deviceN int32
}

type positionRow struct {
	line       int
	arc, ref   string
	fixAt      int64
	lat, lon   float64
	acc        float64
	source     string
	sourceWord string      // the ARC's word for the source, where the vocabulary changed it
	extra      [][2]string // columns no field reads: header, value
}

type logRow struct {
	line                                    int
	arc, ref                                string
	at                                      int64
	operator, action, contact, result, note string
	extra                                   [][2]string // columns no field reads: header, value
}

type recordingRow struct {
	line           int
	arc, ref, file string
	kind           string
	kindWord       string // the ARC's word for the kind, where the vocabulary changed it
	recordedAt     *int64
	sha            string
}

// rowCheck collects the problems of one row.
type rowCheck struct {
	t        *table
	p        *Profile
	line     int
	ref      string
	problems []Problem
	words    map[string]string // field -> the ARC's word, where the vocabulary changed it
}

func (c *rowCheck) fail(field int, value, reason string) {
	c.add(SeverityError, field, value, reason)
}

func (c *rowCheck) add(sev string, field int, value, reason string) {
	col := ""
	if field >= 0 {
		col = c.t.column(field)
	}
	c.problems = append(c.problems, Problem{File: c.t.entry.Name, Kind: c.t.kind, Line: c.line, Column: col,
		Value: value, Ref: c.ref, Severity: sev, Reason: reason})
}

func (c *rowCheck) rejected() bool {
	for _, p := range c.problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

func (c *rowCheck) required(rec []string, field int, what string) string {
	v := c.t.cell(rec, field)
	if v == "" {
		c.fail(field, "", what+" is missing")
	}
	return v
}

func (c *rowCheck) time(rec []string, field int, required bool) *int64 {
	v := c.t.cell(rec, field)
	if v == "" {
		if required {
			c.fail(field, "", "the time is missing")
		}
		return nil
	}
	if c.t.more[field] != nil {
		// Read from several columns: say which one is empty rather than
		// that the joined text is not a time.
		for k, part := range c.t.parts(rec, field) {
			if part == "" {
				col := c.t.header[c.t.ix[field]]
				if k > 0 {
					col = c.t.header[c.t.more[field][k-1]]
				}
				c.fail(field, v, fmt.Sprintf("the column %q is empty, so the time is incomplete", col))
				return nil
			}
		}
	}
	r := c.p.parseTime(v)
	if r.err != "" {
		c.fail(field, v, r.err)
		return nil
	}
	if r.warning != "" {
		c.add(SeverityWarning, field, v, r.warning)
	}
	u := r.unix
	return &u
}

func (c *rowCheck) vocab(rec []string, field int, vocabField, def string) string {
	v := c.t.cell(rec, field)
	if v == "" && !c.t.has(field) {
		return def
	}
	if v == "" && def != "" && vocabField != "type" {
		return def
	}
	m, ok := c.p.vocabValue(vocabField, v)
	if !ok {
		reason := fmt.Sprintf("is not a known %s; map it to one of %s in the import profile", vocabField,
			strings.Join(nonEmpty(Vocabulary[vocabField]), ", "))
		if v == "" {
			reason = "the " + vocabField + " is missing"
		}
		c.fail(field, v, reason)
		return m
	}
	if v != "" && fold(v) != m {
		if c.words == nil {
			c.words = map[string]string{}
		}
		c.words[Fields[c.t.kind][field]] = v
	}
	if m == "" && v != "" {
		return def // the profile says the word means "no category"
	}
	return m
}

func nonEmpty(list []string) []string {
	var out []string
	for _, v := range list {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (c *rowCheck) number(rec []string, field int) (float64, bool, bool) {
	v := c.t.cell(rec, field)
	if v == "" {
		return 0, false, true
	}
	s := v
	if c.p.DecimalComma {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		c.fail(field, v, "is not a number")
		return 0, false, false
	}
	return f, true, true
}

// location checks a latitude/longitude pair and an accuracy radius.
func (c *rowCheck) location(rec []string, latF, lonF, accF int, required bool) (lat, lon, acc *float64) {
	la, hasLa, ok1 := c.number(rec, latF)
	lo, hasLo, ok2 := c.number(rec, lonF)
	ac, hasAc, ok3 := c.number(rec, accF)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	if !hasLa && !hasLo {
		if required {
			c.fail(latF, "", "the latitude and longitude are missing")
		}
		return
	}
	if hasLa != hasLo {
		c.fail(latF, c.t.cell(rec, latF)+" "+c.t.cell(rec, lonF), "only one of latitude and longitude is given")
		return
	}
	bad := false
	if la < -90 || la > 90 {
		c.fail(latF, c.t.cell(rec, latF), "latitude must be between -90 and 90")
		bad = true
	}
	if lo < -180 || lo > 180 {
		c.fail(lonF, c.t.cell(rec, lonF), "longitude must be between -180 and 180")
		bad = true
	}
	if la == 0 && lo == 0 {
		c.fail(latF, c.t.cell(rec, latF)+" "+c.t.cell(rec, lonF), "a latitude and longitude of zero is how devices report a missing fix, not a real place")
		bad = true
	}
	if hasAc && ac < 0 {
		c.fail(accF, c.t.cell(rec, accF), "the accuracy radius cannot be negative")
		bad = true
	}
	if bad {
		return
	}
	lat, lon = &la, &lo
	if hasAc {
		acc = &ac
	}
	return
}

func (c *rowCheck) arc(rec []string, field int) string {
	v := c.t.cell(rec, field)
	if v == "" {
		v = strings.TrimSpace(c.p.ARC)
	}
	if v == "" {
		c.fail(field, "", "no ARC name: add the ARC column or set \"arc\" in the import profile")
	}
	return v
}

func parseAlarm(t *table, p *Profile, line int, rec []string) (alarmRow, []Problem) {
	c := &rowCheck{t: t, p: p, line: line, ref: t.cell(rec, aRef)}
	a := alarmRow{line: line}
	for i := range a.present {
		a.present[i] = t.has(i)
	}
	a.ref = c.required(rec, aRef, "the alarm reference")
	a.arc = c.arc(rec, aARC)
	a.typ = c.vocab(rec, aType, "type", "")
	a.trigger = c.vocab(rec, aTrigger, "trigger", "")
	if r := c.time(rec, aRaised, true); r != nil {
		a.raised = *r
	}
	a.answered = c.time(rec, aAnswered, false)
	a.closed = c.time(rec, aClosed, false)
	if a.closed != nil && a.raised != 0 && *a.closed < a.raised {
		c.fail(aClosed, t.cell(rec, aClosed), "the alarm was closed before it was raised")
	}
	if a.answered != nil && a.raised != 0 && *a.answered < a.raised {
		c.fail(aAnswered, t.cell(rec, aAnswered), "the alarm was answered before it was raised")
	}
	a.validity = c.vocab(rec, aValidity, "validity", "")
	a.escalation = c.vocab(rec, aEscalation, "escalation", "none")
	a.policeRef = t.cell(rec, aPoliceRef)
	a.operator = t.cell(rec, aOperator)
	a.workerRef = t.cell(rec, aWorkerRef)
	a.workerName = t.cell(rec, aWorkerName)
	a.team = t.cell(rec, aTeam)
	a.staffGroup = t.cell(rec, aStaffGroup)
	a.device = t.cell(rec, aDevice)
	a.memo = t.cell(rec, aMemo)
	a.lat, a.lon, a.acc = c.location(rec, aLat, aLon, aAccuracy, false)
	if v := t.cell(rec, aAudio); v != "" {
		for _, f := range strings.Split(v, p.ListSeparator) {
			if f = strings.TrimSpace(f); f != "" {
				a.audio = append(a.audio, f)
			}
		}
	}
	a.address = t.cell(rec, aAddress)
	if t.cell(rec, aLocSource) != "" {
		a.locSource = c.vocab(rec, aLocSource, "source", "")
	}
	a.extra = t.rowExtra(rec)
	a.words = c.words
	return a, c.problems
}

func parsePosition(t *table, p *Profile, line int, rec []string) (positionRow, []Problem) {
	c := &rowCheck{t: t, p: p, line: line, ref: t.cell(rec, pRef)}
	r := positionRow{line: line}
	r.ref = c.required(rec, pRef, "the alarm reference")
	r.arc = c.arc(rec, pARC)
	if at := c.time(rec, pFixAt, true); at != nil {
		r.fixAt = *at
	}
	lat, lon, acc := c.location(rec, pLat, pLon, pAccuracy, true)
	if lat != nil {
		r.lat, r.lon = *lat, *lon
	}
	if acc != nil {
		r.acc = *acc
	}
	r.source = c.vocab(rec, pSource, "source", "gps")
	if r.source == "" {
		r.source = "gps"
	}
	r.sourceWord = c.words["source"]
	r.extra = t.rowExtra(rec)
	return r, c.problems
}

func parseLog(t *table, p *Profile, line int, rec []string) (logRow, []Problem) {
	c := &rowCheck{t: t, p: p, line: line, ref: t.cell(rec, lRef)}
	r := logRow{line: line}
	r.ref = c.required(rec, lRef, "the alarm reference")
	r.arc = c.arc(rec, lARC)
	if at := c.time(rec, lAt, true); at != nil {
		r.at = *at
	}
	r.action = c.required(rec, lAction, "the action")
	r.operator, r.contact = t.cell(rec, lOperator), t.cell(rec, lContact)
	r.result, r.note = t.cell(rec, lResult), t.cell(rec, lNote)
	r.extra = t.rowExtra(rec)
	return r, c.problems
}

func parseRecording(t *table, p *Profile, line int, rec []string) (recordingRow, []Problem) {
	c := &rowCheck{t: t, p: p, line: line, ref: t.cell(rec, rRef)}
	r := recordingRow{line: line}
	r.ref = c.required(rec, rRef, "the alarm reference")
	r.arc = c.arc(rec, rARC)
	r.file = c.required(rec, rFile, "the audio file name")
	if r.kind = c.vocab(rec, rKind, "kind", "recording"); r.kind == "" {
		r.kind = "recording"
	}
	r.kindWord = c.words["kind"]
	r.recordedAt = c.time(rec, rRecordedAt, false)
	if s := strings.ToLower(t.cell(rec, rSHA)); s != "" {
		if !isHexSHA(s) {
			c.fail(rSHA, s, "is not a SHA-256 (64 hexadecimal characters)")
		}
		r.sha = s
	}
	return r, c.problems
}

func isHexSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}
