package main

import (
	"context"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/trends"
)

// Trends is the bound service behind the Reports screen's director view.
type Trends struct {
	s *session
}

// TrendsQuery names the months (YYYY-MM, inclusive) and whether the figures
// are for sharing beyond the security team.
type TrendsQuery struct {
	FromMonth string `json:"fromMonth"`
	ToMonth   string `json:"toMonth"`
	Shared    bool   `json:"shared"`
}

// Dashboard returns the trends for the months asked.
func (t *Trends) Dashboard(q TrendsQuery) (trends.Dashboard, error) {
	ws, err := t.s.workspace()
	if err != nil {
		return trends.Dashboard{}, err
	}
	from, err := parseMonth(q.FromMonth)
	if err != nil {
		return trends.Dashboard{}, err
	}
	to, err := parseMonth(q.ToMonth)
	if err != nil {
		return trends.Dashboard{}, err
	}
	if to.Before(from) {
		return trends.Dashboard{}, fmt.Errorf("the last month (%s) is before the first (%s)", q.ToMonth, q.FromMonth)
	}
	if to.Sub(from) > 5*366*24*time.Hour {
		return trends.Dashboard{}, fmt.Errorf("choose at most five years at a time")
	}
	return trends.Build(context.Background(), ws.Store, trends.Options{From: from, To: to.AddDate(0, 1, 0), Shared: q.Shared})
}

func parseMonth(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01", s, store.London)
	if err != nil {
		return t, fmt.Errorf("%q is not a month: use the month picker", s)
	}
	return t, nil
}
