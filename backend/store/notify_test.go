package store

import (
	"context"
	"testing"
	"time"
)

// TestListenChanges_AnotherClientsChangeArrives: a change committed through
// one Redline's connection pool reaches another's listener, once per table
// per transaction, only when it commits; a lost connection is listened on
// again and says "*" so the screens refresh whatever was missed.
func TestListenChanges_AnotherClientsChangeArrives(t *testing.T) {
	u := initTeamTest(t)
	listener, writer := openTeamURL(t, u), openTeamURL(t, u)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Change, 16)
	lost := make(chan error, 4)
	old := changeRetry
	changeRetry = 50 * time.Millisecond
	t.Cleanup(func() { changeRetry = old })
	done := make(chan error, 1)
	go func() {
		done <- listener.ListenChanges(ctx, func(c Change) { got <- c }, func(err error) { lost <- err })
	}()
	waitListening(t, writer)

	tx, err := writer.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := tx.Exec(`INSERT INTO risks(ref, title, created_at, created_by, updated_at, updated_by)
			VALUES ($1, 'Dog at the address', 1, 'a', 1, 'a')`, "RR-000"+string(rune('0'+i))); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case c := <-got:
		t.Fatalf("notice before commit: %+v", c)
	case <-time.After(200 * time.Millisecond):
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if c := next(t, got); c.Table != "risks" {
		t.Fatalf("got %+v, want risks", c)
	}
	select {
	case c := <-got:
		t.Fatalf("three inserts in one transaction made a second notice: %+v", c)
	case <-time.After(200 * time.Millisecond):
	}

	// The server drops the listening connection: Redline listens again.
	if _, err := writer.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN%' AND datname = current_database() AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	if c := next(t, got); c.Table != "*" {
		t.Fatalf("after a lost connection got %+v, want *", c)
	}
	if len(lost) == 0 {
		t.Error("the lost connection was not reported")
	}
	waitListening(t, writer)
	if _, err := writer.db.Exec(`UPDATE risks SET title = 'Two dogs' WHERE ref = 'RR-0001'`); err != nil {
		t.Fatal(err)
	}
	if c := next(t, got); c.Table != "risks" {
		t.Fatalf("after listening again got %+v, want risks", c)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("ListenChanges ended with %v", err)
	}
}

func next(t *testing.T, ch <-chan Change) Change {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change notice within 10 s")
	}
	return Change{}
}

// waitListening waits until some connection is listening for notices.
func waitListening(t *testing.T, st *Store) {
	t.Helper()
	for range 200 {
		var n int
		st.db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND state = 'idle' AND datname = current_database()`).Scan(&n)
		if n > 0 {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("no connection started listening")
}

func TestListenChanges_NothingToHearOnALaptop(t *testing.T) {
	if err := openSQLite(t).ListenChanges(context.Background(), func(Change) { t.Error("a notice on SQLite") }, nil); err != nil {
		t.Fatal(err)
	}
}
