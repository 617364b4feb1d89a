"""A TCP proxy that adds latency, for measuring the app against a server far away: it
listens on localhost and passes each chunk on to a PostgreSQL socket after half the
round-trip delay, each way. Run in a thread of its own (`LatencyProxy.start`).
`requests` counts the chunks sent to the server: with a client that waits for each
answer, as the app does, that is its round trips."""

from __future__ import annotations

import asyncio
import threading


class LatencyProxy:
    def __init__(self, unix_socket: str, round_trip_ms: float) -> None:
        self.unix_socket = unix_socket
        self.delay = round_trip_ms / 2000
        self.port = 0
        self.requests = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    def start(self) -> int:
        """Start serving; returns the port on 127.0.0.1."""
        self._thread = threading.Thread(target=self._run, name="latency proxy", daemon=True)
        self._thread.start()
        self._ready.wait()
        return self.port

    def stop(self) -> None:
        """Stop serving and close the loop (its connections are dropped)."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        for task in asyncio.all_tasks(self._loop):
            task.cancel()
        self._loop.run_until_complete(asyncio.sleep(0))
        self._loop.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_unix_connection(self.unix_socket)
        await asyncio.gather(
            self._pipe(reader, up_writer, counted=True), self._pipe(up_reader, writer)
        )

    async def _pipe(
        self, source: asyncio.StreamReader, target: asyncio.StreamWriter, counted: bool = False
    ) -> None:
        try:
            while chunk := await source.read(65536):
                self.requests += counted
                await asyncio.sleep(self.delay)
                target.write(chunk)
                await target.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            target.close()
