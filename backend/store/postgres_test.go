package store

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/nhs-redline/redline/backend/store/teamtest"
)

// teamKind opens url the way Open or InitTeam would and returns the kind of
// TeamError it gave, failing the test on any other outcome.
func teamKind(t *testing.T, err error, secret string) TeamErrorKind {
	t.Helper()
	var te *TeamError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a TeamError", err)
	}
	if secret != "" && strings.Contains(te.Message, secret) {
		t.Fatalf("the message shows the password: %s", te.Message)
	}
	if te.Message == "" || !strings.HasSuffix(te.Message, ".") {
		t.Fatalf("message %q: want a whole sentence", te.Message)
	}
	return te.Kind
}

func TestTeam_RefusesPlainTextToAnotherComputer(t *testing.T) {
	cases := []struct {
		url  string
		want bool // true: allowed
	}{
		{"postgres://u:pw@db.trust.nhs.uk/redline?sslmode=disable", false},
		{"postgres://u:pw@db.trust.nhs.uk/redline", false}, // libpq's default, prefer, falls back to plain text
		{"postgres://u:pw@db.trust.nhs.uk/redline?sslmode=prefer", false},
		{"postgres://u:pw@db.trust.nhs.uk/redline?sslmode=require", true},
		{"postgres://u:pw@db.trust.nhs.uk/redline?sslmode=verify-full", true},
		{"postgres://u:pw@localhost/redline?sslmode=disable", true},
		{"postgres://u:pw@127.0.0.1:55432/redline?sslmode=disable", true},
		{"postgres://u:pw@[::1]:55432/redline?sslmode=disable", true},
		{"postgres://u:pw@/redline?host=/var/run/postgresql&sslmode=disable", true},
	}
	for _, c := range cases {
		cfg, err := pgconn.ParseConfig(c.url)
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if got := requireTLS(cfg) == nil; got != c.want {
			t.Errorf("%s: allowed=%v, want %v", c.url, got, c.want)
		}
	}
	_, err := Open("postgres://u:hunter2@db.trust.nhs.uk/redline?sslmode=disable")
	if k := teamKind(t, err, "hunter2"); k != TeamInsecure {
		t.Fatalf("kind %s, want %s", k, TeamInsecure)
	}
}

func TestTeam_UnreadableAddressAndUnreachableServer(t *testing.T) {
	_, err := InitTeam(context.Background(), "postgres://u:hunter2@[::1/redline")
	if k := teamKind(t, err, "hunter2"); k != TeamBadURL {
		t.Fatalf("kind %s, want %s", k, TeamBadURL)
	}
	// A port nobody listens on: take a free one and let it go.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = InitTeam(context.Background(), "postgres://u:hunter2@"+addr+"/redline?sslmode=disable&connect_timeout=5")
	if k := teamKind(t, err, "hunter2"); k != TeamUnreachable {
		t.Fatalf("kind %s, want %s", k, TeamUnreachable)
	}
	if !strings.Contains(err.Error(), addr) {
		t.Fatalf("message does not name the server: %s", err)
	}
}

func TestTeam_WrongPasswordAndMissingDatabase(t *testing.T) {
	teamtest.Skip(t)
	u, _ := url.Parse(teamtest.Server())
	u.User = url.UserPassword(u.User.Username(), "not-the-password")
	_, err := InitTeam(context.Background(), u.String())
	if k := teamKind(t, err, "not-the-password"); k != TeamRefused {
		t.Fatalf("kind %s, want %s", k, TeamRefused)
	}
	_, err = Open(teamtest.WithDatabase(t, teamtest.Server(), "no_such_redline_db"))
	if k := teamKind(t, err, ""); k != TeamNoDatabase || !strings.Contains(err.Error(), "no_such_redline_db") {
		t.Fatalf("kind %s (%v), want %s naming the database", k, err, TeamNoDatabase)
	}
}

func TestTeam_SchemaStates(t *testing.T) {
	ctx := context.Background()
	t.Run("empty database is not set up until team init", func(t *testing.T) {
		url := teamtest.NewDatabase(t)
		_, err := Open(url)
		if k := teamKind(t, err, ""); k != TeamNotSetUp {
			t.Fatalf("kind %s, want %s", k, TeamNotSetUp)
		}
	})
	t.Run("someone else's tables are left alone", func(t *testing.T) {
		url := teamtest.NewDatabase(t)
		teamtest.Exec(t, url, `CREATE TABLE patients (id int)`)
		_, err := InitTeam(ctx, url)
		if k := teamKind(t, err, ""); k != TeamNotRedline {
			t.Fatalf("kind %s, want %s", k, TeamNotRedline)
		}
		_, err = Open(url)
		if k := teamKind(t, err, ""); k != TeamNotRedline {
			t.Fatalf("open: kind %s, want %s", k, TeamNotRedline)
		}
	})
	t.Run("another tool's schema_migrations is not Redline's", func(t *testing.T) {
		url := teamtest.NewDatabase(t)
		teamtest.Exec(t, url, `CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)`)
		_, err := InitTeam(ctx, url)
		if k := teamKind(t, err, ""); k != TeamNotRedline {
			t.Fatalf("kind %s, want %s", k, TeamNotRedline)
		}
	})
	t.Run("a schema upgraded by a newer Redline", func(t *testing.T) {
		url := initTeamTest(t)
		teamtest.Exec(t, url, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, '9999_future.sql', 0)`)
		_, err := InitTeam(ctx, url)
		if k := teamKind(t, err, ""); k != TeamNewer || !strings.Contains(err.Error(), "9999") {
			t.Fatalf("init: kind %s (%v), want %s naming the step", k, err, TeamNewer)
		}
		_, err = Open(url)
		if k := teamKind(t, err, ""); k != TeamNewer {
			t.Fatalf("open: kind %s, want %s", k, TeamNewer)
		}
	})
	t.Run("an older schema is refused until team init upgrades it", func(t *testing.T) {
		url := initTeamTest(t)
		teamtest.Exec(t, url, `DROP TABLE export_register`, `DELETE FROM schema_migrations WHERE version = 75`)
		_, err := Open(url)
		if k := teamKind(t, err, ""); k != TeamBehind {
			t.Fatalf("kind %s, want %s", k, TeamBehind)
		}
		res, err := InitTeam(ctx, url)
		if err != nil || len(res.Applied) != 1 || res.Applied[0] != "0075_export_register.sql" {
			t.Fatalf("upgrade: %+v (%v), want 0075 applied alone", res, err)
		}
		openTeamURL(t, url)
	})
}
