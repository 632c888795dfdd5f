package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/nhs-redline/redline/backend/store"
	"github.com/nhs-redline/redline/backend/store/storetest"
	"github.com/nhs-redline/redline/backend/workspace"
)

func TestVaultVerify_AllWellThenAMissingFileOnAHeldCase(t *testing.T) {
	dir := t.TempDir()
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	put := storetest.Put(t, ws.Vault, strings.NewReader("held recording"))
	var alertID int64
	err = ws.Store.Write(ctx, func(w *store.Writer) error {
		if alertID, err = w.Alert(store.NewAlert{ARC: "T", ARCRef: "R1", Type: "red", RaisedAt: 1_760_000_000, MediaCount: 1}); err != nil {
			return err
		}
		_, err := w.Media(store.Media{AlertID: alertID, OriginalName: "r1.wav", SHA256: put.SHA256, Size: put.Size, VaultPath: put.Rel}, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	who := store.Who{Actor: "lsms", At: 1_760_000_000}
	c, err := ws.Store.OpenCase(ctx, store.NewCase{Title: "Court", Origin: "manual", IncidentAt: who.At, AlertIDs: []int64{alertID}}, who)
	if err != nil {
		t.Fatal(err)
	}
	on, why := true, "trial"
	if err := ws.Store.UpdateCase(ctx, c.ID, store.CasePatch{LegalHold: &on, LegalHoldReason: &why}, who, nil); err != nil {
		t.Fatal(err)
	}
	p, _ := ws.Vault.Path(put.SHA256)
	ws.Close()

	code, out, errs := runCLI(t, "--data-dir", dir, "vault", "verify")
	if code != 0 || !strings.Contains(out, "All well") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	os.Remove(p)
	code, out, _ = runCLI(t, "--data-dir", dir, "vault", "verify")
	if code != 1 || !strings.Contains(out, "MISSING  alert R1  case "+c.Ref+" (legal hold)  r1.wav") {
		t.Fatalf("missing file: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "--data-dir", dir, "vault", "verify", "--json")
	var rep struct {
		Problems []struct {
			Kind      string `json:"kind"`
			ARCRef    string `json:"arcRef"`
			Cases     string `json:"cases"`
			LegalHold bool   `json:"legalHold"`
		} `json:"problems"`
	}
	if code != 1 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Problems) != 1 || rep.Problems[0].Kind != "missing" ||
		rep.Problems[0].ARCRef != "R1" || rep.Problems[0].Cases != c.Ref || !rep.Problems[0].LegalHold {
		t.Fatalf("--json: exit %d\n%s", code, out)
	}
}
