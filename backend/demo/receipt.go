package demo

import (
	"encoding/json"
	"fmt"

	"github.com/nhs-redline/redline/backend/store"
)

// The demo's import, as its record and its receipt entry name it.
const (
	demoSource = "Demo data (generated)"
	demoActor  = "Redline demo"
)

// receipt writes the demo import's audit entry as a real import writes its
// own when it finishes (backend/arc importer.finish): action "import.imported"
// on the import, and a detail naming each file received with its SHA-256.
// Exhibit continuity starts from that entry ("received from the ARC"), so
// the demo's recordings show the same chain of custody a real import gives.
func (g *gen) receipt() error {
	files := make([]map[string]any, 0, len(g.received))
	for _, f := range g.received {
		files = append(files, map[string]any{"name": f.Name, "sha256": f.SHA256, "size": f.Size})
	}
	detail, err := json.Marshal(map[string]any{"source": demoSource, "profile": "demo", "errors": 0, "files": files,
		"summary": map[string]any{"amber": g.sum.Amber, "red": g.sum.Red, "media": g.sum.Media}})
	if err != nil {
		return err
	}
	_, err = g.w.Audit(store.AuditEntry{At: g.cfg.End.Unix(), Actor: demoActor, Action: "import.imported",
		ObjectType: "import", ObjectID: fmt.Sprint(g.importID), Detail: string(detail)})
	return err
}
