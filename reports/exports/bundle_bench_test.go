package exports

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/testclock"
	"github.com/nhs-redline/redline/backend/workspace"
)

// BenchmarkBundle_TenHourLongRecordings builds the package of a case with ten
// 60-minute recordings and about 40 pages of continuity. It reports the
// peak memory the Go runtime took from the system while building.
// Run with: go test -run ^$ -bench Bundle -benchtime 1x ./reports/exports/
func BenchmarkBundle_TenHourLongRecordings(b *testing.B) {
	ctx := context.Background()
	at := testclock.Now()
	ws, _, err := workspace.CreateDemo(ctx, b.TempDir(), at, workspace.DemoOptions{Letters: LetterDocs})
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	cs, _ := ws.Store.ListCases(ctx, store.CaseFilter{})
	var c store.CaseFile
	for _, x := range cs {
		if x.LegalHold {
			c, _ = ws.Store.Case(ctx, x.ID)
		}
	}
	ms, _ := ws.Store.MediaForAlert(ctx, c.AlertIDs[0])
	orig := ms[0]
	who := store.Who{Actor: "alex.morgan", At: at.Unix()}
	for i := 0; i < 10; i++ { // ten hour-long recordings: 8 kHz mu-law, 28.8 MB each
		wav := hourWAV(byte(i))
		lease, err := ws.Vault.Lease(ctx)
		if err != nil {
			b.Fatal(err)
		}
		s, err := lease.Put(bytes.NewReader(wav))
		if err != nil {
			b.Fatal(err)
		}
		id, err := ws.Store.AddWorkingCopy(ctx, store.Media{AlertID: orig.AlertID, OriginalName: fmt.Sprintf("hour-%d.wav", i),
			SHA256: s.SHA256, Size: s.Size, Codec: "mulaw", SampleRate: 8000, Channels: 1, DurationMS: 3_600_000,
			VaultPath: s.Rel, DerivedFrom: &orig.ID}, store.Provenance{SourceSHA256: orig.SHA256, Command: "[]", ToolVersion: "bench", Actor: who.Actor, At: who.At})
		lease.Release()
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 180; j++ { // 1,800 listens: about 40 pages of continuity
			d, _ := json.Marshal(map[string]any{"fromMs": j * 20000, "toMs": j*20000 + 15000, "speed": 1, "sha256": s.SHA256})
			if _, err := ws.Store.Audit(ctx, store.AuditEntry{At: who.At + int64(j), Actor: who.Actor, Action: "recording.play",
				ObjectType: "media", ObjectID: fmt.Sprint(id), Detail: string(d)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The master copies and hashes every recording; the disclosure copy
	// lists them and renders the letter and transcripts again instead.
	for _, o := range []struct {
		name string
		opt  bundle.Options
	}{{"master", bundle.Options{}}, {"disclosure", bundle.Options{Redacted: true}}} {
		b.Run(o.name, func(b *testing.B) { benchPackage(b, ws, who, c.Ref, o.opt) })
	}
}

func benchPackage(b *testing.B, ws *workspace.Workspace, who store.Who, ref string, o bundle.Options) {
	ctx := context.Background()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.Sys > peak.Load() {
					peak.Store(m.Sys)
				}
			}
		}
	}()
	b.ResetTimer()
	var exhibits int
	for i := 0; i < b.N; i++ {
		out := b.TempDir()
		res, err := BundlePackage(ctx, ws, who, ref, out, o)
		if err != nil {
			b.Fatal(err)
		}
		exhibits = len(res.Exhibits)
	}
	b.StopTimer()
	close(done)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-sys-MB")
	b.ReportMetric(float64(exhibits), "exhibits")
}

// hourWAV is a 60-minute 8 kHz mu-law WAV whose samples depend on seed.
func hourWAV(seed byte) []byte {
	n := 8000 * 3600
	var h bytes.Buffer
	h.WriteString("RIFF")
	binary.Write(&h, binary.LittleEndian, uint32(36+n))
	h.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(7), uint16(1), uint32(8000), uint32(8000), uint16(1), uint16(8)} {
		binary.Write(&h, binary.LittleEndian, v)
	}
	h.WriteString("data")
	binary.Write(&h, binary.LittleEndian, uint32(n))
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i*7) ^ seed
	}
	return append(h.Bytes(), data...)
}
