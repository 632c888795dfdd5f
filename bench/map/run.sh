#!/bin/sh
# The map's first open over 1,000,000 alerts, before and after the start-up preload of its
# index (issue 18), side by side in one run: `bench/map/run.sh [rounds]` (default 3).
# The first run builds the 1M-alert fixture (about a minute) and keeps it in $TMPDIR.
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-3}
go test -run XXX -bench 'MapFirstOpen1M' -benchtime 3x -count "$rounds" ./backend/geo/ | tee "${BENCH_OUT:-/dev/null}"
