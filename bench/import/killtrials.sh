#!/bin/sh
# Kill trials: SIGKILL `redline-cli import` at a random point, N times, and
# check each time that the database is consistent and the import can be
# finished by running it again. The import goes into a database that already
# holds a smaller export of the same ARC (so it both updates and adds), and
# the point of the kill falls anywhere from start-up to the end of the index
# rebuild after the commit.
#
# Each trial passes when: PRAGMA integrity_check says ok and foreign_key_check
# finds nothing; the alerts are exactly those before or exactly those after a
# full import (nothing in between); every index of the schema is either
# present or listed in deferred_indexes, and none is missing when the import
# did not commit; `redline-cli audit verify` passes; and running the import
# again exits 0, leaves every index built, the full count of alerts, and a
# vault that `redline-cli vault verify` accepts.
#
# Usage: bench/import/killtrials.sh [TRIALS] [AMBER] [RED]
set -eu
cd "$(dirname "$0")/../.."
TRIALS=${1:-30}
AMBER=${2:-200000}
RED=${3:-2000}
WORK=$(mktemp -d /tmp/redline-kill-trials.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/redline-cli" ./app/cli
go run ./bench/import -out "$WORK/first" -amber $((AMBER / 10)) -red $((RED / 10)) >/dev/null
go run ./bench/import -out "$WORK/export" -amber "$AMBER" -red "$RED" >/dev/null
CLI="$WORK/redline-cli"

# The database before the import: the first, smaller export.
mkdir -p "$WORK/base/data" "$WORK/base/keys"
REDLINE_AUDIT_KEY_DIR="$WORK/base/keys" "$CLI" --data-dir "$WORK/base/data" import "$WORK/first" >/dev/null
q() { sqlite3 "$1/redline.db" "$2"; }
INDEXES="SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND sql IS NOT NULL ORDER BY name"
BEFORE=$(q "$WORK/base/data" "SELECT count(*) FROM alerts")
BASE_INDEXES=$(q "$WORK/base/data" "$INDEXES")

# One full import, timed, gives the count after and the span to kill in.
cp -a "$WORK/base" "$WORK/full"
START=$(date +%s%N)
REDLINE_AUDIT_KEY_DIR="$WORK/full/keys" "$CLI" --data-dir "$WORK/full/data" import "$WORK/export" >/dev/null 2>&1
SPAN_MS=$((($(date +%s%N) - START) / 1000000))
AFTER=$(q "$WORK/full/data" "SELECT count(*) FROM alerts")
echo "import of $((AMBER + RED)) alarms into $BEFORE: $SPAN_MS ms, $AFTER alerts after; $TRIALS trials"

pass=0 committed=0
for i in $(seq 1 "$TRIALS"); do
	T="$WORK/t$i"
	cp -a "$WORK/base" "$T"
	export REDLINE_AUDIT_KEY_DIR="$T/keys"
	r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	delay=$(awk -v s="$SPAN_MS" -v r="$r" 'BEGIN { printf "%.3f", (r % 1000000) / 1000000 * s / 1000 }')
	"$CLI" --data-dir "$T/data" import "$WORK/export" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	why=""
	[ "$(q "$T/data" "PRAGMA integrity_check")" = ok ] || why="$why integrity_check;"
	[ -z "$(q "$T/data" "PRAGMA foreign_key_check")" ] || why="$why foreign keys;"
	n=$(q "$T/data" "SELECT count(*) FROM alerts")
	have=$(q "$T/data" "$INDEXES")
	waiting=$(q "$T/data" "SELECT name FROM deferred_indexes ORDER BY name")
	case $n in
	"$BEFORE") [ "$have" = "$BASE_INDEXES" ] && [ -z "$waiting" ] || why="$why indexes changed by an import that did not commit;" ;;
	"$AFTER")
		committed=$((committed + 1))
		all=$(printf '%s\n%s\n' "$have" "$waiting" | sed '/^$/d' | sort -u)
		[ "$all" = "$BASE_INDEXES" ] || why="$why an index is neither built nor waiting;" ;;
	*) why="$why $n alerts, neither $BEFORE nor $AFTER;" ;;
	esac
	"$CLI" --data-dir "$T/data" audit verify >/dev/null 2>&1 || why="$why audit verify;"
	if "$CLI" --data-dir "$T/data" import "$WORK/export" >/dev/null 2>&1; then
		[ "$(q "$T/data" "SELECT count(*) FROM alerts")" = "$AFTER" ] || why="$why re-run count;"
		[ "$(q "$T/data" "$INDEXES")" = "$BASE_INDEXES" ] || why="$why indexes after re-run;"
		[ -z "$(q "$T/data" "SELECT name FROM deferred_indexes")" ] || why="$why indexes still waiting after re-run;"
		"$CLI" --data-dir "$T/data" vault verify >/dev/null 2>&1 || why="$why vault verify;"
	else
		why="$why re-run failed;"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "trial $i: killed after ${delay}s: consistent ($n alerts, $(echo "$waiting" | sed '/^$/d' | wc -l) indexes waiting)"
	else
		echo "trial $i: killed after ${delay}s: INCONSISTENT:$why"
	fi
	rm -rf "$T"
done
echo "$pass of $TRIALS consistent ($committed killed after the commit)"
[ "$pass" = "$TRIALS" ]
