"""Ending a connection without an answer: what a crashed or hung DOM looks like to the commerce side.

Under gunicorn the WSGI environ carries the client socket as `gunicorn.socket`; shutting it down in both
directions makes the client see the connection closed with no response at all (httpx:
`RemoteProtocolError: Server disconnected without sending a response`). gunicorn's later attempt to write
the response fails with EPIPE/ENOTCONN, which it ignores quietly, and it closes the socket. Servers that do
not expose the socket (Flask's test client) get a 502 marked with `X-Mock-Dom-Fault: drop` instead, so a unit
test can still see that the fault fired.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from flask import Response

SOCKET_KEY = "gunicorn.socket"


def drop_connection(environ: dict[str, Any]) -> Response:
    """Cut the connection if the server lets us; the returned response is only sent when it does not."""
    client = environ.get(SOCKET_KEY)
    if client is not None:
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_RDWR)
    response = Response(b"", status=502, content_type="text/plain")
    response.headers["X-Mock-Dom-Fault"] = "drop"
    return response


def can_drop(environ: dict[str, Any]) -> bool:
    return environ.get(SOCKET_KEY) is not None
