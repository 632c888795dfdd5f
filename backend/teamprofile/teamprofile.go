// Package teamprofile is the team database connection a person saves in
// their own profile folder (team.json): server, port, database and user
// name in plain JSON, the password only as backend/credential sealed it. It
// also owns turning the connection form's fields into a postgres:// address
// (escaped by net/url, never pasted together from text) and explaining, beside
// the right field, why a team database could not be used.
package teamprofile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/credential"
	"github.com/nhs-redline/redline/backend/outfile"
	"github.com/nhs-redline/redline/backend/problem"
)

// EnvDir overrides the profile folder (tests, and the end-to-end runs, so
// that nobody's real profile is touched).
const EnvDir = "REDLINE_CONFIG_DIR"

// FileName is the saved connection inside the profile folder.
const FileName = "team.json"

// DefaultPort is PostgreSQL's.
const DefaultPort = 5432

// Dir is the user's Redline profile folder: REDLINE_CONFIG_DIR, or
// Redline in the per-user configuration folder (%AppData%\Redline on
// Windows, ~/.config/Redline on Linux).
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "Redline"), nil
}

// Connection is where the team database is and who connects to it: never
// the password.
type Connection struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
}

// Form is the connection form's fields as typed.
type Form struct {
	Host     string `json:"host"`
	Port     string `json:"port"`
	Database string `json:"database"`
	User     string `json:"user"`
	Password string `json:"password"`
}

// Parse checks the form's fields and returns the connection they name, or
// a problem beside the first field that is wrong. The password is checked
// by whoever knows whether a saved one may stand in for it.
func Parse(f Form) (Connection, error) {
	c := Connection{Host: strings.TrimSpace(f.Host), Database: strings.TrimSpace(f.Database), User: strings.TrimSpace(f.User)}
	if err := checkHost(c.Host); err != nil {
		return c, err
	}
	port := strings.TrimSpace(f.Port)
	if port == "" {
		c.Port = DefaultPort
	} else if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return c, problem.InField("port", "The port must be a number from 1 to 65535 (usually 5432).")
	} else {
		c.Port = n
	}
	if c.Database == "" {
		return c, problem.InField("database", "Enter the name of the database, as your database administrator gave it to you (often redline).")
	}
	if c.User == "" {
		return c, problem.InField("user", "Enter your user name for the database.")
	}
	if len(c.Database) > 63 || len(c.User) > 63 || strings.ContainsRune(c.Database+c.User, 0) {
		return c, problem.InField("database", "The database and user names can be at most 63 characters long.")
	}
	return c, nil
}

// checkHost allows a DNS name or an IP address, nothing that could carry a
// second host, a port, a path or options into the address.
func checkHost(h string) error {
	if h == "" {
		return problem.InField("host", "Enter the server's name or address, such as redline-db.trust.nhs.uk.")
	}
	if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
		return nil
	}
	ok := len(h) <= 253
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			ok = false
		}
	}
	if !ok || strings.HasPrefix(h, ".") || strings.HasPrefix(h, "-") || strings.Contains(h, "..") {
		return problem.InField("host", "%q is not a server name or address. Enter only the name, such as redline-db.trust.nhs.uk, without postgres:// or a port.", h)
	}
	return nil
}

// Local reports whether the server is this computer, the one place Redline
// may connect without TLS.
func (c Connection) Local() bool {
	if c.Host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(c.Host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// URL is the postgres:// address of c with password. Another computer is
// reached only over TLS with its certificate checked against the ones this
// computer trusts (sslmode=verify-full); this computer over TLS if offered.
func (c Connection) URL(password string) string {
	mode := "verify-full"
	if c.Local() {
		mode = "prefer"
	}
	u := url.URL{Scheme: "postgres", User: url.UserPassword(c.User, password),
		Host: net.JoinHostPort(strings.Trim(c.Host, "[]"), strconv.Itoa(c.Port)), Path: "/" + c.Database,
		RawQuery: url.Values{"sslmode": {mode}, "application_name": {"Redline"}}.Encode()}
	return u.String()
}

// String names c for people: user, server and database, never a password.
func (c Connection) String() string {
	return fmt.Sprintf("the database %s on %s (port %d) as %s", c.Database, c.Host, c.Port, c.User)
}

// Profile is a saved connection and its sealed password.
type Profile struct {
	Connection
	Sealed []byte `json:"sealedPassword"` // credential.Seal's bytes; base64 in the file
}

// Save keeps c and its password (sealed) in dir, replacing what was saved.
func Save(dir string, c Connection, password string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("make the profile folder %s: %w", dir, err)
	}
	sealed, err := credential.Seal(dir, []byte(password))
	if err != nil {
		return fmt.Errorf("protect the password: %w", err)
	}
	b, err := json.MarshalIndent(Profile{Connection: c, Sealed: sealed}, "", "  ")
	if err != nil {
		return err
	}
	return outfile.WriteBytes(filepath.Join(dir, FileName), append(b, '\n'))
}

// Load reads the saved connection, or nil when none is saved.
func Load(dir string) (*Profile, error) {
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var p Profile
	if err := json.Unmarshal(b, &p); err != nil || p.Host == "" || p.Port == 0 || p.Database == "" || p.User == "" {
		return nil, problem.New("The saved connection to the team database (%s) is damaged. "+
			"Enter the connection again, or choose Work on this laptop.", filepath.Join(dir, FileName))
	}
	return &p, nil
}

// Password opens the saved password, or refuses with credential.ErrUnreadable.
func (p *Profile) Password(dir string) (string, error) {
	b, err := credential.Open(dir, p.Sealed)
	return string(b), err
}

// Forget removes the saved connection and its password. Nothing saved is not an error.
func Forget(dir string) error {
	err := os.Remove(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
