#!/usr/bin/env bash
# Entrypoint of the rabbitmq:4.3 stand-in: runs RabbitMQ's commands as the
# rabbitmq user. RABBITMQ_DEFAULT_USER/PASS/VHOST are read by the server itself.
set -euo pipefail

if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = 0 ]; then
  if [ "$1" = rabbitmq-server ]; then
    find /var/lib/rabbitmq \! -user rabbitmq -exec chown rabbitmq '{}' +
  fi
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- "${BASH_SOURCE[0]}" "$@"
fi

# The Erlang cookie, made before anything else can: a healthcheck's CLI run as
# root (`docker exec`) would otherwise create one the server cannot read.
cookie=/var/lib/rabbitmq/.erlang.cookie
if [ "$1" = rabbitmq-server ] && ! [ -e "$cookie" ]; then
  # 20 random letters (hex digits mapped to A-P; no SIGPIPE under pipefail).
  (umask 0277 && head -c 10 /dev/urandom | od -An -tx1 | tr -dc 0-9a-f | tr 0-9a-f A-P >"$cookie")
fi

exec "$@"
