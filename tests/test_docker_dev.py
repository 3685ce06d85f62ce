"""The development stack of the guide builds, starts healthy and works.

One stack per module, from a copy of the tangled example, under a Compose
project of its own, with an override that only changes the published ports:
the web port on 127.0.0.1 (a port the system picks), the services' none.
Everything it creates is removed at the end.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.docker.client import body_now, get
from support.docker.compose import Stack
from support.docker.example import copy_example
from support.docker.healthchecks import broker_log_during_worker_checks, docker_time
from support.waiting import wait_for
from websockets.sync.client import connect
from websockets.typing import Origin

from guide_standins.docker import docker

pytestmark = pytest.mark.docker

USER, PASSWORD = "ada", "a-long-test-password"


def progress(message: str) -> None:
    print(f"docker-dev: {message}", flush=True)  # shown with pytest -s


@pytest.fixture(scope="module")
def stack(
    docker_engine: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    root = copy_example(tmp_path_factory.mktemp("dev"))
    dev = Stack(root, "dev")
    dev.write_override()
    try:
        dev.prepare_images(progress)
        dev.compose("build")
        dev.compose("up", "--wait")
        dev.exec("web", "python", "manage.py", "migrate", "--noinput")
        yield dev
    finally:
        left = dev.down()
    assert not left, f"left behind: {left}"


@pytest.fixture(scope="module")
def base_url(stack: Stack) -> str:
    return f"http://127.0.0.1:{stack.port('web', 8000)}"


def post_tweet(base_url: str, body: str) -> int:
    credentials = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request = urllib.request.Request(
        f"{base_url}/api/tweets/",
        data=json.dumps({"body": body}).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Basic {credentials}",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        status: int = response.status
        return status


def test_every_service_is_healthy(stack: Stack) -> None:
    assert stack.health() == dict.fromkeys(
        ["beat", "db", "rabbitmq", "redis", "web", "worker"], "healthy"
    )


def test_checks_run_each_second_at_start_and_every_30_s_after(stack: Stack) -> None:
    # What every container was given (Compose drops nothing on Engine 25+)...
    for container in stack.containers():
        check = inspect(container["ID"], "{{json .Config.Healthcheck}}")
        timing = (check["StartInterval"], check["Interval"], check["Retries"])
        assert timing == (1e9, 30e9, 3), container["Service"]
        assert check["StartPeriod"] >= 60e9, container["Service"]
    # ...and what the engine does with it: Valkey's first check a second after
    # its start, and the next one 30 s after the first that passed.
    valkey = stack.container("redis")
    started = docker_time(inspect(valkey, "{{json .State.StartedAt}}"))

    def checks() -> list[tuple[datetime.datetime, int]]:
        log = inspect(valkey, "{{json .State.Health.Log}}")
        return [(docker_time(check["Start"]), check["ExitCode"]) for check in log]

    wait_for("a check after the first that passed", lambda: _after_pass(checks()), 45)
    made = checks()
    assert (made[0][0] - started).total_seconds() < 2.5, made
    first_pass = next(i for i, (_at, code) in enumerate(made) if code == 0)
    gap = made[first_pass + 1][0] - made[first_pass][0]
    assert gap.total_seconds() >= 29, made


def _after_pass(made: list[tuple[datetime.datetime, int]]) -> bool:
    """Whether a check ran after the first one that passed."""
    codes = [code for _at, code in made]
    return 0 in codes and codes.index(0) < len(codes) - 1


def test_postgresql_18_keeps_its_cluster_in_the_named_volume(stack: Stack) -> None:
    mounts = inspect(stack.container("db"), "{{json .Mounts}}")
    assert [(m["Type"], m["Name"], m["Destination"]) for m in mounts] == [
        ("volume", f"{stack.project}_postgres", "/var/lib/postgresql")
    ]
    psql = 'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "SHOW data_directory"'
    assert stack.exec("db", "sh", "-c", psql).strip() == (
        "/var/lib/postgresql/18/docker"
    )


def test_the_worker_checks_leave_the_broker_log_quiet(stack: Stack) -> None:
    # docker/rabbitmq/logging.conf: connections are logged on errors only.
    # One check: they come every 30 s once the worker is healthy.
    log = broker_log_during_worker_checks(stack, checks=1)
    assert "AMQP connection" not in log, log


def test_only_the_web_port_is_published_and_on_localhost(stack: Stack) -> None:
    published = {
        (c["Service"], p["URL"])
        for c in stack.containers()
        for p in c.get("Publishers") or []
        if p.get("PublishedPort")
    }
    assert {service for service, _url in published} == {"web"}
    assert {url for _service, url in published} == {"127.0.0.1"}


def test_page_static_files_and_api_answer(base_url: str) -> None:
    status, page = get(f"{base_url}/")
    assert status == 200
    assert b"<title>Latest tweets</title>" in page
    status, css = get(f"{base_url}/static/twitter/site.css")
    assert (status, b"max-width" in css) == (200, True)
    status, api = get(f"{base_url}/api/tweets/")
    assert status == 200
    assert json.loads(api)["results"] == []


def test_a_new_tweet_reaches_a_websocket_through_the_worker(
    stack: Stack, base_url: str
) -> None:
    stack.shell(
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({USER!r}, password={PASSWORD!r})"
    )
    socket_url = base_url.replace("http://", "ws://") + "/ws/timeline/"
    with connect(socket_url, origin=Origin(base_url), open_timeout=20) as socket:
        assert post_tweet(base_url, "Live from the stack") == 201
        # The view queues fan_out; the worker takes it from RabbitMQ and
        # publishes through Valkey; runserver (daphne) pushes it here.
        message = json.loads(socket.recv(timeout=30))
    assert (message["author"], message["body"]) == (USER, "Live from the stack")
    assert re.search(r"fan_out\[[0-9a-f-]+\] succeeded", stack.logs("worker"))


def test_a_task_sent_by_name_runs_on_the_worker(stack: Stack) -> None:
    stack.shell(
        "from datetime import timedelta; from django.utils import timezone; "
        "from django.contrib.auth import get_user_model; "
        "from twitter.models import ProjectVariable; "
        "from twitter.tweet.models import Tweet; "
        "old = Tweet.objects.create("
        "author=get_user_model().objects.create_user('old-timer'), body='old'); "
        "Tweet.objects.filter(pk=old.pk).update("
        "created_at=timezone.now() - timedelta(days=40)); "
        "ProjectVariable.objects.create(name='tweet-retention-days', value='30')"
    )
    stack.exec(
        "web", "celery", "-A", "twitter", "call",
        "twitter.tweet.tasks.purge_expired_tweets",
    )  # fmt: skip
    # No result backend: the worker's log carries the task's return value.
    pattern = r"purge_expired_tweets\[[0-9a-f-]+\] succeeded in [\d.e-]+s: 1\b"
    wait_for("the purge task", lambda: bool(re.search(pattern, stack.logs("worker"))))
    remaining = stack.shell(
        "from twitter.tweet.models import Tweet; "
        "print(Tweet.objects.filter(body='old').count())"
    )
    assert remaining.strip() == "0"


def test_the_example_suite_passes_in_the_container_against_postgresql(
    stack: Stack,
) -> None:
    stack.compose(
        "exec", "-T", "--workdir", "/app/twitter", "web",
        "django-admin", "compilemessages",
    )  # fmt: skip
    result = stack.compose(
        "exec", "-T", "web", "python", "manage.py", "test",
        "--settings=twitter.settings.test", "--noinput", check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"^Ran \d+ tests", output, re.M)
    vendor = stack.exec(
        "web", "python", "manage.py", "shell", "-v", "0", "--settings",
        "twitter.settings.test", "-c",
        "from django.db import connection; print(connection.vendor)",
    )  # fmt: skip
    assert vendor.strip() == "postgresql"


def write_until_served(path: Path, text: str, url: str, body: bytes) -> None:
    """Write TEXT into PATH until URL answers BODY (within a minute).

    runserver's reloader compares each file's time with the one it recorded
    at its previous tick (every second); a change made before a restarted
    server has recorded the file goes unseen. Written again, it is seen.
    """

    def served() -> bool:
        path.write_text(text)
        try:
            wait_for(f"{url} to answer {body!r}", lambda: body_now(url) == body, 10)
        except TimeoutError:
            return False
        return True

    wait_for(f"{url} to answer {body!r} after writing {path.name}", served, 60, 0)


def test_an_edit_is_live_without_a_rebuild(stack: Stack, base_url: str) -> None:
    views = stack.root / "twitter" / "views.py"
    original = views.read_text()
    edited = original.replace('HttpResponse("ok"', 'HttpResponse("edited"')
    healthz = f"{base_url}/healthz"
    image = _image_id(stack)
    try:
        # The first write is seen: the server has run for a while.
        views.write_text(edited)
        wait_for(
            "runserver to reload the edited view",
            lambda: body_now(healthz) == b"edited",
        )
    finally:
        write_until_served(views, original, healthz, b"ok")
    # watchfiles restarted the worker too, and it is healthy again.
    assert re.search(r"\d+ changes? detected", stack.logs("worker"))
    wait_for("a healthy worker", lambda: stack.health()["worker"] == "healthy", 90)
    assert _image_id(stack) == image


def _image_id(stack: Stack) -> str:
    return stack.compose("images", "--quiet", "web").stdout.strip()


def inspect(container: str, template: str) -> Any:
    """What ``docker inspect`` says of CONTAINER, through a JSON TEMPLATE."""
    return json.loads(docker("inspect", "--format", template, container).stdout)
