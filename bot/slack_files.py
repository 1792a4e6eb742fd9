"""Downloading a private Slack file with the bot token, and only from Slack's own file hosts."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from slack_sdk import WebClient

MAX_FILE_BYTES = 5 * 1024 * 1024
SLACK_FILE_HOSTS = ("files.slack.com", "files-origin.slack.com", "files-edge.slack.com",
                    "slack-files.com")
TIMEOUT_SECONDS = 20


class UntrustedFileUrl(ValueError):
    """The URL is not a Slack file host over https: the token is not sent there."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of a URL, the port made explicit (an invalid one as None)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port


def check_file_url(url: str, client: WebClient) -> None:
    """Raise UntrustedFileUrl unless the token may go to this URL: a Slack file host over
    https on its default port, or (a self-hosted or test Slack API, SLACK_API_URL) the
    configured API's own origin; origins compared whole (scheme, host and port)."""
    found, api = origin(url), origin(client.base_url)
    if api[1] not in ("slack.com", "") and found == api:
        return  # a self-hosted or test Slack API serves its own files
    if found[0] != "https" or found[1] not in SLACK_FILE_HOSTS or found[2] != 443:
        raise UntrustedFileUrl(found[1] or url[:60])


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the origin (scheme, host, port): the Authorization
    header never leaves it, not even for plain http on the same host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if origin(newurl) != origin(req.full_url):
            raise urllib.error.HTTPError(newurl, code, "redirect to another origin refused",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(client: WebClient, url: str) -> bytes:
    """A private Slack file's bytes (at most 5 MB), fetched with the bot token."""
    check_file_url(url, client)
    opener = urllib.request.build_opener(SameOriginRedirects())
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        data = response.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError("file over 5 MB")
    return data


def file_url(file: dict) -> str:
    return file.get("url_private_download") or file["url_private"]


def fetch_file(client: WebClient, file_id: str) -> tuple[str, bytes]:
    """A shared file's name and bytes, by its id (files.info, then the download)."""
    info = client.files_info(file=file_id)["file"]
    return info.get("name", ""), download(client, file_url(info))
