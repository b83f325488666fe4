#!/bin/sh
# Throw-away PostgreSQL cluster for the store's contract tests (test/eval/store-postgres.test.ts).
#   scripts/pg-test-server.sh start   initdb's a cluster in a temp dir, starts it on 127.0.0.1 on a free
#                                     port and prints the connection URL (postgres://…) on stdout.
#   scripts/pg-test-server.sh stop    stops that cluster and deletes its temp dir.
# The cluster's dir is remembered in $PG_TEST_STATE (default /tmp/log-gardener-pg-test.state).
# postgres refuses to run as root, so as root the server runs as an unprivileged user ($PG_TEST_USER,
# default "postgres" — the Debian postgresql package creates it; created with useradd if missing).
# Needs initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql).
set -eu

STATE=${PG_TEST_STATE:-/tmp/log-gardener-pg-test.state}
RUN_USER=${PG_TEST_USER:-postgres}

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/$1" ]; then echo "$d/$1"; return; fi
  done
  echo "pg-test-server: $1 not found; install PostgreSQL (Debian: apt-get install postgresql)" >&2
  exit 1
}

# Runs a command as the unprivileged user when we are root, directly otherwise.
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  INITDB=$(find_bin initdb)
  PG_CTL=$(find_bin pg_ctl)
  if [ -f "$STATE" ] && [ -d "$(cat "$STATE")" ]; then
    echo "pg-test-server: already running from $(cat "$STATE"); run stop first" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
  fi
  DIR=$(mktemp -d /tmp/log-gardener-pg.XXXXXX)
  chmod 755 "$DIR"
  mkdir "$DIR/data" "$DIR/sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$RUN_USER" "$DIR"; fi
  PORT=$(free_port)
  as_user "$INITDB" -D "$DIR/data" -U gardener --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
  as_user "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  echo "$DIR" >"$STATE"
  echo "postgres://gardener@127.0.0.1:$PORT/postgres"
}

stop() {
  if [ ! -f "$STATE" ]; then echo "pg-test-server: not running" >&2; exit 0; fi
  DIR=$(cat "$STATE")
  PG_CTL=$(find_bin pg_ctl)
  if [ -d "$DIR/data" ]; then as_user "$PG_CTL" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$DIR" "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
