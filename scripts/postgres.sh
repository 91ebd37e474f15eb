#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the test suite and print its URL.
# Installs Debian's postgresql package when it is missing (CI starts from a clean machine).
set -euo pipefail
PORT="${KAMERVRAGEN_PG_PORT:-54329}"
DIR="${KAMERVRAGEN_PG_DIR:-/tmp/kamervragen-pg}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
fi
BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
RUN="su postgres -s /bin/bash -c"
[ "$(id -u)" = "0" ] || RUN="bash -c"
if ! $RUN "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$DIR"
  $RUN "$BIN/initdb -D $DIR -A trust -U postgres --encoding=UTF8 --locale=C" >/dev/null
  $RUN "$BIN/pg_ctl -D $DIR -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DIR/server.log -w start" >/dev/null
fi
$RUN "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname='kamervragen_test'\"" | grep -q 1 \
  || $RUN "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres kamervragen_test"
echo "postgresql://postgres@127.0.0.1:$PORT/kamervragen_test"
