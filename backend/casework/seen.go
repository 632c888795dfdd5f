package casework

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// The functions here are the ones a person's screen calls: each takes what
// the page showed (the triage, state, decision or note revision the person
// was looking at), so that a colleague's change made in between is refused
// with a plain message rather than written over. The older names
// (Categorise, Move, Decide, ReviseNote) act on whatever is current, for the
// command line and the demo.

// CategoriseSeen records a categorisation provided the one in force is still
// seenTriage (its id; 0 when the alert was waiting).
func CategoriseSeen(ctx context.Context, st *store.Store, alertID, seenTriage int64, category, reason string, who store.Who) (store.Triage, error) {
	t, err := st.CategoriseSeen(ctx, alertID, seenTriage, category, reason, who, TriageCheck(category))
	return t, inWords(err, func(code string) string {
		if l, ok := triageWords[code]; ok {
			return l
		}
		return code
	})
}

// triageWords are the categories as the triage screen names them.
var triageWords = map[string]string{"genuine": "Genuine", "precautionary": "Precautionary", "false": "False or accidental",
	"test": "Test", "duplicate": "Duplicate"}

// MoveSeen changes a case's state provided it is still seenState.
func MoveSeen(ctx context.Context, st *store.Store, caseID int64, seenState, to, reason string, who store.Who) error {
	if seenState == "" {
		return problem("the page did not say which state it showed: reload the case and try again")
	}
	err := st.SetCaseStateSeen(ctx, caseID, seenState, to, strings.TrimSpace(reason), who, func(f store.CaseFacts, to string) error {
		return CheckMove(f, to, reason)
	})
	return inWords(err, label)
}

// DecideSeen records a decision provided the decision in force is still
// seenDecision (its id; 0 when there was none).
func DecideSeen(ctx context.Context, st *store.Store, d store.Decision, seenDecision int64, who store.Who) (store.Decision, error) {
	out, err := st.RecordDecisionSeen(ctx, d, seenDecision, who, DecisionCheck(&d, time.Unix(who.At, 0)))
	return out, inWords(err, routeLabel)
}

// ReviseNoteSeen saves a new revision of a note provided its newest revision
// is still seenRev.
func ReviseNoteSeen(ctx context.Context, st *store.Store, caseID, noteID, seenRev int64, body string, who store.Who) error {
	if strings.TrimSpace(body) == "" {
		return problem("the note is empty")
	}
	return st.ReviseNoteSeen(ctx, caseID, noteID, seenRev, body, who)
}

// inWords puts a *store.ChangedError's Now (a code) into the words the
// screens use.
func inWords(err error, words func(string) string) error {
	var ch *store.ChangedError
	if errors.As(err, &ch) && ch.Now != "" {
		ch.Now = words(ch.Now)
	}
	return err
}
