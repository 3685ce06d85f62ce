"""The stand-ins: which upstream tags, built how, promising what.

Each entry names an upstream tag exactly as the guide's Dockerfiles and compose
files write it. Where no registry is reachable, the harness builds a local image
under that tag from Debian packages, implementing only the interface the guide
relies on (listed in ``interface``). Python comes from Debian trixie, as
upstream's ``python:3.13-slim-trixie`` does; the services (PostgreSQL, Valkey,
RabbitMQ, nginx) from Debian forky (testing), the only suite carrying their
current upstream versions. The tags were chosen so that the version Debian
carries is the version the tag promises; where the upstream tag is trixie-based
and the stand-in forky-based, its note says so.
"""

from __future__ import annotations

from dataclasses import dataclass

# Same pin as .ci/run and the repository's build backend.
UV_VERSION = "0.13.9"
# uv verifies TLS with its own bundled roots unless SSL_CERT_FILE names a bundle.
SSL_CERT_NOTE = (
    "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt (the host's CA bundle),"
    " so that uv trusts this machine's TLS-intercepting proxy; upstream images"
    " need nothing of the kind"
)
# Where the upstream tag is trixie-based but the stand-in is not.
FORKY_NOTE = "OS is Debian forky (testing), not trixie as upstream's"


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
    # FROM which imported Debian rootfs ("trixie" or "forky", see base.py;
    # build arg BASE_IMAGE), or None when the Dockerfile names no base.
    base: str | None = "trixie"
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
    base="trixie",
    interface=(
        "python3 and python in /usr/local/bin (links to Debian's /usr/bin/python3),"
        " venv with ensurepip, tzdata, LANG=C.UTF-8, CMD python3, usable as any uid"
    ),
    note=(f"no pip outside virtual environments, no C headers; {SSL_CERT_NOTE}"),
)
UV = Spec(
    tag=f"ghcr.io/astral-sh/uv:{UV_VERSION}",
    directory="uv",
    promised=UV_VERSION,
    uv=True,
    base=None,
    built_from="the PyPI uv wheel",
    note="static binaries from the musllinux wheel, as upstream's",
    interface="scratch image with static /uv and /uvx, ENTRYPOINT /uv",
)
UV_PYTHON = Spec(
    tag=f"ghcr.io/astral-sh/uv:{UV_VERSION}-python3.13-trixie-slim",
    directory="uv-python",
    promised=UV_VERSION,
    uv=True,
    base=None,
    parents=(("PYTHON_IMAGE", PYTHON.tag), ("UV_IMAGE", UV.tag)),
    built_from=f"the PyPI uv wheel on {PYTHON.tag}",
    interface=(
        f"{PYTHON.tag} plus uv and uvx in /usr/local/bin, empty ENTRYPOINT, CMD uv"
    ),
    note=SSL_CERT_NOTE,
)
POSTGRES = Spec(
    tag="postgres:18-trixie",
    directory="postgres",
    package="postgresql-18",
    promised="18",
    base="forky",
    built_from="Debian forky packages",
    interface=(
        "POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),"
        " POSTGRES_USER, POSTGRES_DB (and their _FILE forms), POSTGRES_INITDB_ARGS,"
        " /docker-entrypoint-initdb.d (*.sh, *.sql, *.sql.gz), PGDATA"
        " /var/lib/postgresql/18/docker under VOLUME /var/lib/postgresql (a mount"
        " at the old /var/lib/postgresql/data, or a cluster left there, stops the"
        " start with an error, as upstream's 18), port 5432, uid 999,"
        " STOPSIGNAL SIGINT, pg_isready and psql on PATH"
    ),
    note=f"{FORKY_NOTE}; locale C.UTF-8 instead of en_US.utf8",
)
# Valkey rather than Redis: the official Redis images have no tag for the 8.0
# Debian carries, while forky's valkey 9.1 matches `valkey/valkey:9.1-trixie`.
VALKEY = Spec(
    tag="valkey/valkey:9.1-trixie",
    directory="valkey",
    package="valkey-server",
    promised="9.1",
    base="forky",
    built_from="Debian forky packages",
    interface=(
        "valkey-server on port 6379 with protected mode off (reachable from other"
        " containers), /data as working dir and volume, uid 999, valkey-cli and"
        " redis-cli for `ping` healthchecks"
    ),
    note=FORKY_NOTE,
)
RABBITMQ = Spec(
    tag="rabbitmq:4.4",
    directory="rabbitmq",
    package="rabbitmq-server",
    promised="4.4",
    base="forky",
    built_from="Debian forky packages",
    interface=(
        "RABBITMQ_DEFAULT_USER/PASS/VHOST, guest allowed from other hosts,"
        " /var/lib/rabbitmq (HOME, cookie, data), port 5672, uid 999, logs on the"
        " console, rabbitmq-diagnostics (ping, check_port_connectivity)"
    ),
    note=(
        "upstream is Ubuntu-based with RabbitMQ's own Erlang; this one is Debian"
        " forky with forky's Erlang; no prometheus plugin"
    ),
)
RABBITMQ_MANAGEMENT = Spec(
    tag="rabbitmq:4.4-management",
    directory="rabbitmq-management",
    package="rabbitmq-server",
    promised="4.4",
    base=None,
    parents=(("RABBITMQ_IMAGE", RABBITMQ.tag),),
    built_from="Debian forky packages",
    interface=f"{RABBITMQ.tag} plus the management plugin (HTTP API and UI) on 15672",
    note=RABBITMQ.note + "; no rabbitmqadmin",
)
NGINX = Spec(
    tag="nginx:1.30-trixie",
    directory="nginx",
    package="nginx",
    promised="1.30",
    base="forky",
    built_from="Debian forky packages",
    interface=(
        "/etc/nginx/conf.d/*.conf, /etc/nginx/templates/*.template rendered into"
        " conf.d through envsubst (defined variables only) at start,"
        " /docker-entrypoint.d/*.sh and *.envsh, worker user nginx (uid 101),"
        " logs to stdout/stderr, port 80, STOPSIGNAL SIGQUIT"
    ),
    note=f"{FORKY_NOTE}; Debian's nginx build rather than nginx.org's",
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
