package main

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy keeps the webview to our own code: imported text can
// never become script, and nothing is fetched from outside the app.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; " +
	"connect-src 'self' ws://localhost:* ws://127.0.0.1:*; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'"

// middleware adds security headers to every response and routes the reserved
// prefixes for dynamic content (recordings, map tiles) to their handlers.
func (a *app) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicyFor(a.maps.tileServerOrigin()))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		switch {
		case strings.HasPrefix(r.URL.Path, "/tiles/"):
			a.maps.serveTile(w, r)
		case strings.HasPrefix(r.URL.Path, "/media/"):
			a.recordings.serveMedia(w, r)
		case strings.HasPrefix(r.URL.Path, "/basemap/"):
			serveBasemap(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}
