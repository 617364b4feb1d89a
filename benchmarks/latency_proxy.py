"""A TCP proxy that adds latency, for measuring the app against a server far away: it
listens on localhost and passes each chunk on to a PostgreSQL socket after half the
round-trip delay, each way. Run in a thread of its own (`LatencyProxy.start`).
`round_trips` counts the times the client sent something after an answer came back
(or first): statements sent together, in a pipeline, are one round trip, as they cost
one wait; statements sent one after another's answer are one each."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable


class LatencyProxy:
    def __init__(self, unix_socket: str, round_trip_ms: float) -> None:
        self.unix_socket = unix_socket
        self.delay = round_trip_ms / 2000
        self.port = 0
        self.round_trips = 0
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
        answered = [True]  # on this connection, since the client last sent something

        def sent() -> None:
            if answered[0]:
                self.round_trips += 1
                answered[0] = False

        def came_back() -> None:
            answered[0] = True

        await asyncio.gather(
            self._pipe(reader, up_writer, sent), self._pipe(up_reader, writer, came_back)
        )

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        target: asyncio.StreamWriter,
        seen: Callable[[], None],
    ) -> None:
        """Each chunk arrives half the round trip after it was sent, as on a network:
        chunks sent close together (a pipeline's statements) arrive close together,
        not one delay after another."""
        loop = asyncio.get_running_loop()
        in_flight: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, chunk = await in_flight.get()
                await asyncio.sleep(max(0.0, due - loop.time()))
                if chunk is None:
                    return
                target.write(chunk)
                await target.drain()

        delivering = asyncio.ensure_future(deliver())
        try:
            while chunk := await source.read(65536):
                seen()
                in_flight.put_nowait((loop.time() + self.delay, chunk))
            in_flight.put_nowait((loop.time() + self.delay, None))
            await delivering
        except (ConnectionError, OSError):
            pass
        finally:
            delivering.cancel()
            target.close()
