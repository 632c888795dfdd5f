package main

import (
	"testing"

	"github.com/nhs-redline/redline/backend/auditkey/auditkeytest"
)

// TestMain keeps the audit keys these tests make out of the account's own key folder.
func TestMain(m *testing.M) { auditkeytest.Main(m) }
