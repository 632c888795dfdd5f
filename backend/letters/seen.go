package letters

import (
	"context"
	"encoding/json"
	"reflect"

	"github.com/nhs-redline/redline/backend/store"
)

// SaveSettingsSeen checks and stores the settings, auditing the change,
// provided the settings stored are still seen, as the settings form loaded
// them: two people editing the settings at once cannot overwrite each other
// (a *store.ChangedError says who saved first).
func SaveSettingsSeen(ctx context.Context, st *store.Store, seen, s Settings, who store.Who) (Settings, error) {
	s, err := s.Check()
	if err != nil {
		return s, err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return s, err
	}
	return s, st.SaveSettingSeen(ctx, SettingKey, string(b), "settings.letters", who, func(old string, _ bool) (bool, string) {
		cur, err := parseSettings(old)
		// Unreadable settings are put right by saving them again, whatever the form loaded.
		return err != nil || reflect.DeepEqual(cur, seen), string(b)
	})
}
