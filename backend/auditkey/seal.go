package auditkey

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// Seal finds the key for st's database, making one on first use, and seals
// st with it. It decides, in this order:
//
//  1. The database names a key this computer holds: that key.
//  2. The database has entries but names no key held here, and a key here was
//     made for this same file: that key. Either the first use was interrupted
//     between saving the key and naming it, or someone removed or changed the
//     name to make Redline start afresh (treating a rewritten log as old
//     plain entries); checking against the earlier key shows which.
//  3. Otherwise a new key, sealing from the next entry on: from entry 1 for
//     a new database, after the existing entries for one whose log predates
//     keys (they stay plain SHA-256), or after entries sealed with a key held
//     elsewhere (the database came from another computer or account).
func (r *Ring) Seal(ctx context.Context, st *store.Store, now time.Time) (Key, error) {
	k, err := r.find(ctx, st, now)
	if err != nil {
		return Key{}, fmt.Errorf("audit key for %s: %w", st.Path(), err)
	}
	st.SealAudit(k.Seal())
	return k, nil
}

func (r *Ring) find(ctx context.Context, st *store.Store, now time.Time) (Key, error) {
	id, err := st.Setting(ctx, SettingKey, "")
	if err != nil {
		return Key{}, err
	}
	if id != "" {
		k, err := r.Load(id)
		if !errors.Is(err, ErrNotHeld) {
			return k, err
		}
	}
	head, err := st.AuditHead(ctx)
	if err != nil {
		return Key{}, err
	}
	if head.Seq > 0 {
		k, ok, err := r.madeFor(absPath(st.Path()))
		if err != nil {
			return Key{}, err
		}
		if ok {
			return r.adopt(ctx, st, k, id, head)
		}
	}
	return r.make(ctx, st, id != "" && head.Seq > 0, head, now)
}

// adopt takes up the key made earlier for this file. Only an interrupted
// first use (the key saved, the database not yet naming it, nothing written
// since) is completed silently; anything else is told to whoever checks.
func (r *Ring) adopt(ctx context.Context, st *store.Store, k Key, id string, head store.AuditAnchor) (Key, error) {
	if id == "" && k.Before == head {
		return k, st.SetSetting(ctx, SettingKey, k.ID)
	}
	k.note = fmt.Sprintf("The database does not name the audit key this computer made for it on %s, so that key was used: "+
		"the database's key name was removed or changed, or the database was replaced by another one.",
		k.Made.In(store.London).Format("02/01/2006 15:04"))
	return k, nil
}

// make creates and saves a key sealing from the entry after head, then names
// it in the database. The key is saved first: if naming it fails, the next
// open finds it by the file (rule 2 of Seal) and completes the job.
func (r *Ring) make(ctx context.Context, st *store.Store, elsewhere bool, head store.AuditAnchor, now time.Time) (Key, error) {
	k := Key{ID: hex.EncodeToString(random(16)), Secret: random(secretLen), From: head.Seq + 1, Before: head,
		Elsewhere: elsewhere, Database: absPath(st.Path()), Made: now.UTC()}
	if err := r.Save(k); err != nil {
		return Key{}, err
	}
	if err := st.SetSetting(ctx, SettingKey, k.ID); err != nil {
		return Key{}, fmt.Errorf("name the audit key in the database: %w", err)
	}
	return k, nil
}
