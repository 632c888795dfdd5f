// Package backend holds no code of its own: the packages beneath it are
// Redline's domain logic and storage, which plain `go test` reaches without
// a window. Its test keeps them that way: none may import the Wails window
// or reports/ (rendering is handed in, as with letters.Renderer and
// export.Render).
package backend
