package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/reports/exports"
)

func cmdRisks(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return cmdRisksExport(ctx, e, args[1:])
	}
	fs := flags("risks", e)
	status := fs.String("status", "", "open or closed")
	if err := parse(fs, args); err != nil {
		return err
	}
	return e.printJSON(func(st *store.Store) (any, error) {
		return st.Risks(ctx, store.RiskFilter{Status: *status})
	})
}

func cmdRisksExport(ctx context.Context, e *env, args []string) error {
	fs := flags("risks export", e)
	out := fs.String("xlsx", "", "write the register, history, links and bands to this .xlsx file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return badInput("risks export needs --xlsx FILE")
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	if _, err := exports.RiskRegister(ctx, ws.Store, who(ctx, ws.Store), exports.File(*out)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Risk register written to %s\n", *out)
	return nil
}

func cmdLetters(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "render" {
		return cmdLettersRender(ctx, e, args[1:])
	}
	fs := flags("letters", e)
	caseID := fs.Int64("case", 0, "only this case's letters")
	if err := parse(fs, args); err != nil {
		return err
	}
	return e.printJSON(func(st *store.Store) (any, error) {
		return st.Letters(ctx, store.LetterFilter{CaseID: *caseID})
	})
}

func cmdLettersRender(ctx context.Context, e *env, args []string) error {
	fs := flags("letters render", e)
	caseID := fs.Int64("case", 0, "the case whose decision calls for a letter")
	out := fs.String("out", ".", "folder to save the DOCX and PDF in")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *caseID == 0 {
		return badInput("letters render needs --case ID")
	}
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer ws.Close()
	o := exports.Letters(ws)
	l, err := o.Draft(ctx, *caseID, who(ctx, ws.Store))
	if err != nil {
		return err
	}
	for _, format := range []string{"docx", "pdf"} {
		dst := filepath.Join(*out, fmt.Sprintf("letter-%d.%s", l.ID, format))
		if err := o.Export(ctx, l.ID, format, dst, who(ctx, ws.Store)); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, dst)
	}
	return nil
}
