"""A temporary Prefect API for one command-line run, started before the heavy imports.

When ``PREFECT_API_URL`` is not set, Prefect starts a temporary server itself, but only when the
flow is called: after this process has imported Prefect, pandas and pyarrow, and after it has also
imported Prefect's whole server application (to find the class that launches the server); then
it waits while the server process imports that application again. On a two-core machine that is
20-30 s before the first line of work. Starting the same server (the ASGI app and settings Prefect
uses for its temporary server, see ``prefect.server.api.server.SubprocessASGIServer``) as the
command starts lets the two imports run side by side, and a client that is given the server's URL
never imports the server application at all.

Nothing changes for users who run against their own server (``PREFECT_API_URL`` set): this module
then does nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from newsquotes.errors import NewsquotesError

log = logging.getLogger(__name__)

DEFAULT_STARTUP_TIMEOUT = 120.0


@dataclass
class LocalApi:
    url: str
    process: subprocess.Popen[bytes]

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the server answers its health check (or fail saying why)."""
        if timeout is None:
            timeout = float(
                os.environ.get(
                    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", DEFAULT_STARTUP_TIMEOUT
                )
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NewsquotesError(
                    f"the temporary Prefect server exited with code {self.process.returncode}: "
                    "run `prefect server start` and set PREFECT_API_URL to use a server of your own"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise NewsquotesError(
            f"the temporary Prefect server did not answer within {timeout:.0f} s; set "
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS higher, or run `prefect server "
            "start` and set PREFECT_API_URL"
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_api(*, remote_workers: bool = False) -> Iterator[LocalApi | None]:
    """Start a temporary Prefect server now and point ``PREFECT_API_URL`` at it until exit.

    Yields None (and does nothing) when ``PREFECT_API_URL`` is already set, when Prefect is already
    imported (its settings are read at import: they could no longer follow the variable), or for
    ``remote_workers`` (Dask workers on other machines cannot reach this machine's loopback
    address; Prefect's own fallback applies, see docs/SCALING.md). Call ``wait_ready()`` on the
    result after the slow imports, before the flow runs. One run per process: Prefect keeps the
    URL after the server is gone.
    """
    if remote_workers or os.environ.get("PREFECT_API_URL") or "prefect" in sys.modules:
        yield None
        return
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",  # as Prefect's own temporary server: no UI, no services
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    url = f"http://127.0.0.1:{port}/api"
    log.info("starting a temporary Prefect server on %s", url)
    process = subprocess.Popen(command, env=env)
    os.environ["PREFECT_API_URL"] = url
    try:
        yield LocalApi(url, process)
    finally:
        _drain_prefect_workers()
        os.environ.pop("PREFECT_API_URL", None)
        log.info("stopping the temporary Prefect server on %s", url)
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _drain_prefect_workers() -> None:
    """Send the logs and events Prefect still queues to the server before it goes away."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=5)
