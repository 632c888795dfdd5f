package teamprofile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/store"
)

// fieldOf is the connection form's field each kind of failure is about.
var fieldOf = map[store.TeamErrorKind]string{
	store.TeamBadURL:      "host",
	store.TeamInsecure:    "host",
	store.TeamUnreachable: "host",
	store.TeamRefused:     "password",
	store.TeamNoDatabase:  "database",
	store.TeamNotRedline:  "database",
	store.TeamNotSetUp:    "database",
	store.TeamBehind:      "database",
	store.TeamNewer:       "database",
}

// Explain turns a failure to open the team database at c into a problem
// beside the form field it is about, naming the server and database as the
// person typed them rather than as an address. A TLS failure, which the
// store reports as unreachable, is said as what it is; a schema Redline
// cannot use says who can put it right. Anything that is not a
// store.TeamError is returned as it was, for problem.Explain.
func Explain(c Connection, err error) error {
	var te *store.TeamError
	if !errors.As(err, &te) {
		return err
	}
	return &problem.Problem{Message: message(c, te), Field: fieldOf[te.Kind]}
}

func message(c Connection, te *store.TeamError) string {
	db := fmt.Sprintf("the database %s on %s", c.Database, c.Host)
	switch te.Kind {
	case store.TeamUnreachable:
		if tlsFailed(te.Err) {
			return "The server " + c.Host + " did not set up an encrypted (TLS) connection, or its certificate is not one this " +
				"computer trusts for that name. Redline reaches a database on another computer only over TLS: check the " +
				"server's name is the one on its certificate, or ask your database administrator to turn TLS on."
		}
	case store.TeamNoDatabase:
		return fmt.Sprintf("The server %s (port %d) has no database called %q. Check the name, or ask your database "+
			"administrator to create it and set it up for Redline.", c.Host, c.Port, c.Database)
	case store.TeamNotRedline:
		return "The database " + c.Database + " on " + c.Host + " holds tables that are not Redline's, so Redline will not use it. " +
			"Check the name: Redline needs a database of its own, set up by your database administrator."
	case store.TeamNotSetUp:
		return "The database " + c.Database + " on " + c.Host + " is empty: it has not been set up for Redline yet. " +
			"Ask your database administrator to set it up (redline-cli team init), then connect again."
	case store.TeamBehind:
		return "The database " + c.Database + " on " + c.Host + " was set up by an older Redline than this one. Ask your " +
			"database administrator to upgrade it (redline-cli team init), then connect again. Nothing has been changed."
	case store.TeamNewer:
		return "The database " + c.Database + " on " + c.Host + " has been upgraded by a newer Redline than this one. " +
			"Update Redline on this computer, then connect again. Nothing has been changed."
	}
	// The store names the database by its address: say it as the form does.
	where := store.RedactURL(c.URL(""))
	msg := te.Message
	if rest, ok := strings.CutPrefix(msg, where); ok {
		return "The" + strings.TrimPrefix(db, "the") + fmt.Sprintf(" (port %d)", c.Port) + rest
	}
	return strings.ReplaceAll(msg, where, db+fmt.Sprintf(" (port %d)", c.Port))
}

// tlsFailed reports whether a connection failed while setting up TLS. pgx
// gives no type for "server refused TLS", so its words are looked for too.
func tlsFailed(err error) bool {
	if err == nil {
		return false
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "tls") || strings.Contains(s, "x509") || strings.Contains(s, "certificate")
}
