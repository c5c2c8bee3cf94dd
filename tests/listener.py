"""A local TCP listener that counts connections: proof that nothing reached out."""

from __future__ import annotations

import socket
import threading
import time

__all__ = ["Listener"]


class Listener:
    """A socket on 127.0.0.1 (loopback only) that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> int:
        """Stop listening; the number of connections that arrived."""
        time.sleep(0.3)
        self._stop.set()
        self._thread.join()
        self.sock.close()
        return self.connections
