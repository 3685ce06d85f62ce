"""The stand-in images: each builds, and each honours the interface the guide uses.

Tests marked ``docker`` skip without a Docker engine and fail instead under
CI=true (see the gate in conftest.py). Every container, network, volume and
image they create has a unique name and is removed afterwards. From the host
they talk only to ports published on 127.0.0.1; containers talk to each other
on a network of their own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.waiting import wait_for

from guide_standins import (
    STANDINS,
    UV_VERSION,
    Spec,
    Standin,
    StandinError,
    ensure_images,
)
from guide_standins.base import BASES, FORKY, TRIXIE
from guide_standins.build import (
    image_dir,
    matches,
    upstream_version,
    version_drift,
)
from guide_standins.docker import docker
from guide_standins.table import (
    NGINX,
    POSTGRES,
    PYTHON,
    RABBITMQ,
    RABBITMQ_MANAGEMENT,
    UV,
    UV_PYTHON,
    VALKEY,
)

SUPPORT = Path(__file__).resolve().parent / "support"
docker_test = pytest.mark.docker


# --- helpers ----------------------------------------------------------------


# Each process's uid and command line, from /proc in the container: `docker top`
# runs ps in the daemon's root filesystem, which need not have one.
PROCESSES = (
    'for p in /proc/[0-9]*; do printf "%s %s\\n" "$(stat -c %u "$p")"'
    ' "$(tr "\\000" " " <"$p/cmdline")"; done'
)


def processes(container: str) -> list[tuple[str, str]]:
    """(uid, command line) of every process in CONTAINER."""
    out = docker("exec", container, "sh", "-c", PROCESSES).stdout
    rows = (line.partition(" ") for line in out.splitlines())
    return [(uid, args) for uid, _, args in rows]


def inspect(tag: str, template: str) -> str:
    """One field of a local image, through a Go template."""
    return docker("image", "inspect", "--format", template, tag).stdout.strip()


class Janitor:
    """Hands out unique names and removes what was made under them."""

    def __init__(self) -> None:
        self.prefix = f"guide-test-{uuid.uuid4().hex[:8]}"
        self.containers: list[str] = []
        self.networks: list[str] = []
        self.volumes: list[str] = []
        self.images: list[str] = []
        # Build cache mounts whose id contains the prefix (removed by description).
        self.cache_mounts = False

    def name(self, what: str) -> str:
        """A name unique to this test run."""
        return f"{self.prefix}-{what}"

    def network(self) -> str:
        """A fresh user-defined bridge network."""
        name = self.name("net")
        docker("network", "create", name)
        self.networks.append(name)
        return name

    def volume(self, what: str) -> str:
        """A fresh named volume."""
        name = self.name(what)
        docker("volume", "create", name)
        self.volumes.append(name)
        return name

    def cache_id(self, what: str) -> str:
        """A build cache mount id of this run's own: the mount starts empty."""
        self.cache_mounts = True
        return self.name(what)

    def start(self, what: str, *args: str) -> str:
        """``docker run -d`` under a unique container name; return the name."""
        name = self.name(what)
        self.containers.append(name)
        docker("run", "--detach", "--name", name, *args)
        return name

    def clean(self) -> None:
        """Remove what was made under this run's names, cache mounts too."""
        for container in self.containers:
            docker("rm", "--force", "--volumes", container, check=False)
        for network in self.networks:
            docker("network", "rm", network, check=False)
        for volume in self.volumes:
            docker("volume", "rm", "--force", volume, check=False)
        for image in self.images:
            docker("image", "rm", "--force", image, check=False)
        if self.cache_mounts:
            # A cache mount's description names its id; only ours match.
            prune = ("builder", "prune", "--force", "--filter")
            docker(*prune, f"description~={self.prefix}", check=False)


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
        ("18.6-3", "18.6"),
        ("17.12-0+deb13u1", "17.12"),
        ("9.1.2-1", "9.1.2"),
        ("8.1.1+dfsg1-3+deb13u3", "8.1.1"),
        ("1:29.1.1+dfsg-1", "29.1.1"),
        ("1.30.6-2", "1.30.6"),
        ("3.13.5-1", "3.13.5"),
        ("0.13.9", "0.13.9"),
    ],
)
def test_upstream_version(debian: str, upstream: str) -> None:
    assert upstream_version(debian) == upstream


def test_version_matching_is_by_component() -> None:
    assert matches("18.6", "18")
    assert matches("9.1.2", "9.1")
    assert matches("4.3.6", "4.3")
    assert matches("1.30.6", "1.30")
    assert not matches("9.10.1", "9.1")
    assert not matches("1.3.0", "1.30")
    assert not matches("1.28.0", "1.30")
    assert not matches("180.1", "18")


@pytest.mark.parametrize(
    ("tag", "held", "drifted"),
    [
        ("valkey/valkey:9.1-trixie", "9.1.2", False),
        ("valkey/valkey:9.1-trixie", "9.2.0", True),  # forky moved: kept, said
        ("rabbitmq:4.4-management", "4.3.6", True),  # forky lags: kept, said
        ("postgres:18-trixie", "19.1", None),  # another major: refused
        ("python:3.13-slim-trixie", "3.14.1", None),  # a stable base: refused
    ],
)
def test_version_drift(tag: str, held: str, drifted: bool | None) -> None:
    spec = STANDINS[tag]
    if drifted is None:
        with pytest.raises(StandinError, match="pick another tag"):
            version_drift(spec, held)
    else:
        remark = version_drift(spec, held)
        assert (remark is not None) == drifted
        assert remark is None or f"holds {held} where the tag names" in remark
        if remark:
            direction = "moved on" if held > spec.promised else "has no"
            assert direction in remark


# What each tag promises, as the guide names it: a tag bump must come with a
# stand-in that holds the new version (checked against the images below).
PROMISES = {
    "python:3.13-slim-trixie": "3.13",
    f"ghcr.io/astral-sh/uv:{UV_VERSION}": UV_VERSION,
    f"ghcr.io/astral-sh/uv:{UV_VERSION}-python3.13-trixie-slim": UV_VERSION,
    "postgres:18-trixie": "18",
    "valkey/valkey:9.1-trixie": "9.1",
    "rabbitmq:4.4": "4.4",
    "rabbitmq:4.4-management": "4.4",
    "nginx:1.30-trixie": "1.30",
}


def test_the_table_holds_the_tags_the_guide_names() -> None:
    assert {tag: spec.promised for tag, spec in STANDINS.items()} == PROMISES


def os_of(spec: Spec) -> str | None:
    """The Debian suite a stand-in is built on (through its parents), if any."""
    if spec.base is not None:
        return spec.base
    for _arg, parent in spec.parents:
        found = os_of(STANDINS[parent])
        if found is not None:
            return found
    return None


def test_python_stays_on_trixie_and_the_services_move_to_forky() -> None:
    assert set(BASES) == {"trixie", "forky"}
    assert {tag: os_of(spec) for tag, spec in STANDINS.items()} == {
        PYTHON.tag: "trixie",
        UV.tag: None,  # scratch, as upstream's
        UV_PYTHON.tag: "trixie",
        POSTGRES.tag: "forky",
        VALKEY.tag: "forky",
        RABBITMQ.tag: "forky",
        RABBITMQ_MANAGEMENT.tag: "forky",
        NGINX.tag: "forky",
    }


@pytest.mark.parametrize("tag", list(STANDINS))
def test_notes_say_how_a_standin_differs(tag: str) -> None:
    spec = STANDINS[tag]
    suite = os_of(spec)
    if suite is not None and suite not in tag:
        # A trixie tag on forky (or an Ubuntu one on Debian) says so.
        assert "forky" in spec.note
        assert "forky" in spec.built_from
    if spec in (PYTHON, UV_PYTHON):
        assert "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt" in spec.note
        assert "upstream images need nothing of the kind" in spec.note


def test_each_base_has_its_own_rootfs_and_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert TRIXIE.tag == "guide-standins/debian:trixie"
    assert FORKY.tag == "guide-standins/debian:forky"
    monkeypatch.delenv("GUIDE_TRIXIE_ROOTFS", raising=False)
    monkeypatch.delenv("GUIDE_FORKY_ROOTFS", raising=False)
    assert TRIXIE.rootfs == Path("/var/cache/guide-docker/trixie-rootfs")
    assert FORKY.rootfs == Path("/var/cache/guide-docker/forky-rootfs")
    monkeypatch.setenv("GUIDE_FORKY_ROOTFS", str(tmp_path))
    assert FORKY.rootfs == tmp_path
    assert TRIXIE.rootfs == Path("/var/cache/guide-docker/trixie-rootfs")


@pytest.mark.parametrize("tag", list(STANDINS))
def test_dockerfiles_need_no_frontend_image(tag: str) -> None:
    """A syntax line makes BuildKit pull a frontend image: no registry here."""
    lines = (image_dir(STANDINS[tag]) / "Dockerfile").read_text().splitlines()
    assert not any(line.startswith("# syntax=") for line in lines)


def test_uv_pin_matches_the_repository() -> None:
    ci_run = (Path(__file__).resolve().parent.parent / ".ci/run").read_text()
    assert f"UV_VERSION={UV_VERSION}" in ci_run
    assert UV.tag.endswith(f":{UV_VERSION}")
    assert UV_PYTHON.tag.startswith(f"{UV.tag}-python3.13-")


def test_cli_lists_the_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guide_standins", "--list"],
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
    held = upstream_version(standin.version)
    assert matches(held, STANDINS[tag].promised) or f"holds {held} where" in description
    assert labels["guide.standin.note"] == STANDINS[tag].note
    # The OS it really is (the scratch uv image has none).
    suite = os_of(STANDINS[tag])
    if suite is not None:
        release = docker(
            "run", "--rm", "--entrypoint", "cat", tag, "/etc/os-release"
        ).stdout
        assert f"VERSION_CODENAME={suite}" in release.splitlines()


@docker_test
def test_cli_prints_one_line_per_image(images: dict[str, Standin]) -> None:
    tags = [NGINX.tag, VALKEY.tag]
    result = subprocess.run(
        [sys.executable, "-m", "guide_standins", *tags],
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


CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


@docker_test
@pytest.mark.parametrize("image", [PYTHON.tag, UV_PYTHON.tag])
def test_standins_point_ssl_cert_file_at_the_hosts_bundle(
    images: dict[str, Standin], image: str
) -> None:
    env = json.loads(inspect(image, "{{json .Config.Env}}"))
    assert f"SSL_CERT_FILE={CA_BUNDLE}" in env
    bundle = docker("run", "--rm", image, "cat", CA_BUNDLE).stdout
    assert bundle == Path(CA_BUNDLE).read_text()


def lock_small_project(root: Path) -> None:
    """A project depending on one small pure-Python wheel, locked by the host."""
    root.mkdir()
    (root / "pyproject.toml").write_text(
        "[project]\n"
        'name = "probe"\n'
        'version = "0"\n'
        'requires-python = ">=3.13"\n'
        'dependencies = ["iniconfig"]\n'
        "[tool.uv]\n"
        "package = false\n"
    )
    uv = os.environ.get("UV", "uv")  # `uv run` exports the running uv
    subprocess.run(
        [uv, "lock", "--quiet", "--python", sys.executable],
        cwd=root,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
        check=True,
        timeout=120,
    )


# The two ways the guide's Dockerfiles run uv: in the uv image with Python
# (development), or in Python's image with uv mounted from uv's (production).
UV_SYNC = {
    "dev": (UV_PYTHON.tag, ""),
    "prod": (
        PYTHON.tag,
        f"--mount=type=bind,from={UV.tag},source=/uv,target=/usr/local/bin/uv ",
    ),
}


@docker_test
@pytest.mark.parametrize("way", list(UV_SYNC))
def test_uv_sync_downloads_wheels_with_an_empty_cache(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path, way: str
) -> None:
    """uv in a stand-in reaches PyPI through this machine's proxy: no seeding.

    A cache mount of this test's own starts empty, so the wheel is downloaded
    during the build, as in the guide's Dockerfiles on a fresh machine.
    """
    base, uv_mount = UV_SYNC[way]
    context = tmp_path / "context"
    lock_small_project(context)
    cache = f"--mount=type=cache,target=/root/.cache/uv,id={janitor.cache_id('uv')}"
    (context / "Dockerfile").write_text(
        f"FROM {base}\n"
        "WORKDIR /app\n"
        "COPY pyproject.toml uv.lock ./\n"
        f"RUN {uv_mount}{cache} UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy \\\n"
        "    uv sync --locked --no-progress\n"
        'CMD ["/app/.venv/bin/python", "-c", "import iniconfig; print(\'ok\')"]\n'
    )
    tag = f"{janitor.name('uv-sync')}:test"
    janitor.images.append(tag)
    # --no-cache: the step runs even where an earlier run left its layer (a
    # cache mount's id is not part of the step's cache key).
    build = ("build", "--no-cache", "--progress=plain", "--tag", tag)
    built = docker(*build, str(context))
    log = built.stdout + built.stderr
    assert "UnknownIssuer" not in log
    # Downloaded by this build ("Prepared"), then installed.
    assert re.search(r"Prepared 1 package in", log), log
    assert "+ iniconfig==" in log
    assert docker("run", "--rm", tag).stdout.strip() == "ok"


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
    version = docker(
        "exec", server, "psql", "-U", "guide", "-d", "guidedb", "-tAc",
        "SHOW server_version_num",
    ).stdout.strip()  # fmt: skip
    assert version.startswith("18")
    assert len(version) == 6
    assert inspect(POSTGRES.tag, "{{.Config.StopSignal}}") == "SIGINT"


@docker_test
def test_postgres_keeps_its_data_in_the_18_layout(
    images: dict[str, Standin], janitor: Janitor
) -> None:
    """PGDATA is 18/docker inside a volume at /var/lib/postgresql, as upstream's."""
    env = json.loads(inspect(POSTGRES.tag, "{{json .Config.Env}}"))
    assert "PGDATA=/var/lib/postgresql/18/docker" in env
    volumes = json.loads(inspect(POSTGRES.tag, "{{json .Config.Volumes}}"))
    assert volumes == {"/var/lib/postgresql": {}}
    volume = janitor.volume("pgdata")
    mount = f"{volume}:/var/lib/postgresql"
    secret = ("-e", "POSTGRES_PASSWORD=s3cret")

    def ready(container: str) -> bool:
        probe = ("exec", container, "pg_isready", "-U", "postgres", "-h", "127.0.0.1")
        return docker(*probe, check=False).returncode == 0

    first = janitor.start("pg-first", *secret, "-v", mount, POSTGRES.tag)
    wait_for("postgres to start", lambda: ready(first))
    sql = ("psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-tAc")
    docker(
        "exec", first, *sql, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)"
    )
    owners = docker(
        "exec", first, "stat", "-c", "%u %a %n",
        "/var/lib/postgresql/18", "/var/lib/postgresql/18/docker",
    ).stdout.splitlines()  # fmt: skip
    assert owners == [
        "999 755 /var/lib/postgresql/18",
        "999 700 /var/lib/postgresql/18/docker",
    ]
    pg_version = docker(
        "exec", first, "cat", "/var/lib/postgresql/18/docker/PG_VERSION"
    )
    assert pg_version.stdout.strip() == "18"
    docker("rm", "--force", first)
    # A new container on the same volume finds the cluster: no second initdb.
    second = janitor.start("pg-second", *secret, "-v", mount, POSTGRES.tag)
    wait_for("postgres to start again", lambda: ready(second))
    assert docker("exec", second, *sql, "SELECT n FROM kept").stdout.strip() == "7"
    assert "init process complete" not in docker("logs", second).stdout


@docker_test
def test_postgres_makes_pgdata_parents_in_a_root_owned_bind_mount(
    images: dict[str, Standin], janitor: Janitor, tmp_path: Path
) -> None:
    folder = tmp_path / "pg"
    folder.mkdir(mode=0o755)
    server = janitor.start(
        "pg-bind", "-e", "POSTGRES_PASSWORD=s3cret",
        "-v", f"{folder}:/var/lib/postgresql", POSTGRES.tag,
    )  # fmt: skip
    wait_for(
        "postgres to start",
        lambda: docker("exec", server, "pg_isready", check=False).returncode == 0,
    )
    owners = docker(
        "exec", server, "stat", "-c", "%u", "/var/lib/postgresql",
        "/var/lib/postgresql/18", "/var/lib/postgresql/18/docker",
    ).stdout.split()  # fmt: skip
    assert owners == ["0", "999", "999"]
    # The cluster's files are the container's uid 999's; let root's test clean up.
    docker("exec", server, "chmod", "-R", "a+rwX", "/var/lib/postgresql/18")


@docker_test
@pytest.mark.parametrize("data", ["volume", "old cluster"])
def test_postgres_refuses_the_layout_of_17(
    images: dict[str, Standin], janitor: Janitor, data: str
) -> None:
    """A volume at /var/lib/postgresql/data (the path of 17) stops the start.

    As upstream's 18: an empty mount there would leave the data in an anonymous
    volume, lost with the container; a cluster there would be ignored.
    """
    volume = janitor.volume("old")
    if data == "old cluster":
        docker(
            "run", "--rm", "-v", f"{volume}:/old", "--entrypoint", "sh", POSTGRES.tag,
            "-c", "echo 17 > /old/PG_VERSION",
        )  # fmt: skip
    result = docker(
        "run", "--rm", "-e", "POSTGRES_PASSWORD=s3cret",
        "-v", f"{volume}:/var/lib/postgresql/data", POSTGRES.tag,
        check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    found = "there appears to be PostgreSQL data in:\n"
    found += "         /var/lib/postgresql/data"
    found += " (unused mount/volume)\n" if data == "volume" else "\n"
    assert found in result.stderr
    assert "initdb" not in result.stdout + result.stderr


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
    info = docker("exec", server, "valkey-cli", "info", "server").stdout
    assert "valkey_version:9.1." in info
    assert "\nprocess_id:" in info
    user = docker("exec", server, "sh", "-c", "stat -c %u /proc/1").stdout.strip()
    assert user == "999"


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
    version = docker("exec", server, "rabbitmq-diagnostics", "-q", "server_version")
    # What the label says it holds (forky may lag the tag; the label says so).
    held = inspect(
        RABBITMQ_MANAGEMENT.tag, '{{index .Config.Labels "guide.standin.version"}}'
    )
    assert version.stdout.strip() == upstream_version(held)
    enabled = docker("exec", server, "rabbitmq-plugins", "list", "-e", "-m")
    assert "rabbitmq_management" in enabled.stdout.split()

    def amqp(password: str, vhost: str) -> str:
        # A stdlib-only AMQP 0-9-1 handshake, from another container. The
        # script goes in on stdin: no bind mount, so no dependence on which
        # host folders the daemon can see. Stderr is kept for a failure's sake.
        probe = docker(
            "run", "--rm", "-i", "--network", network,
            PYTHON.tag, "python", "-", server, "5672", "guide", password, vhost,
            check=False, stdin=(SUPPORT / "amqp_probe.py").read_text(),
        )  # fmt: skip
        return (probe.stdout + probe.stderr).strip()

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
    assert any(
        uid == "101" and "worker process" in args for uid, args in processes(server)
    )
    assert inspect(NGINX.tag, "{{.Config.StopSignal}}") == "SIGQUIT"
    version = docker("exec", server, "nginx", "-v").stderr.strip()
    assert version.startswith("nginx version: nginx/1.30.")


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
