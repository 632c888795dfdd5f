// Package formula keeps text exported to spreadsheets and CSV files inert: a
// cell that starts like a formula is never run by Excel or LibreOffice.
package formula

// Neutralise puts an apostrophe before text starting with = + - @, a tab or a
// carriage return (the OWASP advice on CSV injection). Spreadsheets show the
// apostrophe-led text as it was written.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
