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

from storage.backups import BackupFailed, Progress, partial_name

FALLBACK_BIN_DIRS = "/usr/lib/postgresql/*/bin"
ARCHIVE_MAGIC = b"PGDMP"
# A table's entry in `pg_restore --list`: "215; 1259 16390 TABLE public entries northstar".
DUMPING_TABLE = re.compile(r'dumping contents of table "')
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


def _run(tool: str, arguments: list[str], env: dict[str, str] | None = None) -> str:
    """Run a client program; its stdout; raises BackupFailed with its last error line."""
    command = [find_tool(tool), *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise _failed(tool, result.stderr.splitlines(), result.returncode)
    return result.stdout


def _failed(tool: str, lines: list[str], status: int) -> BackupFailed:
    said = [line.strip() for line in lines if line.strip()]
    return BackupFailed("tool_failed", tool=tool, problem=said[-1] if said else f"exit status {status}")


def dump(url: str | URL, target: Path, progress: Progress | None = None) -> None:
    """`pg_dump --format=custom` of the database into `target` (renamed there when complete);
    `progress` hears of each table whose rows are dumped."""
    conninfo, env = libpq_target(url)
    partial = partial_name(target)
    command = [find_tool("pg_dump"), "--format=custom", f"--file={partial}", f"--dbname={conninfo}",
               *(["--verbose"] if progress else [])]
    try:
        with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True) as process:
            said, tables = [], 0
            for line in process.stderr:
                said.append(line)
                if progress and DUMPING_TABLE.search(line):
                    tables += 1
                    progress(tables, 0, "tables")
        if process.returncode != 0:
            raise _failed("pg_dump", [line for line in said if "error" in line.lower()] or said,
                          process.returncode)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


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
