"""Benchmarks that print figures (run them with `.venv/bin/python -m bench.<name>`)."""
