#!/bin/sh
# Import benchmark (issue 3): 1,000,000 amber + 10,000 red alerts with
# positions, imported by redline-cli, side by side in the same run with the
# sqlite3 command-line .import of the same alarms.csv into a table of the
# same shape (plain, and with the same indexes as Redline's alerts table).
# Peak memory from /usr/bin/time -v. Usage: bench/import/run.sh [AMBER] [RED]
set -eu
cd "$(dirname "$0")/../.."
AMBER=${1:-1000000}
RED=${2:-10000}
WORK=$(mktemp -d /tmp/redline-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/redline-cli" ./app/cli
go run ./bench/import -out "$WORK/export" -amber "$AMBER" -red "$RED"
ROWS=$((AMBER + RED))
echo "export: $(du -sh "$WORK/export" | cut -f1), $ROWS alarm rows, $(($(wc -l < "$WORK/export/positions.csv") - 1)) position rows"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # name, then the command; prints wall seconds, CPU seconds, peak RSS MB, rows/s
	name=$1; shift
	/usr/bin/time -v "$@" > "$WORK/out.txt" 2> "$WORK/time.txt" || { cat "$WORK/out.txt" "$WORK/time.txt"; exit 1; }
	awk -v name="$name" -v rows="$ROWS" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		/User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF / 1024 }
		END { printf "%-44s %7.1f s wall %7.1f s CPU %6.0f MB peak %9.0f alert rows/s\n", name, wall, user + sys, rss, rows / wall }' "$WORK/time.txt"
}

measure "redline-cli import, whole command" "$WORK/redline-cli" --data-dir "$WORK/data" import "$WORK/export"
# The command's own report: the import (every row checked, stored, committed)
# and then the rebuild of the screens' indexes the import set aside.
awk -v rows="$ROWS" '
	/rows in .* s \(/ { printf "%-44s %7.1f s wall %34.0f alert rows/s\n", "  of which the import, until committed", $4, rows / $4 }
	/Indexes for sorting/ { printf "%-44s %7.1f s wall\n", "  of which rebuilding the 9 alert indexes", $(NF-1) }' "$WORK/out.txt"

SHAPE="CREATE TABLE alarms(arc TEXT, arc_ref TEXT, type TEXT, trigger TEXT, raised_at TEXT, answered_at TEXT,
 closed_at TEXT, validity TEXT, escalation TEXT, police_ref TEXT, operator TEXT, worker_ref TEXT, worker_name TEXT,
 team TEXT, staff_group TEXT, device_serial TEXT, memo TEXT, lat REAL, lon REAL, accuracy_m REAL);"
INDEXES="CREATE UNIQUE INDEX a_key ON alarms(arc, arc_ref); CREATE INDEX a1 ON alarms(raised_at);
 CREATE INDEX a2 ON alarms(type, raised_at); CREATE INDEX a3 ON alarms(validity, raised_at);
 CREATE INDEX a4 ON alarms(team, raised_at); CREATE INDEX a5 ON alarms(worker_ref, raised_at);
 CREATE INDEX a6 ON alarms(lat, lon); CREATE INDEX a7 ON alarms(escalation, raised_at);
 CREATE INDEX a8 ON alarms(arc_ref COLLATE NOCASE); CREATE INDEX a9 ON alarms(police_ref COLLATE NOCASE);"
PRAGMAS="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
IMPORT=".import --csv --skip 1 $WORK/export/alarms.csv alarms"

printf '%s\n%s\n%s\n' "$PRAGMAS" "$SHAPE" "$IMPORT" > "$WORK/plain.sql"
measure "sqlite3 .import, same shape, no indexes" sh -c "sqlite3 $WORK/plain.db < $WORK/plain.sql"
KEYED=$(echo "$SHAPE" | sed 's/accuracy_m REAL);/accuracy_m REAL, UNIQUE(arc, arc_ref));/')
printf '%s\n%s\n%s\n' "$PRAGMAS" "$KEYED" "$IMPORT" > "$WORK/keyed.sql"
measure "sqlite3 .import, same shape + natural key" sh -c "sqlite3 $WORK/keyed.db < $WORK/keyed.sql"
printf '%s\n%s\n%s\n%s\n' "$PRAGMAS" "$SHAPE" "$INDEXES" "$IMPORT" > "$WORK/indexed.sql"
measure "sqlite3 .import, same shape and indexes" sh -c "sqlite3 $WORK/indexed.db < $WORK/indexed.sql"
printf '%s\n%s\n%s\n%s\n' "$PRAGMAS" "$SHAPE" "$IMPORT" "$INDEXES" > "$WORK/after.sql"
measure "sqlite3 .import, then the same indexes" sh -c "sqlite3 $WORK/after.db < $WORK/after.sql"
