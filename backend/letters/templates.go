package letters

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhs-redline/redline/backend/outfile"
)

// Templates are the trust's .docx letter templates in the data folder,
// copied from Redline's defaults the first time each is used.
type Templates struct {
	Dir  string
	Docs Renderer // reads and fills the templates
}

// TemplatesIn is the template folder of a data directory.
func TemplatesIn(dataDir string, docs Renderer) Templates {
	return Templates{Dir: filepath.Join(dataDir, "letter-templates"), Docs: docs}
}

// Path is where a kind's template lives.
func (t Templates) Path(kind string) string { return filepath.Join(t.Dir, kind+".docx") }

// TemplateInfo describes a kind's template for the Letters screen.
type TemplateInfo struct {
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Path      string   `json:"path"`
	SHA256    string   `json:"sha256"`
	IsDefault bool     `json:"isDefault"`
	Fields    []string `json:"fields"`
	Problem   string   `json:"problem"` // why it cannot be used, if it cannot
}

// Load returns a kind's template, copying the default on first use.
func (t Templates) Load(kind string) ([]byte, string, error) {
	def, err := t.Docs.Default(kind)
	if err != nil {
		return nil, "", err
	}
	b, err := os.ReadFile(t.Path(kind))
	if errors.Is(err, os.ErrNotExist) {
		if err := t.write(t.Path(kind), def); err != nil {
			return nil, "", fmt.Errorf("copy the default %s template to %s: %w", kind, t.Dir, err)
		}
		b = def
	} else if err != nil {
		return nil, "", fmt.Errorf("read template %s: %w", t.Path(kind), err)
	}
	return b, sha(b), nil
}

// Check lists the fields a template uses, refusing one a kind cannot use.
func (t Templates) Check(kind, name string, template []byte) ([]string, error) {
	used, err := t.Docs.Fields(name, template)
	if err != nil {
		return nil, err
	}
	return used, CheckFields(kind, name, used)
}

// Info describes every kind's template, checking each.
func (t Templates) Info() ([]TemplateInfo, error) {
	var out []TemplateInfo
	for _, kind := range Kinds {
		b, sum, err := t.Load(kind)
		if err != nil {
			return nil, err
		}
		def, _ := t.Docs.Default(kind)
		info := TemplateInfo{Kind: kind, Title: KindTitle[kind], Path: t.Path(kind), SHA256: sum, IsDefault: sha(def) == sum}
		info.Fields, err = t.Check(kind, filepath.Base(t.Path(kind)), b)
		if err != nil {
			info.Problem = err.Error()
		}
		out = append(out, info)
	}
	return out, nil
}

// maxTemplate bounds a template file: letters are kilobytes, a logo or two at most.
const maxTemplate = 20 << 20

// Replace checks a .docx the user chose and, if it is a valid template for
// kind, makes it the current one; the old one is kept as <kind>.previous.docx.
func (t Templates) Replace(kind, src string) (string, error) {
	b, err := readTemplate(src)
	if err != nil {
		return "", err
	}
	if _, err := t.Check(kind, filepath.Base(src), b); err != nil {
		return "", err
	}
	if old, err := os.ReadFile(t.Path(kind)); err == nil {
		if err := t.write(filepath.Join(t.Dir, kind+".previous.docx"), old); err != nil {
			return "", err
		}
	}
	if err := t.write(t.Path(kind), b); err != nil {
		return "", err
	}
	return sha(b), nil
}

func readTemplate(src string) ([]byte, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", src, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTemplate+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	if len(b) > maxTemplate {
		return nil, fmt.Errorf("%s is larger than 20 MB: a letter template should be far smaller", filepath.Base(src))
	}
	if !strings.EqualFold(filepath.Ext(src), ".docx") {
		return nil, fmt.Errorf("%s is not a .docx file: save the template from Word as a Word Document (.docx)", filepath.Base(src))
	}
	return b, nil
}

// RestoreDefault puts Redline's own template back.
func (t Templates) RestoreDefault(kind string) (string, error) {
	def, err := t.Docs.Default(kind)
	if err != nil {
		return "", err
	}
	return sha(def), t.write(t.Path(kind), def)
}

// SaveCopy writes a kind's current template to dst for editing in Word. A
// template holds the trust's wording, not a case's, so it is not audited.
func (t Templates) SaveCopy(kind, dst string) error {
	b, _, err := t.Load(kind)
	if err != nil {
		return err
	}
	return outfile.WriteBytes(dst, b)
}

func (t Templates) write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return outfile.WriteBytes(path, b)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
