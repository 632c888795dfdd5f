package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhs-redline/redline/backend/trends"
	"github.com/nhs-redline/redline/reports/boardpack"
)

func cmdTrends(ctx context.Context, e *env, args []string) error {
	fs := flags("trends", e)
	var q trends.Query
	fs.Bool("json", true, "print each measure's XmR series as JSON (the default without --pdf or --xlsx)")
	fs.StringVar(&q.From, "from", "", "first month, YYYY-MM (default: 23 months before --to)")
	fs.StringVar(&q.To, "to", "", "last month, YYYY-MM (default: this month)")
	fs.StringVar(&q.By, "by", "month", "period: month or week")
	fs.BoolVar(&q.Shared, "shared", false, "for sharing beyond the security team: counts 1 to 7 hidden, others rounded to 5")
	fs.IntVar(&q.Run, "run", 7, "points in a row on one side of the mean that make a signal: 7 or 6")
	pdf := fs.String("pdf", "", "write the board pack as a PDF to this file")
	xlsx := fs.String("xlsx", "", "write the board pack as an Excel workbook to this file")
	csvDir := fs.String("csv", "", "write each table of the Reports screen as a CSV file into this folder")
	asOf := fs.String("as-of", "", "treat this instant (RFC 3339, e.g. 2027-03-28T12:00:00Z) as now: the figures as they stood then, "+
		"its period part-complete and later ones not shown (default: now)")
	if err := parse(fs, args); err != nil {
		return err
	}
	at := now()
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339, *asOf)
		if err != nil {
			return badInput("trends: --as-of %q is not a date and time such as 2027-03-28T12:00:00Z", *asOf)
		}
		at = t
	}
	o, err := q.Options(at)
	if err != nil {
		return badInput("%s", err.Error())
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	r, err := trends.Build(ctx, ws.Store, o)
	if err != nil {
		return err
	}
	if *pdf == "" && *xlsx == "" && *csvDir == "" {
		return json.NewEncoder(e.stdout).Encode(r)
	}
	if *csvDir != "" {
		paths, err := boardpack.SaveCSVDir(ctx, ws.Store, who(ctx, ws.Store), *csvDir, r)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d tables written to %s as CSV\n", len(paths), *csvDir)
	}
	for format, path := range map[string]string{"pdf": *pdf, "xlsx": *xlsx} {
		if path == "" {
			continue
		}
		if _, err := boardpack.Save(ctx, ws.Store, who(ctx, ws.Store), path, format, r); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Board pack written to %s\n", path)
	}
	return nil
}
