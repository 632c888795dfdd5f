package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/nhs-redline/redline/backend/store"
)

// dbEnv names the team database when --db is not given.
const dbEnv = "REDLINE_DB"

// cmdTeam is team mode's administration: `team init` creates the Redline
// schema in the security team's PostgreSQL database, or upgrades it.
func cmdTeam(ctx context.Context, e *env, args []string) error {
	fs := flags("team init", e)
	db := fs.String("db", "", "the team database, postgres://USER@HOST:5432/DATABASE?sslmode=verify-full "+
		"(default $"+dbEnv+"); give the password in PGPASSWORD or ~/.pgpass, not in the address")
	asJSON := fs.Bool("json", false, "print what was found and done as JSON")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *db == "" { // read after parsing, so help never prints an address that may hold a password
		*db = os.Getenv(dbEnv)
	}
	if *db == "" {
		return usageErr("team init: say which database with --db postgres://USER@HOST/DATABASE or %s.", dbEnv)
	}
	if !store.IsDatabaseURL(*db) {
		return badInput("team init: --db is not a PostgreSQL address; it should start postgres://.")
	}
	res, err := store.InitTeam(ctx, *db)
	if err != nil {
		return teamProblem(err)
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(res)
	}
	switch {
	case res.Before == 0:
		fmt.Fprintf(e.stdout, "Team database %s set up: schema version %d.\n", res.Database, res.After)
	case len(res.Applied) > 0:
		fmt.Fprintf(e.stdout, "Team database %s upgraded: schema version %d, was %d.\n", res.Database, res.After, res.Before)
	default:
		fmt.Fprintf(e.stdout, "Team database %s is up to date: schema version %d.\n", res.Database, res.After)
	}
	fmt.Fprintf(e.stdout, "Team mode is being built: %d of Redline's %d schema steps exist on PostgreSQL so far (docs/team-mode.md).\n",
		res.Ported, res.Total)
	return nil
}

// teamProblem gives a team database's refusal its kind and exit code: the
// kind is the store's own (unreachable, refused, not_redline, newer, ...),
// so scripts can tell a wrong password from a server that is down.
func teamProblem(err error) error {
	var te *store.TeamError
	if !errors.As(err, &te) {
		return err
	}
	code := exitFailure
	switch te.Kind {
	case store.TeamBadURL, store.TeamInsecure:
		code = exitBadInput
	}
	return problem{string(te.Kind), code, te.Message}
}
