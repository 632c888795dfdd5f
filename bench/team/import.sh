#!/bin/sh
# Team import benchmark (issue 15): AMBER + RED alarms (bench/import's
# generated canonical export) imported into an empty team database by
# `redline-cli --db URL import` (COPY, one transaction), side by side in the
# same run with psql's \copy of the same alarms.csv into a table of the CSV's
# shape: bare, with the natural key, and with the same nine indexes as
# Redline's alerts table (as bench/import/run.sh does with sqlite3 .import).
# Then the screens' queries over the imported alerts, 1 client against
# CLIENTS at once (bench/team/queries).
#
# Needs Debian's postgresql-15 (scripts/pgtest.sh starts a throwaway cluster).
# Usage: bench/team/import.sh [AMBER] [RED] [CLIENTS]
set -eu
cd "$(dirname "$0")/../.."
AMBER=${1:-1000000}
RED=${2:-10000}
CLIENTS=${3:-10}
ROWS=$((AMBER + RED))
WORK=$(mktemp -d /tmp/redline-team-import.XXXXXX)
chmod 755 "$WORK"
PG=$(scripts/pgtest.sh start)
trap 'scripts/pgtest.sh stop "$PG"; rm -rf "$WORK"' EXIT
SERVER=$(scripts/pgtest.sh url "$PG")
export PGPASSWORD
PGPASSWORD=$(cat "$PG/password")
PORT=$(cat "$PG/port")
PSQL="psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PORT -U redline_admin"
psqlc() { $PSQL "$@"; }
psqlc -d postgres -c "CREATE DATABASE team_import" -c "CREATE DATABASE team_psql"
IMPORT_DB=$(echo "$SERVER" | sed 's#/redline_test?#/team_import?#')

go build -o "$WORK/redline-cli" ./app/cli
go build -o "$WORK/team-queries" ./bench/team/queries
go run ./bench/import -out "$WORK/export" -amber "$AMBER" -red "$RED"
echo "export: $(du -sh "$WORK/export" | cut -f1), $ROWS alarm rows, $(($(wc -l < "$WORK/export/positions.csv") - 1)) position rows"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
export REDLINE_AUDIT_KEY_DIR="$WORK/keys"

measure() { # name, then the command; prints wall seconds, client CPU seconds, peak RSS MB, rows/s
	name=$1; shift
	/usr/bin/time -v "$@" > "$WORK/out.txt" 2> "$WORK/time.txt" || { cat "$WORK/out.txt" "$WORK/time.txt"; exit 1; }
	awk -v name="$name" -v rows="$ROWS" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		/User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF / 1024 }
		END { printf "%-52s %7.1f s wall %6.1f s client CPU %5.0f MB peak %8.0f alarm rows/s\n", name, wall, user + sys, rss, rows / wall }' "$WORK/time.txt"
}

"$WORK/redline-cli" team init --db "$IMPORT_DB" > /dev/null
measure "redline-cli --db import, whole command" "$WORK/redline-cli" --data-dir "$WORK/local" --db "$IMPORT_DB" import "$WORK/export"
awk -v rows="$ROWS" '/rows in .* s \(/ { printf "%-52s %7.1f s wall %43.0f alarm rows/s\n", "  of which the import, until committed", $4, rows / $4 }' "$WORK/out.txt"
echo "load after the import: $(cut -d' ' -f1-3 /proc/loadavg)"

SHAPE="CREATE TABLE alarms(arc TEXT, arc_ref TEXT, type TEXT, trigger TEXT, raised_at TEXT, answered_at TEXT,
 closed_at TEXT, validity TEXT, escalation TEXT, police_ref TEXT, operator TEXT, worker_ref TEXT, worker_name TEXT,
 team TEXT, staff_group TEXT, device_serial TEXT, memo TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, accuracy_m DOUBLE PRECISION)"
INDEXES="CREATE INDEX a1 ON alarms(raised_at); CREATE INDEX a2 ON alarms(type, raised_at);
 CREATE INDEX a3 ON alarms(validity, raised_at); CREATE INDEX a4 ON alarms(team, raised_at);
 CREATE INDEX a5 ON alarms(worker_ref, raised_at); CREATE INDEX a6 ON alarms(lat, lon);
 CREATE INDEX a7 ON alarms(escalation, raised_at); CREATE INDEX a8 ON alarms(arc_ref COLLATE nocase);
 CREATE INDEX a9 ON alarms(police_ref COLLATE nocase)"
COPY="\\copy alarms FROM '$WORK/export/alarms.csv' CSV HEADER"
# The same case-insensitive collation as the team schema's, for the same indexes.
psqlc -d team_psql -c "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
fresh() { psqlc -d team_psql -c "DROP TABLE IF EXISTS alarms" -c "$SHAPE" "$@"; }

fresh
measure "psql \\copy, same shape, no indexes" $PSQL -d team_psql -c "$COPY"
fresh -c "ALTER TABLE alarms ADD UNIQUE (arc, arc_ref)"
measure "psql \\copy, same shape + natural key" $PSQL -d team_psql -c "$COPY"
fresh -c "ALTER TABLE alarms ADD UNIQUE (arc, arc_ref)" -c "$INDEXES"
measure "psql \\copy, same shape, key and the 9 indexes" $PSQL -d team_psql -c "$COPY"

# The same alert rows, as the import stored them, into the same alerts table
# of another team database (indexes, keys and foreign keys; parents loaded
# first, not timed): what COPY costs there, with nothing of Redline's around it.
psqlc -d postgres -c "CREATE DATABASE team_same"
SAME_DB=$(echo "$SERVER" | sed 's#/redline_test?#/team_same?#')
"$WORK/redline-cli" team init --db "$SAME_DB" > /dev/null
for t in staff_groups teams workers devices imports alerts; do
	psqlc -d team_import -c "\\copy (SELECT * FROM $t ORDER BY id) TO '$WORK/$t.csv' CSV HEADER"
	[ "$t" = alerts ] || psqlc -d team_same -c "\\copy $t FROM '$WORK/$t.csv' CSV HEADER"
done
measure "psql \\copy, the stored rows into the same alerts table" $PSQL -d team_same -c "\\copy alerts FROM '$WORK/alerts.csv' CSV HEADER"

echo "machine before the queries: load $(cut -d' ' -f1-3 /proc/loadavg)"
"$WORK/team-queries" -db "$IMPORT_DB" -clients "$CLIENTS" -requests 20
