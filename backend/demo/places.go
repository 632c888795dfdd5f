package demo

// Place is a named point of the demo trust, for data built on top of it.
type Place struct {
	Name     string
	Lat, Lon float64
}

// Hotspots are the addresses where the demo's trouble repeats, so stories
// told on top of the demo (known-risk locations, risks) can sit beside them.
func Hotspots() []Place {
	names := []string{"Harehills, Leeds", "Manningham, Bradford", "Eastmoor, Wakefield"}
	out := make([]Place, len(hotspots))
	for i, h := range hotspots {
		out[i] = Place{Name: names[i], Lat: h.lat, Lon: h.lon}
	}
	return out
}
