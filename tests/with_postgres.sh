#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a private socket,
# stopped and deleted afterwards. Without PostgreSQL server binaries the
# command runs on SQLite, and says so.
#
#   tests/with_postgres.sh .venv/bin/pytest
set -euo pipefail

find_pg_bin() {
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
    return
  fi
  # Debian's postgresql package keeps the server binaries off PATH.
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
}

PG_BIN="$(find_pg_bin || true)"
if [ -z "$PG_BIN" ]; then
  echo ">>> PostgreSQL server binaries not found: running on SQLite."
  unset DATABASE_URL
  exec "$@"
fi

CLUSTER="$(mktemp -d /tmp/portal-pg.XXXXXX)"
AS=()
DB_USER="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to an unprivileged user.
  chown postgres "$CLUSTER"
  AS=(runuser -u postgres --)
  DB_USER=postgres
fi

cleanup() {
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER"
}
trap cleanup EXIT

# C.UTF-8 so pg_trgm sees Thai characters (docs/domain.md, "Thai search").
"${AS[@]}" "$PG_BIN/initdb" -D "$CLUSTER/data" -U "$DB_USER" --auth=trust \
  --locale=C.UTF-8 --encoding=UTF8 >"$CLUSTER/initdb.log" 2>&1 \
  || { cat "$CLUSTER/initdb.log"; exit 1; }
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w \
  -o "-k $CLUSTER -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null || { cat "$CLUSTER/server.log"; exit 1; }

VERSION="$("$PG_BIN/postgres" --version)"
echo ">>> Using a throwaway PostgreSQL cluster: $VERSION, socket in $CLUSTER"
export DATABASE_URL="postgres://$DB_USER@/portal?host=$CLUSTER"
# Each test database is created and dropped by Django; pooling only costs there.
export DATABASE_POOL=0
"$@"
