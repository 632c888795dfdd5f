package boardpack

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/formula"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/trends"
)

// Table is one of the Reports screen's tables as rows of text, the header first.
type Table struct {
	ID    string // a measure's id, or teams, staff-groups, risk-movement
	Title string
	Rows  [][]string
}

// Tables are every table the Reports screen shows, in its order: one per
// measure, then teams, staff groups and risk movement.
func Tables(r trends.Report) []Table {
	var out []Table
	for _, m := range r.Measures {
		out = append(out, measureTable(m))
	}
	teams := [][]string{{"Team", "Staff group", "Lone workers", "Red alerts", "Incidents", "Per 1,000 lone workers", "No amber alert"}}
	for _, t := range append(append([]trends.TeamRow{}, r.Teams...), r.TeamsTotal) {
		teams = append(teams, []string{t.Team, t.StaffGroup, csvValue(t.Workers), csvValue(t.Red), csvValue(t.Incidents), csvValue(t.PerThousand), csvValue(t.NoAmber)})
	}
	groups := [][]string{groupHead}
	for _, g := range append(append([]trends.GroupRow{}, r.StaffGroups...), r.StaffGroupsTotal) {
		groups = append(groups, []string{g.StaffGroup, csvValue(g.Workers), csvValue(g.Red), csvValue(g.Incidents), csvValue(g.PerThousand)})
	}
	return append(out,
		Table{ID: "teams", Title: "Teams", Rows: teams},
		Table{ID: "staff-groups", Title: "Incidents by staff group", Rows: groups},
		Table{ID: "risk-movement", Title: "Risk band movement", Rows: movementGrid(r.RiskMovement)})
}

func measureTable(m trends.Measure) Table {
	head := []string{"Period", "Part period", m.Title, "Special cause"}
	for _, c := range m.Columns {
		head = append(head, c.Name)
	}
	rows := [][]string{head}
	for j, pt := range m.Points {
		row := []string{pt.Label, yes(pt.Part), csvValue(pt.Value), strings.Join(pt.Rules, ", ")}
		for _, c := range m.Columns {
			row = append(row, csvValue(c.Values[j]))
		}
		rows = append(rows, row)
	}
	return Table{ID: m.ID, Title: m.Title, Rows: rows}
}

// csvValue is a figure as a CSV holds it: a plain number a spreadsheet reads
// as one (no thousands separator), "*" when hidden, blank when unknown.
func csvValue(v trends.Value) string {
	switch {
	case v.Suppressed:
		return "*"
	case !v.Known:
		return ""
	}
	return strconv.FormatFloat(math.Round(v.V*100)/100, 'f', -1, 64)
}

// WriteCSV writes rows as UTF-8 CSV with a byte-order mark (so Excel reads
// names with accents correctly). Every text cell is neutralised so a team
// or staff-group name from an import never runs as a formula; a cell that
// is a plain number is left as one.
func WriteCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, row := range rows {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = inert(c)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func inert(s string) string {
	// Only a number as csvValue writes it stays bare; "+44" from an import is text.
	if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '+' && !strings.ContainsAny(s, "\t\r") {
		return s
	}
	return formula.Neutralise(s)
}

// FindTable is the table with this id, or an error naming it.
func FindTable(r trends.Report, id string) (Table, error) {
	for _, t := range Tables(r) {
		if t.ID == id {
			return t, nil
		}
	}
	return Table{}, fmt.Errorf("the Reports screen has no table %q", id)
}

// CSVName is the file name a table is saved under.
func CSVName(r trends.Report, t Table) string {
	return "trends-" + safeName(t.ID) + "-" + r.From + "-to-" + r.To + ".csv"
}

func safeName(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			return c
		}
		return '-'
	}, s)
}

// SaveCSV writes one table to path through the export chokepoint: one audit
// entry and one line in the export register per file.
func SaveCSV(ctx context.Context, st *store.Store, who store.Who, path string, r trends.Report, t Table) (export.Result, error) {
	detail := map[string]any{"from": r.From, "to": r.To, "by": r.By, "shared": r.Shared, "run": r.Rules.Run, "table": t.ID}
	it := export.Item{Kind: "trends.export", Format: "csv", ObjectType: "trends", ObjectID: r.From + ".." + r.To + "/" + t.ID,
		Count: max(0, len(t.Rows)-1), Detail: detail}
	return export.ToFile(ctx, st, who, path, it, func(w io.Writer) error { return WriteCSV(w, t.Rows) })
}

// SaveCSVDir writes every table into dir, one CSV each, and returns the paths written.
func SaveCSVDir(ctx context.Context, st *store.Store, who store.Who, dir string, r trends.Report) ([]string, error) {
	if dir == "" {
		return nil, errors.New("trends: --csv needs a folder to write the tables into")
	}
	var paths []string
	for _, t := range Tables(r) {
		path := filepath.Join(dir, CSVName(r, t))
		if _, err := SaveCSV(ctx, st, who, path, r, t); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
