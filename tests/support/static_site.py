"""A folder of built pages served over HTTP on 127.0.0.1, as a host would.

For the browser tests and ``benchmarks/page_weight.py``: the kernel picks a
free port (port 0), and the server is shut down and its socket closed on exit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # no line per request: test and benchmark output stay readable


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve FOLDER until the block ends; yield its URL (``http://.../``)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
