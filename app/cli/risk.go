package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nhs-redline/redline/backend/audit"
	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/workspace"
	"github.com/nhs-redline/redline/reports/riskxlsx"
)

func init() {
	register("risks", "list the risk register as JSON, or export it: risks export --xlsx FILE", cmdRisks)
	register("letters", "list the letter register as JSON, or draft and save a case's letter: letters render --case ID --out DIR", cmdLetters)
}

func cmdRisks(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		fs := flags("risks export", e)
		out := fs.String("xlsx", "", "write the register, history, links and bands to this .xlsx file")
		if err := parse(fs, args[1:]); err != nil {
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
		b, err := riskxlsx.FromStore(ctx, ws.Store, time.Now(), audit.Actor())
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o600); err != nil {
			return err
		}
		_, err = ws.Store.Audit(ctx, store.AuditEntry{At: time.Now().Unix(), Actor: audit.Actor(), Action: "risk.export",
			ObjectType: "risk_register", ObjectID: "xlsx", Detail: fmt.Sprintf(`{"to":%q,"via":"cli"}`, *out)})
		if err == nil {
			fmt.Fprintf(e.stdout, "Risk register written to %s\n", *out)
		}
		return err
	}
	fs := flags("risks", e)
	status := fs.String("status", "", "open or closed")
	if err := parse(fs, args); err != nil {
		return err
	}
	return e.printJSON(func(ws *workspace.Workspace) (any, error) {
		return ws.Store.Risks(ctx, store.RiskFilter{Status: *status})
	})
}

func cmdLetters(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "render" {
		fs := flags("letters render", e)
		caseID := fs.Int64("case", 0, "the case whose decision calls for a letter")
		out := fs.String("out", ".", "folder to save the DOCX and PDF in")
		if err := parse(fs, args[1:]); err != nil {
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
		o := &letters.Office{Store: ws.Store, Vault: ws.Vault, Templates: letters.TemplatesIn(ws.Dir)}
		who := store.Who{Actor: audit.Actor(), At: time.Now().Unix()}
		l, err := o.Draft(ctx, *caseID, who)
		if err != nil {
			return err
		}
		for _, format := range []string{"docx", "pdf"} {
			dst := filepath.Join(*out, fmt.Sprintf("letter-%d.%s", l.ID, format))
			if err := o.Export(ctx, l.ID, format, dst, who); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, dst)
		}
		return nil
	}
	fs := flags("letters", e)
	caseID := fs.Int64("case", 0, "only this case's letters")
	if err := parse(fs, args); err != nil {
		return err
	}
	return e.printJSON(func(ws *workspace.Workspace) (any, error) {
		return ws.Store.Letters(ctx, store.LetterFilter{CaseID: *caseID})
	})
}
