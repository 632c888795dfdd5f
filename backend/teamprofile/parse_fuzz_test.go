package teamprofile

import (
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// FuzzParse: whatever is typed into the connection form, either a problem
// names one of the form's fields, or the address built from it reads back
// (as pgx reads it) as exactly the server, port, database, user and password
// typed, with TLS required for any server but this computer: nothing typed
// can add a host, an option or a second address.
func FuzzParse(f *testing.F) {
	f.Add("redline-db.trust.nhs.uk", "5432", "redline", "alice", "pw")
	f.Add("127.0.0.1", "", "redline", "a@b:c", "p@ss/w:rd?#&=% ")
	f.Add("db?sslmode=disable", "5432", "x", "u", "p")
	f.Add("db", "5432", "red line/x?sslmode=disable", "u host=evil", "p' sslmode=disable")
	f.Add("::1", "1", "d", "u", "")
	f.Add("[fe80::1]", "65535", "d", "u", "x")
	f.Add("db,evil", "5432", "d", "u", "x")
	f.Fuzz(func(t *testing.T, host, port, db, user, password string) {
		c, err := Parse(Form{Host: host, Port: port, Database: db, User: user, Password: password})
		if err != nil {
			if f := fieldOfErr(err); !slices.Contains([]string{"host", "port", "database", "user"}, f) {
				t.Fatalf("Parse(%q, %q, %q, %q): %v names field %q", host, port, db, user, err, f)
			}
			return
		}
		if strings.ContainsRune(password, 0) {
			return // pgx cannot carry a NUL in a password; the server would refuse it anyway
		}
		cfg, err := pgconn.ParseConfig(c.URL(password))
		if err != nil {
			t.Fatalf("the address built from %+v does not parse: %v", c, err)
		}
		if cfg.Host != strings.Trim(c.Host, "[]") || int(cfg.Port) != c.Port || cfg.Database != c.Database ||
			cfg.User != c.User || cfg.Password != password || len(cfg.Fallbacks) > 1 {
			t.Fatalf("%+v (password %q) reads back as host %q port %d db %q user %q password %q, %d fallbacks",
				c, password, cfg.Host, cfg.Port, cfg.Database, cfg.User, cfg.Password, len(cfg.Fallbacks))
		}
		if !c.Local() && cfg.TLSConfig == nil {
			t.Fatalf("%s is reached without TLS", c.Host)
		}
	})
}
