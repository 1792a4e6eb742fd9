"""`northstar --help` answers at once: it loads none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "matplotlib", "scipy", "numpy", "ruptures", "sqlalchemy", "alembic",
         "slack_bolt", "slack_sdk", "babel")
PROBE = """
import contextlib, io, sys
from cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
print(",".join(name for name in {heavy!r} if name in sys.modules))
"""


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["run", "--help"]])
def test_help_loads_no_heavy_library(argv):
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""


def test_a_command_still_runs_its_module(tmp_path, monkeypatch, capsys):
    from cli.main import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'n.db'}")
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
