"""The base images: the rootfs cached by .ci/docker-setup, imported.

Two bases, each from its own root filesystem:

* ``trixie``: Debian trixie minbase (debootstrap); the python stand-in's base,
  as upstream's ``python:3.13-slim-trixie`` is trixie-based.
* ``forky``: the same upgraded to Debian forky (testing), whose apt sources
  point at forky; the base of the service stand-ins (postgres, valkey,
  rabbitmq, nginx), whose current upstream versions only forky carries.

Each rootfs is streamed with GNU tar, leaving out apt's caches and lists, docs
and the host's resolver config, and adding a few files (the host's CA bundle
among them) from a small overlay, so the cached rootfs itself is never
modified.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guide_standins.docker import StandinError, image_labels, tail

# Traffic goes through an intercepting proxy: containers must trust the host's CAs.
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
ROOTFS_CACHE = Path("/var/cache/guide-docker")


@dataclass(frozen=True)
class Base:
    """A Debian root filesystem cached by .ci/docker-setup, as a base image."""

    # The Debian suite: the key Spec.base names, and part of the tag.
    suite: str
    # Environment variable that overrides the rootfs's location.
    env: str
    # What the image is, for its description label.
    summary: str

    @property
    def tag(self) -> str:
        """The local tag the rootfs is imported under."""
        return f"guide-standins/debian:{self.suite}"

    @property
    def rootfs(self) -> Path:
        """Where the rootfs is (the env variable, else .ci/docker-setup's cache)."""
        default = ROOTFS_CACHE / f"{self.suite}-rootfs"
        return Path(os.environ.get(self.env, str(default)))


TRIXIE = Base(
    suite="trixie",
    env="GUIDE_TRIXIE_ROOTFS",
    summary="Debian trixie minbase from debootstrap",
)
FORKY = Base(
    suite="forky",
    env="GUIDE_FORKY_ROOTFS",
    summary="Debian forky (testing): a trixie minbase from debootstrap, upgraded",
)
BASES: dict[str, Base] = {base.suite: base for base in (TRIXIE, FORKY)}

EXCLUDES = (
    "./var/lib/apt/lists/*",
    "./var/cache/apt/*",
    "./var/cache/debconf/*-old",
    "./var/log/*",
    "./usr/share/doc/*",
    "./usr/share/man/*",
    "./usr/share/info/*",
    "./usr/share/locale/*",
    "./etc/resolv.conf",
    "./etc/ssl/certs/ca-certificates.crt",
    "./tmp/*",
)

# Like Debian's own container images: packages installed later leave out docs.
DPKG_SLIM = """\
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
"""
# Package scripts must not try to start services inside an image build.
POLICY_RC_D = "#!/bin/sh\nexit 101\n"


def _import_changes(base: Base) -> list[str]:
    return [
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "ENV LANG=C.UTF-8",
        'CMD ["bash"]',
        "LABEL guide.standin=true",
        f'LABEL org.opencontainers.image.description="{base.summary}:'
        " the base of the guide's stand-in images\"",
    ]


def _write_overlay(root: Path) -> list[str]:
    """Write the added files under ROOT; return their relative paths."""
    files = {
        "etc/ssl/certs/ca-certificates.crt": (HOST_CA_BUNDLE.read_bytes(), 0o644),
        "etc/dpkg/dpkg.cfg.d/guide-slim": (DPKG_SLIM.encode(), 0o644),
        "usr/sbin/policy-rc.d": (POLICY_RC_D.encode(), 0o755),
    }
    for relative, (content, mode) in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        path.chmod(mode)
    return list(files)


def ensure_base(suite: str, progress: Callable[[str], None]) -> str:
    """Import the base image of SUITE ('trixie', 'forky') unless present; its tag."""
    base = BASES.get(suite)
    if base is None:
        raise StandinError(f"no base image is defined for {suite!r}")
    if image_labels(base.tag) is not None:
        return base.tag
    rootfs = base.rootfs
    if not (rootfs / "etc/debian_version").is_file():
        raise StandinError(
            f"no {suite} rootfs at {rootfs} (set {base.env} or run"
            " `bash .ci/docker-setup`)"
        )
    if not HOST_CA_BUNDLE.is_file():
        raise StandinError(f"no CA bundle at {HOST_CA_BUNDLE}")
    progress(f"importing {rootfs} as {base.tag}")
    with tempfile.TemporaryDirectory() as overlay:
        added = _write_overlay(Path(overlay))
        tar_cmd = [
            "tar",
            "--numeric-owner",
            *(f"--exclude={pattern}" for pattern in EXCLUDES),
            "-C",
            str(rootfs),
            "-c",
            ".",
            # A second -C: the overlay's files go in after the rootfs's.
            "-C",
            overlay,
            *added,
        ]
        changes = [
            arg for change in _import_changes(base) for arg in ("--change", change)
        ]
        with subprocess.Popen(tar_cmd, stdout=subprocess.PIPE) as tar:
            result = subprocess.run(
                ["docker", "import", *changes, "-", base.tag],
                stdin=tar.stdout,
                capture_output=True,
                text=True,
                check=False,
            )
            if tar.stdout is not None:
                tar.stdout.close()
    # Popen's context manager has waited for tar by now.
    if tar.returncode != 0 or result.returncode != 0:
        raise StandinError(f"importing the rootfs failed:\n{tail(result.stderr)}")
    return base.tag
