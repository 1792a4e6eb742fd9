"""The export layouts northstar knows, one module per source."""
