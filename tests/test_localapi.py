"""The temporary Prefect API the command line starts before its imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from newsquotes.localapi import temporary_api


def test_nothing_is_started_when_the_user_has_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    with temporary_api() as api:
        assert api is None
        assert os.environ["PREFECT_API_URL"] == "http://prefect.example:4200/api"


def test_nothing_is_started_for_workers_on_other_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_api(remote_workers=True) as api:
        assert api is None
        assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_a_fresh_process_gets_a_working_server_that_is_gone_afterwards(tmp_path) -> None:
    """In a new process (Prefect not yet imported): the server answers while the block runs,
    Prefect's settings follow it, and the process is stopped on exit."""
    script = textwrap.dedent(
        """
        import json, urllib.request
        from newsquotes.localapi import temporary_api

        with temporary_api() as api:
            from prefect.settings import PREFECT_API_URL  # imported after the server started

            api.wait_ready()
            with urllib.request.urlopen(api.url + "/health", timeout=5) as response:
                healthy = json.loads(response.read())
            print(json.dumps({"url": api.url, "setting": PREFECT_API_URL.value(),
                              "healthy": healthy}))
        print(api.process.returncode is not None)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")} | {
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    first, last = done.stdout.strip().splitlines()[-2:]
    info = json.loads(first)
    assert info["url"].startswith("http://127.0.0.1:") and info["url"].endswith("/api")
    assert info["setting"] == info["url"]
    assert info["healthy"] is True
    assert last == "True"  # the server process has exited
