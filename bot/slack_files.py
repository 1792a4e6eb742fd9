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


def _api_host(client: WebClient) -> str:
    return urlsplit(client.base_url).hostname or ""


def check_file_url(url: str, client: WebClient) -> None:
    """Raise UntrustedFileUrl unless the token may go to this URL."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    api_host = _api_host(client)
    if api_host not in ("slack.com", "") and host == api_host:
        return  # a self-hosted or test Slack API (SLACK_API_URL) serves its own files
    if parts.scheme != "https" or host not in SLACK_FILE_HOSTS:
        raise UntrustedFileUrl(host or url[:60])


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same host; the Authorization header never leaves it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).hostname != urlsplit(req.full_url).hostname:
            raise urllib.error.HTTPError(newurl, code, "redirect to another host refused",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(client: WebClient, url: str) -> bytes:
    """A private Slack file's bytes (at most 5 MB), fetched with the bot token."""
    check_file_url(url, client)
    opener = urllib.request.build_opener(_SameHostRedirects())
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        data = response.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError("file over 5 MB")
    return data


def file_url(file: dict) -> str:
    return file.get("url_private_download") or file["url_private"]
