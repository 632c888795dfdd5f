// Package frontend embeds the built user interface (frontend/dist).
package frontend

import "embed"

// Dist holds the Vite build. A fresh checkout has only dist/.gitkeep, which
// keeps this compiling before the first `npm run build`.
//
//go:embed all:dist
var Dist embed.FS
