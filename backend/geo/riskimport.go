package geo

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/store"
)

// maxRiskImportBytes bounds an import; a trust's log is a few thousand entries.
const maxRiskImportBytes = 20 << 20

// ParseKnownRisks reads known-risk locations from a GeoJSON FeatureCollection
// of points, as GIS tools and other trusts' systems export them. Properties
// read: label (or address or name), reason, radius_m (else defaultRadiusM),
// review_date (YYYY-MM-DD or DD/MM/YYYY, a UK calendar day). Entries come back
// active; the caller sets AddedBy. Errors name the file, the feature and the field.
func ParseKnownRisks(data []byte, file string, defaultRadiusM float64) ([]store.KnownRiskLocation, error) {
	if len(data) > maxRiskImportBytes {
		return nil, fmt.Errorf("%s is %d MB; a known-risk file should be under %d MB", file, len(data)>>20, maxRiskImportBytes>>20)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("%s is not GeoJSON: %v", file, err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%s: expected a GeoJSON FeatureCollection, found type %q", file, fc.Type)
	}
	var out []store.KnownRiskLocation
	for i, f := range fc.Features {
		where := fmt.Sprintf("%s feature %d", file, i+1)
		if f.Geometry == nil || f.Geometry.Type != "Point" {
			return nil, fmt.Errorf("%s: only points can be known-risk locations", where)
		}
		var c []float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil || len(c) < 2 {
			return nil, fmt.Errorf("%s: coordinates must be [longitude, latitude]", where)
		}
		k := store.KnownRiskLocation{Lon: c[0], Lat: c[1], RadiusM: defaultRadiusM, Active: true}
		k.Label = firstString(f.Properties, "label", "address", "name")
		k.Reason = firstString(f.Properties, "reason", "description")
		if r, ok := f.Properties["radius_m"]; ok {
			v, ok := r.(float64)
			if !ok {
				return nil, fmt.Errorf("%s: radius_m must be a number of metres, not %v", where, r)
			}
			k.RadiusM = v
		}
		if s := firstString(f.Properties, "review_date"); s != "" {
			t, err := parseUKDay(s)
			if err != nil {
				return nil, fmt.Errorf("%s: review_date %q: use YYYY-MM-DD or DD/MM/YYYY", where, s)
			}
			u := t.Unix()
			k.ReviewDate = &u
		}
		if err := k.Check(); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		out = append(out, k)
	}
	return out, nil
}

func firstString(props map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := props[k].(string); ok && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// parseUKDay reads a calendar day as midnight UK time.
func parseUKDay(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), store.London); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unknown date format")
}
