#!/bin/sh
# Entrypoint of the nginx:1.30-trixie stand-in. As upstream's: before starting
# nginx, run /docker-entrypoint.d/*.sh (executables) and source *.envsh, in
# version order; 20-envsubst-on-templates.sh renders /etc/nginx/templates.
set -e

say() {
  if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
    echo "$0: $*"
  fi
}

if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  scripts="$(find /docker-entrypoint.d/ -follow -type f -print | sort -V)"
  if [ -n "$scripts" ]; then
    say "/docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    for script in $scripts; do
      case "$script" in
        *.envsh)
          if [ -x "$script" ]; then
            say "Sourcing $script"
            # shellcheck disable=SC1090
            . "$script"
          else
            say "Ignoring $script, not executable"
          fi
          ;;
        *.sh)
          if [ -x "$script" ]; then
            say "Launching $script"
            "$script"
          else
            say "Ignoring $script, not executable"
          fi
          ;;
        *) say "Ignoring $script" ;;
      esac
    done
    say "Configuration complete; ready for start up"
  else
    say "No files found in /docker-entrypoint.d/, skipping configuration"
  fi
fi

exec "$@"
