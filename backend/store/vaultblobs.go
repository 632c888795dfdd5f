package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"time"
)

// VaultChunkSize is the size of every chunk of a file in the team vault but
// its last: big enough that a recording is a handful of rows, small enough
// that a reader can ask for a range and no row is unwieldy.
const VaultChunkSize = 1 << 20

// ErrVaultTampered says the team vault's bytes for a file no longer hash to
// its name, or are incomplete. backend/vault, which cannot import the store,
// knows it by its Tampered method.
var ErrVaultTampered error = vaultTampered{}

type vaultTampered struct{}

func (vaultTampered) Error() string {
	return "evidence file in the team database does not match its recorded SHA-256"
}
func (vaultTampered) Tampered() bool { return true }

// vaultLockKey is the advisory lock that stands for the laptop vault's .lock
// file: writers hold it shared while they store files and record the rows
// that name them, and destruction holds it alone. "RedlineV" in ASCII.
const vaultLockKey int64 = 0x5265646c696e6556

// VaultBlobs keeps evidence files in the team database (migration 0080):
// the PostgreSQL half of backend/vault, which checks every hash. Only a
// store on PostgreSQL has one.
type VaultBlobs struct{ s *Store }

// VaultBlobs is the team database's evidence store, or nil on SQLite, whose
// evidence lives in the vault folder.
func (s *Store) VaultBlobs() *VaultBlobs {
	if s.Engine() != Postgres {
		return nil
	}
	return &VaultBlobs{s}
}

// Stat says whether the file is stored, and its size.
func (b *VaultBlobs) Stat(ctx context.Context, sum string) (int64, bool, error) {
	var size int64
	err := b.s.db.QueryRowContext(ctx, `SELECT size FROM vault_files WHERE sha256 = ?`, sum).Scan(&size)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	return size, err == nil, err
}

// Put stores the bytes of r under sum, in one transaction: the file row, then
// its chunks, then the database's own SHA-256 of what it now holds, which
// must be sum or nothing is kept. A file already stored is left as it is
// (created false); a writer storing the same file at the same moment waits
// for the first to commit.
func (b *VaultBlobs) Put(ctx context.Context, sum string, r io.Reader) (created bool, err error) {
	err = b.s.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO vault_files(sha256, size, chunks, stored_at) VALUES (?, 0, 0, ?)
			ON CONFLICT (sha256) DO NOTHING`, sum, time.Now().Unix())
		if err != nil {
			return fmt.Errorf("store evidence file %s: %w", sum, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		created = true
		return putChunks(ctx, tx, sum, r)
	})
	return created, err
}

func putChunks(ctx context.Context, tx *sql.Tx, sum string, r io.Reader) error {
	buf := make([]byte, VaultChunkSize)
	h := sha256.New()
	var size, n int64
	for ; ; n++ {
		k, err := io.ReadFull(r, buf)
		if err == io.EOF {
			break
		}
		if err != nil && err != io.ErrUnexpectedEOF {
			return fmt.Errorf("store evidence file %s: read: %w", sum, err)
		}
		h.Write(buf[:k])
		size += int64(k)
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault_chunks(sha256, n, data) VALUES (?, ?, ?)`, sum, n, buf[:k]); err != nil {
			return fmt.Errorf("store evidence file %s: chunk %d: %w", sum, n, err)
		}
		if k < len(buf) {
			n++
			break
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("store evidence file %s: the bytes given hash to %s: %w", sum, got, ErrVaultTampered)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE vault_files SET size = ?, chunks = ? WHERE sha256 = ?`, size, n, sum); err != nil {
		return err
	}
	// The database's own hash of what it holds: a fault between here and the
	// server (or in it) is caught before the file counts as stored.
	var held string
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(encode(sha256(string_agg(data, ''::bytea ORDER BY n)), 'hex'),
		encode(sha256(''::bytea), 'hex')) FROM vault_chunks WHERE sha256 = ?`, sum).Scan(&held); err != nil {
		return fmt.Errorf("store evidence file %s: check: %w", sum, err)
	}
	if held != sum {
		return fmt.Errorf("store evidence file %s: the database holds bytes hashing to %s: %w", sum, held, ErrVaultTampered)
	}
	return nil
}

// Read writes the file's bytes to w in order, hashing them as they pass;
// it fails with ErrVaultTampered (after writing) when a chunk is missing or
// the bytes do not hash to sum, so callers must not trust w's contents
// until Read returns nil. An unknown file is ErrNotFound.
func (b *VaultBlobs) Read(ctx context.Context, sum string, w io.Writer) (int64, error) {
	tx, err := b.s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var size, chunks int64
	err = tx.QueryRowContext(ctx, `SELECT size, chunks FROM vault_files WHERE sha256 = ?`, sum).Scan(&size, &chunks)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("evidence file %s: %w (%w)", sum, ErrNotFound, os.ErrNotExist)
	}
	if err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT n, data FROM vault_chunks WHERE sha256 = ? ORDER BY n`, sum)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	h := sha256.New()
	var written, next int64
	for rows.Next() {
		var n int64
		var data []byte
		if err := rows.Scan(&n, &data); err != nil {
			return written, err
		}
		if n != next {
			return written, fmt.Errorf("evidence file %s: chunk %d is missing: %w", sum, next, ErrVaultTampered)
		}
		next++
		h.Write(data)
		k, err := w.Write(data)
		written += int64(k)
		if err != nil {
			return written, err
		}
	}
	if err := rows.Err(); err != nil {
		return written, err
	}
	if next != chunks || written != size {
		return written, fmt.Errorf("evidence file %s: %d of %d chunks, %d of %d bytes: %w", sum, next, chunks, written, size, ErrVaultTampered)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return written, fmt.Errorf("evidence file %s: now hashes to %s: %w", sum, got, ErrVaultTampered)
	}
	return written, nil
}

// Delete removes the file and its chunks. Their bytes stay in the server's
// dead rows until vacuumed and in its backups until they expire
// (docs/team-mode.md).
func (b *VaultBlobs) Delete(ctx context.Context, sum string) error {
	_, err := b.s.db.ExecContext(ctx, `DELETE FROM vault_files WHERE sha256 = ?`, sum)
	return err
}

// Sums lists every stored file's hash in order.
func (b *VaultBlobs) Sums(ctx context.Context) ([]string, error) {
	return queryList(ctx, b.s.db, `SELECT sha256 FROM vault_files ORDER BY sha256`, nil,
		func(sc interface{ Scan(...any) error }) (string, error) {
			var s string
			return s, sc.Scan(&s)
		})
}

// TryLock takes the vault's advisory lock, shared or alone, on a connection
// kept for the purpose, without waiting: ok is false when another client
// holds it the other way. Every client of the team database sees the same
// lock, as every process on a laptop sees the vault's .lock file.
func (b *VaultBlobs) TryLock(ctx context.Context, exclusive bool) (release func(), ok bool, err error) {
	conn, err := b.s.db.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	try, free := `SELECT pg_try_advisory_lock_shared(?)`, `SELECT pg_advisory_unlock_shared(?)`
	if exclusive {
		try, free = `SELECT pg_try_advisory_lock(?)`, `SELECT pg_advisory_unlock(?)`
	}
	if err := conn.QueryRowContext(ctx, try, vaultLockKey).Scan(&ok); err != nil || !ok {
		conn.Close()
		return nil, false, err
	}
	return func() {
		var freed bool
		if err := conn.QueryRowContext(context.Background(), free, vaultLockKey).Scan(&freed); err != nil || !freed {
			// Never hand a connection still holding the lock back to the
			// pool: closing the session is what frees it then.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, true, nil
}
