#!/usr/bin/env bash
# pgtest.sh: a throwaway PostgreSQL 15 cluster for Redline's team-mode tests.
#
#   D=$(scripts/pgtest.sh start)     # prints the cluster's folder once it accepts connections
#   export REDLINE_TEST_PG=$(scripts/pgtest.sh url "$D")
#   ...
#   scripts/pgtest.sh stop "$D"      # stops the cluster and removes the folder
#
# It installs nothing: it needs Debian's postgresql-15 (apt-get install -y postgresql-15)
# and says so when it is missing. The cluster lives in a temporary folder owned by the
# `postgres` user (the server refuses to run as root), listens on 127.0.0.1 and a unix
# socket in that folder only, on the first free port from PGTEST_PORT (default 55432),
# with a random password for the superuser redline_admin and one database, redline_test.
# It never touches the machine's own clusters (pg_lsclusters), whatever their state.
set -euo pipefail

BIN=${PGTEST_BIN:-/usr/lib/postgresql/15/bin}
FIRST_PORT=${PGTEST_PORT:-55432}
USER_NAME=redline_admin
DB_NAME=redline_test

die() { echo "pgtest: $*" >&2; exit 1; }

# as_owner runs a command as the cluster's owner: `postgres` when we are root,
# ourselves otherwise (initdb runs as any ordinary user).
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_dir() {
	[ -n "${1:-}" ] || die "name the cluster's folder, as printed by \`$0 start\`"
	[ -f "$1/port" ] && [ -f "$1/password" ] || die "$1 is not a cluster made by $0"
}

cmd_start() {
	[ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] ||
		die "PostgreSQL 15 is not installed ($BIN/initdb missing): apt-get install -y postgresql-15"
	local dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/redline-pgtest.XXXXXX")
	chmod 0755 "$dir"
	head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/password"
	chmod 0644 "$dir/password" # the folder is throwaway; the owner must read it to initdb
	if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
	if ! as_owner "$BIN/initdb" -D "$dir/data" -A scram-sha-256 --pwfile="$dir/password" -U "$USER_NAME" \
		-E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		rm -rf "$dir"
		die "initdb failed"
	fi
	local port=$FIRST_PORT tries=0
	while :; do
		tries=$((tries + 1))
		[ "$tries" -le 50 ] || { rm -rf "$dir"; die "no free port from $FIRST_PORT to $((FIRST_PORT + 49))"; }
		if port_in_use "$port"; then port=$((port + 1)); continue; fi
		# fsync off: the cluster is thrown away, and tests run several times faster.
		if as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
			-o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null; then
			break
		fi
		port=$((port + 1)) # lost a race for the port: try the next one
	done
	echo "$port" >"$dir/port"
	PGPASSWORD=$(cat "$dir/password") "$BIN/psql" -qAt -h 127.0.0.1 -p "$port" -U "$USER_NAME" -d postgres \
		-c "CREATE DATABASE $DB_NAME" >/dev/null || { cmd_stop "$dir"; die "could not create $DB_NAME"; }
	echo "$dir"
}

cmd_url() {
	check_dir "${1:-}"
	echo "postgres://$USER_NAME:$(cat "$1/password")@127.0.0.1:$(cat "$1/port")/$DB_NAME?sslmode=disable"
}

cmd_stop() {
	check_dir "${1:-}"
	if [ -f "$1/data/postmaster.pid" ]; then
		as_owner "$BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$1"
}

case "${1:-}" in
start) cmd_start ;;
url) cmd_url "${2:-}" ;;
stop) cmd_stop "${2:-}" ;;
*) die "usage: $0 start | url DIR | stop DIR" ;;
esac
