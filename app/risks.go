package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/nhs-redline/redline/backend/geo"
	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

// Risks is the bound service behind the Risk register screen.
type Risks struct {
	s        *session
	platform func() platform
}

func (r *Risks) store() (*store.Store, error) {
	ws, err := r.s.workspace()
	if err != nil {
		return nil, err
	}
	return ws.Store, nil
}

// RiskView is one risk with its history and links.
type RiskView struct {
	Risk    store.Risk        `json:"risk"`
	History []store.RiskScore `json:"history"`
	Links   []store.RiskLink  `json:"links"`
}

// RiskCatalogue is the matrix's fixed text and the bands in force.
type RiskCatalogue struct {
	Consequences []string     `json:"consequences"` // index 1..5
	Likelihoods  []string     `json:"likelihoods"`
	Bands        risk.BandSet `json:"bands"`
}

// Catalogue returns axis labels and the band set in force.
func (r *Risks) Catalogue() (RiskCatalogue, error) {
	st, err := r.store()
	if err != nil {
		return RiskCatalogue{}, err
	}
	bs, err := risk.Bands(context.Background(), st)
	return RiskCatalogue{risk.Consequences[:], risk.Likelihoods[:], bs}, err
}

// SetBands saves the trust's band set. seen is the set the form loaded: a
// colleague's save in between is refused.
func (r *Risks) SetBands(seen, bs risk.BandSet) (risk.BandSet, error) {
	st, err := r.store()
	if err != nil {
		return nil, err
	}
	if err := risk.SetBandsSeen(context.Background(), st, seen, bs, who(r.s)); err != nil {
		return nil, err
	}
	return risk.Bands(context.Background(), st)
}

// List lists the register.
func (r *Risks) List(f store.RiskFilter) ([]store.Risk, error) {
	st, err := r.store()
	if err != nil {
		return nil, err
	}
	return st.Risks(context.Background(), f)
}

// Grid is the heat grid of open risks by the score of kind (inherent, current, target).
func (r *Risks) Grid(kind string) (risk.Grid, error) {
	st, err := r.store()
	if err != nil {
		return risk.Grid{}, err
	}
	ctx := context.Background()
	risks, err := st.Risks(ctx, store.RiskFilter{Status: "open"})
	if err != nil {
		return risk.Grid{}, err
	}
	bs, err := risk.Bands(ctx, st)
	if err != nil {
		return risk.Grid{}, err
	}
	return risk.HeatGrid(risks, kind, bs), nil
}

// Get returns one risk with its history and links.
func (r *Risks) Get(id int64) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	ctx := context.Background()
	var v RiskView
	if v.Risk, err = st.Risk(ctx, id); err != nil {
		return v, err
	}
	if v.History, err = st.RiskHistory(ctx, id); err != nil {
		return v, err
	}
	v.Links, err = st.RiskLinks(ctx, id)
	return v, err
}

// Create adds a risk (with CaseID set, the case is linked and marked risk updated).
func (r *Risks) Create(n risk.NewRisk) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	created, err := risk.Create(context.Background(), st, n, who(r.s))
	if err != nil {
		return RiskView{}, err
	}
	return r.Get(created.ID)
}

// Update changes a risk's text fields. seen is the fields as the form loaded
// them: a colleague's save in between is refused, not overwritten.
func (r *Risks) Update(id int64, seen, f store.RiskFields) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	if _, err := risk.UpdateSeen(context.Background(), st, id, seen, f, who(r.s)); err != nil {
		return RiskView{}, err
	}
	return r.Get(id)
}

// Rescore records a new score with its reason; caseID (or 0) is the
// incident that prompted it. seenScore is the id of the score of that kind
// the page showed (0 for none): a colleague's re-score in between is refused.
func (r *Risks) Rescore(id, seenScore int64, s risk.NewScore, reason string, caseID int64) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	if _, err := risk.RescoreSeen(context.Background(), st, id, seenScore, s, reason, caseID, who(r.s)); err != nil {
		return RiskView{}, err
	}
	return r.Get(id)
}

// Link links a risk to a case, alert or hotspot.
func (r *Risks) Link(id int64, l store.RiskLink) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	if err := st.LinkRisk(context.Background(), id, l, who(r.s)); err != nil {
		return RiskView{}, err
	}
	return r.Get(id)
}

// Unlink removes a link with a reason.
func (r *Risks) Unlink(id int64, kind, target, reason string) (RiskView, error) {
	st, err := r.store()
	if err != nil {
		return RiskView{}, err
	}
	if strings.TrimSpace(reason) == "" {
		return RiskView{}, fmt.Errorf("say why the link is being removed")
	}
	if err := st.UnlinkRisk(context.Background(), id, kind, target, reason, who(r.s)); err != nil {
		return RiskView{}, err
	}
	return r.Get(id)
}

// ForCase lists the risks linked to a case.
func (r *Risks) ForCase(caseID int64) ([]store.Risk, error) {
	st, err := r.store()
	if err != nil {
		return nil, err
	}
	return st.RisksLinkedTo(context.Background(), "case", fmt.Sprint(caseID))
}

// NoChange records for a case that the register needs no change, and why.
func (r *Risks) NoChange(caseID int64, reason string) error {
	st, err := r.store()
	if err != nil {
		return err
	}
	return risk.NoChange(context.Background(), st, caseID, reason, who(r.s))
}

// HotspotRisk is FromHotspot's answer.
type HotspotRisk struct {
	Risk    RiskView `json:"risk"`
	Created bool     `json:"created"`
}

// FromHotspot returns the risk linked to a map hotspot, or adds one scored
// current (consequence x likelihood). The hotspot is found again in Go from
// params, so the key is checked against the data, not trusted from the page.
func (r *Risks) FromHotspot(key string, params geo.HotspotParams, current risk.Score) (HotspotRisk, error) {
	st, err := r.store()
	if err != nil {
		return HotspotRisk{}, err
	}
	ctx := context.Background()
	hs, err := geo.FindHotspots(ctx, st, params)
	if err != nil {
		return HotspotRisk{}, err
	}
	for _, h := range hs {
		if h.Key == key {
			created, isNew, err := risk.FromHotspot(ctx, st, h, current, who(r.s))
			if err != nil {
				return HotspotRisk{}, err
			}
			v, err := r.Get(created.ID)
			return HotspotRisk{Risk: v, Created: isNew}, err
		}
	}
	return HotspotRisk{}, fmt.Errorf("hotspot %s is no longer found with these settings: refresh the map and try again", key)
}

// ExportXLSX saves the register as an Excel workbook through the native save dialog.
func (r *Risks) ExportXLSX() (string, error) {
	st, err := r.store()
	if err != nil {
		return "", err
	}
	path, err := saveDialog(r.platform(), "Save the risk register", "risk-register.xlsx", "Excel workbook", "*.xlsx")
	if err != nil || path == "" {
		return "", err
	}
	if _, err := exports.RiskRegister(context.Background(), st, who(r.s), exports.File(path)); err != nil {
		return "", err
	}
	return path, nil
}

// refFileName makes a reference safe as a file name (RL-2025-0001/L1 -> RL-2025-0001-L1).
func refFileName(ref string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' {
			return '-'
		}
		return r
	}, ref)
}
