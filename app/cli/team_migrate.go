package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
	"github.com/nhs-redline/redline/backend/workspace"
)

// kindNotEmpty: the team database already holds a team's work.
const kindNotEmpty = "not_empty"

// kindTampered: evidence files or the audit log failed their check, so
// nothing was copied.
const kindTampered = "tampered"

// teamMigration is what `team migrate --json` prints.
type teamMigration struct {
	From     string         `json:"from"`
	Database string         `json:"database"`
	Vault    vault.TeamCopy `json:"vault"`
	Copy     store.TeamCopy `json:"copy"`
	Took     time.Duration  `json:"tookNs"`
}

// cmdTeamMigrate copies a laptop's data folder (database and evidence
// vault) into an empty team database. The order makes a stop at any point
// safe to run again: the evidence first (content-addressed, so a file
// nobody names yet harms nothing), then every table in one transaction.
func cmdTeamMigrate(ctx context.Context, e *env, args []string) error {
	fs := flags("team migrate", e)
	from := fs.String("from", "", "the laptop's data folder to copy (the one holding redline.db and vault/)")
	db := fs.String("db", "", "the empty team database, postgres://USER@HOST:5432/DATABASE?sslmode=verify-full "+
		"(default $"+dbEnv+"), signed in as the administrator who ran team init")
	asJSON := fs.Bool("json", false, "print what was copied and checked as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *db == "" {
		*db = e.db
	}
	switch {
	case *from == "":
		return usageErr("team migrate: say which data folder to copy with --from DATA_DIR.")
	case *db == "":
		return usageErr("team migrate: say which database with --db postgres://USER@HOST/DATABASE or %s.", dbEnv)
	case !store.IsDatabaseURL(*db):
		return badInput("team migrate: --db is not a PostgreSQL address; it should start postgres://.")
	}
	start := time.Now()
	res, err := migrateTeam(ctx, *from, *db)
	if err != nil {
		return err
	}
	res.Took = time.Since(start)
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(res)
	}
	printMigration(e, res)
	return nil
}

func migrateTeam(ctx context.Context, from, db string) (teamMigration, error) {
	res := teamMigration{Database: store.RedactURL(db)}
	dir, err := workspace.DataDir(from)
	if err != nil {
		return res, err
	}
	res.From = dir
	if !workspace.Exists(dir) {
		return res, notFound("team migrate: no Redline database in %s.", dir)
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		return res, err
	}
	defer ws.Close()
	if _, err := store.InitTeam(ctx, db); err != nil {
		return res, teamProblem(err)
	}
	dst, err := store.Open(db)
	if err != nil {
		return res, teamProblem(err)
	}
	defer dst.Close()
	if full, err := dst.TeamNonEmpty(ctx); err != nil {
		return res, err
	} else if len(full) > 0 {
		return res, notEmpty(res.Database, full)
	}
	if res.Vault, err = vault.CopyToTeam(ctx, ws.Vault, dst.VaultBlobs()); err != nil {
		return res, err
	}
	if n := len(res.Vault.Tampered); n > 0 {
		return res, problem{kindTampered, exitFailure, fmt.Sprintf("team migrate: %d evidence file(s) in %s no longer match their "+
			"SHA-256 (%s): nothing of the database was copied. Run `redline-cli vault verify` there and look into them first.",
			n, ws.Vault.Root(), strings.Join(res.Vault.Tampered, ", "))}
	}
	res.Copy, err = store.CopyToTeam(ctx, ws.Store, dst)
	if errors.Is(err, store.ErrTeamNotEmpty) {
		return res, problem{kindNotEmpty, exitFailure, "team migrate: " + err.Error() + ": someone wrote to it during the copy; nothing was copied."}
	}
	return res, err
}

func notEmpty(where string, tables []string) error {
	if len(tables) > 5 {
		tables = append(tables[:5:5], "...")
	}
	return problem{kindNotEmpty, exitFailure, fmt.Sprintf("team migrate: %s already holds a team's work (%s): a laptop is "+
		"copied only into an empty team database. Nothing was copied.", where, strings.Join(tables, ", "))}
}

func printMigration(e *env, r teamMigration) {
	fmt.Fprintf(e.stdout, "Copied %s into %s in %s.\n", r.From, r.Database, r.Took.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "Evidence: %d files (%d bytes), each re-hashed; %d new to the team database.\n",
		r.Vault.Files, r.Vault.Bytes, r.Vault.Stored)
	fmt.Fprintf(e.stdout, "Database: %d rows in %d tables, ids kept.\n", r.Copy.Rows, len(r.Copy.Tables))
	fmt.Fprintf(e.stdout, "Audit log: %d entries, the same chain ending at entry %d, checked after the copy.\n",
		r.Copy.Audit.Entries, r.Copy.Audit.Head.Seq)
	if n := len(r.Copy.Missing); n > 0 {
		fmt.Fprintf(e.stdout, "Warning: %d evidence file(s) named by live recordings or letters were not in the laptop's vault "+
			"either: %s.\n", n, strings.Join(r.Copy.Missing, ", "))
	}
}
