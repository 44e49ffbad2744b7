"""Real triple stores for the tests, started in a temporary folder and stopped afterwards: an
Oxigraph server (the ``oxigraph`` package from PyPI) and Virtuoso Open Source 7 (Debian's
``virtuoso-opensource``, installed by .ci/run). No mocks: what the tests push and ask goes to them."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

VIRTUOSO = shutil.which("virtuoso-t")
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"   # the default account of a fresh Virtuoso database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server ended with {process.returncode}: "
                               + (log.read_text(errors="replace")[-2000:] if log and log.exists() else ""))
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def oxigraph_server(folder: Path, *, read_only_store: Path | None = None):
    """A read-write Oxigraph server on an empty store in ``folder`` (or a read-only one over an
    existing store); yields its base URL (``/query``, ``/store``)."""
    port = free_port()
    log = folder / "oxigraph.log"
    command = ([OXIGRAPH, "serve-read-only", "--location", str(read_only_store)] if read_only_store
               else [OXIGRAPH, "serve", "--location", str(folder / "store")])
    with log.open("wb") as out:
        process = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/", process, log=log)
        yield base
    finally:
        stop(process)


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = {http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@contextmanager
def virtuoso(folder: Path):
    """Virtuoso Open Source 7 with a fresh database in ``folder``; yields its base URL
    (``/sparql``, ``/sparql-graph-crud-auth``)."""
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    log = folder / "virtuoso.log"
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "HOME": str(folder)})
    base = f"http://127.0.0.1:{http}"
    try:
        wait_until_up(base + "/sparql?query=ASK%7B%7D", process, seconds=120, log=log)
        yield base
    finally:
        stop(process)


def start_server(project: Path, *options: str):
    """``kg serve`` on a free port over a built project: (process, base URL, log file)."""
    port = free_port()
    log = project / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--project", str(project), "--port", str(port),
                                    *options], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/", process, seconds=120, log=log)
    return process, base, log
