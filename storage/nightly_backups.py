"""The nightly copy: with NORTHSTAR_BACKUP_DIR set, one backup per UTC day, the newest kept.

The scheduler runs `NightlyBackups.run` every few minutes; the first run of a UTC day writes
`northstar-nightly-20261205T0003Z-0008.db` (`.dump` on PostgreSQL) and deletes all but the newest
NORTHSTAR_BACKUP_KEEP (default 7) nightly copies; other files in the folder are never touched.
Processes that share the folder write the day's copy once: the writer claims the day by creating
a claim file exclusively (O_EXCL), and looks again for the day's copy once it holds the claim. A
claim left by a process that died is taken over after CLAIM_STALE.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from storage.backups import BackupFailed
from storage.clock import Clock, utc_now
from storage.database_backup import backup_database, current_revision, default_name
from storage.safety_copies import BACKUP_DIR_ENV, backup_folder

log = logging.getLogger(__name__)
KEEP_ENV = "NORTHSTAR_BACKUP_KEEP"
DEFAULT_KEEP = 7
PREFIX = "northstar-nightly-"
NIGHTLY_FILE = re.compile(rf"^{PREFIX}(\d{{8}})T\d{{4}}Z-[^.]+\.(db|dump)$")
CLAIM_STALE_S = 6 * 3600


def keep_from_env() -> int:
    """NORTHSTAR_BACKUP_KEEP, or the default when it is unset or not a positive number."""
    return keep_from(os.environ.get(KEEP_ENV))


def keep_from(text: str | None) -> int:
    """A NORTHSTAR_BACKUP_KEEP value, or the default when it is unset or not a positive number."""
    value = (text or "").strip()
    if not value:
        return DEFAULT_KEEP
    if value.isdigit() and int(value) > 0:
        return int(value)
    log.error("%s=%r is not a positive whole number; keeping %s nightly backups",
              KEEP_ENV, value, DEFAULT_KEEP)
    return DEFAULT_KEEP


def nightly_files(folder: Path) -> list[Path]:
    """The complete nightly copies in the folder, oldest first."""
    return sorted(path for path in folder.iterdir() if NIGHTLY_FILE.match(path.name))


@dataclass
class NightlyBackups:
    """The nightly job of one database into one folder."""

    url: str
    folder: Path
    keep: int = DEFAULT_KEEP
    clock: Clock = utc_now

    @classmethod
    def from_env(cls, url: str, clock: Clock = utc_now) -> NightlyBackups | None:
        """The job as NORTHSTAR_BACKUP_DIR and NORTHSTAR_BACKUP_KEEP configure it; None when unset."""
        folder = backup_folder()
        return cls(url, folder, keep_from_env(), clock) if folder else None

    @classmethod
    def configured(cls, url: str, folder: str | None, keep: str | None,
                   clock: Clock = utc_now) -> NightlyBackups | None:
        """The job for a NORTHSTAR_BACKUP_DIR and NORTHSTAR_BACKUP_KEEP as given; None without a folder."""
        folder = (folder or "").strip()
        return cls(url, Path(folder), keep_from(keep), clock) if folder else None

    def run(self) -> Path | None:
        """Write today's copy unless it exists (or another process writes it); the copy written."""
        try:
            return self._run()
        except BackupFailed as error:
            log.error("nightly backup into %s failed (%s: %s); tried again on the next run",
                      self.folder, error.reason, error.details)
        except OSError as error:
            log.error("nightly backup into %s (%s) failed: %s; tried again on the next run",
                      self.folder, BACKUP_DIR_ENV, error)
        return None

    def _run(self) -> Path | None:
        now = self.clock()
        day = now.strftime("%Y%m%d")
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._has_copy(day):
            return None
        claim = self.folder / f".{PREFIX}{day}.claim"
        if not _take_claim(claim):
            return None
        try:
            if self._has_copy(day):  # written by another process between our look and our claim
                return None
            target = self.folder / default_name(self.url, current_revision(self.url), now, PREFIX)
            backup_database(self.url, target)
        finally:
            claim.unlink(missing_ok=True)
        log.info("nightly backup written: %s", target)
        self.prune()
        return target

    def _has_copy(self, day: str) -> bool:
        return any(NIGHTLY_FILE.match(path.name).group(1) == day for path in nightly_files(self.folder))

    def prune(self) -> list[Path]:
        """Delete all but the newest `keep` nightly copies; the ones deleted."""
        old = nightly_files(self.folder)[:-self.keep]
        for path in old:
            path.unlink(missing_ok=True)
        return old


def _take_claim(claim: Path) -> bool:
    """Create the claim file exclusively; take over one older than CLAIM_STALE_S."""
    for _attempt in range(2):
        try:
            os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return True
        except FileExistsError:
            try:
                if time.time() - claim.stat().st_mtime < CLAIM_STALE_S:
                    return False
                claim.unlink()
            except FileNotFoundError:
                pass  # released meanwhile: try once more
    return False
