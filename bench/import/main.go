// Command import-bench-gen writes a large canonical ARC export for the import
// benchmark: N amber alerts and M red alerts in time order, each with its
// best fix in the alarms file, and a trail of fixes per red alert in
// positions.csv. Run bench/import/run.sh for the measured comparison.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"
)

func main() {
	dir := flag.String("out", "", "folder to write the export into")
	amber := flag.Int("amber", 1_000_000, "amber alerts")
	red := flag.Int("red", 10_000, "red alerts")
	fixes := flag.Int("fixes", 5, "positions per red alert")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: import-bench-gen -out DIR [-amber N] [-red N]")
		os.Exit(2)
	}
	if err := write(*dir, *amber, *red, *fixes); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir string, amber, red, fixes int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	af, err := os.Create(filepath.Join(dir, "alarms.csv"))
	if err != nil {
		return err
	}
	defer af.Close()
	pf, err := os.Create(filepath.Join(dir, "positions.csv"))
	if err != nil {
		return err
	}
	defer pf.Close()
	a, p := bufio.NewWriterSize(af, 1<<20), bufio.NewWriterSize(pf, 1<<20)
	a.WriteString("arc,arc_ref,type,trigger,raised_at,answered_at,closed_at,validity,escalation,police_ref,operator,worker_ref,worker_name,team,staff_group,device_serial,memo,lat,lon,accuracy_m\n")
	p.WriteString("arc,arc_ref,fix_at,lat,lon,accuracy_m,source\n")
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Unix()
	span := int64(2 * 365 * 24 * 3600)
	teams := []string{"Leeds North District Nurses", "Bradford Mental Health Crisis", "Wakefield Community Midwives", "Calderdale Health Visitors"}
	iso := func(u int64) string { return time.Unix(u, 0).UTC().Format("2006-01-02T15:04:05Z") }
	// ARC reports list alarms in time order; red alarms are spread among the amber.
	n := amber + red
	redEvery := n + 1
	if red > 0 {
		redEvery = n / red
	}
	for i := 0; i < n; i++ {
		isRed := red > 0 && i%redEvery == redEvery-1 && i/redEvery < red
		w := r.IntN(6000)
		at := start + int64(i)*span/int64(n)
		lat, lon := 53.6+r.Float64()*0.4, -1.9+r.Float64()*0.5
		team := teams[w%len(teams)]
		if !isRed {
			fmt.Fprintf(a, "Bench ARC,AMB%08d,amber,amber_memo,%s,,,,none,,,LW%05d,Worker %d,%s,Community nursing,IMEI%07d,Visit memo %d,%.6f,%.6f,%d\n",
				i, iso(at), w, w, team, w, i%97, lat, lon, 4+r.IntN(40))
			continue
		}
		ref := fmt.Sprintf("RED%08d", i)
		fmt.Fprintf(a, "Bench ARC,%s,red,sos,%s,%s,%s,false,none,,Operator %d,LW%05d,Worker %d,%s,Community nursing,IMEI%07d,Accidental activation,%.6f,%.6f,%d\n",
			ref, iso(at), iso(at+8), iso(at+300), r.IntN(20), w, w, team, w, lat, lon, 10+r.IntN(90))
		for k := 0; k < fixes; k++ {
			fmt.Fprintf(p, "Bench ARC,%s,%s,%.6f,%.6f,%d,gps\n", ref, iso(at+int64(k*60)), lat+float64(k)*1e-4, lon, 5+k)
		}
	}
	if err := a.Flush(); err != nil {
		return err
	}
	return p.Flush()
}
