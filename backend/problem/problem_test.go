package problem

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
)

// fieldedRule is a domain problem that names its form field, as casework.Problem does.
type fieldedRule struct {
	ruleBroken
	field string
}

func (f fieldedRule) FieldName() string { return f.field }

type ruleBroken struct{ msg string }

func (r ruleBroken) Error() string { return r.msg }
func (ruleBroken) Problem() bool   { return true }

func TestExplain_ProblemsPassThroughAndFailuresGetAReference(t *testing.T) {
	_, pathErr := os.Open("/no/such/redline/file")
	sqliteLike := coded{"database is locked (5) (SQLITE_BUSY)"}
	cases := []struct {
		name      string
		err       error
		want      string // the message shown, or "" for the generic one with a reference
		wantField string
	}{
		{"a problem", New("Line 4 of alarms.csv: the date 31/02/2026 does not exist."), "Line 4 of alarms.csv: the date 31/02/2026 does not exist.", ""},
		{"a field problem wrapped", fmt.Errorf("save: %w", InField("dob", "The date of birth is in the future.")), "The date of birth is in the future.", "dob"},
		{"a domain type", fmt.Errorf("close: %w", ruleBroken{"This case has no decision yet."}), "close: This case has no decision yet.", ""},
		{"a domain type naming its field", fmt.Errorf("decide: %w", fieldedRule{ruleBroken{"say why you made this decision"}, "reasons"}), "decide: say why you made this decision", "reasons"},
		{"our own sentence", errors.New("The window is not ready yet; try again in a moment."), "The window is not ready yet; try again in a moment.", ""},
		{"a disk error", fmt.Errorf("save the letter: %w", pathErr), "", ""},
		{"a database error", fmt.Errorf("store: insert case: %w", sqliteLike), "", ""},
		{"a problem above a disk error", fmt.Errorf("%w: %w", New("The export folder cannot be written to."), pathErr), "The export folder cannot be written to.", ""},
		{"cancelled", fmt.Errorf("import: %w", context.Canceled), "Stopped before it finished.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var log bytes.Buffer
			got := Explain(c.err, slog.New(slog.NewTextHandler(&log, nil)))
			if c.want != "" {
				if got.Message != c.want || got.Field != c.wantField || got.Ref != "" {
					t.Fatalf("got %+v, want message %q field %q", got, c.want, c.wantField)
				}
				return
			}
			if got.Ref == "" || !strings.Contains(got.Message, got.Ref) || strings.Contains(got.Message, c.err.Error()) {
				t.Fatalf("a failure must be shown only as a reference, got %+v", got)
			}
			if !strings.Contains(log.String(), got.Ref) || !strings.Contains(log.String(), c.err.Error()) {
				t.Fatalf("redline.log must hold the reference and the whole error, got %q", log.String())
			}
		})
	}
}

type coded struct{ msg string }

func (c coded) Error() string { return c.msg }
func (coded) Code() int       { return 5 }

func TestPublic_JSONIsWhatTheBridgeReads(t *testing.T) {
	got := Public{Message: `Line 4 of "alarms.csv": bad`, Field: "from"}.JSON()
	if got != `{"message":"Line 4 of \"alarms.csv\": bad","field":"from"}` {
		t.Fatalf("%s", got)
	}
}
