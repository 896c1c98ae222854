"""Shared fixtures: a fresh sample workspace per test, and the CLI run as a user runs it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_docs import workspace


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A new workspace made by `cchc init` from the bundled Hương Sơn 2024 sample."""
    return workspace.init(tmp_path / "ws")


@pytest.fixture
def cchc():
    """Run `cchc ARGS...`; returns click's Result (stdout and stderr kept apart)."""
    from cchc_docs.cli import cli

    def run(*args, **kwargs):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


def needs(tool: str) -> None:
    """Skip when a system tool is missing locally; in CI a missing tool is a failure."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI but is not installed")
        pytest.skip(f"{tool} not installed")
