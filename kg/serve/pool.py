"""A pool of query workers (``kg.serve.worker``) with a time limit that really stops a query.

pyoxigraph cannot interrupt a running query, and the Oxigraph server's own ``--timeout-s`` was
measured answering HTTP 200 with a cut-off body about 9 s after a 2 s limit. So each query runs in
a worker process; when its time is up the pool ends that process (SIGKILL), answers with a clear
status, and starts a replacement, while the other workers keep answering. A bounded number of
requests may wait for a worker; beyond that the pool says it is busy instead of queueing forever.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg.problems import Problem
from kg.serve.worker import serve_forever

__all__ = ["QueryPool"]

_START_SECONDS = 120   # a worker opens the store; a very large one may take a while


class _Worker:
    def __init__(self, context, store: Path):
        self._parent, child = context.Pipe()
        self.process = context.Process(target=serve_forever, args=(str(store), child), daemon=True,
                                       name="kg-query-worker")
        self.process.start()
        child.close()
        if not self._parent.poll(_START_SECONDS):
            self.end()
            raise RuntimeError("a query worker did not start")
        try:
            self._parent.recv()
        except EOFError:
            self.end()
            raise RuntimeError(f"a query worker ended at start (exit code {self.process.exitcode})") from None

    def exchange(self, request: dict):
        self._parent.send(request)
        return self._parent.recv()

    def end(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._parent.close()


class QueryPool:
    """``size`` workers over the store at ``store``; ``ask`` answers one request."""

    def __init__(self, store: Path, *, size: int, timeout: float, max_waiting: int):
        self.store, self.size, self.timeout, self.max_waiting = Path(store), size, timeout, max_waiting
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=size + 2, thread_name_prefix="kg-pool")
        self._idle: asyncio.Queue | None = None
        self._workers: set[_Worker] = set()
        self._waiting = 0
        self._tasks: set = set()
        self.stopped = 0   # queries ended by the time limit, for the log and the tests

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(self._threads, _Worker, self._context, self.store)
                                         for _ in range(self.size)))
        for worker in workers:
            self._workers.add(worker)
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        for worker in list(self._workers):
            worker.end()
        self._workers.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _background(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        self._workers.discard(worker)
        await loop.run_in_executor(self._threads, worker.end)
        fresh = await loop.run_in_executor(self._threads, _Worker, self._context, self.store)
        self._workers.add(fresh)
        self._idle.put_nowait(fresh)

    async def ask(self, request: dict):
        """``(status, media type, body)``, or ``(status, "problem", Problem)``."""
        if self._waiting >= self.max_waiting:
            return 503, "problem", Problem.of("serve-busy", waiting=self._waiting)
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        # supervised apart from this request: a client that goes away does not lift the time limit
        return await asyncio.shield(asyncio.ensure_future(self._supervise(worker, request)))

    async def _supervise(self, worker: _Worker, request: dict):
        loop = asyncio.get_running_loop()
        exchange = loop.run_in_executor(self._threads, worker.exchange, request)
        try:
            reply = await asyncio.wait_for(exchange, self.timeout)
        except asyncio.TimeoutError:
            self.stopped += 1
            self._background(self._replace(worker))
            return 503, "problem", Problem.of("serve-timeout", seconds=f"{self.timeout:g}")
        except (EOFError, OSError) as exc:   # the worker died (out of memory?)
            self._background(self._replace(worker))
            return 500, "problem", Problem.of("serve-internal", detail=f"the query worker ended ({type(exc).__name__})")
        self._idle.put_nowait(worker)
        return reply
