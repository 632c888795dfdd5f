// Package audit names who is acting, for the hash-chained audit log that
// store keeps (Store.AppendAudit, Store.CheckAuditLog).
package audit

import (
	"os"
	"os/user"
)

// System is the actor for work Redline does on its own (purges at start-up).
const System = "system"

// Actor is the signed-in account: on an NHS laptop that is the person.
func Actor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USERNAME", "USER"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown user"
}
