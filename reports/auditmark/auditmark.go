// Package auditmark words the audit head every exported document carries:
// the newest entry of Redline's audit log when the document was made, for a
// reader to check the log against later with `redline-cli audit verify --anchor`.
package auditmark

import (
	"fmt"

	"github.com/nhs-redline/redline/backend/store"
)

// shortHex is as many hash digits as `audit verify --anchor` accepts at least.
const shortHex = 12

// Short is the footer form: "Audit log entry 1234, 9f3a1b2c3d4e". Its number
// and digits are what `audit verify --anchor 1234:9f3a1b2c3d4e` takes.
func Short(h store.AuditAnchor) string {
	return fmt.Sprintf("Audit log entry %d, %s", h.Seq, h.Hash[:min(len(h.Hash), shortHex)])
}

// Full is the closing line or metadata form, with the whole hash.
func Full(h store.AuditAnchor) string {
	return fmt.Sprintf("Audit log entry %d, hash %s. Check the log still holds it with: redline-cli audit verify --anchor %s",
		h.Seq, h.Hash, h)
}

// Anchor is the head as `audit verify --anchor` reads it, whole: "1234:9f3a…".
func Anchor(h store.AuditAnchor) string { return h.String() }

// None reports whether there is no head to print: a document made outside an
// export (a letter's stored copy, a preview), or exported from an empty log,
// whose head the export register keeps.
func None(h store.AuditAnchor) bool { return h.Seq == 0 || h.Hash == "" }
