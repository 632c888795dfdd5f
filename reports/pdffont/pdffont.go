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

// Register adds the regular and bold faces to pdf, and writes its fonts in a
// fixed order rather than a map's, so the same document gives the same bytes
// and the same SHA-256 (a letter or transcript in a court bundle is an exhibit).
func Register(pdf *fpdf.Fpdf) {
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes(Family, "", regular)
	pdf.AddUTF8FontFromBytes(Family, "B", bold)
}
