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

// CreateTeamDemo builds the demo trust in the team database at dbURL, as
// CreateDemo does in a data folder, but only into an empty database (as
// `team migrate` requires): a team database holds the team's work, so
// nothing here ever empties one, whatever o.Force says. localDir is this
// computer's data folder, for the evidence cache (OpenTeam).
//
// Only the bare demo (the ARC's alerts and recordings) is built there: the
// demo's story approves letters as the person who drafted them, which a team
// database refuses (letters.Office.ApprovalByAnother), and stopping half-way
// would leave part of a demo in the team's database.
func CreateTeamDemo(ctx context.Context, dbURL, localDir string, now time.Time, o DemoOptions) (*Workspace, demo.Summary, error) {
	if !o.Bare {
		return nil, demo.Summary{}, errors.New("only the bare demo goes into a team database: the demo's story approves " +
			"letters as the person who drafted them, which a team database refuses")
	}
	ws, err := OpenTeam(dbURL, localDir)
	if err != nil {
		return nil, demo.Summary{}, err
	}
	full, err := ws.Store.TeamNonEmpty(ctx)
	if err == nil && len(full) > 0 {
		err = fmt.Errorf("the team database already holds the team's work (%s): %w; the demo goes only into an empty "+
			"team database, and is never put in place of one, --force or not", strings.Join(full, ", "), ErrExists)
	}
	if err != nil {
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
