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

	rl "github.com/nhs-redline/redline/reports/letters"
)

// Templates are the trust's .docx letter templates in the data folder,
// copied from Redline's defaults the first time each is used.
type Templates struct{ Dir string }

// TemplatesIn is the template folder of a data directory.
func TemplatesIn(dataDir string) Templates {
	return Templates{Dir: filepath.Join(dataDir, "letter-templates")}
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
	def, err := rl.Default(kind)
	if err != nil {
		return nil, "", err
	}
	b, err := os.ReadFile(t.Path(kind))
	if errors.Is(err, os.ErrNotExist) {
		if err := writeAtomic(t.Path(kind), def); err != nil {
			return nil, "", fmt.Errorf("copy the default %s template to %s: %w", kind, t.Dir, err)
		}
		b = def
	} else if err != nil {
		return nil, "", fmt.Errorf("read template %s: %w", t.Path(kind), err)
	}
	return b, sha(b), nil
}

// Info describes every kind's template, checking each.
func (t Templates) Info() ([]TemplateInfo, error) {
	var out []TemplateInfo
	for _, kind := range rl.Kinds {
		b, sum, err := t.Load(kind)
		if err != nil {
			return nil, err
		}
		def, _ := rl.Default(kind)
		info := TemplateInfo{Kind: kind, Title: rl.KindTitle[kind], Path: t.Path(kind), SHA256: sum, IsDefault: sha(def) == sum}
		info.Fields, err = rl.Check(kind, filepath.Base(t.Path(kind)), b)
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
	f, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", src, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTemplate+1))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", src, err)
	}
	if len(b) > maxTemplate {
		return "", fmt.Errorf("%s is larger than 20 MB: a letter template should be far smaller", filepath.Base(src))
	}
	if !strings.EqualFold(filepath.Ext(src), ".docx") {
		return "", fmt.Errorf("%s is not a .docx file: save the template from Word as a Word Document (.docx)", filepath.Base(src))
	}
	if _, err := rl.Check(kind, filepath.Base(src), b); err != nil {
		return "", err
	}
	if old, err := os.ReadFile(t.Path(kind)); err == nil {
		if err := writeAtomic(filepath.Join(t.Dir, kind+".previous.docx"), old); err != nil {
			return "", err
		}
	}
	if err := writeAtomic(t.Path(kind), b); err != nil {
		return "", err
	}
	return sha(b), nil
}

// RestoreDefault puts Redline's own template back.
func (t Templates) RestoreDefault(kind string) (string, error) {
	def, err := rl.Default(kind)
	if err != nil {
		return "", err
	}
	return sha(def), writeAtomic(t.Path(kind), def)
}

func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
