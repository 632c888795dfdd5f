package exports

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhs-redline/redline/backend/audio"
	"github.com/nhs-redline/redline/backend/export"
	"github.com/nhs-redline/redline/backend/letters"
	"github.com/nhs-redline/redline/backend/risk"
	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/transcript"
	"github.com/nhs-redline/redline/backend/vault"
	reviewpdf "github.com/nhs-redline/redline/reports/review"
	"github.com/nhs-redline/redline/reports/riskxlsx"
	report "github.com/nhs-redline/redline/reports/transcript"
)

// RiskRegister writes the whole register, its history, links and bands as
// an Excel workbook stamped with who exported it and when.
func RiskRegister(ctx context.Context, st *store.Store, who store.Who, d Dest) (export.Result, error) {
	reg, err := risk.LoadRegister(ctx, st)
	if err != nil {
		return export.Result{}, err
	}
	it := export.Item{Kind: "risk.export", Format: "xlsx", ObjectType: "risk_register", ObjectID: "xlsx", Count: len(reg.Risks)}
	return write(ctx, st, who, d, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		b, err := riskxlsx.Write(riskxlsx.Book{Risks: reg.Risks, History: reg.History, Links: reg.Links, Bands: reg.Bands,
			Made: time.Unix(who.At, 0), By: who.Actor, Head: head})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}))
}

// TranscriptFormat checks a transcript export's format and returns its file extension.
func TranscriptFormat(format string) (string, error) {
	ext, ok := report.Formats[format]
	if !ok {
		return "", fmt.Errorf("unknown export format %q: use pdf, docx, srt, vtt or txt", format)
	}
	return ext, nil
}

// TranscriptName is the file name offered for a transcript, without the
// extension: its exhibit reference and the recording's name.
func TranscriptName(ctx context.Context, st *store.Store, id int64) (string, error) {
	in, err := transcriptInput(ctx, st, id, store.Who{})
	if err != nil {
		return "", err
	}
	base := strings.TrimSuffix(in.Recording.OriginalName, filepath.Ext(in.Recording.OriginalName))
	if in.Doc.ExhibitRef != "" {
		base = strings.NewReplacer("/", "-", "\\", "-", ":", "-").Replace(in.Doc.ExhibitRef) + " " + base
	}
	return "Transcript " + base, nil
}

// Transcript writes a transcript in format (pdf, docx, srt, vtt, txt) after
// checking the recording still matches the SHA-256 recorded on receipt.
func Transcript(ctx context.Context, st *store.Store, v *vault.Vault, who store.Who, id int64, format string, d Dest) (export.Result, error) {
	if _, err := TranscriptFormat(format); err != nil {
		return export.Result{}, err
	}
	in, err := transcriptInput(ctx, st, id, who)
	if err != nil {
		return export.Result{}, err
	}
	if in.Recording.DestroyedAt == nil {
		if err := v.Verify(in.Recording.SHA256); err != nil {
			return export.Result{}, fmt.Errorf("the transcript was not exported: the recording %s no longer matches the SHA-256 recorded on receipt (%w)",
				in.Recording.OriginalName, err)
		}
		in.Truncated = lengthMismatch(v, in.Recording)
	}
	it := export.Item{Kind: "transcript.export", Format: format, ObjectType: "transcript", ObjectID: fmt.Sprint(in.Doc.ID),
		Count: len(in.Doc.Segments), Detail: map[string]any{"format": format, "revision": in.Doc.Revision, "status": in.Doc.Status,
			"recordingSha256": in.Recording.SHA256}}
	if in.Truncated != nil {
		it.Detail["recordingLength"] = in.Truncated
	}
	return write(ctx, st, who, d, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		in.Head = head
		return report.Write(w, format, in)
	}))
}

// lengthMismatch reads the recording's header against its file, so the
// transcript says when the recording ends before (or after) its header says.
// A recording Redline cannot read leaves it unsaid: the transcript exists
// because someone could listen to it.
func lengthMismatch(v *vault.Vault, m store.Media) *audio.LengthMismatch {
	f, err := v.Open(m.SHA256)
	if err != nil {
		return nil
	}
	defer f.Close()
	inf, err := audio.Probe(f, m.OriginalName)
	if err != nil {
		return nil
	}
	return inf.Truncated
}

func transcriptInput(ctx context.Context, st *store.Store, id int64, who store.Who) (report.Input, error) {
	doc, err := transcript.Load(ctx, st, id)
	if err != nil {
		return report.Input{}, err
	}
	m, err := st.MediaByID(ctx, doc.MediaID)
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Doc: doc, Recording: m, Generated: time.Unix(who.At, 0), GeneratedBy: who.Actor}
	if a, err := st.Alert(ctx, m.AlertID); err == nil {
		in.AlertRef = a.ARCRef
	}
	return in, nil
}

// ReviewPDF prints a post-incident review with its factors and actions.
func ReviewPDF(ctx context.Context, st *store.Store, who store.Who, id int64, d Dest) (export.Result, error) {
	rev, err := st.Review(ctx, id)
	if err != nil {
		return export.Result{}, err
	}
	doc := reviewpdf.Doc{Review: rev, Printed: time.Unix(who.At, 0), By: who.Actor}
	if doc.Factors, err = st.ContributingFactors(ctx, id); err != nil {
		return export.Result{}, err
	}
	if doc.Actions, err = st.ReviewActions(ctx, id); err != nil {
		return export.Result{}, err
	}
	settings, _ := letters.LoadSettings(ctx, st) // unreadable settings still print, under the default trust name
	doc.Trust = settings.TrustName
	it := export.Item{Kind: "review.export", Format: "pdf", ObjectType: "review", ObjectID: fmt.Sprint(id),
		Detail: map[string]any{"caseRef": rev.CaseRef, "signedOff": rev.SignedOffAt != nil}}
	return write(ctx, st, who, d, it, export.Stamped(func(w io.Writer, head store.AuditAnchor) error {
		doc.Head = head
		b, err := reviewpdf.PDF(doc)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}))
}
