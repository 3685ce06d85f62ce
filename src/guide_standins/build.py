"""Provide images for upstream tags: the real one if there is one, else a stand-in.

Order of preference for each tag: an image of that name already present locally
(a real one, or a stand-in built from the current files), then ``docker pull``
(succeeds wherever a registry is reachable), then building the stand-in.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from guide_standins.base import ensure_base
from guide_standins.docker import StandinError, docker, image_labels, try_pull
from guide_standins.table import STANDINS, UV_VERSION, Spec
from guide_standins.uvwheel import fetch_uv

Progress = Callable[[str], None]
Origin = Literal["built", "cached", "real"]

STANDIN_LABEL = "guide.standin"
VERSION_LABEL = "guide.standin.version"
DIGEST_LABEL = "guide.standin.digest"
NOTE_LABEL = "guide.standin.note"
DESCRIPTION_LABEL = "org.opencontainers.image.description"
# Part of every digest: bump it when this module changes what it builds or labels.
BUILDER_REVISION = "3"
# First build pass, before the version to put in the labels is known.
SCRATCH_TAG = "guide-standins/build:{}"


@dataclass(frozen=True)
class Standin:
    """What now answers to an upstream tag locally."""

    tag: str
    # built: stand-in built now; cached: stand-in already built from the
    # current files; real: the upstream image (present locally, or pulled).
    origin: Origin
    # Real version held (Debian package version, or the uv pin); None if real.
    version: str | None
    description: str

    @property
    def is_standin(self) -> bool:
        """Whether a stand-in (rather than the upstream image) answers to the tag."""
        return self.origin != "real"

    def line(self) -> str:
        """One line for a log or the CLI."""
        return f"{self.tag}: {self.origin}: {self.description}"


def upstream_version(debian_version: str) -> str:
    """'1:27.3-1+deb13u1' -> '27.3', '8.1.1+dfsg1-3' -> '8.1.1'."""
    version = debian_version.split(":", 1)[-1].rsplit("-", 1)[0]
    return re.split(r"[+~]", version, maxsplit=1)[0]


def matches(version: str, promised: str) -> bool:
    """Whether VERSION is what a tag promising PROMISED ('17', '8.1') holds."""
    return version == promised or version.startswith(promised + ".")


def on_testing(spec: Spec) -> bool:
    """Whether SPEC's packages come from Debian testing (forky), which moves."""
    parents = (STANDINS[parent] for _arg, parent in spec.parents)
    return spec.base == "forky" or any(on_testing(parent) for parent in parents)


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])


def version_drift(spec: Spec, version: str) -> str | None:
    """None when VERSION is what SPEC's tag promises; else words for its label.

    Debian testing (forky) moves under the tests and lags some upstream
    releases: another minor release of the promised major is kept, and its
    label says which way it differs, rather than failing every build. Another
    major, or any gap on a stable base, raises StandinError.
    """
    if matches(version, spec.promised):
        return None
    held, promised = _release(version), _release(spec.promised)
    if on_testing(spec) and held[:1] == promised[:1]:
        why = (
            "Debian forky has moved on; name the newer tag in the guide"
            if held > promised
            else f"Debian forky has no {spec.promised} yet"
        )
        return f"holds {version} where the tag names {spec.promised}: {why}"
    raise StandinError(
        f"{spec.tag} promises {spec.promised} but its stand-in holds "
        f"{spec.package} {version}: pick another tag"
    )


def image_dir(spec: Spec) -> Path:
    """The directory holding SPEC's Dockerfile and its files."""
    return Path(str(resources.files("guide_standins") / "images" / spec.directory))


def digest(spec: Spec) -> str:
    """Fingerprint of everything a stand-in is built from (files, spec, parents)."""
    sha = hashlib.sha256(f"{BUILDER_REVISION}\n{spec!r}".encode())
    if spec.uv:
        sha.update(UV_VERSION.encode())
    root = image_dir(spec)
    for path in sorted(root.rglob("*")):
        if path.is_file():
            sha.update(path.relative_to(root).as_posix().encode() + b"\0")
            sha.update(path.read_bytes())
    for _arg, parent in spec.parents:
        sha.update(digest(STANDINS[parent]).encode())
    return sha.hexdigest()[:16]


def _description(spec: Spec, version: str, drift: str | None) -> str:
    held = f"{spec.package or 'uv'} {version}"
    text = f"stand-in for {spec.tag} built from {spec.built_from} ({held})"
    for remark in (drift, spec.note):
        text += f"; {remark}" if remark else ""
    return text


def _docker_build(
    spec: Spec,
    context: Path,
    tag: str,
    build_args: dict[str, str],
    labels: dict[str, str],
) -> None:
    args = ["build", "--progress=plain", "--tag", tag]
    for name, value in build_args.items():
        args += ["--build-arg", f"{name}={value}"]
    for name, value in labels.items():
        args += ["--label", f"{name}={value}"]
    try:
        docker(*args, str(context), timeout=None)
    except StandinError as error:
        raise StandinError(
            f"building the stand-in for {spec.tag} failed: {error}"
        ) from error


def _probe_version(spec: Spec, image: str) -> str:
    if spec.package is None:
        return UV_VERSION
    run = ["run", "--rm", "--entrypoint", "dpkg-query", image]
    result = docker(*run, "--showformat=${Version}", "--show", spec.package)
    return result.stdout.strip()


def _build(spec: Spec, build_args: dict[str, str], progress: Progress) -> Standin:
    progress(f"{spec.tag}: building a stand-in from {spec.directory}/")
    scratch = SCRATCH_TAG.format(spec.directory)
    with tempfile.TemporaryDirectory() as tmp:
        context = Path(tmp, "context")
        shutil.copytree(image_dir(spec), context)
        # Exec bits may not survive packaging; COPY keeps what the context has.
        for script in context.glob("*.sh"):
            script.chmod(0o755)
        if spec.uv:
            fetch_uv(UV_VERSION, context)
        # Pass 1 finds out which package version apt chose; pass 2 (all layers
        # cached) writes it into the labels.
        _docker_build(spec, context, scratch, build_args, {STANDIN_LABEL: "true"})
        debian_version = _probe_version(spec, scratch)
        drift = version_drift(spec, upstream_version(debian_version))
        if drift:
            progress(f"warning: {spec.tag}: {drift}")
        description = _description(spec, debian_version, drift)
        labels = {
            STANDIN_LABEL: "true",
            DESCRIPTION_LABEL: description,
            VERSION_LABEL: debian_version,
            DIGEST_LABEL: digest(spec),
            # Always set: labels are inherited from the image built upon.
            NOTE_LABEL: spec.note,
        }
        _docker_build(spec, context, spec.tag, build_args, labels)
    docker("image", "rm", scratch, check=False)
    progress(f"built {description}")
    return Standin(spec.tag, "built", debian_version, description)


def _allow_pull() -> bool:
    # GUIDE_STANDINS_PULL=0 skips the registry round trip where none exists.
    return os.environ.get("GUIDE_STANDINS_PULL", "1") != "0"


def _ensure(tag: str, progress: Progress, done: dict[str, Standin]) -> Standin:
    if tag in done:
        return done[tag]
    spec = STANDINS.get(tag)
    if spec is None:
        known = ", ".join(STANDINS)
        raise StandinError(f"no stand-in is defined for {tag} (known: {known})")
    build_args = {
        arg: _ensure(parent, progress, done).tag for arg, parent in spec.parents
    }
    labels = image_labels(tag)
    result: Standin | None = None
    stale = ""
    if labels is not None and labels.get(STANDIN_LABEL) != "true":
        result = Standin(tag, "real", None, "upstream image, present locally")
    elif labels is not None and labels.get(DIGEST_LABEL) == digest(spec):
        result = Standin(
            tag, "cached", labels.get(VERSION_LABEL), labels.get(DESCRIPTION_LABEL, "")
        )
    elif labels is not None:
        progress(f"{tag}: stand-in out of date, rebuilding")
        stale = docker("image", "inspect", "--format", "{{.Id}}", tag).stdout.strip()
    elif _allow_pull() and try_pull(tag):
        result = Standin(tag, "real", None, "upstream image, pulled")
    if result is None:
        if spec.base is not None:
            build_args["BASE_IMAGE"] = ensure_base(spec.base, progress)
        result = _build(spec, build_args, progress)
        if stale:
            # The old stand-in would linger as a dangling image; a container
            # still using it keeps it (and the removal fails harmlessly).
            docker("image", "rm", stale, check=False)
    done[tag] = result
    return result


def ensure_images(tags: Iterable[str], progress: Progress = print) -> list[Standin]:
    """Make each upstream TAG available locally; return what answers to each.

    Builds only stand-ins that are missing or out of date (and the tags they
    build on). Raises StandinError when a tag has no stand-in or a build fails.
    """
    done: dict[str, Standin] = {}
    return [_ensure(tag, progress, done) for tag in tags]
