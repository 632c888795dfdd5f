package letters_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/letters"
)

func TestCheckFields_EveryRequiredFieldIsNamedWhenMissing(t *testing.T) {
	for _, kind := range letters.Kinds {
		for _, missing := range letters.Required[kind] {
			used := slices.DeleteFunc(slices.Clone(letters.Required[kind]), func(f string) bool { return f == missing })
			err := letters.CheckFields(kind, "Trust template.docx", used)
			var mf *letters.MissingFieldError
			if !errors.As(err, &mf) || mf.Field != missing || !strings.Contains(err.Error(), "Trust template.docx") {
				t.Errorf("%s without {%s}: %v", kind, missing, err)
			}
		}
		if err := letters.CheckFields(kind, "t.docx", letters.Required[kind]); err != nil {
			t.Errorf("%s with exactly its required fields: %v", kind, err)
		}
	}
	if err := letters.CheckFields("apology", "t.docx", nil); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

func TestCheckValues_RefusesAnEmptyValueNamingTheFieldAndWhereToFillIt(t *testing.T) {
	err := letters.CheckValues([]string{"case_ref", "recipient_address"}, map[string]string{"case_ref": "RL-1", "recipient_address": "  "})
	var mf *letters.MissingFieldError
	if !errors.As(err, &mf) || mf.Field != "recipient_address" || !strings.Contains(err.Error(), "{recipient_address}") ||
		!strings.Contains(err.Error(), "alleged offender's address") {
		t.Fatalf("got %v", err)
	}
}
