"""Open and close an AMQP 0-9-1 connection using only the standard library.

Runs inside a container on the broker's network (the tests mount it into the
python stand-in): ``python amqp_probe.py HOST PORT USER PASSWORD VHOST``.
Prints ``open-ok`` and exits 0 when the broker accepted user, password and
vhost; prints what went wrong and exits 1 otherwise.
"""

from __future__ import annotations

import socket
import struct
import sys

FRAME_METHOD, FRAME_END = 1, 0xCE
START, START_OK, TUNE, TUNE_OK = (10, 10), (10, 11), (10, 30), (10, 31)
OPEN, OPEN_OK, CLOSE, CLOSE_OK = (10, 40), (10, 41), (10, 50), (10, 51)


def shortstr(text: str) -> bytes:
    """An AMQP short string: one length byte, then the bytes."""
    data = text.encode()
    return struct.pack("!B", len(data)) + data


def longstr(data: bytes) -> bytes:
    """An AMQP long string: four length bytes, then the bytes."""
    return struct.pack("!I", len(data)) + data


def send_method(sock: socket.socket, method: tuple[int, int], args: bytes) -> None:
    """Send one method frame on channel 0."""
    payload = struct.pack("!HH", *method) + args
    frame = struct.pack("!BHI", FRAME_METHOD, 0, len(payload)) + payload
    sock.sendall(frame + bytes([FRAME_END]))


def recv_exact(sock: socket.socket, size: int) -> bytes:
    """Read SIZE bytes or fail if the broker closes the connection first."""
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("broker closed the connection")
        data += chunk
    return data


def recv_method(sock: socket.socket) -> tuple[tuple[int, int], bytes]:
    """Read frames until a method frame; return (class, method) and arguments."""
    while True:
        kind, _channel, size = struct.unpack("!BHI", recv_exact(sock, 7))
        payload = recv_exact(sock, size)
        if recv_exact(sock, 1) != bytes([FRAME_END]):
            raise ConnectionError("bad frame end")
        if kind == FRAME_METHOD:
            class_id, method_id = struct.unpack("!HH", payload[:4])
            return (class_id, method_id), payload[4:]


def expect(sock: socket.socket, wanted: tuple[int, int]) -> bytes:
    """Read the next method; fail with the broker's reason unless it is WANTED."""
    method, args = recv_method(sock)
    if method == CLOSE:
        code = struct.unpack("!H", args[:2])[0]
        text = args[3 : 3 + args[2]].decode(errors="replace")
        raise ConnectionError(f"broker closed the connection: {code} {text}")
    if method != wanted:
        raise ConnectionError(f"expected method {wanted}, got {method}")
    return args


def probe(host: str, port: int, user: str, password: str, vhost: str) -> None:
    """Run the handshake up to Connection.Open-Ok, then close politely."""
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"AMQP\x00\x00\x09\x01")
        expect(sock, START)
        # Announce the capability so that a refused login says why.
        capabilities = shortstr("authentication_failure_close") + b"t\x01"
        properties = shortstr("capabilities") + b"F" + longstr(capabilities)
        response = b"\x00" + user.encode() + b"\x00" + password.encode()
        send_method(
            sock,
            START_OK,
            longstr(properties)
            + shortstr("PLAIN")
            + longstr(response)
            + shortstr("en_US"),
        )
        channel_max, frame_max, _heartbeat = struct.unpack("!HIH", expect(sock, TUNE))
        send_method(sock, TUNE_OK, struct.pack("!HIH", channel_max, frame_max, 0))
        send_method(sock, OPEN, shortstr(vhost) + shortstr("") + b"\x00")
        expect(sock, OPEN_OK)
        send_method(sock, CLOSE, struct.pack("!H", 200) + shortstr("bye") + b"\0" * 4)
        expect(sock, CLOSE_OK)


def main(argv: list[str]) -> int:
    """Command line: HOST PORT USER PASSWORD VHOST."""
    host, port, user, password, vhost = argv
    try:
        probe(host, int(port), user, password, vhost)
    except (OSError, ConnectionError) as error:
        print(f"failed: {error}")
        return 1
    print("open-ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
