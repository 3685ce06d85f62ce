"""Which upstream images a Dockerfile, or a whole Compose model, names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# FROM [--platform=...] IMAGE [AS STAGE], on a line of its own.
FROM_LINE = re.compile(
    r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", re.I | re.M
)
# RUN --mount=...,from=IMAGE,... and COPY --from=IMAGE: a stage or an image.
FROM_OPTION = re.compile(r"(?:--mount=\S*?\bfrom=|--from=)([^,\s]+)")


def dockerfile_bases(dockerfile: Path) -> list[str]:
    """The images a Dockerfile builds on, leaving out its own stages.

    Those of its FROM lines, then those its steps mount or copy from.
    """
    text = dockerfile.read_text()
    stages = {match.group(2) for match in FROM_LINE.finditer(text) if match.group(2)}
    found = [match.group(1) for match in FROM_LINE.finditer(text)]
    found += [match.group(1) for match in FROM_OPTION.finditer(text)]
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
