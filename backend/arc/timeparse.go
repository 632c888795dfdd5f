package arc

import (
	"fmt"
	"strings"
	"time"
)

// timeToken is one piece of a date pattern: a numeric field or literal text.
type timeToken struct {
	field   byte // 'y', 'M', 'd', 'H', 'm', 's', or 0 for a literal
	width   int  // digits written; 1-2 digit fields also read one digit
	literal string
}

// compilePattern turns "dd/MM/yyyy HH:mm:ss" into tokens. Only the numeric
// fields ARC reports use are supported, which keeps the reader fast and exact.
func compilePattern(p string) ([]timeToken, error) {
	var out []timeToken
	for i := 0; i < len(p); {
		c := p[i]
		j := i
		for j < len(p) && p[j] == c {
			j++
		}
		n := j - i
		switch c {
		case 'y':
			if n != 4 {
				return nil, fmt.Errorf("time format %q: write the year as yyyy", p)
			}
			out = append(out, timeToken{field: 'y', width: 4})
		case 'M', 'd', 'H', 'm', 's':
			if n != 2 {
				return nil, fmt.Errorf("time format %q: write %c%c (two letters)", p, c, c)
			}
			out = append(out, timeToken{field: c, width: 2})
		default:
			if c != 'T' && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
				return nil, fmt.Errorf("time format %q: %q is not a pattern letter (use yyyy MM dd HH mm ss)", p, string(c))
			}
			out = append(out, timeToken{literal: p[i:j]})
		}
		i = j
	}
	var seen = map[byte]bool{}
	for _, t := range out {
		seen[t.field] = true
	}
	for _, f := range []byte{'y', 'M', 'd', 'H', 'm'} {
		if !seen[f] {
			return nil, fmt.Errorf("time format %q must contain yyyy, MM, dd, HH and mm", p)
		}
	}
	return out, nil
}

// wall is a local date and time as written, before a zone gives it an instant.
type wall struct{ y, mo, d, h, mi, s int }

func parsePattern(tokens []timeToken, s string) (wall, bool) {
	var w wall
	i := 0
	for _, t := range tokens {
		if t.field == 0 {
			if !strings.HasPrefix(s[i:], t.literal) {
				return w, false
			}
			i += len(t.literal)
			continue
		}
		v, n := 0, 0
		for i < len(s) && n < t.width && s[i] >= '0' && s[i] <= '9' {
			v = v*10 + int(s[i]-'0')
			i++
			n++
		}
		if n == 0 || (t.field == 'y' && n != 4) {
			return w, false
		}
		switch t.field {
		case 'y':
			w.y = v
		case 'M':
			w.mo = v
		case 'd':
			w.d = v
		case 'H':
			w.h = v
		case 'm':
			w.mi = v
		case 's':
			w.s = v
		}
	}
	if i != len(s) {
		return w, false
	}
	return w, w.valid()
}

func (w wall) valid() bool {
	if w.mo < 1 || w.mo > 12 || w.d < 1 || w.h > 23 || w.mi > 59 || w.s > 59 || w.y < 1900 || w.y > 2200 {
		return false
	}
	return w.d <= time.Date(w.y, time.Month(w.mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// clockIssue says whether a local time was skipped or repeated at a clock change.
type clockIssue int

const (
	clockOK clockIssue = iota
	clockGap
	clockOverlap
)

// resolveWall finds the instants at which loc shows w: none in the hour the
// clocks skip, two in the hour they repeat. Go's time.Date silently picks one,
// which would hide exactly the cases an investigator must see.
func resolveWall(w wall, loc *time.Location) (first, second time.Time, issue clockIssue) {
	naive := time.Date(w.y, time.Month(w.mo), w.d, w.h, w.mi, w.s, 0, time.UTC)
	offsets := map[int]bool{}
	for _, probe := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, off := naive.Add(probe).In(loc).Zone()
		offsets[off] = true
	}
	var hits []time.Time
	for off := range offsets {
		u := naive.Add(-time.Duration(off) * time.Second)
		l := u.In(loc)
		if l.Year() == w.y && int(l.Month()) == w.mo && l.Day() == w.d && l.Hour() == w.h && l.Minute() == w.mi && l.Second() == w.s {
			hits = append(hits, u)
		}
	}
	switch len(hits) {
	case 0:
		_, before := naive.Add(-36 * time.Hour).In(loc).Zone()
		return naive.Add(-time.Duration(before) * time.Second), time.Time{}, clockGap
	case 1:
		return hits[0], time.Time{}, clockOK
	default:
		if hits[1].Before(hits[0]) {
			hits[0], hits[1] = hits[1], hits[0]
		}
		return hits[0], hits[1], clockOverlap
	}
}

// timeResult is a parsed time with any clock-change note for the report.
type timeResult struct {
	unix    int64
	ok      bool
	warning string // resolved per profile; the row is kept
	err     string // the row is rejected
}

// parseTime reads one timestamp the way the profile says.
func (p *Profile) parseTime(s string) timeResult {
	s = strings.TrimSpace(s)
	if p.TimeFormat == "iso8601" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return timeResult{unix: t.Unix(), ok: true}
		}
		w, ok := parseISOWall(s)
		if !ok {
			return timeResult{err: "is not an ISO 8601 time such as 2025-03-30T14:05:00Z"}
		}
		return p.zoneWall(w, s)
	}
	w, ok := parsePattern(p.pattern, s)
	if !ok {
		return timeResult{err: fmt.Sprintf("is not a time in the form %s", p.TimeFormat)}
	}
	return p.zoneWall(w, s)
}

var isoPatterns = func() [][]timeToken {
	var out [][]timeToken
	for _, f := range []string{"yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"} {
		t, err := compilePattern(f)
		if err != nil {
			panic(err)
		}
		out = append(out, t)
	}
	return out
}()

func parseISOWall(s string) (wall, bool) {
	for _, t := range isoPatterns {
		if w, ok := parsePattern(t, s); ok {
			return w, true
		}
	}
	return wall{}, false
}

func (p *Profile) zoneWall(w wall, raw string) timeResult {
	first, second, issue := resolveWall(w, p.loc)
	zone := p.loc.String()
	if zone == "Europe/London" {
		zone = "UK time"
	}
	switch issue {
	case clockGap:
		msg := fmt.Sprintf("does not exist in %s (the clocks went forward)", zone)
		if p.ClockChange.Gap == "reject" {
			return timeResult{err: fmt.Sprintf("does not exist in %s (the clocks went forward); fix the file or set clockChange.gap to shift_forward in the import profile", zone)}
		}
		return timeResult{unix: first.Unix(), ok: true, warning: msg + "; read as " + first.UTC().Format("15:04 UTC") + " as the profile says"}
	case clockOverlap:
		msg := fmt.Sprintf("happened twice in %s (the clocks went back)", zone)
		switch p.ClockChange.Overlap {
		case "first":
			return timeResult{unix: first.Unix(), ok: true, warning: msg + "; read as the first, " + first.UTC().Format("15:04 UTC") + ", as the profile says"}
		case "second":
			return timeResult{unix: second.Unix(), ok: true, warning: msg + "; read as the second, " + second.UTC().Format("15:04 UTC") + ", as the profile says"}
		}
		return timeResult{err: fmt.Sprintf("happened twice in %s (the clocks went back); fix the file or set clockChange.overlap to first or second in the import profile", zone)}
	}
	return timeResult{unix: first.Unix(), ok: true}
}

// formatTime writes an instant the way the profile reads it.
func (p *Profile) formatTime(unix int64) string {
	t := time.Unix(unix, 0)
	if p.TimeFormat == "iso8601" {
		if p.loc == time.UTC {
			return t.UTC().Format("2006-01-02T15:04:05Z")
		}
		return t.In(p.loc).Format(time.RFC3339)
	}
	t = t.In(p.loc)
	var b strings.Builder
	for _, tok := range p.pattern {
		switch tok.field {
		case 0:
			b.WriteString(tok.literal)
		case 'y':
			fmt.Fprintf(&b, "%04d", t.Year())
		case 'M':
			fmt.Fprintf(&b, "%02d", int(t.Month()))
		case 'd':
			fmt.Fprintf(&b, "%02d", t.Day())
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'm':
			fmt.Fprintf(&b, "%02d", t.Minute())
		case 's':
			fmt.Fprintf(&b, "%02d", t.Second())
		}
	}
	return b.String()
}
