package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

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
