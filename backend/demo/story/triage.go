package story

import (
	"time"

	"github.com/nhs-redline/redline/backend/casework"
	"github.com/nhs-redline/redline/backend/store"
)

// duressReason is what the LSMS wrote when a "false alarm" turned out not to be one.
const duressReason = "The worker closed the alarm under duress: the patient's partner was standing beside her when the ARC called back. " +
	"She told her team lead the next morning, and the recording bears it out."

// triage categorises every red alert older than TriageAfter but the latest
// genuine one (see latestGenuine), mostly agreeing
// with the ARC; re-categorises one false alarm as genuine (closed under
// duress); and categorises two recent false alarms about 20 hours ago, so
// their recordings are counting down to destruction.
func (t *teller) triage(reds []store.Alert) error {
	cutoff := t.now.Add(-TriageAfter)
	waiting := latestGenuine(reds)
	upgrade := t.upgrades(reds, cutoff, waiting)
	var duress *store.Alert
	for i, a := range reds {
		if !unix(a.RaisedAt).Before(cutoff) {
			break
		}
		if a.ID == waiting {
			continue
		}
		// The LSMS triages the next working morning, at a slightly different time each day.
		at := unix(a.RaisedAt).Add(16*time.Hour + time.Duration(i%4)*20*time.Minute)
		category, reason := a.Validity, ""
		switch {
		case category == "auto_closed":
			category = "false"
			reason = "The ARC closed it when nobody answered; the worker confirmed the next morning that the device was set off by accident."
		case upgrade[a.ID]:
			category = "genuine"
			reason = "Threats are clearly audible on the recording: this was a genuine alarm, not a precaution."
		}
		if _, err := casework.Categorise(t.ctx, t.st, a.ID, category, reason, t.who(at)); err != nil {
			return err
		}
		t.sum.Triaged++
		if a.Validity == "false" && a.MediaCount > 0 {
			duress = &reds[i] // the latest such alert wins
		}
	}
	if duress != nil {
		at := unix(duress.RaisedAt).Add(22 * time.Hour) // within the 24 hours, so the recording is still there
		if _, err := casework.Categorise(t.ctx, t.st, duress.ID, "genuine", duressReason, t.who(at)); err != nil {
			return err
		}
		t.sum.Recategorised++
	}
	return t.countdowns(reds)
}

// countdowns categorises the two latest false alarms with a recording that
// were raised before the story's "yesterday afternoon" as false, 20 and 21
// hours before now.
func (t *teller) countdowns(reds []store.Alert) error {
	latest := t.now.Add(-22 * time.Hour)
	for i := len(reds) - 1; i >= 0 && t.sum.Countdowns < 2; i-- {
		a := reds[i]
		if a.Validity != "false" || a.MediaCount == 0 || !unix(a.RaisedAt).Before(latest) {
			continue
		}
		if prev, err := t.st.CurrentTriage(t.ctx, a.ID); err != nil || prev != nil {
			if err != nil {
				return err
			}
			continue
		}
		at := t.now.Add(-time.Duration(20+t.sum.Countdowns) * time.Hour)
		if _, err := casework.Categorise(t.ctx, t.st, a.ID, "false", "", store.Who{Actor: LSMS, At: at.Unix()}); err != nil {
			return err
		}
		t.sum.Countdowns++
	}
	return nil
}

// genuinePool lists the alerts the LSMS has categorised genuine, oldest first.
func (t *teller) genuinePool(reds []store.Alert) ([]store.Alert, error) {
	var out []store.Alert
	for _, a := range reds {
		tr, err := t.st.CurrentTriage(t.ctx, a.ID)
		if err != nil {
			return nil, err
		}
		if tr != nil && tr.Category == "genuine" {
			out = append(out, a)
		}
	}
	return out, nil
}

// casesNeedingAlerts is how many of the story's cases need a genuine alert
// with a recording (the closed case, the legal hold and the one awaiting a decision).
const casesNeedingAlerts = 3

// upgrades picks the precautionary alerts the LSMS judges genuine, latest
// first, when the ARC closed too few old alerts as genuine for the story's
// cases (a small demo): an LSMS disagreeing with the ARC is part of the job.
func (t *teller) upgrades(reds []store.Alert, cutoff time.Time, waiting int64) map[int64]bool {
	have, falses := 0, 0
	var precautionary []int64
	for _, a := range reds {
		if !unix(a.RaisedAt).Before(cutoff) || a.MediaCount == 0 || a.ID == waiting {
			continue
		}
		switch a.Validity {
		case "genuine":
			have++
		case "false":
			falses = 1 // one becomes genuine as the duress case
		case "precautionary":
			precautionary = append(precautionary, a.ID)
		}
	}
	out := map[int64]bool{}
	for i := len(precautionary) - 1; i >= 0 && have+falses+len(out) < casesNeedingAlerts; i-- {
		out[precautionary[i]] = true
	}
	return out
}

// latestGenuine is the newest alert the ARC closed as genuine, which the
// story always leaves waiting for triage, however old: there is then always
// a genuine alert to triage and open a case from, in a walkthrough or an
// end-to-end test. 0 when there is none.
func latestGenuine(reds []store.Alert) int64 {
	for i := len(reds) - 1; i >= 0; i-- {
		if reds[i].Validity == "genuine" {
			return reds[i].ID
		}
	}
	return 0
}
