#!/usr/bin/env bash
# Entrypoint of the postgres:18-trixie stand-in: the part of the official
# image's behaviour the guide relies on. On first start (empty PGDATA) it runs
# initdb for POSTGRES_USER with POSTGRES_PASSWORD, allows password logins from
# any host, creates POSTGRES_DB and runs /docker-entrypoint-initdb.d/*.
# PGDATA is /var/lib/postgresql/18/docker, in the volume at /var/lib/postgresql;
# as upstream's 18, it refuses to initialise a cluster while an older layout's
# data (or a mount at /var/lib/postgresql/data) would be left unused.
set -Eeo pipefail

log() { printf 'postgres stand-in entrypoint: %s\n' "$*"; }

# VAR from VAR or from the file named by VAR_FILE (Docker secrets), else DEFAULT.
file_env() {
  local var="$1" default="${2:-}"
  local file_var="${var}_FILE"
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    log "error: both ${var} and ${file_var} are set" >&2
    exit 1
  fi
  local value="${default}"
  if [ -n "${!var:-}" ]; then
    value="${!var}"
  elif [ -n "${!file_var:-}" ]; then
    value="$(<"${!file_var}")"
  fi
  export "${var}=${value}"
  unset "${file_var}"
}

# `docker run postgres:18-trixie -c max_connections=50` passes server options.
if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

# Make directory $1 with its missing parents, all of them owned by postgres: a
# volume mounted at /var/lib/postgresql starts without 18/, and a bind-mounted
# host folder may be root's.
make_owned_dirs() {
  local dir="$1" missing=()
  while [ ! -d "$dir" ]; do
    missing=("$dir" "${missing[@]}")
    dir="$(dirname "$dir")"
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    mkdir -p "$1"
    chown postgres:postgres "${missing[@]}"
  fi
}

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  make_owned_dirs "$PGDATA"
  mkdir -p /var/run/postgresql
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
  chmod 00700 "$PGDATA"
  chown postgres:postgres /var/run/postgresql
  chmod 03775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups -- "${BASH_SOURCE[0]}" "$@"
fi

# Clusters PGDATA's layout would leave unused, as upstream's 18 checks them: one
# in the volume's root, in the old PGDATA, in another major version's folder,
# or an (empty) mount at the old PGDATA, where an unchanged compose file from 17
# puts its volume while the data would go to an anonymous one.
refuse_old_layouts() {
  [ "$PGDATA" = "/var/lib/postgresql/$PG_MAJOR/docker" ] || return 0
  local old=() dir
  for dir in /var/lib/postgresql /var/lib/postgresql/data /var/lib/postgresql/*/docker; do
    if [ -s "$dir/PG_VERSION" ]; then
      old+=("$dir")
    fi
  done
  if [ "${#old[@]}" -eq 0 ] && mountpoint -q /var/lib/postgresql/data; then
    old+=("/var/lib/postgresql/data (unused mount/volume)")
  fi
  [ "${#old[@]}" -eq 0 ] && return 0
  cat >&2 <<MESSAGE
Error: in 18+, the image keeps its data in a directory per major version
       (PGDATA=$PGDATA) under a single volume at /var/lib/postgresql.
       Counter to that, there appears to be PostgreSQL data in:
         ${old[*]}
       Mount the volume at /var/lib/postgresql, not /var/lib/postgresql/data
       (the path up to 17); an old cluster needs pg_upgrade first.
MESSAGE
  exit 1
}

initialise() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  local auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != trust ]; then
    cat >&2 <<'MESSAGE'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
       (Or POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without a
       password; not recommended.)
MESSAGE
    exit 1
  fi
  refuse_old_layouts

  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options.
  if [ -n "$POSTGRES_PASSWORD" ]; then
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
      $POSTGRES_INITDB_ARGS
  else
    initdb --username="$POSTGRES_USER" $POSTGRES_INITDB_ARGS
  fi
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # A temporary server on the socket only: nobody connects before init is done.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
  local psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ "$POSTGRES_DB" != postgres ]; then
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  local f
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          log "running $f"
          "$f"
        else
          log "sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) log "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${psql[@]}" --dbname "$POSTGRES_DB" ;;
      *) log "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  log "init process complete; ready for start up."
}

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  initialise
fi

exec "$@"
