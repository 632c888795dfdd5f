package arc

import (
	"context"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkImport_100kAmber imports a generated canonical export of 100,000
// amber and 1,000 red alerts (bench/import makes it); b.N imports into fresh
// databases. The full million-row run is bench/import/run.sh.
func BenchmarkImport_100kAmber(b *testing.B) {
	dir := os.Getenv("ARC_BENCH_DIR") // an export made by bench/import, to profile the full run
	if dir == "" {
		dir = b.TempDir()
		gen := exec.Command("go", "run", "../../bench/import", "-out", dir, "-amber", "100000", "-red", "1000")
		gen.Stderr = os.Stderr
		if err := gen.Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		sp := newSpace(b)
		b.StartTimer()
		res, err := Import(context.Background(), sp.st, sp.v, dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Summary.Alerts.New)/res.Seconds, "alerts/s")
	}
}
