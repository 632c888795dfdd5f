package store

import (
	"errors"
	"time"
	_ "time/tzdata" // Windows laptops may lack a zoneinfo database
)

// ErrNotFound says a record asked for by id does not exist.
var ErrNotFound = errors.New("not found")

// London is the zone every date in the UI and in ARC exports is read in.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}
