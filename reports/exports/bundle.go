package exports

import (
	"bytes"
	"context"
	"errors"

	"github.com/nhs-redline/redline/backend/bundle"
	"github.com/nhs-redline/redline/backend/exhibit"
	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
	rb "github.com/nhs-redline/redline/reports/bundle"
	"github.com/nhs-redline/redline/reports/mapimg"
)

// BundleDocs is the renderer both front ends hand to backend/bundle and
// backend/exhibit: the bundle PDF, transcripts and the case map exhibit.
var BundleDocs = rb.Renderer{Map: CaseMapExhibit}

// CaseMapExhibit draws the case map of a red alert as an exhibit: the same
// map as the PNG export, without an audit head (the exhibit's hash must not
// change with the log), or exhibit.ErrNoMap when there is nothing to draw.
func CaseMapExhibit(ctx context.Context, st *store.Store, alertID int64) ([]byte, error) {
	set, err := geo.LoadMapSettings(ctx, st)
	if err != nil {
		return nil, err
	}
	cm, err := geo.BuildCaseMap(ctx, st, alertID, set.CaseRiskRadiusM)
	if errors.Is(err, store.ErrNotFound) {
		return nil, exhibit.ErrNoMap
	}
	if err != nil {
		return nil, err
	}
	if cm.RedLat == nil && len(cm.Trail) == 0 {
		return nil, exhibit.ErrNoMap
	}
	var b bytes.Buffer
	err = mapimg.WritePNG(&b, caseMapImage(cm))
	return b.Bytes(), err
}

// BundlePackage builds a case's evidence package (see bundle.Build) in dir.
func BundlePackage(ctx context.Context, ws *workspace.Workspace, who store.Who, caseRef, dir string, o bundle.Options) (bundle.Result, error) {
	return bundle.Build(ctx, ws.Store, ws.Vault, BundleDocs, who, caseRef, dir, o)
}
