"""PostgreSQL backups through `pg_dump --format=custom` and `pg_restore`.

The tools are taken from PATH, else from the newest /usr/lib/postgresql/*/bin (Debian and Ubuntu
install them there). The password goes to them in PGPASSWORD, never on the command line, where
any user of the machine could read it.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from storage.backups import BackupFailed, partial_name

FALLBACK_BIN_DIRS = "/usr/lib/postgresql/*/bin"
ARCHIVE_MAGIC = b"PGDMP"
# A table's entry in `pg_restore --list`: "215; 1259 16390 TABLE public entries northstar".
LISTED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ")


def find_tool(name: str) -> str:
    """The path of a PostgreSQL client program; raises BackupFailed when it is not installed."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(FALLBACK_BIN_DIRS), key=_version_key, reverse=True)
    for folder in versions:
        candidate = Path(folder) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupFailed("tool_missing", tool=name)


def _version_key(folder: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", Path(folder).parent.name))


def libpq_target(url: str | URL) -> tuple[str, dict[str, str]]:
    """A libpq URL without the password, and the environment that carries the password."""
    url = make_url(url) if isinstance(url, str) else url
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(tool: str, arguments: list[str], env: dict[str, str] | None = None,
         show_output: bool = False) -> str:
    """Run a client program; its stdout; raises BackupFailed with its last error line."""
    command = [find_tool(tool), *arguments]
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                            stderr=None if show_output else subprocess.PIPE, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr or "").splitlines() if line.strip()]
        raise BackupFailed("tool_failed", tool=tool,
                           problem=lines[-1] if lines else f"exit status {result.returncode}")
    return result.stdout


def dump(url: str | URL, target: Path, verbose: bool = False) -> None:
    """`pg_dump --format=custom` of the database into `target` (renamed there when complete)."""
    conninfo, env = libpq_target(url)
    partial = partial_name(target)
    try:
        _run("pg_dump", ["--format=custom", f"--file={partial}", f"--dbname={conninfo}",
                         *(["--verbose"] if verbose else [])], env, show_output=verbose)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def is_archive(path: Path) -> bool:
    """Whether the file starts like a pg_dump custom-format archive."""
    with open(path, "rb") as handle:
        return handle.read(len(ARCHIVE_MAGIC)) == ARCHIVE_MAGIC


def archive_tables(path: Path) -> set[str]:
    """The tables an archive holds (from its table of contents)."""
    listing = _run("pg_restore", ["--list", str(path)])
    return {match.group(2) for line in listing.splitlines() if (match := LISTED_TABLE.match(line))}


def archive_revision(path: Path) -> str | None:
    """The schema revision in an archive's alembic_version data; None when it holds none."""
    script = _run("pg_restore", ["--data-only", "--table=alembic_version", "--file=-", str(path)])
    lines = script.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and number + 1 < len(lines):
            value = lines[number + 1].strip()
            return None if value == "\\." else value
    return None


def restore(url: str | URL, archive: Path) -> None:
    """Replace the database's tables with the archive's, all in one transaction."""
    conninfo, env = libpq_target(url)
    _run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--exit-on-error",
                        "--no-owner", "--no-privileges", f"--dbname={conninfo}", str(archive)], env)
