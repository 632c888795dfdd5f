// Package pdffont embeds the DejaVu Sans fonts (Bitstream Vera licence, see
// LICENSE.txt) so Redline's PDFs print any name, not only Windows-1252 ones.
package pdffont

import (
	_ "embed"

	"github.com/go-pdf/fpdf"
)

//go:embed DejaVuSans.ttf
var regular []byte

//go:embed DejaVuSans-Bold.ttf
var bold []byte

// Family is the font family name to pass to SetFont after Register.
const Family = "DejaVu"

// Register adds the regular and bold faces to pdf.
func Register(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(Family, "", regular)
	pdf.AddUTF8FontFromBytes(Family, "B", bold)
}
