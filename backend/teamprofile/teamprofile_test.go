package teamprofile

import (
	"bytes"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/credential"
	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

func fieldOfErr(err error) string {
	var p *problem.Problem
	if errors.As(err, &p) {
		return p.Field
	}
	return "(not a problem)"
}

func TestParse_EachFieldCheckedBesideItself(t *testing.T) {
	good := Form{Host: " redline-db.trust.nhs.uk ", Port: "", Database: "redline", User: "alice"}
	c, err := Parse(good)
	if err != nil || c != (Connection{"redline-db.trust.nhs.uk", 5432, "redline", "alice"}) {
		t.Fatalf("good form: %+v, %v", c, err)
	}
	bad := map[string]struct {
		edit  func(*Form)
		field string
	}{
		"no host":            {func(f *Form) { f.Host = " " }, "host"},
		"address not a host": {func(f *Form) { f.Host = "postgres://db" }, "host"},
		"host with port":     {func(f *Form) { f.Host = "db:5432" }, "host"},
		"host with options":  {func(f *Form) { f.Host = "db/x?sslmode=disable" }, "host"},
		"host with user":     {func(f *Form) { f.Host = "eve@db" }, "host"},
		"second host":        {func(f *Form) { f.Host = "db,evil" }, "host"},
		"port not a number":  {func(f *Form) { f.Port = "54x" }, "port"},
		"port too big":       {func(f *Form) { f.Port = "70000" }, "port"},
		"no database":        {func(f *Form) { f.Database = "" }, "database"},
		"no user":            {func(f *Form) { f.User = "" }, "user"},
	}
	for name, tc := range bad {
		f := good
		tc.edit(&f)
		if _, err := Parse(f); fieldOfErr(err) != tc.field {
			t.Errorf("%s: %v (field %q), want a problem beside %s", name, err, fieldOfErr(err), tc.field)
		}
	}
	for _, h := range []string{"10.1.2.3", "::1", "[fe80::1]", "localhost", "db-01.example"} {
		if _, err := Parse(Form{Host: h, Database: "d", User: "u"}); err != nil {
			t.Errorf("host %q refused: %v", h, err)
		}
	}
}

func TestURL_EscapedAndTLSExceptToThisComputer(t *testing.T) {
	c := Connection{Host: "db.trust.nhs.uk", Port: 6543, Database: "red line/x?y", User: "a@b:c"}
	pw := "p@ss/w:rd?#&=%"
	u, err := url.Parse(c.URL(pw))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := u.User.Password()
	if u.User.Username() != c.User || got != pw || u.Host != "db.trust.nhs.uk:6543" || u.Path != "/"+c.Database {
		t.Fatalf("URL %s does not read back as %+v", u.Redacted(), c)
	}
	if q := u.Query(); q.Get("sslmode") != "verify-full" || len(q) != 2 {
		t.Fatalf("another computer: query %v, want sslmode=verify-full only", q)
	}
	for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
		u, _ := url.Parse(Connection{Host: h, Port: 5432, Database: "d", User: "u"}.URL("x"))
		if u.Query().Get("sslmode") != "prefer" {
			t.Errorf("%s: %s", h, u.Redacted())
		}
	}
}

func TestSave_FileHoldsNoPasswordAndReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Redline")
	c := Connection{Host: "db.trust.nhs.uk", Port: 5432, Database: "redline", User: "alice"}
	const pw = "Winter-2026-long-passphrase"
	if err := Save(dir, c, pw); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{FileName, credential.KeyFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && name == FileName {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(pw)) {
			t.Fatalf("%s holds the password in plain text", name)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, FileName)); fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s mode %v, want 0600", FileName, fi.Mode().Perm())
	}
	p, err := Load(dir)
	if err != nil || p == nil || p.Connection != c {
		t.Fatalf("load: %+v, %v", p, err)
	}
	if got, err := p.Password(dir); err != nil || got != pw {
		t.Fatalf("password: %q, %v", got, err)
	}

	p.Sealed[len(p.Sealed)-1] ^= 0x80
	if _, err := p.Password(dir); !errors.Is(err, credential.ErrUnreadable) || !strings.Contains(err.Error(), "Enter the password again") {
		t.Fatalf("tampered password: %v, want a plain refusal", err)
	}

	if err := Forget(dir); err != nil {
		t.Fatal(err)
	}
	if p, err := Load(dir); p != nil || err != nil {
		t.Fatalf("after Forget: %+v, %v", p, err)
	}
	if err := Forget(dir); err != nil {
		t.Fatalf("forget twice: %v", err)
	}
}

func TestLoad_DamagedFileIsAPlainProblem(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte(`{"host":`), 0o600)
	if _, err := Load(dir); !problem.Is(err) || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("damaged profile: %v", err)
	}
}

func TestDir_EnvironmentWins(t *testing.T) {
	want := t.TempDir()
	t.Setenv(EnvDir, want)
	if d, err := Dir(); err != nil || d != want {
		t.Fatalf("Dir %q, %v; want %q", d, err, want)
	}
}

func TestExplain_PlainTextAndTLSBesideTheServer(t *testing.T) {
	c := Connection{Host: "10.9.9.9", Port: 5432, Database: "redline", User: "alice"}
	_, err := store.Open("postgres://alice:pw@10.9.9.9:5432/redline?sslmode=disable")
	if e := Explain(c, err); fieldOfErr(e) != "host" || !strings.Contains(e.Error(), "TLS") {
		t.Fatalf("plain text to another computer: %v (field %s)", e, fieldOfErr(e))
	}

	// A server that answers the TLS request with "no", as PostgreSQL without ssl does.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conn.Read(make([]byte, 8))
			conn.Write([]byte("N"))
			conn.Close()
		}
	}()
	_, err = store.Open("postgres://alice:pw@" + ln.Addr().String() + "/redline?sslmode=require&connect_timeout=5")
	e := Explain(c, err)
	if fieldOfErr(e) != "host" || !strings.Contains(e.Error(), "encrypted (TLS)") || strings.Contains(e.Error(), "pw") {
		t.Fatalf("server without TLS: %v (field %s); store said %v", e, fieldOfErr(e), err)
	}

	other := errors.New("disk full")
	if Explain(c, other) != other {
		t.Fatal("a failure that is not the team database's was changed")
	}
}
