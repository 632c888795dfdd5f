package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

func cmdExport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "geojson" {
		return badInput("export: say what to export: `redline-cli export geojson [--from DATE] [--to DATE] [--type T] [--validity V] [--format kml] --out FILE`")
	}
	fs := flags("export geojson", e)
	var types, validity listFlag
	fs.Var(&types, "type", "amber or red (repeat or comma-separate for several)")
	fs.Var(&validity, "validity", "genuine, precautionary, false, test, duplicate, auto_closed")
	from := fs.String("from", "", "first day, dd/mm/yyyy (UK time)")
	to := fs.String("to", "", "last day, inclusive, dd/mm/yyyy (UK time)")
	out := fs.String("out", "", "file to write, or - for standard output")
	format := fs.String("format", "geojson", "geojson or kml")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return badInput("export geojson: --out FILE is required (- for standard output)")
	}
	if err := exports.CheckAlertFormat(*format); err != nil {
		return badInput("export geojson: %v", err)
	}
	f, err := alertFilter("export geojson", types, validity, *from, *to)
	if err != nil {
		return err
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := exports.Alerts(ctx, ws.Store, who(ctx, ws.Store), f, *format, exports.Dest{Path: *out, Stream: e.stdout})
	if err != nil {
		return fmt.Errorf("export geojson: %w", err)
	}
	if *out == "-" {
		fmt.Fprintf(e.stderr, "Wrote %d located alerts to standard output.\n", res.Written)
		return nil
	}
	fmt.Fprintf(e.stdout, "Wrote %d located alerts to %s.\n", res.Written, *out)
	return nil
}

// alertFilter checks the shared filter flags and turns UK days into instants.
func alertFilter(cmd string, types, validity []string, from, to string) (store.AlertFilter, error) {
	f := store.AlertFilter{Types: types, Validity: validity}
	for _, t := range types {
		if !knownTypes[t] {
			return f, badInput("%s: unknown --type %q: use amber or red", cmd, t)
		}
	}
	for _, v := range validity {
		if !knownValidity[v] {
			return f, badInput("%s: unknown --validity %q", cmd, v)
		}
	}
	if from != "" {
		t, err := parseDay(from)
		if err != nil {
			return f, badInput("%s: --from: %v", cmd, err)
		}
		f.From = t.Unix()
	}
	if to != "" {
		t, err := parseDay(to)
		if err != nil {
			return f, badInput("%s: --to: %v", cmd, err)
		}
		f.To = t.AddDate(0, 0, 1).Unix()
	}
	if f.From != 0 && f.To != 0 && f.To <= f.From {
		return f, badInput("%s: --to is before --from", cmd)
	}
	return f, nil
}

func cmdHotspots(ctx context.Context, e *env, args []string) error {
	fs := flags("hotspots", e)
	asJSON := fs.Bool("json", false, "print JSON (the only format for now)")
	from := fs.String("from", "", "first day, dd/mm/yyyy (UK time)")
	to := fs.String("to", "", "last day, inclusive, dd/mm/yyyy (UK time)")
	eps := fs.Float64("eps", 0, "neighbourhood in metres (default: the value in Settings)")
	minPts := fs.Int("min", 0, "alerts that make a hotspot (default: the value in Settings)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*asJSON {
		return badInput("hotspots: add --json (other formats are not available yet)")
	}
	f, err := alertFilter("hotspots", nil, nil, *from, *to)
	if err != nil {
		return err
	}
	st, done, err := e.openStore()
	if err != nil {
		return err
	}
	defer done()
	set, err := geo.LoadMapSettings(ctx, st) // the parameters the LSMS chose in the window's Settings
	if err != nil {
		return err
	}
	p := set.HotspotParams()
	if *eps != 0 {
		p.EpsM = *eps
	}
	if *minPts != 0 {
		p.MinPts = *minPts
	}
	p.From, p.To = f.From, f.To
	hs, err := geo.FindHotspots(ctx, st, p)
	if err != nil {
		return badInput("%v", err)
	}
	if hs == nil {
		hs = []geo.Hotspot{}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(hs)
}
