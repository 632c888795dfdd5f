package workspace

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/demo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// OpenTeam opens a workspace over the security team's PostgreSQL database
// at dbURL: the store is the database and the vault its evidence files
// (vault.OpenTeam over store.VaultBlobs). The tools that need a real file
// (players, decoders, exports) get a checked copy in a cache folder of this
// computer's under localDir, one per team database, which is also the
// workspace's Dir. The schema is never changed here: only `team init` does.
//
// The audit log is not keyed: each laptop's key belongs to its own SQLite
// file, and a team has no shared audit key yet (docs/team-mode.md), so the
// entries written here carry plain SHA-256 links, as every team command's do.
func OpenTeam(dbURL, localDir string) (*Workspace, error) {
	if !store.IsDatabaseURL(dbURL) {
		return nil, fmt.Errorf("the team database's address should start postgres://")
	}
	dir, err := TeamCacheDir(localDir, dbURL)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(dbURL)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		st.Close()
		return nil, fmt.Errorf("create this computer's cache for the team database, %s: %w", dir, err)
	}
	v, err := vault.OpenTeam(filepath.Join(dir, "vault"), st.VaultBlobs())
	if err == nil {
		err = v.Sweep() // copies left half-fetched by a killed command
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return &Workspace{Dir: dir, Store: st, Vault: v}, nil
}

// TeamCacheDir is the folder under localDir (this computer's data folder)
// that caches files of the team database at dbURL. It is named after the
// server, database and user, hashed, so two team databases never share a
// cache and the folder's name carries no password or host name.
func TeamCacheDir(localDir, dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil || u.Host == "" && u.Path == "" {
		return "", fmt.Errorf("the team database's address cannot be read")
	}
	who := ""
	if u.User != nil {
		who = u.User.Username() // never the password: changing it keeps the cache
	}
	h := sha256.Sum256([]byte(who + "@" + u.Host + u.Path))
	return filepath.Join(localDir, "team", hex.EncodeToString(h[:8])), nil
}

// ErrPersonLogin says the demo was asked of a person's own login: only the
// administrator's login may write the demo's entries in its people's names.
var ErrPersonLogin = errors.New("Set up the demo with the administrator's login, which ran team init; " +
	"a person's own login can only write entries in their own name.")

// CreateTeamDemo builds the demo trust in the team database at dbURL, as
// CreateDemo does in a data folder, story and history included, but only
// into an empty database (as `team migrate` requires): a team database holds
// the team's work, so nothing here ever empties one, whatever o.Force says.
// localDir is this computer's data folder, for the evidence cache (OpenTeam).
//
// It runs only under the administrator's login (the one that ran team
// init): the story writes audit entries and rows naming the demo's people,
// which the audit_log_actor trigger refuses from a person's own login.
func CreateTeamDemo(ctx context.Context, dbURL, localDir string, now time.Time, o DemoOptions) (*Workspace, demo.Summary, error) {
	if !o.Bare && o.Letters == nil {
		return nil, demo.Summary{}, errors.New("the demo's letters need a renderer: pass DemoOptions.Letters or ask for a bare demo")
	}
	ws, err := OpenTeam(dbURL, localDir)
	if err != nil {
		return nil, demo.Summary{}, err
	}
	if err := readyForDemo(ctx, ws.Store); err != nil {
		ws.Close()
		return nil, demo.Summary{}, err
	}
	sum, err := fillDemo(ctx, ws, now, o)
	if err != nil {
		ws.Close()
		return nil, sum, fmt.Errorf("build demo data: %w", err)
	}
	return ws, sum, nil
}

// readyForDemo refuses a person's login, then a team database that already
// holds work; the login first, so a person learns nothing of the tables.
func readyForDemo(ctx context.Context, st *store.Store) error {
	login, err := st.PersonLogin(ctx)
	if err != nil {
		return err
	}
	if login != "" {
		return ErrPersonLogin
	}
	full, err := st.TeamNonEmpty(ctx)
	if err != nil {
		return err
	}
	if len(full) > 0 {
		return fmt.Errorf("the team database already holds the team's work (%s): %w; the demo goes only into an empty "+
			"team database, and is never put in place of one, --force or not", strings.Join(full, ", "), ErrExists)
	}
	return nil
}
