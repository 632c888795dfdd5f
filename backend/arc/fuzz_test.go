package arc

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
)

func memEntry(name string, b []byte) *Entry {
	return &Entry{Name: name, Size: int64(len(b)), open: func() (io.ReadCloser, error) {
		return io.NopCloser(&exactReader{r: bytes.NewReader(b), name: name, left: int64(len(b))}), nil
	}}
}

// FuzzReadCSV feeds arbitrary bytes as every kind of file through every
// shipped profile: reading and validating must never panic or hang.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(canonHeader + good))
	f.Add([]byte(ukHeader + "R1,SOS,30/03/2025 01:30:00,ARC1,53.8,-1.5\n"))
	f.Add([]byte("Ref;Category;Raised;Centre\r\nR1;Red;26/10/2025 01:30:00;ARC1\r\n"))
	f.Add([]byte("\xef\xbb\xbfarc_ref,fix_at,lat,lon\n\"R1\n\",x,1e400,NaN\n"))
	f.Add([]byte("a,\"b\nc"))
	// Hostile cells: too long, NUL, a byte-order mark after the start, C1 controls, CRLF in quotes.
	for _, s := range []string{longCellCSV, nulCSV, lateBOMCSV, c1CSV,
		strings.ReplaceAll(canonHeader, "\n", "\r\n") + withCell(good, 16, "\"a\r\nb\"")} {
		f.Add([]byte(s))
	}
	profiles := Builtin()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range profiles {
			e := memEntry("alarms.csv", data)
			h, err := readHeader(e, p)
			if err != nil {
				continue
			}
			kind, ix, _, ok := classify(p, h, e.Name)
			if !ok {
				continue
			}
			tb, err := openTable(e, p, kind, ix)
			if err != nil {
				continue
			}
			for i := 0; i < 10000; i++ {
				rec, prob, err := tb.next()
				if err != nil {
					break
				}
				if prob != nil {
					continue
				}
				switch kind {
				case KindAlarms:
					parseAlarm(tb, p, tb.line, rec)
				case KindPositions:
					parsePosition(tb, p, tb.line, rec)
				case KindLog:
					parseLog(tb, p, tb.line, rec)
				case KindRecordings:
					parseRecording(tb, p, tb.line, rec)
				}
			}
			tb.finish()
		}
	})
}

// FuzzParseProfile: any JSON either becomes a checked profile or an error.
func FuzzParseProfile(f *testing.F) {
	for _, p := range Builtin() {
		b, _ := MarshalProfile(p)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"x","timeFormat":"yyyy","files":{"alarms":{"columns":{}}}}`))
	f.Add([]byte(vendorProfileJSON))
	// Files with settings of their own, some the same as the profile's.
	f.Add([]byte(strings.Replace(vendorProfileJSON, `"log": {"name": "Operator Log.csv",`, `"log": {"name": "Operator Log.csv", "encoding": "UTF8", "delimiter": ",",`, 1)))
	f.Add([]byte(strings.Replace(vendorProfileJSON, `"alarms": {"name": "Alarms.csv",`, `"alarms": {"name": "Alarms.csv", "encoding": "cp1252", "delimiter": "|",`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProfile(bytes.NewReader(data))
		if err != nil {
			return
		}
		p.parseTime("01/01/2025 10:00:00")
		p.parseTime("2025-03-30T01:30:00")
		p.formatTime(1_700_000_000)
		// Every file reads with an encoding Redline has and a usable
		// delimiter, and a saved profile reads back with the same ones.
		b, err := MarshalProfile(p)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseProfile(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("a parsed profile does not read back: %v\n%s", err, b)
		}
		for _, k := range Kinds {
			q, r := p.forKind(k), back.forKind(k)
			if normalEncoding(q.Encoding) != q.Encoding || !checkDelimiter(q.Delimiter) || q.Encoding != r.Encoding || q.Delimiter != r.Delimiter {
				t.Fatalf("%s file: %q %q, read back %q %q", k, q.Encoding, q.Delimiter, r.Encoding, r.Delimiter)
			}
		}
		if len(p.views()) == 0 {
			t.Fatal("no way to read the files")
		}
	})
}

// FuzzParseTime: any string under any shipped profile parses or fails cleanly,
// and whatever parses formats back to a time that parses to the same instant.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"30/03/2025 01:30:00", "26/10/2025 01:30:00", "2025-10-01T10:00:00Z", "2025-10-01 10:00", "31/02/2025 10:00:00", "1/1/2025 9:05:00"} {
		f.Add(s)
	}
	profiles := Builtin()
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range profiles {
			r := p.parseTime(s)
			if !r.ok || r.warning != "" {
				continue
			}
			back := p.parseTime(p.formatTime(r.unix))
			if !back.ok || back.unix != r.unix {
				t.Fatalf("%s: %q -> %d -> %q -> %+v", p.Name, s, r.unix, p.formatTime(r.unix), back)
			}
		}
	})
}

// FuzzArchive opens arbitrary bytes as a zip under small limits and reads
// every entry it accepts: no panic, and never more than the limits allow.
func FuzzArchive(f *testing.F) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("alarms.csv")
	w.Write([]byte(canonHeader + good))
	w, _ = zw.Create("audio/x.wav")
	w.Write(bytes.Repeat([]byte{0}, 5000))
	zw.Close()
	f.Add(b.Bytes())
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	for _, z := range lyingZips() {
		f.Add(z)
	}
	lim := Limits{MaxEntries: 20, MaxEntrySize: 1 << 20, MaxTotalSize: 2 << 20, MaxRatio: 100, RatioMinBytes: 4096}
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		src, err := zipEntries(zr, "fuzz.zip", lim)
		if err != nil {
			return
		}
		var total int64
		for _, e := range src.Entries {
			if _, err := safeName(e.Name); err != nil {
				t.Fatalf("accepted unsafe name %q", e.Name)
			}
			rc, err := e.Open()
			if err != nil {
				continue
			}
			n, _ := io.Copy(io.Discard, io.LimitReader(rc, lim.MaxEntrySize+1))
			rc.Close()
			if n > lim.MaxEntrySize {
				t.Fatalf("entry %s yielded %d bytes, over the limit", e.Name, n)
			}
			total += n
		}
		if total > lim.MaxTotalSize {
			t.Fatalf("archive yielded %d bytes, over the limit", total)
		}
	})
}

// FuzzImport runs whole imports of an arbitrary alarms file, all-or-nothing
// and partial: whatever the bytes, an import either stores nothing and says
// so, or stores exactly the alerts it reports, each reference sound. It
// reaches what the parser targets cannot: the duplicate check and people
// numbering on the parsing goroutine, the bulk insert through the virtual
// table, and the foreign-key check before COMMIT.
func FuzzImport(f *testing.F) {
	second := strings.Replace(good, "R1,", "R2,", 1)
	f.Add([]byte(canonHeader+good), false)
	f.Add([]byte(canonHeader+good+second+good), true) // a duplicate reference
	f.Add([]byte(canonHeader+good+strings.Replace(second, "53.8", "95", 1)), true)
	f.Add([]byte(canonHeader+strings.Replace(good, "LW1,Ann Lee", ",", 1)+second), false) // no worker
	f.Add([]byte(canonHeader+strings.Replace(good, "ARC1", "", 1)), true)                 // no ARC
	f.Add([]byte(nulCSV+good), true)
	f.Add([]byte(lateBOMCSV), true)
	f.Add([]byte(longCellCSV), false)
	f.Fuzz(func(t *testing.T, data []byte, partial bool) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "alarms.csv"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		sp := newSpace(t)
		res, err := Import(context.Background(), sp.st, sp.v, dir, Options{Partial: partial, Profile: mustProfile(t, "canonical")})
		stored := count(t, sp.st, "alerts")
		if err != nil {
			if stored != 0 {
				t.Fatalf("import failed (%v) but %d alerts were stored", err, stored)
			}
			return
		}
		if stored != res.Summary.Alerts.New {
			t.Fatalf("%d alerts stored, %d reported new", stored, res.Summary.Alerts.New)
		}
		if !partial && res.Errors > 0 {
			t.Fatalf("an all-or-nothing import with %d errors stored something", res.Errors)
		}
		var broken int
		sp.st.Write(context.Background(), func(w *store.Writer) error {
			return w.Tx().QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&broken)
		})
		if broken != 0 {
			t.Fatalf("%d broken references after the import", broken)
		}
	})
}

// lyingZips are archives whose central directory lies about their one
// entry: its checksum, its size (less and more than it holds), its place.
func lyingZips() [][]byte {
	var out [][]byte
	for _, lie := range []func(b []byte, cd int){
		func(b []byte, cd int) { b[cd+16] ^= 0xff },                                     // CRC-32
		func(b []byte, cd int) { b[cd+24], b[cd+25], b[cd+26], b[cd+27] = 10, 0, 0, 0 }, // uncompressed size, less
		func(b []byte, cd int) { // both sizes, more than the file holds
			b[cd+20], b[cd+21], b[cd+22], b[cd+23] = 0, 1, 0, 0
			b[cd+24], b[cd+25], b[cd+26], b[cd+27] = 0, 1, 0, 0
		},
		func(b []byte, cd int) { b[cd+42] = 7 }, // local header offset
	} {
		var raw bytes.Buffer
		zw := zip.NewWriter(&raw)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: "alarms.csv", Method: zip.Store})
		w.Write([]byte(canonHeader + good))
		zw.Close()
		b := raw.Bytes()
		lie(b, bytes.LastIndex(b, []byte("PK\x01\x02")))
		out = append(out, b)
	}
	return out
}
