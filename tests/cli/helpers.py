"""Running the command line in-process, as the tests of tests/cli do."""

from __future__ import annotations

from cli.main import main


def run(capsys, *args: str) -> str:
    """What `northstar ARGS…` prints; it must succeed."""
    assert main(list(args)) == 0
    return capsys.readouterr().out
