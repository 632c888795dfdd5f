package evidence

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/vault"
)

// confirmWait bounds how long the check waits for writers before it confirms
// that files are unreferenced; a variable so tests need not wait as long.
var confirmWait = 10 * time.Second

// candidate is a file that looked unreferenced while the vault was walked.
type candidate struct {
	sum string // "" for a file whose name is not a hash
	rel string
}

// files walks the vault and sorts each file by what names it. A file an
// import or a letter has just stored is not named until its row commits, so
// the ones that look unreferenced are looked at again with writers held off.
func (c *checker) files(ctx context.Context) error {
	if c.v.Team() {
		return c.teamFiles(ctx)
	}
	var cands []candidate
	err := filepath.WalkDir(c.v.Root(), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != c.v.Root() {
			return skipHidden(d) // the lock, journals and files being written
		}
		if d.IsDir() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.v.Root(), p)
		cand, err := c.file(ctx, rel)
		if err != nil || cand == nil {
			return err
		}
		if len(cands) < MaxProblems {
			cands = append(cands, *cand)
		} else {
			c.rep.More++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("evidence check: read the vault %s: %w", c.v.Root(), err)
	}
	return c.confirm(ctx, cands)
}

// teamFiles sorts the team database's files as files sorts a folder's. The
// database lists them by hash (Vault.Sums), so there is no stray file of
// another name to report, and no folder to walk.
func (c *checker) teamFiles(ctx context.Context) error {
	sums, err := c.v.Sums(ctx)
	if err != nil {
		return fmt.Errorf("evidence check: list the team database's evidence files: %w", err)
	}
	var cands []candidate
	for _, sum := range sums {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := vault.Rel(sum)
		if err != nil {
			return fmt.Errorf("evidence check: the team database lists %q, which is not a SHA-256", sum)
		}
		cand, err := c.file(ctx, rel)
		if err != nil {
			return err
		}
		if cand == nil {
			continue
		}
		if len(cands) < MaxProblems {
			cands = append(cands, *cand)
		} else {
			c.rep.More++
		}
	}
	return c.confirm(ctx, cands)
}

func skipHidden(d fs.DirEntry) error {
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// file classifies one file, returning it when nothing seems to name it.
func (c *checker) file(ctx context.Context, rel string) (*candidate, error) {
	sum := filepath.Base(rel)
	if want, err := vault.Rel(sum); err != nil || want != rel {
		return &candidate{rel: rel}, nil
	}
	c.rep.Files++
	c.progress(Progress{Phase: "files", Done: c.rep.Files, Recordings: c.rep.Recordings})
	state, err := c.st.VaultFileState(ctx, sum)
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", sum, err)
	}
	switch state {
	case store.VaultUnreferenced:
		return &candidate{sum: sum, rel: rel}, nil
	case store.VaultAwaitingDestruction:
		c.rep.Awaiting++
	}
	return nil, nil
}

// confirm asks again about each candidate while no writer holds the vault.
// If writers keep it busy, the candidates are counted as unconfirmed rather
// than reported: they may be an import's files, named when it commits.
func (c *checker) confirm(ctx context.Context, cands []candidate) error {
	if len(cands) == 0 {
		return nil
	}
	var found []Problem
	err := c.v.WithoutWriters(ctx, confirmWait, func() error {
		for _, cd := range cands {
			p, err := c.unreferenced(ctx, cd)
			if err != nil {
				return err
			}
			if p != nil {
				found = append(found, *p)
			}
		}
		return nil
	})
	if errors.Is(err, vault.ErrBusy) {
		c.rep.Unconfirmed += int64(len(cands))
		return nil
	}
	if err != nil {
		return fmt.Errorf("evidence check: %w", err)
	}
	for _, p := range found {
		c.add(p)
	}
	return nil
}

func (c *checker) unreferenced(ctx context.Context, cd candidate) (*Problem, error) {
	if cd.sum == "" {
		return &Problem{Kind: Unreferenced, Item: cd.rel, Message: fmt.Sprintf("The vault holds %s, which is not an evidence file "+
			"(its name is not the SHA-256 of its contents in its folder). Move it out of the vault folder.", cd.rel)}, nil
	}
	state, err := c.st.VaultFileState(ctx, cd.sum)
	if err != nil || state != store.VaultUnreferenced {
		return nil, err
	}
	return &Problem{Kind: Unreferenced, SHA256: cd.sum, Item: cd.rel, Message: fmt.Sprintf("The vault holds file %s, "+
		"which no recording, letter or destruction names. It may be evidence whose record was lost; keep it until "+
		"someone has looked at it.", cd.sum)}, nil
}
