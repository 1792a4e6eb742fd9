"""The database: models, sessions, migrations, import and export. Knows nothing of Slack."""
