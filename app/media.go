package main

import (
	"encoding/binary"
	"net/http"
	"strconv"
	"strings"
)

// serveMedia answers GET /media/peaks/<mediaID>?from=MS&to=MS&columns=N with the waveform for
// that span as little-endian int16 pairs (min, max per column) after an 8-byte header holding
// the recording's duration in ms. Binary keeps a 60-minute overview small and fast to draw; the
// response is bounded (at most 8192 columns, 32 KiB). Audio itself is never served to the
// webview: playback happens in Go, where every listen is audited.
func (r *Recordings) serveMedia(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rest, ok := strings.CutPrefix(req.URL.Path, "/media/peaks/")
	if !ok {
		http.NotFound(w, req)
		return
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	q := req.URL.Query()
	num := func(k string, def int64) int64 {
		v, err := strconv.ParseInt(q.Get(k), 10, 64)
		if err != nil {
			return def
		}
		return v
	}
	if err != nil || id <= 0 {
		http.Error(w, "bad recording id", http.StatusBadRequest)
		return
	}
	sp, err := r.Peaks(id, num("from", 0), num("to", 0), int(num("columns", 1000)))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	b := make([]byte, 8, 8+4*len(sp.Min))
	binary.LittleEndian.PutUint64(b, uint64(sp.DurationMs))
	for i := range sp.Min {
		b = binary.LittleEndian.AppendUint16(b, uint16(sp.Min[i]))
		b = binary.LittleEndian.AppendUint16(b, uint16(sp.Max[i]))
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}
