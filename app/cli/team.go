package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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
	if *db == "" { // the global --db, or REDLINE_DB, read after parsing so help never prints a password
		*db = e.db
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
	if res.Ported < res.Total {
		fmt.Fprintf(e.stdout, "Team mode is being built: %d of Redline's %d schema steps exist on PostgreSQL so far (docs/team-mode.md).\n",
			res.Ported, res.Total)
	} else {
		fmt.Fprintln(e.stdout, "Team mode is being built: the schema is complete, but only alerts, hotspots, risks, letters and "+
			"audit verify work on a team database so far, and it holds no evidence files yet (docs/team-mode.md).")
	}
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

// Team mode for the other commands: the global --db URL (or REDLINE_DB)
// points the commands that need only the database at the team's PostgreSQL.
// Commands that also need evidence files (recordings, letters) are refused,
// saying so, because a team database does not hold them yet.

// teamMode reports whether the commands run against a team database.
func (e *env) teamMode() bool { return e.db != "" }

// vaultCommands need the evidence files; the rest that are refused in team
// mode need store functions not yet ported to PostgreSQL.
var vaultCommands = map[string]bool{
	"demo": true, "import": true, "transcribe": true, "purge": true, "vault verify": true,
	"bundle build": true, "letters render": true,
}

// refuseTeam is the error of a command that cannot run on a team database yet.
func (e *env) refuseTeam() error {
	name := "this command"
	if e.fs != nil {
		name = strings.TrimPrefix(e.fs.Name(), "redline-cli ")
	}
	why := "it has not been moved to the team database yet"
	if vaultCommands[name] {
		why = "it needs the evidence files (recordings, letters), and team mode does not hold evidence files yet"
	}
	return problem{kindTeamMode, exitBadInput, fmt.Sprintf("%s does not work in team mode: %s (docs/team-mode.md). "+
		"Run it without --db and %s to use this computer's data folder.", name, why, dbEnv)}
}

// kindTeamMode: the command does not work on a team database yet.
const kindTeamMode = "team_mode"

// openStore opens the database alone, for commands that need no evidence
// files: the team database when --db or REDLINE_DB names one, otherwise the
// data directory's own, opened (and its audit log keyed) as e.open does.
func (e *env) openStore() (*store.Store, func(), error) {
	if !e.teamMode() {
		ws, err := e.open()
		if err != nil {
			return nil, nil, err
		}
		return ws.Store, func() { ws.Close() }, nil
	}
	if e.helpOnly {
		return nil, nil, errors.New("help does not open the database")
	}
	if !store.IsDatabaseURL(e.db) {
		return nil, nil, badInput("--db (or %s) is not a PostgreSQL address; it should start postgres://.", dbEnv)
	}
	st, err := store.Open(e.db)
	if err != nil {
		return nil, nil, teamProblem(err)
	}
	return st, func() { st.Close() }, nil
}
