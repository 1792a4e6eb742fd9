"""Block Kit payloads, built with slack_sdk's models."""
