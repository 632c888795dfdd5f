package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
)

// dbEnv names the team database when --db is not given.
const dbEnv = "REDLINE_DB"

// cmdTeam is team mode's administration: `team init` creates the Redline
// schema in the security team's PostgreSQL database, or upgrades it.
func cmdTeam(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "migrate" {
		return cmdTeamMigrate(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] != "init" {
		return cmdTeamPeople(ctx, e, args)
	}
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
		fmt.Fprintln(e.stdout, "Team mode is being built: the schema is complete, `team migrate` copies a laptop in, evidence "+
			"files included, and every redline-cli command works on a team database, but the "+
			"window does not yet and there is no shared audit key (docs/team-mode.md).")
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
// points the commands at the team's PostgreSQL. Those that need only the
// database use openStore; those that need evidence files too open a team
// workspace (openTeam) once they have been shown to work there; the rest are
// refused, saying why.

// teamMode reports whether the commands run against a team database.
func (e *env) teamMode() bool { return e.db != "" }

// teamWorkspaceCommands work on a team workspace, evidence files included:
// each has a test against PostgreSQL (team_vault_test.go).
var teamWorkspaceCommands = map[string]bool{
	"vault verify": true, "recordings listens": true, "bundle build": true, "letters render": true, "purge": true,
	"transcribe": true, "trends": true, "export geojson": true, "risks export": true, "import": true, "demo": true,
}

// command is the name of the running command, as its flag set knows it.
func (e *env) command() string {
	if e.fs == nil {
		return "this command"
	}
	return strings.TrimPrefix(e.fs.Name(), "redline-cli ")
}

// refuseTeam is the error of a command that cannot run on a team database yet.
func (e *env) refuseTeam() error {
	name := e.command()
	why := "it has not been moved to the team database yet"
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

// openTeam opens the team workspace (database and evidence files) for a
// command shown to work there, and refuses the others before connecting.
func (e *env) openTeam() (*workspace.Workspace, error) {
	if !teamWorkspaceCommands[e.command()] {
		return nil, e.refuseTeam()
	}
	if e.helpOnly {
		return nil, errors.New("help does not open the database")
	}
	if !store.IsDatabaseURL(e.db) {
		return nil, badInput("--db (or %s) is not a PostgreSQL address; it should start postgres://.", dbEnv)
	}
	local, err := e.localDir()
	if err != nil {
		return nil, err
	}
	ws, err := workspace.OpenTeam(e.db, local)
	if err != nil {
		return nil, teamProblem(err)
	}
	if teamWriters[e.command()] {
		fmt.Fprintln(e.stderr, "Note: team mode has no shared audit key yet, so the audit entries this command writes "+
			"are chained with plain SHA-256, not sealed with a key (docs/team-mode.md).")
	}
	return ws, nil
}

// teamWriters are the team workspace commands that may append to the audit
// log (a dry run or an unsaved transcript does not, but is told all the same).
var teamWriters = map[string]bool{"bundle build": true, "letters render": true, "purge": true, "transcribe": true,
	"export geojson": true, "risks export": true, "import": true, "demo": true}
