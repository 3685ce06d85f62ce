"""The trixie base image: the rootfs cached by .ci/docker-setup, imported.

The rootfs is streamed with GNU tar, leaving out apt's caches and lists, docs and
the host's resolver config, and adding a few files (the host's CA bundle among
them) from a small overlay, so the cached rootfs itself is never modified.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from guidekit.standins.docker import StandinError, image_labels, tail

ROOTFS = Path(
    os.environ.get("GUIDE_TRIXIE_ROOTFS", "/var/cache/guide-docker/trixie-rootfs")
)
BASE_TAG = "guide-standins/debian:trixie"
# Traffic goes through an intercepting proxy: containers must trust the host's CAs.
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")

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

IMPORT_CHANGES = (
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["bash"]',
    "LABEL guide.standin=true",
    'LABEL org.opencontainers.image.description="Debian trixie minbase from'
    " debootstrap: the base of the guide's stand-in images\"",
)


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


def ensure_base(progress: Callable[[str], None]) -> str:
    """Import the base image unless present; return its tag."""
    if image_labels(BASE_TAG) is not None:
        return BASE_TAG
    if not (ROOTFS / "etc/debian_version").is_file():
        raise StandinError(f"no trixie rootfs at {ROOTFS}: run `bash .ci/docker-setup`")
    if not HOST_CA_BUNDLE.is_file():
        raise StandinError(f"no CA bundle at {HOST_CA_BUNDLE}")
    progress(f"importing {ROOTFS} as {BASE_TAG}")
    with tempfile.TemporaryDirectory() as overlay:
        added = _write_overlay(Path(overlay))
        tar_cmd = [
            "tar",
            "--numeric-owner",
            *(f"--exclude={pattern}" for pattern in EXCLUDES),
            "-C",
            str(ROOTFS),
            "-c",
            ".",
            # A second -C: the overlay's files go in after the rootfs's.
            "-C",
            overlay,
            *added,
        ]
        changes = [arg for change in IMPORT_CHANGES for arg in ("--change", change)]
        with subprocess.Popen(tar_cmd, stdout=subprocess.PIPE) as tar:
            result = subprocess.run(
                ["docker", "import", *changes, "-", BASE_TAG],
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
    return BASE_TAG
