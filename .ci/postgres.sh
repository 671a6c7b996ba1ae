# Starts a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, owned by the postgres
# user (it refuses to run as root), and sets TEST_DATABASE_URL for the tests.
PG_BIN=/usr/lib/postgresql/15/bin

start_postgres() {
  PG_DIR=$(mktemp -d /tmp/authgate-pg.XXXXXX)
  chown postgres "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" >/dev/null
  runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q \
    -c "CREATE USER authgate PASSWORD 'authgate' CREATEDB" -c "CREATE DATABASE authgate OWNER authgate"
  TEST_DATABASE_URL="postgresql://authgate:authgate@127.0.0.1:$PG_PORT/authgate"
  PG_CTL_STOP="runuser -u postgres -- $PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop"
  echo "ci: PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_postgres() {
  [ -n "${PG_CTL_STOP:-}" ] && $PG_CTL_STOP >/dev/null 2>&1 || true
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
}
