"""``kg serve``: the site, a SPARQL endpoint and the entities as Linked Data, from one port."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.cli.base import lang_option, main, open_project, project_option, reported
from kg.errors import UnreadableInput
from kg.problems import Problem

TEXT = {
    "serving": {"de": "kg serve: http://{host}:{port}/ – SPARQL unter /sparql, Abfrageseite unter /query, "
                      "{workers} Abfrage-Prozesse, Zeitlimit {timeout:g} s. Beenden mit Strg+C.",
                "en": "kg serve: http://{host}:{port}/ – SPARQL at /sparql, query page at /query, {workers} query "
                      "processes, time limit {timeout:g} s. Stop with Ctrl+C."},
    "switch": {"de": "English", "en": "Deutsch"},
}


def _stopped(_signal, _frame):
    raise SystemExit(0)


def _port_free(host: str, port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only; put a reverse proxy in front for others).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30, show_default=True,
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Query processes (default: the number of CPUs, at least 2).")
@click.option("--max-result-mb", type=click.FloatRange(min=0.001), default=50, show_default=True,
              help="The largest answer sent, in MB (HTTP 507 beyond).")
@click.option("--cors", is_flag=True, help="Allow web pages from other sites to query (CORS); off by default.")
@project_option
@lang_option
@reported
def serve(host, port, timeout, workers, max_result_mb, cors, project_dir, lang):
    """Serve dist/ (the site), a read-only SPARQL 1.1 endpoint at /sparql, every entity IRI as Linked
    Data (HTML, Turtle, JSON-LD) and a query page at /query. Serves the graph as it was built when
    the server started: restart it after kg build."""
    import signal

    import uvicorn

    from kg.query.catalog import load_catalog
    from kg.serve.app import Limits, create_app
    from kg.serve.pool import QueryPool
    from kg.stores import pinned_copy, release
    from kg.views.query_page import query_page

    project = open_project(project_dir, "queries")
    site = Path(project.root) / "dist"
    nquads = site / "swf-kg.nq"
    if not nquads.is_file() or not (site / "index.html").is_file():
        raise UnreadableInput([Problem.of("serve-no-site", path=nquads.as_posix())])
    if not _port_free(host, port):
        raise UnreadableInput([Problem.of("serve-port-busy", host=host, port=port)])
    catalog = load_catalog(Path(project.root) / "queries")
    workers = workers or max(2, os.cpu_count() or 2)
    pages = {code: query_page(catalog, code, {"href": f"/query?lang={other}", "lang": other,
                                              "text": TEXT["switch"][code]})
             for code, other in (("de", "en"), ("en", "de"))}
    store = pinned_copy(nquads)
    try:
        pool = QueryPool(store, size=workers, timeout=timeout, max_waiting=workers * 16)
        app = create_app(site, pool, catalog, pages, cors=cors,
                         limits=Limits(result_bytes=int(max_result_mb * 1_000_000)))
        click.echo(TEXT["serving"][lang].format(host=host, port=port, workers=workers, timeout=timeout), err=True)
        # uvicorn stops gracefully on SIGINT/SIGTERM and then raises the signal again with the handler
        # found at start: make that a normal exit, so that the copy of the store is removed below
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop_signal, _stopped)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                    h11_max_incomplete_event_size=256 * 1024)   # request lines: an edited query in a link
    finally:
        release(store)
