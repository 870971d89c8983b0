"""Scheduled runs for real: a Prefect server, a process work pool, our deployments, a worker.

Exactly what docs/OPERATIONS.md tells an operator to do, on loopback with a throw-away
``PREFECT_HOME`` (SQLite) and no network: start ``prefect server start``, create the pool,
``prefect deploy --all`` from the repository root, start a worker in another folder, run the
on-demand deployment on a copy of ``data/raw`` and wait for ``Completed``, then read the Parquet it
wrote and the summary artifact. Every process the test starts is stopped, also when it fails.

Run it alone: ``pytest -m server tests/test_server_integration.py -s`` (about a minute).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsquotes.load import load_articles, load_quotes

REPO = Path(__file__).resolve().parents[1]
POOL = "newsquotes"
STARTUP_SECONDS = 180  # a cold server migrates its SQLite database first; CI machines are slow
RUN_SECONDS = 300

pytestmark = [pytest.mark.server, pytest.mark.slow, pytest.mark.timeout(900)]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Prefect:
    """A Prefect server on loopback and the processes started against it."""

    home: Path
    env: dict[str, str]
    api_url: str
    processes: list[tuple[subprocess.Popen, Path]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def start(self, name: str, args: list[str], cwd: Path) -> tuple[subprocess.Popen, Path]:
        """Start a long-running ``prefect`` command in its own process group, logging to a file."""
        log = self.home / f"{name}.log"
        with open(log, "wb") as handle:
            process = subprocess.Popen(
                [sys.executable, "-m", "prefect", *args],
                cwd=cwd,
                env=self.env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.processes.append((process, log))
        return process, log

    def run(
        self, args: list[str], cwd: Path, *, timeout: float = 300, check: bool = True
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "prefect", "--no-prompt", *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"prefect {' '.join(args)} exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}\n{self.logs()}"
            )
        return result

    def logs(self, tail: int = 4000) -> str:
        return "\n".join(
            f"--- {log.name} ---\n{log.read_text(errors='replace')[-tail:]}"
            for _, log in self.processes
            if log.exists()
        )

    def stop(self) -> None:
        """Stop every process we started, newest first: SIGTERM its group, then SIGKILL."""
        for process, _ in reversed(self.processes):
            if process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGTERM)  # the group also holds the flow-run children
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _isolated_env(home: Path, api_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        {
            "PREFECT_HOME": str(home),
            "PREFECT_PROFILES_PATH": str(home / "profiles.toml"),
            "PREFECT_API_URL": api_url,
            "PREFECT_SERVER_API_HOST": "127.0.0.1",
            "PREFECT_SERVER_API_PORT": str(port),
            "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",  # not looked at here; saves building the UI's static files
            # the nightly schedule must never fire into the repository's data/ during a test
            "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_WORKER_HEARTBEAT_SECONDS": "5",
            "PREFECT_LOGGING_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            # the worker starts flow runs with the `prefect` of this environment
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    return env


def _wait_healthy(prefect: Prefect, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"prefect server exited {server.returncode}:\n{prefect.logs()}")
        try:
            with urllib.request.urlopen(f"{prefect.api_url}/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {STARTUP_SECONDS}s:\n{prefect.logs()}")


@pytest.fixture(scope="module")
def prefect(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prefect]:
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    service = Prefect(home=home, env=_isolated_env(home, api_url, port), api_url=api_url)
    clock = time.monotonic()
    try:
        server, _ = service.start(
            "server", ["server", "start", "--host", "127.0.0.1", "--port", str(port)], cwd=home
        )
        _wait_healthy(service, server)
        service.timings["server start"] = time.monotonic() - clock
        yield service
    finally:
        service.stop()
        left = [p.pid for p, _ in service.processes if p.poll() is None]
        assert not left, f"processes still running after stop: {left}"


@pytest.fixture(scope="module")
def deployed(prefect: Prefect, tmp_path_factory: pytest.TempPathFactory) -> Prefect:
    """Pool created, both deployments applied from the repository root, a worker polling."""
    clock = time.monotonic()
    prefect.run(["work-pool", "create", POOL, "--type", "process"], cwd=prefect.home)
    deploy = prefect.run(["deploy", "--all"], cwd=REPO)
    assert "ingest-news/nightly" in deploy.stdout and "ingest-news/on-demand" in deploy.stdout
    # the worker runs elsewhere, as on a real host: the pull step must find the repository
    worker_dir = tmp_path_factory.mktemp("worker")
    prefect.start(
        "worker",
        ["worker", "start", "--pool", POOL, "--type", "process", "--name", "test-worker"],
        cwd=worker_dir,
    )
    prefect.timings["pool + deploy + worker"] = time.monotonic() - clock
    return prefect


def _run_on_demand(prefect: Prefect, **params: object) -> subprocess.CompletedProcess:
    args = [
        "deployment",
        "run",
        "ingest-news/on-demand",
        "--watch",
        "--watch-interval",
        "1",
        "--watch-timeout",
        str(RUN_SECONDS),
    ]
    for name, value in params.items():
        args += ["--param", f"{name}={json.dumps(value)}"]
    return prefect.run(args, cwd=prefect.home, timeout=RUN_SECONDS + 60, check=False)


def test_deployments_declare_schedule_pool_and_working_directory(deployed: Prefect) -> None:
    nightly = deployed.run(
        ["deployment", "inspect", "ingest-news/nightly", "--output", "json"], cwd=deployed.home
    )
    spec = json.loads(nightly.stdout)
    assert spec["work_pool_name"] == POOL
    assert spec["enforce_parameter_schema"] is True
    [schedule] = spec["schedules"]
    assert schedule["schedule"]["cron"] == "30 2 * * *"
    assert schedule["schedule"]["timezone"] == "UTC"
    [workdir, check] = spec["pull_steps"]
    directory = workdir["prefect.deployments.steps.set_working_directory"]["directory"]
    assert Path(directory).resolve() == REPO  # captured by the build step at deploy time
    assert "newsquotes.preflight.check_flow_run_parameters" in check
    on_demand = json.loads(
        deployed.run(
            ["deployment", "inspect", "ingest-news/on-demand", "--output", "json"],
            cwd=deployed.home,
        ).stdout
    )
    assert on_demand["schedules"] == []
    assert on_demand["parameters"] == {"raw_dir": "data/raw", "out_dir": "data/processed"}


def test_on_demand_run_completes_and_writes_parquet(deployed: Prefect, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    out = tmp_path / "out"
    clock = time.monotonic()
    result = _run_on_demand(deployed, raw_dir=str(raw), out_dir=str(out))
    deployed.timings["on-demand run"] = time.monotonic() - clock
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\n{deployed.logs()}"
    assert "Completed" in result.stdout

    articles = pq.read_table(out / "articles")
    assert articles.num_rows >= 3
    assert set(articles["source_path"].to_pylist()) >= {"tass-seed-985124.txt"}
    quotes = load_quotes(out, speaker="Sergey Lavrov")
    assert len(quotes) == 10  # the seed's ten attributions
    assert len(load_articles(out, agency="TASS")) >= 1
    [run] = [
        json.loads(line) for line in (out / "_manifest" / "runs.jsonl").read_text().splitlines()
    ]
    assert run["raw_root"] == str(raw)

    artifact = deployed.run(["artifact", "inspect", "ingest-news-summary"], cwd=deployed.home)
    assert "Counts per stage" in artifact.stdout
    assert "Sergey Lavrov" in artifact.stdout
    print("\n" + ", ".join(f"{k}: {v:.1f}s" for k, v in deployed.timings.items()))


def test_bad_parameters_are_rejected_before_the_flow_starts(
    deployed: Prefect, tmp_path: Path
) -> None:
    # a type the flow signature does not accept: the server refuses to create the run
    refused = _run_on_demand(deployed, workers="many")
    assert refused.returncode != 0
    assert "workers" in refused.stdout + refused.stderr

    # an output root inside the raw root: the pull step fails the run on the worker's host
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    inside = raw / "processed"
    failed = _run_on_demand(deployed, raw_dir=str(raw), out_dir=str(inside))
    assert failed.returncode != 0
    print(f"\nrun with out_dir inside raw_dir: {failed.stdout.strip().splitlines()[-1]}")
    assert "Completed" not in failed.stdout
    assert not inside.exists()
    worker_log = next(log for _, log in deployed.processes if log.name == "worker.log")
    assert "is inside raw_dir" in worker_log.read_text(errors="replace")
