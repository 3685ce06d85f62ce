"""The production stack of the guide builds, starts healthy and behaves.

One stack per module, from a copy of the tangled example with the settings
and certificate a server would have (random secrets, a self-signed
certificate made here), under a Compose project of its own. An override
only moves nginx's ports to 127.0.0.1, on ports the system picks. Migrations
and static files are the explicit steps the guide shows. Everything the
module creates is removed at the end.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.docker.client import tls_context, tls_handshake
from support.docker.compose import Stack
from support.docker.example import SITE, ProdSecrets, copy_example, write_prod_conf
from support.docker.healthchecks import broker_log_during_worker_checks
from support.waiting import wait_for
from websockets.sync.client import connect
from websockets.typing import Origin

from guide_standins.docker import docker

pytestmark = pytest.mark.docker

USER, PASSWORD = "grace", "another-long-test-password"
DJANGO_PROCESSES = ("web", "asgi", "worker", "beat")


def progress(message: str) -> None:
    print(f"docker-prod: {message}", flush=True)  # shown with pytest -s


@pytest.fixture(scope="module")
def made(
    docker_engine: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Stack, ProdSecrets]]:
    root = copy_example(tmp_path_factory.mktemp("prod"))
    made = write_prod_conf(root)
    prod = Stack(root, "prod")
    prod.write_override()
    try:
        prod.prepare_images(progress)
        prod.compose("build")
        prod.compose("run", "--rm", "web", "python", "manage.py", "migrate")
        prod.compose(
            "run", "--rm", "web", "python", "manage.py", "collectstatic", "--noinput"
        )
        prod.compose("up", "--wait")
        yield prod, made
    finally:
        left = prod.down()
    assert not left, f"left behind: {left}"


@pytest.fixture(scope="module")
def stack(made: tuple[Stack, ProdSecrets]) -> Stack:
    return made[0]


@pytest.fixture(scope="module")
def cafile(stack: Stack) -> Path:
    return stack.root / "conf" / "prod" / "tls" / "fullchain.pem"


@pytest.fixture
def https_port(stack: Stack) -> int:
    # Asked each time: `down` and `up` may publish another port.
    return stack.port("nginx", 443)


def request(
    port: int,
    path: str,
    *,
    context: ssl.SSLContext | None = None,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request to 127.0.0.1:PORT for the site's host name; TLS if CONTEXT."""
    connection: http.client.HTTPConnection
    if context is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    else:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=60, context=context
        )
    try:
        connection.request(method, path, body, {"Host": SITE, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def auth() -> dict[str, str]:
    credentials = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {credentials}", "Content-Type": "application/json"}


def test_every_service_is_healthy(stack: Stack) -> None:
    names = ["asgi", "beat", "db", "nginx", "rabbitmq", "redis", "web", "worker"]
    assert stack.health() == dict.fromkeys(names, "healthy")


def test_every_check_runs_each_second_at_start_and_every_30_s_after(
    stack: Stack,
) -> None:
    # The engine's side of it is tested in development (test_docker_dev).
    timing = {
        name: (
            check["start_interval"],
            check["interval"],
            check["retries"],
            check["start_period"] in ("1m0s", "1m30s"),
        )
        for name, service in stack.config()["services"].items()
        for check in [service["healthcheck"]]
    }
    names = ["asgi", "beat", "db", "nginx", "rabbitmq", "redis", "web", "worker"]
    assert timing == dict.fromkeys(names, ("1s", "30s", 3, True))


def test_postgresql_18_keeps_its_cluster_in_the_named_volume(stack: Stack) -> None:
    volumes = stack.config()["services"]["db"]["volumes"]
    assert [(v["type"], v["source"], v["target"]) for v in volumes] == [
        ("volume", "postgres", "/var/lib/postgresql")
    ]
    psql = (
        'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB"'
        ' -c "SHOW server_version_num" -c "SHOW data_directory"'
    )
    version, data = stack.exec("db", "sh", "-c", psql).split()
    assert (version[:2], data) == ("18", "/var/lib/postgresql/18/docker")


def test_the_worker_checks_leave_the_broker_log_quiet(stack: Stack) -> None:
    # docker/rabbitmq/logging.conf, mounted as in development. One check:
    # they come every 30 s once the worker is healthy.
    log = broker_log_during_worker_checks(stack, checks=1)
    assert "AMQP connection" not in log, log


def test_every_container_rotates_its_logs(stack: Stack) -> None:
    ids = [c["ID"] for c in stack.containers()]
    inspect = ("inspect", "--format", "{{.HostConfig.LogConfig.Type}}")
    drivers = docker(*inspect, *ids).stdout.split()
    assert drivers == ["local"] * len(ids)
    assert len(ids) == len(DJANGO_PROCESSES) + 4  # and db, redis, rabbitmq, nginx


def test_only_nginx_publishes_ports(stack: Stack) -> None:
    # In the guide's file: nginx alone, on 80 and 443 of every interface.
    guide = json.loads(
        docker(
            "compose", "-f", "docker/prod/compose.yml", "config", "--format", "json",
            cwd=stack.root,
        ).stdout
    )  # fmt: skip
    ports = {
        name: sorted(int(p["target"]) for p in service.get("ports", []))
        for name, service in guide["services"].items()
        if service.get("ports")
    }
    assert ports == {"nginx": [80, 443]}
    # In the running test stack: nginx alone, on 127.0.0.1 only.
    published = {
        (c["Service"], p["URL"])
        for c in stack.containers()
        for p in c.get("Publishers") or []
        if p.get("PublishedPort")
    }
    assert published == {("nginx", "127.0.0.1")}


def test_http_redirects_to_https(stack: Stack) -> None:
    status, headers, _body = request(stack.port("nginx", 80), "/api/tweets/?page=2")
    assert status == 301
    assert headers["Location"] == f"https://{SITE}/api/tweets/?page=2"


def test_https_serves_the_site_with_one_hsts_header(
    https_port: int, cafile: Path
) -> None:
    context = tls_context(cafile)
    status, headers, page = request(https_port, "/", context=context)
    assert status == 200
    assert b"<title>Latest tweets</title>" in page
    assert headers.get_all("Strict-Transport-Security") == [
        "max-age=31536000; includeSubDomains; preload"
    ]
    status, _headers, api = request(https_port, "/api/tweets/", context=context)
    assert (status, "results" in json.loads(api)) == (200, True)


# Python deprecates TLS 1.0 and 1.1 too: this test only offers them.
@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")
def test_only_tls_1_2_and_1_3_are_accepted(https_port: int, cafile: Path) -> None:
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
        context = tls_context(cafile)
        context.minimum_version = context.maximum_version = version
        assert tls_handshake(https_port, context) == version.name.replace("_", ".")
    for version in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
        context = tls_context(cafile)
        # Let this client offer the old protocol at all (OpenSSL 3 will not,
        # at its default security level), so that the refusal is nginx's.
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
        context.minimum_version = context.maximum_version = version
        with pytest.raises(ssl.SSLError, match=r"PROTOCOL_VERSION|protocol version"):
            tls_handshake(https_port, context)


def test_static_files_come_from_nginx(
    stack: Stack, https_port: int, cafile: Path
) -> None:
    status, headers, css = request(
        https_port, "/static/twitter/site.css", context=tls_context(cafile)
    )
    assert status == 200
    assert headers["Content-Type"] == "text/css"
    assert headers["Server"] == "nginx"
    assert css == (stack.root / "twitter/static/twitter/site.css").read_bytes()


def test_a_tweet_travels_through_celery_to_a_secure_websocket(
    stack: Stack, https_port: int, cafile: Path
) -> None:
    stack.shell(
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({USER!r}, password={PASSWORD!r})"
    )
    context = tls_context(cafile)
    raw = socket.create_connection(("127.0.0.1", https_port), timeout=20)
    with connect(
        f"wss://{SITE}/ws/timeline/",
        sock=raw,
        ssl=context,
        server_hostname=SITE,
        origin=Origin(f"https://{SITE}"),
        open_timeout=20,
    ) as websocket:
        body = json.dumps({"body": "Hello from production"}).encode()
        status, _headers, _answer = request(
            https_port, "/api/tweets/", context=context, method="POST",
            body=body, headers=auth(),
        )  # fmt: skip
        assert status == 201
        # gunicorn queues fan_out on RabbitMQ; the worker publishes through
        # Valkey; uvicorn pushes it through nginx to this socket.
        message = json.loads(websocket.recv(timeout=30))
    assert (message["author"], message["body"]) == (USER, "Hello from production")


# Run by a container's Python: its other processes, as (uid, command line).
# Read from /proc rather than with `docker top`, which needs ps on the host.
PROCESSES = """
import json, os, pathlib
found = []
for folder in pathlib.Path("/proc").glob("[0-9]*"):
    if folder.name == str(os.getpid()):
        continue
    try:
        status = (folder / "status").read_text()
        args = (folder / "cmdline").read_bytes().replace(b"\\0", b" ").decode()
    except OSError:
        continue  # ended meanwhile
    uid = next(x.split()[1] for x in status.splitlines() if x.startswith("Uid:"))
    found.append([uid, args.strip()])
print(json.dumps(found))
"""


def processes(stack: Stack, service: str) -> list[tuple[str, str]]:
    """SERVICE's processes, as (uid, command line), from inside its container."""
    found = json.loads(stack.exec(service, "python", "-c", PROCESSES))
    return [(uid, args) for uid, args in found]


def test_django_processes_run_as_the_unprivileged_user(stack: Stack) -> None:
    for service in DJANGO_PROCESSES:
        uids = [uid for uid, _args in processes(stack, service)]
        assert uids, service
        assert set(uids) == {"10001"}, (service, uids)


def test_gunicorn_takes_its_worker_count_from_the_environment(stack: Stack) -> None:
    concurrency = stack.exec("web", "printenv", "WEB_CONCURRENCY").strip()
    servers = [args for _uid, args in processes(stack, "web") if "bin/gunicorn" in args]
    assert len(servers) == int(concurrency) + 1  # the master and its workers


def test_deployment_checks_pass_inside_the_image(stack: Stack) -> None:
    out = stack.exec(
        "web", "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert out.strip() == "System check identified no issues (0 silenced)."


def tweet_locks(stack: Stack, condition: str) -> int:
    """How many locks on the tweet table PostgreSQL lists that meet CONDITION."""
    sql = (
        "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = relation"
        f" WHERE relname = 'tweet_tweet' AND {condition}"
    )
    psql = f'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "{sql}"'
    return int(stack.exec("db", "sh", "-c", psql))


def test_a_request_in_flight_completes_when_web_stops(
    stack: Stack, https_port: int, cafile: Path
) -> None:
    # A lock held in PostgreSQL keeps a request waiting inside gunicorn for
    # longer than Docker's default stop timeout (10 s) after the stop begins;
    # stopping web must still let it finish (stop_grace_period, gunicorn's
    # graceful timeout).
    hold, docker_default = 20, 10
    lock = (
        "BEGIN; LOCK TABLE tweet_tweet IN ACCESS EXCLUSIVE MODE; "
        f"SELECT pg_sleep({hold}); COMMIT;"
    )
    psql = f'psql -q -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "{lock}"'
    locker = subprocess.Popen(
        ["docker", *stack.compose_args(), "exec", "-T", "db", "sh", "-c", psql],
        cwd=stack.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    answers: list[tuple[int, float]] = []

    def ask() -> None:
        status = request(https_port, "/api/tweets/", context=tls_context(cafile))[0]
        answers.append((status, time.monotonic()))

    client = threading.Thread(target=ask)
    try:
        wait_for(
            "the lock on the tweet table",
            lambda: tweet_locks(stack, "mode = 'AccessExclusiveLock' AND granted") > 0,
            timeout=30,
        )
        client.start()
        wait_for(
            "the request to wait on the lock",
            lambda: tweet_locks(stack, "NOT granted") > 0,
            timeout=30,
        )
        stopping = time.monotonic()
        stack.compose("stop", "web")
        client.join(timeout=60)
        assert [status for status, _at in answers] == [200]
        assert answers[0][1] - stopping > docker_default
        assert "Handling signal: term" in stack.logs("web")
    finally:
        locker.wait(timeout=60)
        stack.compose("up", "--wait")


def test_data_survives_down_and_up(stack: Stack, cafile: Path) -> None:
    stack.shell(
        "from django.contrib.auth import get_user_model; "
        "from twitter.tweet.models import Tweet; "
        "Tweet.objects.create("
        "author=get_user_model().objects.create_user('keeper'), body='kept')"
    )
    stack.compose("down")
    stack.compose("up", "--wait")
    status, _headers, answer = request(
        stack.port("nginx", 443), "/api/tweets/", context=tls_context(cafile)
    )
    assert status == 200
    assert "kept" in [tweet["body"] for tweet in json.loads(answer)["results"]]


def test_no_secret_in_the_image(made: tuple[Stack, ProdSecrets]) -> None:
    stack, made_secrets = made
    history = docker(
        "history", "--no-trunc", "--format", "{{.CreatedBy}}", stack.image
    ).stdout
    metadata = docker(
        "image", "inspect", "--format",
        "{{json .Config.Labels}} {{json .Config.Env}}", stack.image,
    ).stdout  # fmt: skip
    for value in made_secrets.values():
        assert value not in history
        assert value not in metadata
    assert not re.search(r"SECRET_KEY|PASSWORD|BROKER_URL", history + metadata)
    files = docker(
        "run", "--rm", "--entrypoint", "ls", stack.image, "-A", "/app"
    ).stdout.split()
    assert sorted(files) == ["manage.py", "twitter"]


# Run by the image's Python: what the image holds, as JSON.
IMAGE_CONTENTS = """
import json, pathlib, shutil, sys
import django
from django.conf import settings
lib = pathlib.Path(sys.prefix, "lib")
sources = {p.with_suffix("") for p in lib.rglob("*.py")}
compiled = {
    p.parent.parent / p.name.split(".")[0]
    for p in lib.rglob("__pycache__/*.cpython-313.pyc")
}
settings.configure(USE_I18N=True)
django.setup()
from django.utils import translation
translation.activate("tr")
print(json.dumps({
    "modules": len(sources),
    "without bytecode": len(sources - compiled),
    "po files": len(list(lib.rglob("*.po"))),
    "django in turkish": translation.gettext("This field is required."),
    "project catalogues": sorted(map(str, pathlib.Path("/app").rglob("*.mo"))),
    "tmp": sorted(p.name for p in pathlib.Path("/tmp").iterdir()),
    "uv": shutil.which("uv"),
}))
"""


def test_the_virtualenv_is_compiled_and_trimmed_and_the_catalogues_are_in(
    made: tuple[Stack, ProdSecrets],
) -> None:
    # Bytecode for every module of the dependencies, made at build time;
    # the packages' .po sources deleted while Django's compiled catalogues
    # still translate; the project's .mo files from the locale stage, since
    # .dockerignore keeps the checkout's out of the context; nothing left
    # of the build's mounts or of uv.
    stack, _secrets = made
    python = ("run", "--rm", "--entrypoint", "python", stack.image)
    contents = json.loads(docker(*python, "-c", IMAGE_CONTENTS).stdout)
    assert contents["modules"] > 1000
    assert contents["without bytecode"] == 0, contents
    assert contents["po files"] == 0
    assert contents["django in turkish"] == "Bu alan zorunludur."
    assert contents["project catalogues"] == [
        "/app/twitter/locale/tr/LC_MESSAGES/django.mo"
    ]
    assert contents["tmp"] == []
    assert contents["uv"] is None


def test_the_build_context_holds_no_settings(stack: Stack, tmp_path: Path) -> None:
    # The copy has the server's conf/prod/*.env and key; .dockerignore must
    # keep them, and everything else but the code and the lock, out.
    (stack.root / "twitter" / "__pycache__").mkdir(exist_ok=True)
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        "FROM python:3.13-slim-trixie\nCOPY . /context\nCMD find /context -type f\n"
    )
    tag = f"{stack.project}-context"
    docker("build", "-q", "-f", str(dockerfile), "-t", tag, str(stack.root))
    try:
        listing = docker("run", "--rm", tag).stdout.split()
    finally:
        docker("image", "rm", tag)
    files = sorted(path.removeprefix("/context/") for path in listing)
    assert {path.split("/")[0] for path in files} == {
        "manage.py",
        "pyproject.toml",
        "twitter",
        "uv.lock",
    }
    assert not [path for path in files if "__pycache__" in path]


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_a_missing_setting_stops_start_up_with_its_name(
    stack: Stack, service: str
) -> None:
    conf = stack.root / "conf" / "prod"
    broken = conf / "django-missing-key.env"
    lines = (conf / "django.env").read_text().splitlines()
    broken.write_text(
        "\n".join(x for x in lines if not x.startswith("DJANGO_SECRET_KEY=")) + "\n"
    )
    override = stack.root.parent / f"{stack.project}.missing.yml"
    override.write_text(
        f"services:\n  {service}:\n    env_file: !override\n"
        f"      - {broken}\n      - {conf / 'postgres.env'}\n"
    )
    broken_stack = Stack(stack.root, "prod", stack.project, [override])
    started = time.monotonic()
    result = broken_stack.compose(
        "run", "--rm", "--no-deps", service, check=False, timeout=120
    )
    assert result.returncode != 0
    assert time.monotonic() - started < 60
    assert "DJANGO_SECRET_KEY is not set" in result.stdout + result.stderr
