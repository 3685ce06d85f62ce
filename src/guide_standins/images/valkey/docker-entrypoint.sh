#!/bin/sh
# Entrypoint of the valkey/valkey:9.1-trixie stand-in: runs valkey-server as
# the valkey user in /data. Upstream builds Valkey with protected mode off, so that
# other containers can connect without a password; Debian's build defaults to
# on, hence the --protected-mode flag below (unless a config file sets it).
set -e

# `docker run IMAGE --appendonly yes` or `docker run IMAGE /path/valkey.conf`.
case "$1" in
  -* | *.conf) set -- valkey-server "$@" ;;
esac

if [ "$1" = valkey-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user valkey -exec chown valkey '{}' +
  exec setpriv --reuid=valkey --regid=valkey --clear-groups -- "$0" "$@"
fi

if [ "$1" = valkey-server ]; then
  shift
  case "${1:-}" in
    *.conf)
      conf="$1"
      shift
      if grep -Eq '^[[:space:]]*protected-mode[[:space:]]' "$conf"; then
        set -- valkey-server "$conf" "$@"
      else
        set -- valkey-server "$conf" --protected-mode no "$@"
      fi
      ;;
    *) set -- valkey-server --protected-mode no "$@" ;;
  esac
  # Data files readable by the valkey user only, as upstream.
  if [ "$(umask)" = 0022 ]; then
    umask 0077
  fi
fi

exec "$@"
