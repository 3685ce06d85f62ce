"""A package index on 127.0.0.1 for tests that run ``uv lock`` offline.

``make_wheel`` writes minimal pure-Python wheels; ``serve_index`` serves the
wheels of a folder as a PEP 503 (HTML) and PEP 691 (JSON) "simple" index.
The JSON pages carry PEP 700's ``upload-time`` per file, which is what uv's
``exclude-newer`` compares against: a file uploaded after the cut-off is
invisible to the resolver. Every wheel needs an upload time, so that a test
cannot pass by uv ignoring a file it knows nothing about.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import html
import json
import re
import threading
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

JSON_TYPE = "application/vnd.pypi.simple.v1+json"
HTML_TYPE = "application/vnd.pypi.simple.v1+html"
# A fixed date inside the zip: the same call writes the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def project_name(name: str) -> str:
    """PEP 503's normalised name (``My_Pkg`` -> ``my-pkg``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_stem(name: str) -> str:
    # Wheel file and .dist-info names use underscores (PEP 427, PEP 491).
    return project_name(name).replace("-", "_")


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return "sha256=" + digest.rstrip(b"=").decode()


def metadata_text(name: str, version: str, requires: Sequence[str] = ()) -> str:
    """The wheel's ``METADATA`` (core metadata 2.1)."""
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Dist: {requirement}" for requirement in requires]
    return "\n".join(lines) + "\n"


def make_wheel(
    directory: Path, name: str, version: str, requires: Sequence[str] = ()
) -> Path:
    """Write ``{name}-{version}-py3-none-any.whl`` into ``directory``.

    One module (``{name}/__init__.py`` holding ``__version__``), METADATA,
    WHEEL and RECORD; ``requires`` become ``Requires-Dist`` lines.
    """
    stem = _wheel_stem(name)
    dist_info = f"{stem}-{version}.dist-info"
    members = {
        f"{stem}/__init__.py": f'__version__ = "{version}"\n',
        f"{dist_info}/METADATA": metadata_text(name, version, requires),
        f"{dist_info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: local_index\n"
            "Root-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    record = [
        f"{path},{_record_hash(text.encode())},{len(text.encode())}"
        for path, text in members.items()
    ]
    members[f"{dist_info}/RECORD"] = "\n".join([*record, f"{dist_info}/RECORD,,"])
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"{stem}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, text in members.items():
            archive.writestr(zipfile.ZipInfo(path, ZIP_DATE), text)
    return wheel


def _wheel_metadata(wheel: Path) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _iso(moment: datetime) -> str:
    # PEP 700's format: UTC, microseconds, a "Z".
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclasses.dataclass(frozen=True)
class _File:
    """One wheel as a simple-index page lists it."""

    wheel: Path
    url: str
    upload_time: datetime

    def as_json(self) -> dict[str, object]:
        data = self.wheel.read_bytes()
        return {
            "filename": self.wheel.name,
            "url": self.url,
            "hashes": {"sha256": _sha256(data)},
            "size": len(data),
            "upload-time": _iso(self.upload_time),
            # PEP 658/714: uv reads METADATA without downloading the wheel.
            "core-metadata": {"sha256": _sha256(_wheel_metadata(self.wheel))},
        }

    def as_html(self) -> str:
        digest = _sha256(self.wheel.read_bytes())
        url = html.escape(f"{self.url}#sha256={digest}")
        return f'<a href="{url}">{html.escape(self.wheel.name)}</a><br>'


class _Index:
    """What the server answers, read from the folder at each request."""

    def __init__(self, directory: Path, upload_times: Mapping[str, datetime]) -> None:
        self.directory = directory
        self.upload_times = dict(upload_times)
        for name, moment in self.upload_times.items():
            if moment.tzinfo is None:
                raise ValueError(f"{name}: upload time {moment} has no time zone")

    def projects(self) -> dict[str, list[Path]]:
        """Wheels per project name; every one must have an upload time."""
        found: dict[str, list[Path]] = {}
        for wheel in sorted(self.directory.glob("*.whl")):
            if wheel.name not in self.upload_times:
                raise KeyError(f"{wheel.name} has no upload time")
            found.setdefault(project_name(wheel.name.split("-")[0]), []).append(wheel)
        return found

    def files(self, name: str, files_url: str) -> list[_File] | None:
        wheels = self.projects().get(name)
        if wheels is None:
            return None
        return [
            _File(wheel, f"{files_url}{wheel.name}", self.upload_times[wheel.name])
            for wheel in wheels
        ]


def _root_page(names: Sequence[str], as_json: bool) -> bytes:
    if as_json:
        projects = [{"name": name} for name in names]
        return json.dumps(
            {"meta": {"api-version": "1.1"}, "projects": projects}
        ).encode()
    links = "".join(f'<a href="{name}/">{name}</a><br>\n' for name in names)
    return f"<!DOCTYPE html>\n<html><body>\n{links}</body></html>\n".encode()


def _project_page(name: str, files: Sequence[_File], as_json: bool) -> bytes:
    if as_json:
        page = {
            "meta": {"api-version": "1.1"},
            "name": name,
            "versions": sorted({file.wheel.name.split("-")[1] for file in files}),
            "files": [file.as_json() for file in files],
        }
        return json.dumps(page).encode()
    links = "\n".join(file.as_html() for file in files)
    return f"<!DOCTYPE html>\n<html><body>\n{links}\n</body></html>\n".encode()


def _handler(index: _Index) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: pytest shows failures, not every request."""

        def do_GET(self) -> None:
            host = f"http://{self.headers.get('Host', '127.0.0.1')}"
            path = self.path.split("?")[0]
            if path.startswith("/files/"):
                self._file(path.removeprefix("/files/"))
            elif path == "/simple/":
                self._simple(_root_page(list(index.projects()), self._json()))
            elif match := re.fullmatch(r"/simple/([^/]+)/?", path):
                name = project_name(match.group(1))
                files = index.files(name, f"{host}/files/")
                if path != f"/simple/{name}/":
                    self._redirect(f"/simple/{name}/")
                elif files is None:
                    self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no such project\n")
                else:
                    self._simple(_project_page(name, files, self._json()))
            else:
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n")

        def _json(self) -> bool:
            # PEP 691 content negotiation, simplified: JSON whenever it is
            # acceptable at all (uv always asks for it first).
            return JSON_TYPE in self.headers.get("Accept", "")

        def _simple(self, body: bytes) -> None:
            kind = JSON_TYPE if self._json() else HTML_TYPE
            self._send(HTTPStatus.OK, kind, body)

        def _file(self, filename: str) -> None:
            wheel_name = filename.removesuffix(".metadata")
            wheel = index.directory / wheel_name
            if "/" in filename or not wheel.is_file():
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no such file\n")
            elif filename.endswith(".metadata"):
                self._send(HTTPStatus.OK, "text/plain", _wheel_metadata(wheel))
            else:
                body = wheel.read_bytes()
                self._send(HTTPStatus.OK, "application/octet-stream", body)

        def _redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            # The folder may change between two locks of one test.
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextlib.contextmanager
def serve_index(directory: Path, upload_times: Mapping[str, datetime]) -> Iterator[str]:
    """Serve the wheels in ``directory``; yield the index URL (``.../simple/``).

    ``upload_times`` maps each wheel's file name to its (time-zone aware)
    upload moment. Port 0 lets the kernel pick a free port.
    """
    index = _Index(directory, upload_times)
    index.projects()  # a wheel without an upload time fails here, not in uv
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(index))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/simple/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
