"""The README's set-up commands: what CI runs is what the README says."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "readme_commands", REPO / "scripts" / "readme_commands.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_both_commands_make_and_use_a_virtual_environment() -> None:
    mod = _module()
    for n in (1, 2):
        command = mod.readme_command(n)
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate"), command
        assert "pip install" in command and "--break-system-packages" not in command


def test_the_demo_and_the_test_command() -> None:
    mod = _module()
    assert mod.readme_command(1).endswith("&& ownergraph demo")
    assert mod.readme_command(2).endswith("&& python -m pytest")


def test_ci_runs_the_readme_commands_through_the_script() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/readme_commands.py 1" in ci and "scripts/readme_commands.py 2" in ci
    assert 'bash -c "$readme_2"' in ci and 'bash -c "$readme_1"' in ci


def test_pytest_prints_why_tests_skip() -> None:
    assert "-rs" in (REPO / "pyproject.toml").read_text(encoding="utf-8")
