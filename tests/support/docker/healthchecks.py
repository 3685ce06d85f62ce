"""What the containers' healthchecks did, and running one on demand."""

from __future__ import annotations

import datetime
import json
import re

from guide_standins.docker import docker
from support.docker.compose import Stack
from support.waiting import wait_for


def docker_time(timestamp: str) -> datetime.datetime:
    """An RFC 3339 time of Docker's (nanoseconds, any offset) as a datetime."""
    trimmed = re.sub(r"(\.\d{6})\d+", r"\1", timestamp).replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(trimmed)


def checks_passed_since(stack: Stack, service: str, since: datetime.datetime) -> int:
    """How many of SERVICE's healthchecks started after SINCE and passed.

    Docker keeps the last five results of each container.
    """
    inspect = ("inspect", "--format", "{{json .State.Health.Log}}")
    inspected = docker(*inspect, stack.container(service)).stdout
    return sum(
        1
        for check in json.loads(inspected)
        if docker_time(check["Start"]) > since and check["ExitCode"] == 0
    )


def broker_log_during_worker_checks(stack: Stack, checks: int = 2) -> str:
    """RabbitMQ's log while the worker's healthcheck passed CHECKS times.

    Each check is a Celery ping, which connects to RabbitMQ.
    """
    since = datetime.datetime.now(datetime.UTC)
    wait_for(
        f"{checks} passing worker checks",
        lambda: checks_passed_since(stack, "worker", since) >= checks,
    )
    return stack.logs("rabbitmq", since.isoformat())


def check_now(stack: Stack, service: str) -> bool:
    """Whether SERVICE's own healthcheck passes, run now in its container.

    The command the engine runs (as the engine stored it, ``$$`` resolved);
    the engine runs it every 30 s once healthy, this does not wait for that.
    """
    container = stack.container(service)
    template = "{{json .Config.Healthcheck.Test}}"
    test = json.loads(docker("inspect", "--format", template, container).stdout)
    kind, *command = test
    argv = ["/bin/sh", "-c", command[0]] if kind == "CMD-SHELL" else command
    return docker("exec", container, *argv, check=False, timeout=60).returncode == 0
