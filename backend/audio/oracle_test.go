package audio

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"
)

const corpus = "../../testdata/audio"

// readOracle loads a committed oracle decode (raw s16le, optionally gzipped).
func readOracle(t testing.TB, file string) []int16 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus, file))
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	if filepath.Ext(file) == ".gz" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("oracle %s: %v", file, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatalf("oracle %s: %v", file, err)
		}
	}
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

// decodeFile decodes a corpus file completely through the streaming API, in odd-sized reads.
func decodeFile(t testing.TB, file string) (Info, []int16) {
	t.Helper()
	f, err := os.Open(filepath.Join(corpus, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Open(f, file)
	if err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	var all []int16
	buf := make([]int16, 1234)
	for {
		n, err := s.Read(buf)
		all = append(all, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", file, err)
		}
	}
	return s.Info(), all
}
