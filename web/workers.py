"""`kamervragen serve --workers N`: N shared-nothing uvicorn worker processes on one socket.

Each worker builds its own app from the environment (KAMERVRAGEN_DATA, KAMERVRAGEN_DB) and so
its own search engine: nothing is shared but the page cache of the index files. A search
process is bound to one core by the GIL; workers use the others."""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket the workers accept on, made with protocol TCP as asyncio makes its own.

    uvicorn's own socket for workers has protocol 0, and asyncio sets TCP_NODELAY only on
    connections of a socket whose protocol is TCP: with Nagle's algorithm left on, every
    keep-alive response waited for the client's delayed ACK (about 40 ms a request)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve_workers(workers: int, host: str, port: int, **options) -> None:
    """Run `workers` processes of the app factory until interrupted."""
    config = uvicorn.Config(
        "web.app:create_app", factory=True, workers=workers, host=host, port=port, **options
    )
    Multiprocess(config, sockets=[listening_socket(host, port)]).run()
