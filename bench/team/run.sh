#!/bin/sh
# Team migrate benchmark (issue 15): a laptop holding AMBER + RED alerts (the
# import benchmark's generated export, imported by redline-cli) is copied
# into an empty team database by `redline-cli team migrate`, side by side in
# the same run with psql's \copy of the same alert rows (exported by sqlite3
# as CSV) into the same alerts table of another freshly set up team database,
# with the same indexes and keys, and into a bare table of the same shape.
#
# Needs Debian's postgresql-15 (scripts/pgtest.sh starts a throwaway cluster)
# and sqlite3. Usage: bench/team/run.sh [AMBER] [RED]
set -eu
cd "$(dirname "$0")/../.."
AMBER=${1:-1000000}
RED=${2:-10000}
WORK=$(mktemp -d /tmp/redline-team-bench.XXXXXX)
chmod 755 "$WORK"
PG=$(scripts/pgtest.sh start)
trap 'scripts/pgtest.sh stop "$PG"; rm -rf "$WORK"' EXIT
SERVER=$(scripts/pgtest.sh url "$PG")
export PGPASSWORD
PGPASSWORD=$(cat "$PG/password")
PORT=$(cat "$PG/port")
psqlc() { psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U redline_admin "$@"; }
psqlc -d postgres -c "CREATE DATABASE team_migrate" -c "CREATE DATABASE team_psql"
MIGRATE_DB=$(echo "$SERVER" | sed 's#/redline_test?#/team_migrate?#')
PSQL_DB=$(echo "$SERVER" | sed 's#/redline_test?#/team_psql?#')

go build -o "$WORK/redline-cli" ./app/cli
go run ./bench/import -out "$WORK/export" -amber "$AMBER" -red "$RED"
export REDLINE_AUDIT_KEY_DIR="$WORK/keys"
"$WORK/redline-cli" --data-dir "$WORK/laptop" import "$WORK/export" > /dev/null 2>&1
ALERTS=$(sqlite3 "$WORK/laptop/redline.db" "SELECT count(*) FROM alerts")
echo "laptop: $ALERTS alerts, $(du -sh "$WORK/laptop/redline.db" | cut -f1) database"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # name, alerts, then the command; prints wall seconds, CPU seconds of the client, alerts per second
	name=$1; rows=$2; shift 2
	/usr/bin/time -v "$@" > "$WORK/out.txt" 2> "$WORK/time.txt" || { cat "$WORK/out.txt" "$WORK/time.txt"; exit 1; }
	awk -v name="$name" -v rows="$rows" '
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		/User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF / 1024 }
		END { printf "%-50s %7.1f s wall %6.1f s client CPU %5.0f MB peak %9.0f alerts/s\n", name, wall, user + sys, rss, rows / wall }' "$WORK/time.txt"
}

"$WORK/redline-cli" team init --db "$PSQL_DB" > /dev/null
measure "redline-cli team migrate, whole command" "$ALERTS" "$WORK/redline-cli" team migrate --from "$WORK/laptop" --db "$MIGRATE_DB" --json
cp "$WORK/out.txt" "$WORK/migrate.json"
# The command's own report: COPY of the alerts table alone.
python3 - "$WORK/migrate.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for t in r["copy"]["tables"]:
    if t["table"] == "alerts":
        s = t["tookNs"] / 1e9
        print("%-50s %7.1f s wall %47.0f alerts/s" % ("  of which COPY of the alerts table", s, t["rows"] / s))
print("%-50s %7.1f s wall (%d rows, %d tables)" % ("  of which the copy transaction", r["copy"]["tookNs"] / 1e9, r["copy"]["rows"], len(r["copy"]["tables"])))
PY

# psql \copy of the same alert rows: the parents first (not timed), then the
# alerts into the same table, indexes and keys as Redline's.
COLS=$(sqlite3 "$WORK/laptop/redline.db" "SELECT group_concat(name, ',') FROM pragma_table_info('alerts')")
for t in staff_groups teams workers devices imports alerts; do
	sqlite3 -csv -header "$WORK/laptop/redline.db" "SELECT * FROM $t" > "$WORK/$t.csv"
	tc=$(sqlite3 "$WORK/laptop/redline.db" "SELECT group_concat(name, ',') FROM pragma_table_info('$t')")
	[ "$t" = alerts ] || psqlc -d team_psql -c "\\copy $t($tc) FROM '$WORK/$t.csv' CSV HEADER"
done
measure "psql \\copy, same alerts table, indexes and keys" "$ALERTS" \
	psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U redline_admin -d team_psql -c "\\copy alerts($COLS) FROM '$WORK/alerts.csv' CSV HEADER"
psqlc -d team_psql -c "CREATE TABLE bare_alerts (LIKE alerts)"
measure "psql \\copy, same shape, no indexes or keys" "$ALERTS" \
	psql -qAt -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U redline_admin -d team_psql -c "\\copy bare_alerts($COLS) FROM '$WORK/alerts.csv' CSV HEADER"
