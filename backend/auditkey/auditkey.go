// Package auditkey keeps, outside the database, the secret that seals each
// database's audit log and the entry from which it does, so that someone
// holding the database file alone cannot rewrite the log unseen.
package auditkey

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/store"
)

// EnvDir overrides where the keys are kept (tests, or a trust that wants
// them on another drive). It must not be inside the data folder.
const EnvDir = "REDLINE_AUDIT_KEY_DIR"

// SettingKey is the database setting naming its key. The id is not secret:
// it only says which key file belongs to the database.
const SettingKey = "audit.key_id"

// ErrNotHeld says this computer (this account) has no key with that id.
var ErrNotHeld = errors.New("this computer does not hold the audit key")

// Key is one database's audit key and where it starts sealing. Everything
// here is kept together outside the database: the switch point is only as
// safe as the secret beside it.
type Key struct {
	ID     string `json:"id"`
	Secret []byte `json:"secret"` // 32 random bytes
	// From is the first entry sealed with Secret: 1 for a new database, the
	// next entry for one that had a plain-SHA-256 log when it was first opened
	// with a key.
	From int64 `json:"from"`
	// Before is the newest entry when the key was made; the entries up to it
	// predate the key.
	Before store.AuditAnchor `json:"before"`
	// Elsewhere says the entries before From were sealed with a key this
	// computer never held: the database named a key that is not here.
	Elsewhere bool `json:"elsewhere"`
	// Database is the file the key was made for. It finds the key again if
	// the database stops naming it (its setting removed or changed).
	Database string    `json:"database"`
	Made     time.Time `json:"made"`

	note string // how the key was found, when a person should know
}

// Seal is the key as the store uses it.
func (k Key) Seal() store.AuditSeal {
	return store.AuditSeal{Key: k.Secret, From: k.From, Before: k.Before, Elsewhere: k.Elsewhere, Note: k.note}
}

// Ring is the folder of keys on this computer, one file per database.
type Ring struct{ dir string }

// DefaultDir is where this account keeps its keys: $REDLINE_AUDIT_KEY_DIR,
// else a per-user folder away from the data folder (see platformDir).
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return filepath.Abs(d)
	}
	return platformDir()
}

// Open opens (creating if needed) the key folder dir, readable only by
// this account.
func Open(dir string) (*Ring, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the audit key folder %s: %w", dir, err)
	}
	if err := restrictDir(dir); err != nil {
		return nil, fmt.Errorf("make the audit key folder %s private: %w", dir, err)
	}
	return &Ring{dir: dir}, nil
}

// Dir is the folder the ring keeps its keys in.
func (r *Ring) Dir() string { return r.dir }

// Outside refuses a ring inside dataDir: a key that is copied with the
// database protects nothing.
func (r *Ring) Outside(dataDir string) error {
	rel, err := filepath.Rel(dataDir, r.dir)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("the audit key folder %s is inside the data folder %s, so the key would travel with the database: set %s to a folder elsewhere", r.dir, dataDir, EnvDir)
	}
	return nil
}

var idPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (r *Ring) path(id string) string { return filepath.Join(r.dir, id+".key") }

// Load reads the key with id, or ErrNotHeld.
func (r *Ring) Load(id string) (Key, error) {
	if !idPattern.MatchString(id) {
		return Key{}, fmt.Errorf("audit key id %q: %w", id, ErrNotHeld)
	}
	blob, err := os.ReadFile(r.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return Key{}, fmt.Errorf("audit key %s: %w", id, ErrNotHeld)
	}
	if err != nil {
		return Key{}, fmt.Errorf("read the audit key %s: %w", r.path(id), err)
	}
	k, err := decode(blob)
	if err != nil || k.ID != id {
		return Key{}, fmt.Errorf("the audit key file %s cannot be read by this account or is damaged (%v): restore it from a backup of this account", r.path(id), err)
	}
	return k, nil
}

// Save writes k, protected for this account, atomically.
func (r *Ring) Save(k Key) error {
	b, err := json.Marshal(k)
	if err != nil {
		return err
	}
	blob, err := protect(b)
	if err != nil {
		return fmt.Errorf("protect the audit key: %w", err)
	}
	if err := outfile.WriteBytes(r.path(k.ID), blob); err != nil {
		return fmt.Errorf("save the audit key in %s: %w", r.dir, err)
	}
	return nil
}

func decode(blob []byte) (Key, error) {
	b, err := unprotect(blob)
	if err != nil {
		return Key{}, err
	}
	var k Key
	if err := json.Unmarshal(b, &k); err != nil {
		return Key{}, err
	}
	if len(k.Secret) != secretLen || k.From < 1 || k.Before.Seq != k.From-1 {
		return Key{}, errors.New("not a Redline audit key")
	}
	return k, nil
}

// madeFor is the newest key made for the database file at path, if any.
// Files this account cannot read are skipped: they are not its keys.
func (r *Ring) madeFor(path string) (Key, bool, error) {
	names, err := filepath.Glob(filepath.Join(r.dir, "*.key"))
	if err != nil {
		return Key{}, false, err
	}
	var best Key
	for _, name := range names {
		blob, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		if k, err := decode(blob); err == nil && samePath(k.Database, path) && k.Made.After(best.Made) {
			best = k
		}
	}
	return best, best.ID != "", nil
}

const secretLen = 32

func random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return b
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return filepath.Clean(a)
	}
	return p
}
