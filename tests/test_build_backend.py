"""The build backend's decision: wheels compile the extractor unless told not to, editable
installs, metadata and sdists never do (build_backend/newsquotes_build.py, docs/OPERATIONS.md).

setuptools' own hooks are replaced by recorders: what matters here is the mode each hook hands
to setup.py, and that the environment is as before afterwards. tests/test_compiled.py builds
for real."""

from __future__ import annotations

import importlib.util
import os
from types import ModuleType

import pytest

from conftest import REPO


def _backend() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "newsquotes_build", REPO / "build_backend" / "newsquotes_build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


backend = _backend()


@pytest.fixture
def seen_modes(monkeypatch: pytest.MonkeyPatch) -> dict[str, str | None]:
    """Replace setuptools' hooks with recorders of the mode setup.py would see."""
    seen: dict[str, str | None] = {}

    def recorder(name: str):
        def hook(*args: object, **kwargs: object) -> str:
            seen[name] = os.environ.get(backend.BUILD_MODE)
            return name

        return hook

    for name in (
        "build_wheel",
        "build_editable",
        "build_sdist",
        "prepare_metadata_for_build_wheel",
        "prepare_metadata_for_build_editable",
        "get_requires_for_build_editable",
        "get_requires_for_build_sdist",
    ):
        monkeypatch.setattr(backend._orig, name, recorder(name))
    monkeypatch.delenv(backend.BUILD_MODE, raising=False)
    return seen


@pytest.mark.parametrize(
    ("choice", "mode"),
    [(None, "optional"), ("", "optional"), ("0", "off"), ("1", "required"), (" 1 ", "required")],
    ids=["unset", "empty", "opt-out", "required", "spaces"],
)
def test_wheel_builds_compile_unless_told_not_to(
    choice: str | None, mode: str, monkeypatch: pytest.MonkeyPatch, seen_modes: dict
) -> None:
    if choice is None:
        monkeypatch.delenv(backend.CHOICE, raising=False)
    else:
        monkeypatch.setenv(backend.CHOICE, choice)
    assert backend.build_wheel("dist") == "build_wheel"
    assert seen_modes == {"build_wheel": mode}
    assert backend.BUILD_MODE not in os.environ  # restored


@pytest.mark.parametrize("choice", ["", "1"], ids=["default", "required"])
def test_editable_metadata_and_sdist_builds_never_compile(
    choice: str, monkeypatch: pytest.MonkeyPatch, seen_modes: dict
) -> None:
    monkeypatch.setenv(backend.CHOICE, choice)
    backend.build_editable("dist")
    backend.build_sdist("dist")
    backend.prepare_metadata_for_build_wheel("meta")
    backend.prepare_metadata_for_build_editable("meta")
    backend.get_requires_for_build_editable()
    backend.get_requires_for_build_sdist()
    assert len(seen_modes) == 6 and set(seen_modes.values()) == {"off"}


def test_the_mode_a_caller_set_is_restored(
    monkeypatch: pytest.MonkeyPatch, seen_modes: dict
) -> None:
    monkeypatch.setenv(backend.BUILD_MODE, "required")
    backend.build_editable("dist")
    assert seen_modes == {"build_editable": "off"}
    assert os.environ[backend.BUILD_MODE] == "required"


def test_compiling_wheels_ask_for_mypy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(backend.CHOICE, raising=False)
    assert any(req.startswith("mypy") for req in backend.get_requires_for_build_wheel())
    monkeypatch.setattr(backend._orig, "get_requires_for_build_wheel", lambda settings: ["wheel"])
    monkeypatch.setenv(backend.CHOICE, "0")
    assert backend.get_requires_for_build_wheel() == ["wheel"]


def test_an_unknown_choice_is_an_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(backend.CHOICE, "yes")
    with pytest.raises(ValueError, match="NEWSQUOTES_COMPILE must be 0 or 1"):
        backend.wheel_build_mode()
