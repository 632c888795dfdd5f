package demo

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

var triggers = []struct {
	name string
	p    float64
}{{"sos", 0.62}, {"man_down", 0.13}, {"no_motion", 0.07}, {"timer_expiry", 0.12}, {"missed_checkin", 0.06}}

// closure draws the ARC's validity for a red alert: mostly accidental or test,
// some precautionary, a few genuine. Hotspot visits are more often genuine.
func (g *gen) closure(hotspot bool) string {
	p := g.r.Float64()
	if hotspot {
		p = p * 0.45
	}
	switch {
	case p < 0.08:
		return "genuine"
	case p < 0.21:
		return "precautionary"
	case p < 0.83:
		return "false"
	case p < 0.96:
		return "test"
	case p < 0.99:
		return "duplicate"
	default:
		return "auto_closed"
	}
}

func (g *gen) escalation(validity string) string {
	p := g.r.Float64()
	switch validity {
	case "genuine":
		switch {
		case p < 0.35:
			return "contact"
		case p < 0.65:
			return "999"
		case p < 0.80:
			return "urn"
		default:
			return "101"
		}
	case "precautionary":
		if p < 0.5 {
			return "contact"
		}
	}
	return "none"
}

func (g *gen) pickTrigger() string {
	p, acc := g.r.Float64(), 0.0
	for _, t := range triggers {
		acc += t.p
		if p < acc {
			return t.name
		}
	}
	return "sos"
}

// answerDelay follows the BS 8484 targets: 80% within 10 s, 98.5% within 40 s.
func (g *gen) answerDelay() int64 {
	switch p := g.r.Float64(); {
	case p < 0.82:
		return int64(2 + g.r.IntN(8))
	case p < 0.99:
		return int64(10 + g.r.IntN(30))
	default:
		return int64(40 + g.r.IntN(50))
	}
}

func (g *gen) red(wk *worker, v visit) error {
	raised := v.at.Add(time.Duration(4*60+g.r.IntN(40*60)) * time.Second)
	if !raised.Before(g.cfg.End) {
		return nil
	}
	validity := g.closure(v.hotspot)
	esc := g.escalation(validity)
	answered := raised.Unix() + g.answerDelay()
	length := int64(60 + g.r.IntN(240))
	if validity == "genuine" || validity == "precautionary" {
		length = int64(600 + g.r.IntN(1800))
	}
	closed := answered + length
	op := operators[g.r.IntN(len(operators))]
	policeRef := ""
	if esc == "999" || esc == "urn" || esc == "101" {
		policeRef = fmt.Sprintf("WYP-%02d%06d", raised.Year()%100, 100000+g.r.IntN(900000))
	}
	trail := g.trail(v, raised.Unix(), closed)
	last := trail[len(trail)-1]
	attach := !g.cfg.NoMedia && validity != "duplicate"
	a := store.NewAlert{ARC: "Reliance Protect", ARCRef: g.nextRef("RED"), Type: "red", Trigger: g.pickTrigger(),
		WorkerID: wk.id, DeviceID: wk.deviceID, TeamID: wk.teamID, RaisedAt: raised.Unix(),
		AnsweredAt: &answered, ClosedAt: &closed, Validity: validity, Escalation: esc, PoliceRef: policeRef,
		Operator: op, Memo: redSummary(validity, esc), Lat: &last.Lat, Lon: &last.Lon, AccuracyM: &last.AccuracyM,
		ImportID: g.importID}
	if attach {
		a.MediaCount = 1
	}
	id, err := g.w.Alert(a)
	if err != nil {
		return err
	}
	g.sum.Red++
	for _, p := range trail {
		p.AlertID = id
		if err := g.w.Position(p); err != nil {
			return err
		}
		g.sum.Positions++
	}
	for _, e := range operatorLog(id, op, raised.Unix(), answered, closed, validity, esc, policeRef) {
		if err := g.w.LogEntry(e); err != nil {
			return err
		}
		g.sum.LogEntries++
	}
	if attach {
		file := "red-2.wav"
		if validity == "genuine" || validity == "precautionary" {
			file = "red-1.wav"
		}
		return g.attach(id, file, "red_live", answered)
	}
	return nil
}

// trail makes the fixes a device sends during a red alert: first a coarse
// fix, then better ones, drifting as the worker moves away.
func (g *gen) trail(v visit, from, to int64) []store.Position {
	n := 3 + g.r.IntN(6)
	out := make([]store.Position, 0, n)
	lat, lon := v.lat, v.lon
	step := (to - from) / int64(n)
	for i := 0; i < n; i++ {
		src, acc := g.fix()
		if i == 0 {
			src, acc = "cell", float64(400+g.r.IntN(1600))
		}
		flat, flon := lat, lon
		if src == "cell" {
			flat, flon = jitter(g.r, lat, lon, acc/2)
		}
		out = append(out, store.Position{FixAt: from + int64(i)*step, Lat: flat, Lon: flon, AccuracyM: acc, Source: src})
		lat, lon = jitter(g.r, lat, lon, 40)
	}
	return out
}

func redSummary(validity, esc string) string {
	switch validity {
	case "genuine":
		return "Verbal abuse and threats heard. Worker left the property. Escalated: " + esc + "."
	case "precautionary":
		return "Raised voices heard; operator monitored until the worker was safe."
	case "false":
		return "Accidental activation; worker confirmed safe."
	case "test":
		return "Test call by the user."
	case "duplicate":
		return "Duplicate of an alarm already being handled."
	}
	return "Closed by the system after no response."
}

func operatorLog(alertID int64, op string, raised, answered, closed int64, validity, esc, ref string) []store.LogEntry {
	e := func(at int64, action, contact, result, note string) store.LogEntry {
		return store.LogEntry{AlertID: alertID, At: at, Operator: op, Action: action, Contact: contact, Result: result, Note: note}
	}
	out := []store.LogEntry{
		e(raised, "Alarm received", "", "", ""),
		e(answered, "Listen-in", "", "Audio open", ""),
	}
	switch validity {
	case "genuine", "precautionary":
		out = append(out, e(answered+60, "Call user", "Lone worker", "No answer", "Monitoring audio"))
		if esc == "contact" || esc == "999" || esc == "urn" || esc == "101" {
			out = append(out, e(answered+120, "Call escalation contact", "Team lead", "Informed", ""))
		}
		if ref != "" {
			out = append(out, e(answered+150, "Police "+esc, "West Yorkshire Police", "Reference "+ref, ""))
		}
		out = append(out, e(closed-60, "Call user", "Lone worker", "Safe", "Worker confirmed safe"))
	default:
		out = append(out, e(answered+20, "Call user", "Lone worker", "Safe", "Worker confirmed safe"))
	}
	return append(out, e(closed, "Alarm closed", "", validity, ""))
}

func (g *gen) lease(ctx context.Context) (*vault.Lease, error) {
	if g.vault == nil {
		return nil, fmt.Errorf("demo recordings need an evidence vault")
	}
	return g.vault.Lease(ctx)
}

// storeRecordings copies the bundled recordings into the vault once.
func (g *gen) storeRecordings(lease *vault.Lease) error {
	entries, err := recordings.ReadDir("testdata")
	if err != nil {
		return err
	}
	g.media = map[string]store.Media{}
	for _, e := range entries {
		b, err := recordings.ReadFile("testdata/" + e.Name())
		if err != nil {
			return err
		}
		st, err := lease.Put(bytes.NewReader(b))
		if err != nil {
			return err
		}
		rate, ch, codec, ms := wavInfo(b)
		g.media[e.Name()] = store.Media{OriginalName: e.Name(), SHA256: st.SHA256, Size: st.Size, Codec: codec,
			SampleRate: rate, Channels: ch, DurationMS: ms, VaultPath: st.Rel}
	}
	return nil
}

func (g *gen) attach(alertID int64, file, kind string, at int64) error {
	m := g.media[file]
	m.AlertID, m.Kind, m.RecordedAt = alertID, kind, &at
	m.OriginalName = fmt.Sprintf("%d-%s", alertID, file)
	if _, err := g.w.Media(m, g.importID); err != nil {
		return err
	}
	g.received = append(g.received, store.ImportFile{Name: m.OriginalName, SHA256: m.SHA256, Size: m.Size})
	g.sum.Media++
	return nil
}

// wavInfo reads just enough of a bundled WAV header to describe it; the files
// are ours, so anything unexpected is a build error caught by the tests.
func wavInfo(b []byte) (rate, channels int, codec string, ms int64) {
	var byteRate, dataLen uint32
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), binary.LittleEndian.Uint32(b[off+4:off+8])
		body := off + 8
		switch id {
		case "fmt ":
			tag := binary.LittleEndian.Uint16(b[body:])
			channels = int(binary.LittleEndian.Uint16(b[body+2:]))
			rate = int(binary.LittleEndian.Uint32(b[body+4:]))
			byteRate = binary.LittleEndian.Uint32(b[body+8:])
			codec = map[uint16]string{1: "pcm_s16le", 6: "alaw", 7: "mulaw"}[tag]
		case "data":
			dataLen = size
		}
		off = body + int(size) + int(size&1)
	}
	if byteRate > 0 {
		ms = int64(dataLen) * 1000 / int64(byteRate)
	}
	return rate, channels, codec, ms
}
