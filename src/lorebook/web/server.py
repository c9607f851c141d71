"""uvicorn's HTTP protocol for `lorebook serve --workers N`, with TCP_NODELAY set per connection.

With workers, uvicorn binds the port itself with `socket.socket(AF_INET)`, whose
proto is 0, and passes it to the worker processes. asyncio only switches Nagle's
algorithm off for sockets whose proto is IPPROTO_TCP, so every connection a
worker accepted kept it on, and a response's body waited for the client's
delayed ACK of its head: ~40 ms a request on Linux (one process is not affected:
there asyncio creates the socket). This is uvicorn issue #3149; drop this class
once the uvicorn in use binds with IPPROTO_TCP. Named by import string so each
spawned worker imports it.
"""

from __future__ import annotations

import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    def connection_made(self, transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)


HTTP_PROTOCOL = f"{__name__}:NoDelayHTTPProtocol"
