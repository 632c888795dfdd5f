package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"sync"
	"time"
)

// jobs runs the window's long jobs (imports, transcriptions, and the bundle
// and decode jobs to come) under one protocol:
//
//   - the page names each run with 16 hexadecimal digits, so it listens before
//     the run starts and never misses a fast job's end (Wails events can
//     overtake each other and the method's answer);
//   - "<kind>:progress:<id>" carries progress, at most about ten a second;
//   - "<kind>:done:<id>" comes once, last, with the outcome;
//   - Cancel(kind, id) stops a run, and every run's context derives from the
//     app's, so closing the window cancels whatever is still running.
type jobs struct {
	platform func() platform

	mu      sync.Mutex
	base    context.Context // the app's; cancelled at shutdown
	stop    context.CancelFunc
	running map[string]context.CancelFunc // by kind + ":" + id
	wg      sync.WaitGroup
}

func newJobs(p func() platform) *jobs {
	base, stop := context.WithCancel(context.Background())
	return &jobs{platform: p, base: base, stop: stop, running: map[string]context.CancelFunc{}}
}

// jobFunc is one job: it reports through progress and returns what the done
// event carries.
type jobFunc func(ctx context.Context, id string, progress *progress) any

var runIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// start runs fn in the background as kind's run id (a new id when id is "")
// and returns the id.
func (j *jobs) start(kind, id string, fn jobFunc) (string, error) {
	if id == "" {
		var b [8]byte
		rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	} else if !runIDPattern.MatchString(id) {
		return "", fmt.Errorf("the run id %q is not 16 hexadecimal digits", id)
	}
	key := kind + ":" + id
	j.mu.Lock()
	if j.base.Err() != nil {
		j.mu.Unlock()
		return "", fmt.Errorf("Redline is closing, so nothing new can start")
	}
	if _, busy := j.running[key]; busy {
		j.mu.Unlock()
		return "", fmt.Errorf("a run with id %s is already going", id)
	}
	ctx, cancel := context.WithCancel(j.base)
	j.running[key] = cancel
	j.wg.Add(1)
	j.mu.Unlock()
	p := &progress{emit: func(v any) { j.platform().Emit(kind+":progress:"+id, v) }}
	go func() {
		defer j.wg.Done()
		out := fn(ctx, id, p)
		j.mu.Lock()
		delete(j.running, key)
		j.mu.Unlock()
		cancel()
		j.platform().Emit(kind+":done:"+id, out)
	}()
	return id, nil
}

// cancel stops kind's run id; false when it is not running.
func (j *jobs) cancel(kind, id string) bool {
	j.mu.Lock()
	c, ok := j.running[kind+":"+id]
	j.mu.Unlock()
	if ok {
		c()
	}
	return ok
}

// count is how many runs of kind are going.
func (j *jobs) count(kind string) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for k := range j.running {
		if len(k) > len(kind) && k[:len(kind)+1] == kind+":" {
			n++
		}
	}
	return n
}

// shutdown cancels every run and waits up to wait for them to finish, so none
// writes to a database that is closing.
func (j *jobs) shutdown(wait time.Duration) {
	j.mu.Lock()
	j.stop()
	j.mu.Unlock()
	done := make(chan struct{})
	go func() { j.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
	}
}

// progress sends a run's progress events, dropping all but about ten a
// second; Now sends one whatever the rate (a phase change, the last step).
type progress struct {
	emit func(any)
	mu   sync.Mutex
	last time.Time
}

// Send emits v unless one went out less than 100 ms ago.
func (p *progress) Send(v any) {
	p.mu.Lock()
	if time.Since(p.last) < 100*time.Millisecond {
		p.mu.Unlock()
		return
	}
	p.last = time.Now()
	p.mu.Unlock()
	p.emit(v)
}

// Now emits v at once.
func (p *progress) Now(v any) {
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
	p.emit(v)
}
