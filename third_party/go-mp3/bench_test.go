// Added for Redline: decode speed per MPEG version (see README.md, "Speed").

package mp3

import (
	"bytes"
	"io"
	"io/ioutil"
	"path/filepath"
	"testing"
)

// BenchmarkDecode reports seconds of audio decoded per second of CPU (x_realtime).
func BenchmarkDecode(b *testing.B) {
	for _, c := range oracleCases {
		data, err := ioutil.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.file, func(b *testing.B) {
			buf := make([]byte, 1<<15)
			var n int64
			for i := 0; i < b.N; i++ {
				d, err := NewDecoder(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				for {
					m, err := d.Read(buf)
					n += int64(m)
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(n)/4/float64(c.rate)/b.Elapsed().Seconds(), "x_realtime")
		})
	}
}
