// Package problem is the one error type that crosses from Redline's services
// to a person: a problem they can act on (what, where, what to do) passes
// through as written; a failure underneath (database, disk, parsing) is
// logged with a reference and shown as "something went wrong", never as a
// raw Go or SQLite string.
package problem

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"syscall"
)

// Problem is something a person can put right, written for them to read.
type Problem struct {
	Message string // the whole sentence, in plain English
	Field   string // the form field it is about, if any, so the UI can show it beside that field
}

func (p *Problem) Error() string { return p.Message }

// New makes a problem from a sentence written for the person reading it.
func New(format string, args ...any) error {
	return &Problem{Message: fmt.Sprintf(format, args...)}
}

// InField makes a problem about one form field.
func InField(field, format string, args ...any) error {
	return &Problem{Message: fmt.Sprintf(format, args...), Field: field}
}

// Said is implemented by domain error types of their own (an import's line
// problems, a broken case rule) whose text is already written for people.
type Said interface{ Problem() bool }

// Is reports whether err is a problem for a person rather than a failure:
// a Problem or Said anywhere in its chain, or a sentence of Redline's own
// with no failure underneath. A database, disk or parsing error underneath
// makes the whole error unexpected, however it was worded on the way up,
// unless a Problem was put above it on purpose.
func Is(err error) bool {
	if err == nil {
		return false
	}
	var p *Problem
	var s Said
	if errors.As(err, &p) || errors.As(err, &s) && s.Problem() {
		return true
	}
	return !raw(err)
}

// raw reports whether err wraps something only a developer can read.
func raw(err error) bool {
	var (
		pathErr *fs.PathError
		linkErr *os.LinkError
		sysErr  *os.SyscallError
		errno   syscall.Errno
		numErr  *strconv.NumError
		synErr  *json.SyntaxError
		typErr  *json.UnmarshalTypeError
		coder   interface{ Code() int } // the SQLite driver's *sqlite.Error
	)
	return errors.As(err, &pathErr) || errors.As(err, &linkErr) || errors.As(err, &sysErr) || errors.As(err, &errno) ||
		errors.As(err, &numErr) || errors.As(err, &synErr) || errors.As(err, &typErr) || errors.As(err, &coder) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, sql.ErrNoRows) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF)
}

// Public is what the window is given for an error.
type Public struct {
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	Ref     string `json:"ref,omitempty"` // set when the details are only in redline.log
}

// Explain turns any error into what a person is shown. A problem passes
// through; anything else is logged in full under a short reference, which
// the message gives so that support can find it.
func Explain(err error, log *slog.Logger) Public {
	if errors.Is(err, context.Canceled) {
		return Public{Message: "Stopped before it finished."}
	}
	var p *Problem
	if errors.As(err, &p) {
		return Public{Message: p.Message, Field: p.Field}
	}
	if Is(err) {
		// A domain problem may name its form field too (casework.Problem does).
		var f interface{ FieldName() string }
		if errors.As(err, &f) {
			return Public{Message: err.Error(), Field: f.FieldName()}
		}
		return Public{Message: err.Error()}
	}
	ref := newRef()
	if log != nil {
		log.Error("unexpected error", "ref", ref, "err", err)
	}
	return Public{Ref: ref, Message: "Something went wrong and Redline could not finish this. " +
		"Try again; if it happens again, give your IT service desk the reference " + ref + " (it is in redline.log)."}
}

// JSON is p as the text the window's ErrorFormatter hands Wails: Wails's
// runtime wraps whatever it is given in new Error(...), so only text survives
// the trip, and the page's bridge reads the fields back out of it.
func (p Public) JSON() string {
	b, _ := json.Marshal(p)
	return string(b)
}

func newRef() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}
