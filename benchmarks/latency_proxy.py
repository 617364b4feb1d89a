"""A TCP proxy that adds latency, for measuring the app against a server far away: it
listens on localhost and passes each chunk on to a PostgreSQL socket after half the
round-trip delay, each way. Run in a thread of its own (`LatencyProxy.start`)."""

from __future__ import annotations

import asyncio
import threading


class LatencyProxy:
    def __init__(self, unix_socket: str, round_trip_ms: float) -> None:
        self.unix_socket = unix_socket
        self.delay = round_trip_ms / 2000
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    def start(self) -> int:
        """Start serving; returns the port on 127.0.0.1."""
        threading.Thread(target=self._run, name="latency proxy", daemon=True).start()
        self._ready.wait()
        return self.port

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_unix_connection(self.unix_socket)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
        try:
            while chunk := await source.read(65536):
                await asyncio.sleep(self.delay)
                target.write(chunk)
                await target.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            target.close()
