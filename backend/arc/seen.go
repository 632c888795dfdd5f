package arc

import (
	"fmt"
	"hash/fnv"

	"github.com/nhs-redline/redline/backend/store"
)

// An import must notice an alarm reference it reads twice, and say where it
// read it first, without memory that grows with the number of alarms (five
// million references in a Go map cost 150 MB). The database already knows:
// an alert this import created carries its import id and line
// (alerts.import_id, import_line, under the table's UNIQUE(arc, arc_ref)),
// and rows it read without creating an alert (rejected, or already stored)
// are noted in a temporary table on disk (store.ImportTx.RememberAlarm).
//
// Asking the database for every row would halve the import's speed, so the
// parsing goroutine first asks a Bloom filter of fixed size: "no" is certain
// and costs nothing; "maybe" (every real repeat, and a few others) sends the
// writer to look: the rows waiting for their batch, the temporary table,
// then the alert by its natural key.

// keyFilter is a Bloom filter of (ARC, reference) keys.
type keyFilter struct {
	bits []uint64
	mask uint64
}

const (
	minFilterBits = 1 << 16
	maxFilterBits = 1 << 26 // 8 MiB: 0.5% "maybe" at five million alarms
	filterHashes  = 4
)

// newKeyFilter sizes a filter for about n keys, within fixed bounds.
func newKeyFilter(n int64) *keyFilter {
	bits := uint64(minFilterBits)
	for bits < maxFilterBits && int64(bits) < 16*n {
		bits <<= 1
	}
	return &keyFilter{bits: make([]uint64, bits/64), mask: bits - 1}
}

// add notes key and says whether it may have been added before.
func (f *keyFilter) add(key uint64) (maybe bool) {
	h1, h2 := key, (key>>32|key<<32)|1
	maybe = true
	for i := uint64(0); i < filterHashes; i++ {
		b := (h1 + i*h2) & f.mask
		w, m := b/64, uint64(1)<<(b%64)
		if f.bits[w]&m == 0 {
			maybe = false
			f.bits[w] |= m
		}
	}
	return maybe
}

func keyOf(arc, ref string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(arc))
	h.Write([]byte{0})
	h.Write([]byte(ref))
	return h.Sum64()
}

// earlier says where this import already read alarm (arc, ref): "line 2 of
// alarms.csv", or "" when it has not.
func (im *importer) earlier(arc, ref string) (string, error) {
	for i := range im.pending {
		if p := &im.pending[i]; p.ARCRef == ref && p.ARC == arc {
			return fmt.Sprintf("line %d of %s", p.ImportLine, im.curFile), nil
		}
	}
	if im.remembered > 0 {
		s, ok, err := im.ix.RememberedAlarm(arc, ref)
		if err != nil || ok {
			return fmt.Sprintf("line %d of %s", s.Line, s.File), err
		}
	}
	e, ok, err := im.ix.FindAlert(arc, ref)
	if err != nil || !ok || e.ImportID != im.importID {
		return "", err
	}
	return fmt.Sprintf("line %d of %s", e.ImportLine, im.fileOfAlert(e.ID)), nil
}

// remember notes an alarm read without creating an alert.
func (im *importer) remember(arc, ref string, line int, file string, rejected bool) error {
	if err := im.ix.RememberAlarm(arc, ref, store.SeenAlarm{File: file, Line: line, Rejected: rejected}); err != nil {
		return fmt.Errorf("note alarm %s of line %d: %w", ref, line, err)
	}
	im.remembered++
	return nil
}

// rejectedAlarm is where alarm (arc, ref) was read and rejected, if it was.
func (im *importer) rejectedAlarm(arc, ref string) (store.SeenAlarm, bool, error) {
	if im.remembered == 0 {
		return store.SeenAlarm{}, false, nil
	}
	s, ok, err := im.ix.RememberedAlarm(arc, ref)
	return s, ok && s.Rejected, err
}

// fileOfAlert names the alarms file an alert of this import came from:
// files are read one after another, so their new alerts' ids are ranges.
func (im *importer) fileOfAlert(id int64) string {
	name := ""
	for _, f := range im.alarmFiles {
		if f.first <= id {
			name = f.name
		}
	}
	return name
}
