"""The stand-ins: which upstream tags, built how, promising what.

Each entry names an upstream tag exactly as the guide's Dockerfiles and compose
files write it. Where no registry is reachable, the harness builds a local image
under that tag from Debian trixie packages, implementing only the interface the
guide relies on (listed in ``interface``). The tags were chosen so that the
version Debian trixie carries is the version the tag promises.
"""

from __future__ import annotations

from dataclasses import dataclass

# Same pin as .ci/run and the repository's build backend.
UV_VERSION = "0.13.9"


@dataclass(frozen=True)
class Spec:
    """How to stand in for one upstream tag."""

    tag: str
    # Directory under ``images/`` holding the Dockerfile and its files.
    directory: str
    interface: str
    # Version the tag promises (the installed version must start with it).
    promised: str
    # Debian package whose version is the "real version" held; None when the
    # version is the uv pin (uv images).
    package: str | None = None
    # The build context needs the uv binaries from the PyPI wheel.
    uv: bool = False
    # FROM the imported trixie rootfs (build arg BASE_IMAGE).
    from_base: bool = True
    # Other tags the Dockerfile builds on, as (build arg, tag); ensured first.
    parents: tuple[tuple[str, str], ...] = ()
    # How this stand-in differs from upstream beyond the version.
    note: str = ""
    # For the description label: "stand-in for TAG built from <built_from> (...)".
    built_from: str = "Debian trixie packages"


PYTHON = Spec(
    tag="python:3.13-slim-trixie",
    directory="python",
    package="python3",
    promised="3.13",
    interface=(
        "python3 and python in /usr/local/bin (links to Debian's /usr/bin/python3),"
        " venv with ensurepip, tzdata, LANG=C.UTF-8, CMD python3, usable as any uid"
    ),
    note="no pip outside virtual environments, no C headers",
)
UV = Spec(
    tag=f"ghcr.io/astral-sh/uv:{UV_VERSION}",
    directory="uv",
    promised=UV_VERSION,
    uv=True,
    from_base=False,
    built_from="the PyPI uv wheel",
    note="static binaries from the musllinux wheel, as upstream's",
    interface="scratch image with static /uv and /uvx, ENTRYPOINT /uv",
)
UV_PYTHON = Spec(
    tag=f"ghcr.io/astral-sh/uv:{UV_VERSION}-python3.13-trixie-slim",
    directory="uv-python",
    promised=UV_VERSION,
    uv=True,
    from_base=False,
    parents=(("PYTHON_IMAGE", PYTHON.tag), ("UV_IMAGE", UV.tag)),
    built_from=f"the PyPI uv wheel on {PYTHON.tag}",
    interface=(
        f"{PYTHON.tag} plus uv and uvx in /usr/local/bin, empty ENTRYPOINT, CMD uv"
    ),
)
POSTGRES = Spec(
    tag="postgres:17-trixie",
    directory="postgres",
    package="postgresql-17",
    promised="17",
    interface=(
        "POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),"
        " POSTGRES_USER, POSTGRES_DB (and their _FILE forms), POSTGRES_INITDB_ARGS,"
        " /docker-entrypoint-initdb.d (*.sh, *.sql, *.sql.gz), PGDATA"
        " /var/lib/postgresql/data, port 5432, uid 999, STOPSIGNAL SIGINT,"
        " pg_isready and psql on PATH"
    ),
    note="locale C.UTF-8 instead of en_US.utf8",
)
# Valkey rather than Redis: trixie's valkey 8.1.1 matches `valkey/valkey:8.1-trixie`
# exactly, while trixie's redis 8.0 has no trixie-based upstream tag.
VALKEY = Spec(
    tag="valkey/valkey:8.1-trixie",
    directory="valkey",
    package="valkey-server",
    promised="8.1",
    interface=(
        "valkey-server on port 6379 with protected mode off (reachable from other"
        " containers), /data as working dir and volume, uid 999, valkey-cli and"
        " redis-cli for `ping` healthchecks"
    ),
)
RABBITMQ = Spec(
    tag="rabbitmq:4.0",
    directory="rabbitmq",
    package="rabbitmq-server",
    promised="4.0",
    interface=(
        "RABBITMQ_DEFAULT_USER/PASS/VHOST, guest allowed from other hosts,"
        " /var/lib/rabbitmq (HOME, cookie, data), port 5672, uid 999, logs on the"
        " console, rabbitmq-diagnostics (ping, check_port_connectivity)"
    ),
    note="upstream is Ubuntu-based with RabbitMQ's own Erlang; no prometheus plugin",
)
RABBITMQ_MANAGEMENT = Spec(
    tag="rabbitmq:4.0-management",
    directory="rabbitmq-management",
    package="rabbitmq-server",
    promised="4.0",
    from_base=False,
    parents=(("RABBITMQ_IMAGE", RABBITMQ.tag),),
    interface=f"{RABBITMQ.tag} plus the management plugin (HTTP API and UI) on 15672",
    note=RABBITMQ.note + "; no rabbitmqadmin",
)
NGINX = Spec(
    tag="nginx:1.26",
    directory="nginx",
    package="nginx",
    promised="1.26",
    interface=(
        "/etc/nginx/conf.d/*.conf, /etc/nginx/templates/*.template rendered into"
        " conf.d through envsubst (defined variables only) at start,"
        " /docker-entrypoint.d/*.sh and *.envsh, worker user nginx (uid 101),"
        " logs to stdout/stderr, port 80, STOPSIGNAL SIGQUIT"
    ),
    note="upstream nginx:1.26 is Debian bookworm-based; this one is trixie-based",
)

STANDINS: dict[str, Spec] = {
    spec.tag: spec
    for spec in (
        PYTHON,
        UV,
        UV_PYTHON,
        POSTGRES,
        VALKEY,
        RABBITMQ,
        RABBITMQ_MANAGEMENT,
        NGINX,
    )
}
