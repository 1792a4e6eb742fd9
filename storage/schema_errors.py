"""What an upgrade of the schema can refuse (kept apart so storage.db need not load Alembic)."""


class UpgradeRefused(RuntimeError):
    """An upgrade would have broken references between rows; nothing was changed."""
