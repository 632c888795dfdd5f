package arc

import (
	"fmt"
	"sort"
	"strings"
)

// Per-file reading settings: an export whose files were written by
// different systems (Windows-1252 alarms from the portal, a UTF-8 operator
// log from the call-handling system, a tab-separated positions file) names
// the encoding and the delimiter of each file in its FileSpec. A file
// without its own reads with the profile's.

// normalEncoding is the profile spelling of an encoding name, or "" when
// Redline cannot read it.
func normalEncoding(e string) string {
	switch strings.ToLower(strings.TrimSpace(e)) {
	case "", "utf-8", "utf8":
		return "utf-8"
	case "windows-1252", "cp1252":
		return "windows-1252"
	}
	return ""
}

func checkDelimiter(d string) bool {
	r := []rune(d)
	return len(r) == 1 && r[0] != '"' && r[0] != '\r' && r[0] != '\n'
}

// compileFileSettings checks each file's own settings and prepares the
// profile each such file is read with (forKind).
func (p *Profile) compileFileSettings() error {
	p.perFile = nil
	for _, kind := range Kinds {
		fs, ok := p.Files[kind]
		if !ok || (fs.Encoding == "" && fs.Delimiter == "") {
			continue
		}
		q := *p
		q.perFile = nil
		if fs.Encoding != "" {
			if q.Encoding = normalEncoding(fs.Encoding); q.Encoding == "" {
				return fmt.Errorf("the %s file's encoding %q is not supported: use utf-8 or windows-1252", kind, fs.Encoding)
			}
			fs.Encoding = q.Encoding
		}
		if fs.Delimiter != "" {
			if !checkDelimiter(fs.Delimiter) {
				return fmt.Errorf("the %s file's delimiter must be one character other than a quote or a line break", kind)
			}
			q.Delimiter = fs.Delimiter
		}
		if kind == KindAlarms && q.ListSeparator == q.Delimiter {
			return fmt.Errorf("the list separator must differ from the alarms file's delimiter")
		}
		p.Files[kind] = fs
		if q.Encoding == p.Encoding && q.Delimiter == p.Delimiter {
			continue
		}
		if p.perFile == nil {
			p.perFile = map[string]*Profile{}
		}
		p.perFile[kind] = &q
	}
	return nil
}

// forKind is the profile a file of this kind is read and written with: p,
// or p with the file's own encoding and delimiter.
func (p *Profile) forKind(kind string) *Profile {
	if q, ok := p.perFile[kind]; ok {
		return q
	}
	return p
}

// readingView is one way of reading the files of an export (an encoding and
// a delimiter) and the kinds of file read that way.
type readingView struct {
	p     *Profile
	kinds []string
}

// views lists the ways p reads files, the profile's own first, so a file
// can be classified under each until one fits.
func (p *Profile) views() []readingView {
	key := func(q *Profile) string { return q.Encoding + "\x00" + q.Delimiter }
	byKey := map[string]*readingView{}
	var order []string
	for _, k := range Kinds {
		q := p.forKind(k)
		v, ok := byKey[key(q)]
		if !ok {
			v = &readingView{p: q}
			byKey[key(q)] = v
			order = append(order, key(q))
		}
		v.kinds = append(v.kinds, k)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i] == key(p) && order[j] != key(p) })
	out := make([]readingView, len(order))
	for i, k := range order {
		out[i] = *byKey[k]
	}
	return out
}
