"""Talking to a stack from the host: plain HTTP, and TLS handshakes."""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from pathlib import Path

from support.docker.example import SITE


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Status and body of a plain-HTTP GET; an error status is an answer too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def body_now(url: str) -> bytes:
    """The body at URL, or b"" while the server restarts."""
    try:
        return get(url)[1]
    except (urllib.error.URLError, ConnectionError):
        return b""


def tls_context(cafile: Path) -> ssl.SSLContext:
    """A client context that trusts the stack's self-signed certificate only."""
    return ssl.create_default_context(cafile=str(cafile))


def tls_handshake(port: int, context: ssl.SSLContext, server_name: str = SITE) -> str:
    """Complete a TLS handshake with 127.0.0.1:PORT; return the version used."""
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        return str(tls.version())
