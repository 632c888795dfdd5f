package letters

import (
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Renderer turns a Word template and merge values into a letter's files.
// reports/letters is the one Redline uses; it is handed in because backend
// never imports reports/, and a test can hand in letterstest's plain-text one.
// A Renderer only reads and fills documents: which fields a kind needs, and
// whether each has a value, are this package's rules (kinds.go).
type Renderer interface {
	// Default is the template Redline ships for kind, until the trust loads its own.
	Default(kind string) ([]byte, error)
	// Fields lists the distinct merge fields a template uses, refusing a
	// file that is not a template it can fill; name labels the file in errors.
	Fields(name string, template []byte) ([]string, error)
	// Render fills every field and prints the result.
	Render(name string, template []byte, values map[string]string, meta Meta) (Files, error)
}

// Meta labels a letter's PDF.
type Meta struct {
	Title   string
	Ref     string
	Created time.Time
	// Head is the audit head an exported copy carries (zero for the stored copy).
	Head store.AuditAnchor
}

// A Stamper makes the copy of a letter that leaves Redline from its stored,
// hash-checked DOCX: the same words, carrying meta.Head. A Renderer that is
// not one has its stored files copied out as they are.
type Stamper interface {
	Stamp(format string, docx []byte, meta Meta) ([]byte, error)
}

// Files are a rendered letter: the editable DOCX and a PDF with the same words.
type Files struct {
	Docx []byte
	PDF  []byte
}
