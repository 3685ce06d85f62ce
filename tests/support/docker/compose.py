"""One environment's Compose stack, run from a copy of the example."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from guide_standins import ensure_images
from guide_standins.docker import DockerError, docker
from support.docker.dockerfiles import upstream_tags

# What the override publishes, as (service, container port).
PROD_PORTS = (("nginx", 80), ("nginx", 443))
DEV_PORTS = (("web", 8000),)
# Services whose ports the guide publishes but no test needs.
UNPUBLISHED = {"dev": ("db", "redis", "rabbitmq"), "prod": ()}
PROJECT_LABEL = "com.docker.compose.project"


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

    def compose_args(self) -> list[str]:
        """``compose`` with the guide's file, the override and any extra."""
        files = [self.root / "docker" / self.environment / "compose.yml"]
        files += [self.override, *self.extra_files]
        options = [arg for path in files for arg in ("-f", str(path))]
        return ["compose", "-p", self.project, *options]

    def compose(
        self, *args: str, check: bool = True, timeout: float = 900
    ) -> subprocess.CompletedProcess[str]:
        """Run ``docker compose ARGS`` on this stack, in the example's root."""
        return docker(
            *self.compose_args(), *args, cwd=self.root, check=check, timeout=timeout
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

    def container(self, service: str) -> str:
        """The id of SERVICE's one container."""
        (record,) = [c for c in self.containers() if c["Service"] == service]
        return str(record["ID"])

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

    def down(self) -> list[str]:
        """Remove containers, networks, volumes and this stack's image tag.

        Returns what is left of them (nothing, unless something went wrong).
        """
        self.compose(
            "down", "--volumes", "--rmi", "local", "--remove-orphans", "--timeout", "30"
        )
        # Images a rebuild replaced carry the project's label but no tag.
        label = f"label={PROJECT_LABEL}={self.project}"
        docker("image", "prune", "--force", "--filter", label)
        left = []
        for kind in ("container", "volume", "network", "image"):
            every = ["--all"] if kind in ("container", "image") else []
            listing = docker(kind, "ls", *every, "--quiet", "--filter", label)
            left += [f"{kind} {name}" for name in listing.stdout.split()]
        return left


def remove_compose_projects(prefix: str) -> None:
    """Remove what Compose made for every project whose name starts with PREFIX.

    The guide publishes fixed ports (8000, 5432, ...): a stack that an
    interrupted replay left running would make the next one's `up` fail.
    Containers first, then what they held; built images are named
    PROJECT-SERVICE.
    """
    for kind in ("container", "network", "volume"):
        key = "Name" if kind == "volume" else "ID"
        template = f'{{{{.{key}}}}}\t{{{{.Label "{PROJECT_LABEL}"}}}}'
        every = ["--all"] if kind == "container" else []
        listed = docker(kind, "ls", *every, "--format", template).stdout
        rows = [line.split("\t") for line in listed.splitlines()]
        doomed = [name for name, project in rows if project.startswith(prefix)]
        if doomed:
            force = [] if kind == "network" else ["--force"]
            docker(kind, "rm", *force, *doomed)
    images = docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}")
    doomed = [name for name in images.stdout.split() if name.startswith(prefix)]
    if doomed:
        docker("image", "rm", "--force", *doomed)
