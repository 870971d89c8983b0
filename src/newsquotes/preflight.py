"""Check a run's raw and output roots before the run starts.

A deployment's flow run is created on the server but executes on a worker's host, where the
folders live; so the check runs there, as a pull step of ``prefect.yaml`` (after
``set_working_directory``, so relative paths mean what they mean to the flow). A bad parameter
then fails the flow run before any task is created, with a message that says what to fix,
instead of midway or, worse, after writing an output root inside the raw folder (whose next run
would read its own output).
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from newsquotes.errors import ConfigError
from newsquotes.schema import DATASETS


def check_roots(raw_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> dict[str, str]:
    """Raise :class:`ConfigError` unless ``raw_dir`` and ``out_dir`` can make a run.

    The raw root must be an existing folder; the output root must not be the raw root or inside
    it, must be a folder (or not exist yet, with a writable parent), must be writable, and must
    not hold dataset folders that a newsquotes run did not make. Returns both absolute paths.
    """
    if not str(raw_dir).strip() or not str(out_dir).strip():
        raise ConfigError("raw_dir and out_dir must not be empty")
    raw = Path(raw_dir).expanduser().absolute()
    out = Path(out_dir).expanduser().absolute()
    if not raw.is_dir():
        what = "is not a folder" if raw.exists() else "does not exist"
        raise ConfigError(
            f"raw_dir {raw} {what}: pass the folder that holds the dumps (relative "
            f"paths start at the working directory {Path.cwd()})"
        )
    raw_real, out_real = raw.resolve(), out.resolve()
    if out_real == raw_real or raw_real in out_real.parents:
        raise ConfigError(
            f"out_dir {out} is inside raw_dir {raw}: the next run would read its "
            "own output; choose an output folder outside the raw folder"
        )
    if out.exists():
        if not out.is_dir():
            raise ConfigError(f"out_dir {out} is a file: pass a folder")
        if not os.access(out, os.W_OK | os.X_OK):
            raise ConfigError(
                f"out_dir {out} is not writable by this user ({_user()}): fix its "
                "permissions or pick another folder"
            )
        # a run publishes each dataset as a symlink into _store/: a real folder is someone else's
        foreign = [
            name for name in DATASETS if (out / name).exists() and not (out / name).is_symlink()
        ]
        if foreign:
            raise ConfigError(
                f"out_dir {out} holds {', '.join(foreign)} folder(s) that newsquotes "
                "did not make: pass an empty or newsquotes-made folder"
            )
    else:
        parent = next((p for p in out.parents if p.exists()), None)
        if parent is None or not os.access(parent, os.W_OK | os.X_OK):
            raise ConfigError(
                f"out_dir {out} cannot be created: {parent} is not writable by this "
                f"user ({_user()})"
            )
    return {"raw_dir": str(raw), "out_dir": str(out)}


def _user() -> str:
    """Who the process runs as, for permission messages (uid; Windows has none)."""
    return str(os.getuid()) if hasattr(os, "getuid") else "current user"


def flow_defaults() -> dict[str, object]:
    """The flow's parameter defaults, read from its signature (so they cannot drift)."""
    from newsquotes.flow import ingest_news

    return {
        name: p.default
        for name, p in inspect.signature(ingest_news.fn).parameters.items()
        if p.default is not inspect.Parameter.empty
    }


def check_flow_run_parameters() -> dict[str, str]:
    """Pull step: check the raw and output roots of the flow run this process executes.

    Prefect calls it on the worker's host with ``PREFECT__FLOW_RUN_ID`` set; the parameters are
    the run's own merged over the flow's defaults. Raising fails the run before the flow starts.
    """
    from prefect.client.orchestration import get_client

    run_id = os.environ.get("PREFECT__FLOW_RUN_ID")
    if not run_id:
        raise ConfigError(
            "check_flow_run_parameters is a Prefect pull step: it runs inside a "
            "deployment's flow run (PREFECT__FLOW_RUN_ID is not set)"
        )
    with get_client(sync_client=True) as client:
        parameters = {**flow_defaults(), **client.read_flow_run(run_id).parameters}
    return check_roots(str(parameters["raw_dir"]), str(parameters["out_dir"]))
