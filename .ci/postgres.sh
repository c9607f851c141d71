# A throwaway PostgreSQL server for the test suite: `source .ci/postgres.sh; pg_test_start`
# initdb's a temporary folder as the non-root `postgres` user, starts it on a free local port
# (and a socket in the same folder), creates database `lorebook`, and exports
# LOREBOOK_TEST_PG_URL. `pg_test_stop` stops it and removes the folder.

pg_test_bin() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && echo "$d"; done | sort -V | tail -1
}

pg_test_start() {
  local bin port as
  bin="$(pg_test_bin)"
  [ -n "$bin" ] || { echo "pg_test_start: no PostgreSQL binaries (apt-get install postgresql)" >&2; return 1; }
  PG_TEST_DIR="$(mktemp -d /tmp/lorebook-pg.XXXXXX)"
  export PG_TEST_DIR
  as=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_TEST_DIR"
    as=(runuser -u postgres --)
  fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres lorebook
  export PG_TEST_BIN="$bin" PG_TEST_AS="${as[*]}"
  export LOREBOOK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/lorebook"
  echo "PostgreSQL test server: $LOREBOOK_TEST_PG_URL (data in $PG_TEST_DIR)"
}

pg_test_stop() {
  [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ] || return 0
  ${PG_TEST_AS:-} "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}
