"""Build and run the example's Docker stacks, for the tests and the benchmark.

Each stack runs in a copy of the tangled example (the guide's files are never
edited) under a Compose project of its own, which also names its images. A
Compose override in the copy's parent folder publishes only the ports a test
needs, on 127.0.0.1 and on ports the system picks. No pytest in here:
``benchmarks/docker.py`` uses it too.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guide_standins import ensure_images

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "twitter"
SITE = "twitter.example.com"  # DJANGO_ALLOWED_HOSTS of conf/prod/*.example
# What the prod override publishes, as (service, container port).
PROD_PORTS = (("nginx", 80), ("nginx", 443))
DEV_PORTS = (("web", 8000),)
# Services whose ports the guide publishes but no test needs.
UNPUBLISHED = {"dev": ("db", "redis", "rabbitmq"), "prod": ()}
# FROM [--platform=...] IMAGE [AS STAGE]
_FROM = re.compile(
    r"^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.I | re.M
)
# RUN --mount=...,from=IMAGE,... and COPY --from=IMAGE: a stage or an image.
_FROM_OPTION = re.compile(r"(?:--mount=\S*?\bfrom=|--from=)([^,\s]+)")


class DockerError(Exception):
    """A docker command failed; the message holds its output."""


def run(
    args: list[str],
    *,
    cwd: Path | None = None,
    check: bool = True,
    timeout: float = 900,
) -> subprocess.CompletedProcess[str]:
    """Run a command capturing its output; raise DockerError when CHECK fails."""
    result = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise DockerError(
            f"`{' '.join(args)}` exited {result.returncode}:\n"
            f"{result.stdout[-4000:]}{result.stderr[-4000:]}"
        )
    return result


def wait_for(what: str, probe: Callable[[], bool], timeout: float = 60) -> float:
    """Poll PROBE until it holds; return the seconds it took."""
    started = time.monotonic()
    while not probe():
        if time.monotonic() - started > timeout:
            raise DockerError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)
    return time.monotonic() - started


# --- the example and its images ---------------------------------------------


def copy_example(dest: Path) -> Path:
    """Copy the tangled example into DEST/twitter, as a reader's checkout."""
    root = dest / "twitter"
    ignore = shutil.ignore_patterns(
        ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", "*.mo", "db.sqlite3"
    )
    shutil.copytree(EXAMPLE, root, ignore=ignore)
    return root


def dockerfile_bases(dockerfile: Path) -> list[str]:
    """The images a Dockerfile builds on, leaving out its own stages.

    Those of its FROM lines, then those its steps mount or copy from.
    """
    text = dockerfile.read_text()
    stages = {match.group(2) for match in _FROM.finditer(text) if match.group(2)}
    found = [match.group(1) for match in _FROM.finditer(text)]
    found += [match.group(1) for match in _FROM_OPTION.finditer(text)]
    bases: list[str] = []
    for image in found:
        if image not in stages and image not in bases:
            bases.append(image)
    return bases


def upstream_tags(config: dict[str, Any], root: Path) -> list[str]:
    """Every upstream image a resolved Compose model names, FROM lines included.

    CONFIG is ``docker compose config --format json``: images of services that
    are not built, and the bases of the Dockerfiles of those that are.
    """
    tags: list[str] = []
    for service in config["services"].values():
        build = service.get("build")
        if build is None:
            found = [service["image"]]
        else:
            dockerfile = Path(build["context"], build.get("dockerfile", "Dockerfile"))
            found = dockerfile_bases(root / dockerfile.relative_to(root))
        tags += [tag for tag in found if tag not in tags]
    return tags


# --- configuration a server would have ---------------------------------------


@dataclasses.dataclass(frozen=True)
class ProdSecrets:
    """The secrets a test writes into conf/prod/*.env, to look for later."""

    secret_key: str
    postgres_password: str
    rabbitmq_password: str
    email_password: str

    def values(self) -> list[str]:
        """Every secret value."""
        return list(dataclasses.astuple(self))


def fill(example: Path, values: dict[str, str]) -> str:
    """The text of an .env.example with its blanks (``NAME=``) filled in."""
    lines = []
    for line in example.read_text().splitlines():
        name = line.removesuffix("=")
        lines.append(f"{line}{values[name]}" if line.endswith("=") else line)
    return "\n".join(lines) + "\n"


def write_prod_conf(root: Path) -> ProdSecrets:
    """Write conf/prod/*.env and a self-signed certificate, as a server has."""
    made = ProdSecrets(
        secret_key=secrets.token_urlsafe(50),
        postgres_password=secrets.token_hex(16),
        rabbitmq_password=secrets.token_hex(16),
        email_password=secrets.token_hex(8),
    )
    broker = f"amqp://twitter:{made.rabbitmq_password}@rabbitmq:5672/twitter"
    values = {
        "DJANGO_SECRET_KEY": made.secret_key,
        "DJANGO_EMAIL_HOST_PASSWORD": made.email_password,
        "CELERY_BROKER_URL": broker,
        "POSTGRES_PASSWORD": made.postgres_password,
        "RABBITMQ_DEFAULT_PASS": made.rabbitmq_password,
    }
    conf = root / "conf" / "prod"
    for name in ("django", "postgres", "rabbitmq"):
        text = fill(conf / f"{name}.env.example", values)
        (conf / f"{name}.env").write_text(text)
    tls = conf / "tls"
    tls.mkdir()
    request = f"req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN={SITE}"
    san = f"subjectAltName=DNS:{SITE},IP:127.0.0.1"
    key, chain = tls / "privkey.pem", tls / "fullchain.pem"
    run(
        [
            "openssl",
            *request.split(),
            "-addext",
            san,
            "-keyout",
            str(key),
            "-out",
            str(chain),
        ]
    )
    return made


# --- a stack -----------------------------------------------------------------


@dataclasses.dataclass
class Stack:
    """One environment's Compose stack, run from a copy of the example."""

    root: Path
    environment: str  # "dev" or "prod"
    project: str = dataclasses.field(
        default_factory=lambda: f"guide-test-{uuid.uuid4().hex[:8]}"
    )
    extra_files: list[Path] = dataclasses.field(default_factory=list)

    @property
    def image(self) -> str:
        """The tag Compose gives the web service's image (project-service)."""
        return f"{self.project}-web"

    @property
    def override(self) -> Path:
        """The test override: the published ports, on 127.0.0.1 only."""
        return self.root.parent / f"{self.project}.override.yml"

    def write_override(self) -> None:
        """Replace the guide's published ports with ports the system picks."""
        published = PROD_PORTS if self.environment == "prod" else DEV_PORTS
        services: dict[str, list[str]] = {}
        ports: dict[str, list[str]] = {}
        for service, port in published:
            ports.setdefault(service, []).append(f'      - "127.0.0.1::{port}"')
        for service, lines in ports.items():
            services.setdefault(service, []).append("    ports: !override")
            services[service] += lines
        for service in UNPUBLISHED[self.environment]:
            services.setdefault(service, []).append("    ports: !reset []")
        text = ["services:"]
        for service, lines in services.items():
            text += [f"  {service}:", *lines]
        self.override.write_text("\n".join(text) + "\n")

    def compose_command(self) -> list[str]:
        """``docker compose`` with the guide's file, the override and any extra."""
        files = [self.root / "docker" / self.environment / "compose.yml"]
        files += [self.override, *self.extra_files]
        options = [arg for path in files for arg in ("-f", str(path))]
        return ["docker", "compose", "-p", self.project, *options]

    def compose(
        self, *args: str, check: bool = True, timeout: float = 900
    ) -> subprocess.CompletedProcess[str]:
        """Run ``docker compose ARGS`` on this stack, in the example's root."""
        return run(
            [*self.compose_command(), *args],
            cwd=self.root,
            check=check,
            timeout=timeout,
        )

    def config(self) -> dict[str, Any]:
        """The resolved Compose model (extends, overrides and all)."""
        model: dict[str, Any] = json.loads(
            self.compose("config", "--format", "json").stdout
        )
        return model

    def prepare_images(self, progress: Callable[[str], None]) -> None:
        """Make every upstream tag the stack names available (real or stand-in).

        Nothing else: uv in the stand-ins trusts this machine's CA bundle
        (SSL_CERT_FILE), so the guide's builds download their wheels themselves.
        """
        tags = upstream_tags(self.config(), self.root)
        for standin in ensure_images(tags, progress):
            progress(standin.line())

    def port(self, service: str, container_port: int) -> int:
        """The host port on 127.0.0.1 that SERVICE's CONTAINER_PORT got."""
        answer = self.compose("port", service, str(container_port)).stdout.strip()
        host, _, port = answer.rpartition(":")
        if host != "127.0.0.1":
            raise DockerError(f"{service}:{container_port} is published on {host}")
        return int(port)

    def containers(self) -> list[dict[str, Any]]:
        """``docker compose ps`` as records, one per container."""
        out = self.compose("ps", "--all", "--format", "json").stdout
        # Compose prints one JSON object per line (older versions: one array).
        if out.lstrip().startswith("["):
            records: list[dict[str, Any]] = json.loads(out)
            return records
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def health(self) -> dict[str, str]:
        """Service name -> health ("healthy", "starting", ...; "" if none)."""
        return {c["Service"]: c.get("Health", "") for c in self.containers()}

    def exec(self, service: str, *command: str) -> str:
        """Run COMMAND in SERVICE's running container; return its stdout."""
        return self.compose("exec", "-T", service, *command).stdout

    def shell(self, code: str) -> str:
        """Run Python CODE in ``manage.py shell`` in the web container."""
        return self.exec("web", "python", "manage.py", "shell", "-v", "0", "-c", code)

    def logs(self, service: str, since: str | None = None) -> str:
        """Everything SERVICE printed so far, or since the RFC 3339 time SINCE."""
        window = ["--since", since] if since else []
        return self.compose(
            "logs", "--no-color", "--no-log-prefix", *window, service
        ).stdout

    def checks_passed_since(self, service: str, since: datetime.datetime) -> int:
        """How many of SERVICE's healthchecks started after SINCE and passed.

        Docker keeps the last five results of each container.
        """
        (record,) = [c for c in self.containers() if c["Service"] == service]
        inspect = ["docker", "inspect", "--format", "{{json .State.Health.Log}}"]
        inspected = run([*inspect, record["ID"]]).stdout
        return sum(
            1
            for check in json.loads(inspected)
            if _utc(check["Start"]) > since and check["ExitCode"] == 0
        )

    def down(self) -> list[str]:
        """Remove containers, networks, volumes and this stack's image tag.

        Returns what is left of them (nothing, unless something went wrong).
        """
        self.compose(
            "down", "--volumes", "--rmi", "local", "--remove-orphans", "--timeout", "30"
        )
        # Images a rebuild replaced carry the project's label but no tag.
        label = f"label=com.docker.compose.project={self.project}"
        run(["docker", "image", "prune", "--force", "--filter", label])
        left = []
        for kind in ("container", "volume", "network", "image"):
            listing = ["docker", kind, "ls", "--quiet", "--filter", label]
            if kind in ("container", "image"):
                listing.insert(3, "--all")
            left += [f"{kind} {name}" for name in run(listing).stdout.split()]
        return left


def _utc(timestamp: str) -> datetime.datetime:
    """An RFC 3339 time of Docker's (nanoseconds, any offset) as a datetime."""
    trimmed = re.sub(r"(\.\d{6})\d+", r"\1", timestamp).replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(trimmed)


def broker_log_during_worker_checks(stack: Stack, checks: int = 2) -> str:
    """RabbitMQ's log while the worker's healthcheck passed CHECKS times.

    Each check is a Celery ping, which connects to RabbitMQ.
    """
    since = datetime.datetime.now(datetime.UTC)
    wait_for(
        f"{checks} passing worker checks",
        lambda: stack.checks_passed_since("worker", since) >= checks,
    )
    return stack.logs("rabbitmq", since.isoformat())


# --- talking to the stack from the host ----------------------------------------


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Status and body of a plain-HTTP GET; an error status is an answer too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def body_now(url: str) -> bytes:
    """The body at URL, or b"" while the server restarts."""
    try:
        return get(url)[1]
    except (urllib.error.URLError, ConnectionError):
        return b""


def tls_context(cafile: Path) -> ssl.SSLContext:
    """A client context that trusts the stack's self-signed certificate only."""
    return ssl.create_default_context(cafile=str(cafile))


def tls_handshake(port: int, context: ssl.SSLContext, server_name: str = SITE) -> str:
    """Complete a TLS handshake with 127.0.0.1:PORT; return the version used."""
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        return str(tls.version())


def prepare_guide(progress: Callable[[str], None]) -> None:
    """What the guide's own Docker commands need here, for a replay of it.

    The upstream images the example names, real or stand-ins: a replay then
    runs ``docker compose build`` as written, downloads included.
    """
    with tempfile.TemporaryDirectory(prefix="guide-prepare-") as tmp:
        root = copy_example(Path(tmp))
        write_prod_conf(root)
        for environment in ("dev", "prod"):
            stack = Stack(root, environment)
            stack.write_override()
            stack.prepare_images(progress)
