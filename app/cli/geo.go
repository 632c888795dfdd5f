package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/geoexport"
)

func init() {
	register("export", "export alerts for GIS tools and the police: export geojson --out FILE", cmdExport)
	register("hotspots", "list areas of repeated red alerts as JSON (hotspots --json)", cmdHotspots)
}

// maxCLIExport bounds an export held in memory; narrow the dates for more.
const maxCLIExport = 1_000_000

// mapSettings mirrors the fields of the app's "map.settings" value that the
// CLI needs, so both read the hotspot parameters the LSMS chose in Settings.
type mapSettings struct {
	HotspotEpsM     float64  `json:"hotspotEpsM"`
	HotspotMinPts   int      `json:"hotspotMinPts"`
	HotspotValidity []string `json:"hotspotValidity"`
}

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
	if *format != "geojson" && *format != "kml" {
		return badInput("export geojson: --format must be geojson or kml, not %q", *format)
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
	alerts, err := ws.Store.LocatedAlerts(ctx, f, maxCLIExport)
	if err != nil {
		return err
	}
	res, err := writeExport(*out, e.stdout, func(w io.Writer) (geoexport.Result, error) {
		if *format == "kml" {
			return geoexport.KML(w, "Redline alerts", alerts)
		}
		return geoexport.GeoJSON(w, alerts)
	})
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

// writeExport writes to standard output ("-"), straight into a device or pipe
// (renaming over /dev/stdout would replace the device node), or through a
// temporary file renamed into place so a failure never leaves half a file.
func writeExport(out string, stdout io.Writer, write func(io.Writer) (geoexport.Result, error)) (geoexport.Result, error) {
	if out == "-" {
		return write(stdout)
	}
	if resolved, err := filepath.EvalSymlinks(out); err == nil {
		out = resolved
	}
	if fi, err := os.Stat(out); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return geoexport.Result{}, fmt.Errorf("%s is a folder: give a file name", out)
		}
		f, err := os.OpenFile(out, os.O_WRONLY, 0)
		if err != nil {
			return geoexport.Result{}, err
		}
		res, err := write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return res, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".redline-export-*")
	if err != nil {
		return geoexport.Result{}, fmt.Errorf("cannot write next to %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	res, err := write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	return res, os.Rename(tmp.Name(), out)
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
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	p := geo.DefaultHotspotParams
	if raw, err := ws.Store.Setting(ctx, "map.settings", ""); err != nil {
		return err
	} else if raw != "" {
		var s mapSettings
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return fmt.Errorf("hotspots: the saved map settings are damaged (%v): save them again in Settings", err)
		}
		p.EpsM, p.MinPts, p.Validity = s.HotspotEpsM, s.HotspotMinPts, s.HotspotValidity
	}
	if *eps != 0 {
		p.EpsM = *eps
	}
	if *minPts != 0 {
		p.MinPts = *minPts
	}
	p.From, p.To = f.From, f.To
	hs, err := geo.FindHotspots(ctx, ws.Store, p)
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
