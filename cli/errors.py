"""The one error a command raises for a problem the user can fix."""


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit code 2."""
