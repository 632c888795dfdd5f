package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhs-redline/redline/backend/audio/player"
	"github.com/nhs-redline/redline/backend/recording"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/transcript"
)

// fakePlatform records events and answers the save dialog with a fixed path.
type fakePlatform struct {
	nullPlatform
	mu       sync.Mutex
	events   map[string]int
	last     map[string]any
	savePath string
}

func (f *fakePlatform) Emit(ev string, data any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.events == nil {
		f.events, f.last = map[string]int{}, map[string]any{}
	}
	f.events[ev]++
	f.last[ev] = data
}

func (f *fakePlatform) SaveFileDialog(title, name, filter, pattern string) (string, error) {
	return f.savePath, nil
}

func (f *fakePlatform) count(ev string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.events[ev]
}

func recordingsFixture(t *testing.T) (*Recordings, *Transcripts, *fakePlatform, int64) {
	t.Helper()
	s, ws := testSession(t, time.Unix(1_760_000_000, 0))
	f, err := os.Open(filepath.Join("..", "testdata", "audio", "gsm.wav"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st := storetest.Put(t, ws.Vault, f)
	var mid int64
	err = ws.Store.Write(context.Background(), func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: "RED-1", Type: "red", Trigger: "button", RaisedAt: 1_760_000_000})
		if err != nil {
			return err
		}
		mid, err = w.Media(store.Media{AlertID: a, Kind: "red_live", OriginalName: "gsm.wav", SHA256: st.SHA256, Size: st.Size,
			Codec: "gsm_ms", SampleRate: 8000, Channels: 1, DurationMS: 5600, VaultPath: st.Rel}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fp := &fakePlatform{}
	r := newRecordings(s, func() platform { return fp })
	r.newOutput = func() (player.Output, bool, error) {
		return player.NewNull(48000, 2, true), false, io.EOF // a real-time null sink, as on a machine without sound
	}
	t.Cleanup(func() { r.Close() })
	return r, newTranscripts(s, r, func() platform { return fp }, newJobs(func() platform { return fp })), fp, mid
}

func TestRecordings_PlayPushesThePlayheadAndSaysNoDevice(t *testing.T) {
	r, _, fp, mid := recordingsFixture(t)
	info, err := r.Info(mid)
	if err != nil || !info.Playable || info.Decoded.Codec != "gsm_ms" || len(info.Shortcuts) == 0 {
		t.Fatalf("info = %+v, %v", info, err)
	}
	st, err := r.Open(mid)
	if err != nil {
		t.Fatal(err)
	}
	if st.HasDevice || !strings.Contains(st.DeviceNote, "No audio device: playing silently") {
		t.Fatalf("status = %+v", st)
	}
	r.Play()
	time.Sleep(400 * time.Millisecond)
	st, _ = r.Pause()
	if st.PositionMs < 200 || st.PositionMs > 1000 {
		t.Fatalf("after 400 ms of play the playhead is at %d ms", st.PositionMs)
	}
	if n := fp.count(EventPosition); n < 4 {
		t.Fatalf("only %d position events in 400 ms of playing", n)
	}
	r.Close()
	ws, _ := r.s.workspace()
	es, _ := ws.Store.AuditFor(context.Background(), "media", "1")
	if len(es) != 1 || es[0].Action != "recording.play" {
		t.Fatalf("audit = %+v", es)
	}
}

func TestRecordings_PeaksOverHTTPAreBoundedBinary(t *testing.T) {
	r, _, _, mid := recordingsFixture(t)
	rec := httptest.NewRecorder()
	r.serveMedia(rec, httptest.NewRequest("GET", "/media/peaks/1?from=0&to=0&columns=100000", nil))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	b := rec.Body.Bytes()
	if len(b) != 8+4*8192 || binary.LittleEndian.Uint64(b) == 0 {
		t.Fatalf("body %d bytes", len(b))
	}
	_ = mid
	rec = httptest.NewRecorder()
	r.serveMedia(rec, httptest.NewRequest("GET", "/media/peaks/999", nil))
	if rec.Code != 404 {
		t.Fatalf("missing recording: status %d", rec.Code)
	}
}

func TestTranscripts_StandInWhisperDraftEditAndExportPDF(t *testing.T) {
	r, tr, fp, mid := recordingsFixture(t)
	ws, _ := r.s.workspace()
	ctx := context.Background()
	model := filepath.Join(t.TempDir(), "ggml.bin")
	os.WriteFile(model, []byte("x"), 0o600)
	prog, _ := filepath.Abs(filepath.Join("..", "testdata", "transcribe", "whisper-standin.sh"))
	ws.Store.SetSetting(ctx, keyWhisperProgram, prog)
	ws.Store.SetSetting(ctx, keyWhisperModel, model)
	engines, _ := tr.Engines()
	if !engines[0].Available {
		t.Fatalf("whisper not available: %+v", engines[0])
	}
	id, err := tr.Start(mid, "whisper", "0123456789abcdef")
	if err != nil || id != "0123456789abcdef" {
		t.Fatal(id, err)
	}
	var done TranscribeProgress
	for i := 0; i < 200; i++ {
		fp.mu.Lock()
		p, _ := fp.last["transcribe:done:"+id].(TranscribeProgress)
		fp.mu.Unlock()
		if p.State != "" && p.State != "running" {
			done = p
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if done.State != "done" || done.TranscriptID == 0 {
		t.Fatalf("job ended %+v", done)
	}
	doc, err := tr.Get(done.TranscriptID)
	if err != nil || !doc.Draft() || len(doc.Segments) != 2 {
		t.Fatalf("draft = %+v, %v", doc, err)
	}
	segs := doc.Segments
	segs[0].Speaker = "Lone worker"
	segs[1].Text += " " + transcript.InaudibleMark(3500)
	doc, err = tr.Save(transcript.Edit{ID: doc.ID, Base: doc.Revision, Segments: segs, ExhibitRef: "JS/1"})
	if err != nil {
		t.Fatal(err)
	}
	fp.savePath = filepath.Join(t.TempDir(), "out.pdf")
	path, err := tr.Export(doc.ID, "pdf")
	if err != nil || path != fp.savePath {
		t.Fatalf("export = %q, %v", path, err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "%PDF") {
		t.Fatal("not a PDF")
	}
	es, _ := ws.Store.AuditFor(ctx, "transcript", "1")
	if len(es) != 3 || es[2].Action != "transcript.export" {
		t.Fatalf("audit = %+v", es)
	}
	// A cancelled dialog writes nothing and logs nothing.
	fp.savePath = ""
	if p, err := tr.Export(doc.ID, "txt"); p != "" || err != nil {
		t.Fatalf("cancelled export = %q, %v", p, err)
	}
}

var _ = recording.Status{}

func TestRecordings_InfoSaysWhenTheFileEndsBeforeItsHeaderSays(t *testing.T) {
	s, ws := testSession(t, time.Unix(1_760_000_000, 0))
	whole, err := os.ReadFile(filepath.Join("..", "testdata", "audio", "pcm16.wav"))
	if err != nil {
		t.Fatal(err)
	}
	cut := whole[:len(whole)/2] // copied short: the header still claims all of it
	st := storetest.Put(t, ws.Vault, bytes.NewReader(cut))
	var mid int64
	err = ws.Store.Write(context.Background(), func(w *store.Writer) error {
		a, err := w.Alert(store.NewAlert{ARC: "t", ARCRef: "RED-CUT", Type: "red", Trigger: "button", RaisedAt: 1_760_000_000})
		if err != nil {
			return err
		}
		mid, err = w.Media(store.Media{AlertID: a, Kind: "red_live", OriginalName: "cut.wav", SHA256: st.SHA256, Size: st.Size,
			VaultPath: st.Rel}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r := newRecordings(s, func() platform { return nullPlatform{} })
	t.Cleanup(func() { r.Close() })
	info, err := r.Info(mid)
	if err != nil || !info.Playable {
		t.Fatalf("info %+v %v", info, err)
	}
	if !strings.HasPrefix(info.LengthNote, "The file ends ") || !strings.Contains(info.LengthNote, "before its header says") {
		t.Fatalf("length note %q", info.LengthNote)
	}
}
