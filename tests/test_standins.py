"""The stand-in images: each builds, and each honours the interface the guide uses.

Tests marked ``docker`` skip without a Docker engine and fail instead under
CI=true (see the gate in conftest.py). Every container, network, volume and
image they create has a unique name and is removed afterwards. From the host
they talk only to ports published on 127.0.0.1; containers talk to each other
on a network of their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from guidekit.standins import STANDINS, UV_VERSION, Standin, ensure_images
from guidekit.standins.build import image_dir, matches, upstream_version
from guidekit.standins.table import (
    NGINX,
    POSTGRES,
    PYTHON,
    RABBITMQ_MANAGEMENT,
    UV,
    UV_PYTHON,
    VALKEY,
)

SUPPORT = Path(__file__).resolve().parent / "support"
docker_test = pytest.mark.docker


# --- helpers ----------------------------------------------------------------


def docker(
    *args: str, check: bool = True, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run the docker CLI; on failure (if CHECK) fail the test with its output."""
    result = subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=False, timeout=timeout
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"docker {' '.join(args)} -> {result.returncode}\n"
            f"{result.stdout}{result.stderr}",
            pytrace=False,
        )
    return result


def wait_for(what: str, probe: Callable[[], bool], timeout: float = 90) -> None:
    """Poll PROBE until it holds; fail after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while not probe():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.5)


def inspect(tag: str, template: str) -> str:
    """One field of a local image, through a Go template."""
    return docker("image", "inspect", "--format", template, tag).stdout.strip()


class Janitor:
    """Hands out unique names and removes what was made under them."""

    def __init__(self) -> None:
        self.prefix = f"guide-test-{uuid.uuid4().hex[:8]}"
        self.containers: list[str] = []
        self.networks: list[str] = []
        self.images: list[str] = []

    def name(self, what: str) -> str:
        """A name unique to this test run."""
        return f"{self.prefix}-{what}"

    def network(self) -> str:
        """A fresh user-defined bridge network."""
        name = self.name("net")
        docker("network", "create", name)
        self.networks.append(name)
        return name

    def start(self, what: str, *args: str) -> str:
        """``docker run -d`` under a unique container name; return the name."""
        name = self.name(what)
        self.containers.append(name)
        docker("run", "--detach", "--name", name, *args)
        return name

    def clean(self) -> None:
        """Remove containers (with their anonymous volumes), networks, images."""
        for container in self.containers:
            docker("rm", "--force", "--volumes", container, check=False)
        for network in self.networks:
            docker("network", "rm", network, check=False)
        for image in self.images:
            docker("image", "rm", "--force", image, check=False)


@pytest.fixture
def janitor() -> Iterator[Janitor]:
    """A Janitor that cleans up after the test, pass or fail."""
    helper = Janitor()
    try:
        yield helper
    finally:
        helper.clean()


@pytest.fixture(scope="module")
def images(docker_engine: None, request: pytest.FixtureRequest) -> dict[str, Standin]:
    """Every tag in the table, made available (built once, then cached)."""
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")

    def say(message: str) -> None:
        # Past output capture, straight to the terminal: which images are
        # stand-ins (and what they hold) belongs in every test log.
        if reporter is None or capture is None:
            print(f"standins: {message}")
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"standins: {message}")

    results = ensure_images(list(STANDINS), say)
    for standin in results:
        say(standin.line())
    return {standin.tag: standin for standin in results}


# --- the table, without Docker ------------------------------------------------


@pytest.mark.parametrize(
    ("debian", "upstream"),
    [
        ("17.12-0+deb13u1", "17.12"),
        ("8.1.1+dfsg1-3+deb13u3", "8.1.1"),
        ("1:27.3.4.1+dfsg-1", "27.3.4.1"),
        ("3.13.5-1", "3.13.5"),
        ("0.13.9", "0.13.9"),
    ],
)
def test_upstream_version(debian: str, upstream: str) -> None:
    assert upstream_version(debian) == upstream


def test_version_matching_is_by_component() -> None:
    assert matches("17.12", "17")
    assert matches("8.1.1", "8.1")
    assert not matches("8.10.1", "8.1")
    assert not matches("1.28.0", "1.26")


@pytest.mark.parametrize("tag", list(STANDINS))
def test_dockerfiles_fit_engine_20_10(tag: str) -> None:
    """No syntax line (pulls a frontend), no heredocs or --link (BuildKit 0.8)."""
    text = (image_dir(STANDINS[tag]) / "Dockerfile").read_text()
    assert "# syntax=" not in text
    assert "<<" not in text
    assert "--link" not in text
    assert "--chmod" not in text


def test_uv_pin_matches_the_repository() -> None:
    ci_run = (Path(__file__).resolve().parent.parent / ".ci/run").read_text()
    assert f"UV_VERSION={UV_VERSION}" in ci_run
    assert UV.tag.endswith(f":{UV_VERSION}")
    assert UV_PYTHON.tag.startswith(f"{UV.tag}-python3.13-")


def test_cli_lists_the_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guidekit.standins", "--list"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == list(
        STANDINS
    )


# --- building ---------------------------------------------------------------


@docker_test
@pytest.mark.parametrize("tag", list(STANDINS))
def test_each_standin_builds_and_says_so(tag: str, images: dict[str, Standin]) -> None:
    standin = images[tag]
    assert inspect(tag, "{{.Id}}").startswith("sha256:")
    if not standin.is_standin:
        pytest.skip(f"{tag} is the upstream image here")
    labels = json.loads(inspect(tag, "{{json .Config.Labels}}"))
    assert labels["guide.standin"] == "true"
    description = labels["org.opencontainers.image.description"]
    assert description.startswith(f"stand-in for {tag} built from ")
    assert standin.version is not None
    assert standin.version in description
    assert matches(upstream_version(standin.version), STANDINS[tag].promised)


@docker_test
def test_cli_prints_one_line_per_image(images: dict[str, Standin]) -> None:
    tags = [NGINX.tag, VALKEY.tag]
    result = subprocess.run(
        [sys.executable, "-m", "guidekit.standins", *tags],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == tags
    assert all(": built: " not in line for line in lines)  # cached by now


# --- python and uv ----------------------------------------------------------


@docker_test
def test_python_runs_code_and_venv_as_any_user(images: dict[str, Standin]) -> None:
    script = (
        "set -e; command -v python; python3 --version;"
        ' python -c \'import sys, zoneinfo; zoneinfo.ZoneInfo("Europe/Paris");'
        ' print("ok", sys.version_info[:2])\';'
        " python -m venv /tmp/venv;"
        " /tmp/venv/bin/python -c 'import sys; print(sys.prefix)'"
    )
    result = docker(
        "run", "--rm", "--user", "1000:1000", PYTHON.tag, "sh", "-c", script
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "/usr/local/bin/python"
    assert lines[1].startswith("Python 3.13.")
    assert lines[2] == "ok (3, 13)"
    assert lines[3] == "/tmp/venv"


@docker_test
def test_uv_image_runs_the_pinned_uv(images: dict[str, Standin]) -> None:
    result = docker("run", "--rm", UV_PYTHON.tag, "uv", "--version")
    assert result.stdout.startswith(f"uv {UV_VERSION}")
    assert inspect(UV_PYTHON.tag, "{{json .Config.Entrypoint}}") in ("null", "[]")
    # uv finds the image's own Python; nothing is downloaded.
    script = "cd /tmp && uv venv -q v && v/bin/python --version && uvx --version"
    result = docker(
        "run",
        "--rm",
        "-e",
        "UV_PYTHON_DOWNLOADS=never",
        UV_PYTHON.tag,
        "sh",
        "-c",
        script,
    )
    assert result.stdout.splitlines()[0].startswith("Python 3.13.")
    assert result.stdout.splitlines()[1].startswith(f"uvx {UV_VERSION}")


@docker_test
def test_uv_scratch_image_serves_copy_from(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path
) -> None:
    assert docker("run", "--rm", UV.tag, "--version").stdout.startswith(
        f"uv {UV_VERSION}"
    )
    (tmp_path / "Dockerfile").write_text(
        f"FROM {PYTHON.tag}\n"
        f"COPY --from={UV.tag} /uv /uvx /bin/\n"
        "RUN uv --version && uvx --version\n"
    )
    tag = f"{janitor.name('uv-copy')}:test"
    janitor.images.append(tag)
    docker("build", "--tag", tag, str(tmp_path))
    assert docker("run", "--rm", tag, "uv", "--version").stdout.startswith(
        f"uv {UV_VERSION}"
    )


# --- postgres -------------------------------------------------------------------


@docker_test
def test_postgres_serves_the_configured_database(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path
) -> None:
    initdb = tmp_path / "initdb"
    initdb.mkdir()
    (initdb / "10-seed.sql").write_text(
        "CREATE TABLE seeded (id int); INSERT INTO seeded VALUES (1);\n"
    )
    network = janitor.network()
    server = janitor.start(
        "pg",
        "--network", network,
        "-e", "POSTGRES_PASSWORD=s3cret",
        "-e", "POSTGRES_USER=guide",
        "-e", "POSTGRES_DB=guidedb",
        "-v", f"{initdb}:/docker-entrypoint-initdb.d:ro",
        POSTGRES.tag,
    )  # fmt: skip

    def query(password: str) -> subprocess.CompletedProcess[str]:
        # From another container on the network, over TCP with a password.
        return docker(
            "run", "--rm", "--network", network, "-e", f"PGPASSWORD={password}",
            POSTGRES.tag,
            "psql", "-h", server, "-U", "guide", "-d", "guidedb", "-tAc",
            "SELECT current_user, current_database(), (SELECT count(*) FROM seeded)",
            check=False,
        )  # fmt: skip

    wait_for("postgres to accept connections", lambda: query("s3cret").returncode == 0)
    assert query("s3cret").stdout.strip() == "guide|guidedb|1"
    refused = query("wrong")
    assert refused.returncode != 0
    assert "password authentication failed" in refused.stderr
    docker("exec", server, "pg_isready", "-U", "guide", "-d", "guidedb")
    data = docker("exec", server, "stat", "-c", "%u", "/var/lib/postgresql/data")
    assert data.stdout.strip() == "999"
    assert inspect(POSTGRES.tag, "{{.Config.StopSignal}}") == "SIGINT"


@docker_test
def test_postgres_refuses_to_start_without_a_password(
    images: dict[str, Standin],
) -> None:
    result = docker("run", "--rm", POSTGRES.tag, check=False, timeout=60)
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stdout + result.stderr


# --- valkey (redis-compatible) -------------------------------------------------


@docker_test
def test_valkey_answers_ping_from_another_container(
    images: dict[str, Standin], janitor: Janitor
) -> None:
    network = janitor.network()
    server = janitor.start("valkey", "--network", network, VALKEY.tag)

    def ping(cli: str) -> str:
        result = docker(
            "run", "--rm", "--network", network, VALKEY.tag, cli, "-h", server, "ping",
            check=False,
        )  # fmt: skip
        return result.stdout.strip()

    wait_for("valkey to answer PING", lambda: ping("valkey-cli") == "PONG")
    assert ping("redis-cli") == "PONG"
    assert docker("exec", server, "valkey-cli", "ping").stdout.strip() == "PONG"
    assert docker("exec", server, "stat", "-c", "%u", "/data").stdout.strip() == "999"


# --- rabbitmq -------------------------------------------------------------------


@docker_test
def test_rabbitmq_accepts_amqp_with_the_default_user_and_vhost(
    images: dict[str, Standin], janitor: Janitor
) -> None:
    network = janitor.network()
    server = janitor.start(
        "rabbitmq",
        "--network", network,
        "--hostname", "rabbit",
        "-e", "RABBITMQ_DEFAULT_USER=guide",
        "-e", "RABBITMQ_DEFAULT_PASS=s3cret",
        "-e", "RABBITMQ_DEFAULT_VHOST=guidevhost",
        RABBITMQ_MANAGEMENT.tag,
    )  # fmt: skip
    wait_for(
        "rabbitmq's listeners",
        lambda: docker(
            "exec", server, "rabbitmq-diagnostics", "-q", "check_port_connectivity",
            check=False, timeout=60,
        ).returncode == 0,
        timeout=120,
    )  # fmt: skip
    docker("exec", server, "rabbitmq-diagnostics", "-q", "ping")

    def amqp(password: str, vhost: str) -> str:
        # A stdlib-only AMQP 0-9-1 handshake, from another container.
        return docker(
            "run", "--rm", "--network", network,
            "-v", f"{SUPPORT / 'amqp_probe.py'}:/probe.py:ro",
            PYTHON.tag, "python", "/probe.py", server, "5672", "guide", password, vhost,
            check=False,
        ).stdout.strip()  # fmt: skip

    assert amqp("s3cret", "guidevhost") == "open-ok"
    assert "ACCESS_REFUSED" in amqp("wrong", "guidevhost")
    assert "NOT_ALLOWED" in amqp("s3cret", "other")

    # The management plugin's HTTP API, with the same user.
    api = (
        "import base64, json, urllib.request;"
        f"r = urllib.request.Request('http://{server}:15672/api/whoami', headers="
        "{'Authorization': 'Basic ' + base64.b64encode(b'guide:s3cret').decode()});"
        "print(json.load(urllib.request.urlopen(r, timeout=10))['name'])"
    )
    result = docker(
        "run", "--rm", "--network", network, PYTHON.tag, "python", "-c", api
    )
    assert result.stdout.strip() == "guide"


# --- nginx ----------------------------------------------------------------------


@docker_test
def test_nginx_renders_templates_and_serves_on_loopback(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "default.conf.template").write_text(
        "server {\n"
        "    listen ${NGINX_PORT};\n"
        "    location / {\n"
        "        default_type text/plain;\n"
        '        return 200 "hello ${GREETING} $request_uri\\n";\n'
        "    }\n"
        "}\n"
    )
    server = janitor.start(
        "nginx",
        "-e", "NGINX_PORT=8080",
        "-e", "GREETING=guide",
        "-v", f"{templates}:/etc/nginx/templates:ro",
        "--publish", "127.0.0.1::8080",
        NGINX.tag,
    )  # fmt: skip
    published = docker("port", server, "8080/tcp").stdout.split()[0]
    host, _, port = published.rpartition(":")
    assert host == "127.0.0.1"
    url = f"http://127.0.0.1:{port}/some/path"
    # No proxy, whatever the environment says: this is loopback.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def body() -> str:
        try:
            with opener.open(url, timeout=5) as response:
                return str(response.read().decode())
        except OSError:
            return ""

    wait_for("nginx to answer", lambda: body() != "", timeout=30)
    assert body() == "hello guide /some/path\n"
    logs = docker("logs", server)
    assert "GET /some/path" in logs.stdout  # access log on stdout
    workers = docker("top", server, "-eo", "pid,uid,args").stdout.splitlines()
    assert any(" 101 " in line and "worker process" in line for line in workers)
    assert inspect(NGINX.tag, "{{.Config.StopSignal}}") == "SIGQUIT"


# --- all together, the way compose files use them ---------------------------------

COMPOSE = """\
services:
  db:
    image: {postgres}
    environment:
      POSTGRES_PASSWORD: s3cret
      POSTGRES_USER: guide
      POSTGRES_DB: guidedb
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U guide -d guidedb"]
      interval: 2s
      retries: 60
  cache:
    image: {valkey}
    healthcheck:
      test: ["CMD", "valkey-cli", "ping"]
      interval: 2s
      retries: 60
  broker:
    image: {rabbitmq}
    healthcheck:
      test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"]
      interval: 3s
      timeout: 20s
      retries: 40
  web:
    image: {nginx}
    ports: ["127.0.0.1::80"]
    depends_on:
      db: {{condition: service_healthy}}
      cache: {{condition: service_healthy}}
      broker: {{condition: service_healthy}}
"""


@docker_test
def test_compose_healthchecks_pass(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path
) -> None:
    compose_file = tmp_path / "compose.yaml"
    compose_file.write_text(
        COMPOSE.format(
            postgres=POSTGRES.tag,
            valkey=VALKEY.tag,
            rabbitmq=RABBITMQ_MANAGEMENT.tag,
            nginx=NGINX.tag,
        )
    )
    compose = [
        "compose",
        "--project-name",
        janitor.name("stack"),
        "-f",
        str(compose_file),
    ]
    try:
        docker(*compose, "up", "--detach", "--wait", timeout=300)
        published = docker(*compose, "port", "web", "80").stdout.strip()
        host, _, port = published.rpartition(":")
        assert host == "127.0.0.1"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert b"Welcome to nginx!" in response.read()
    finally:
        docker(*compose, "down", "--volumes", "--remove-orphans", check=False)
