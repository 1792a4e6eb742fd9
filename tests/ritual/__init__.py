"""Tests of ritual."""
