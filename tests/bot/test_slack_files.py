"""The bot token goes only to Slack's file hosts over https (or the configured test API's origin),
and a redirect never takes it to another origin (scheme, host, port)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from slack_sdk import WebClient

from bot.slack_files import SameOriginRedirects, UntrustedFileUrl, check_file_url

SLACK = WebClient(token="xoxb-secret")
LOCAL = WebClient(token="xoxb-secret", base_url="http://127.0.0.1:8123/api/")


@pytest.mark.parametrize("url", [
    "https://files.slack.com/files-pri/T0-F1/kosten.csv",
    "https://files.slack.com/files-pri/T0-F1/download/kosten.csv",
])
def test_slack_file_urls_get_the_token(url):
    check_file_url(url, SLACK)


@pytest.mark.parametrize("url", [
    "http://files.slack.com/files-pri/T0-F1/kosten.csv",      # not https
    "https://evil.example/kosten.csv",                          # a remote file's outside URL
    "https://files.slack.com.evil.example/kosten.csv",          # look-alike host
    "https://127.0.0.1:8123/files/kosten.csv",                  # the test host, but real Slack
])
def test_anything_else_is_refused_before_a_request(url):
    with pytest.raises(UntrustedFileUrl):
        check_file_url(url, SLACK)


def test_the_configured_api_host_serves_its_own_files_in_tests():
    check_file_url("http://127.0.0.1:8123/files/F111", LOCAL)
    with pytest.raises(UntrustedFileUrl):
        check_file_url("http://127.0.0.2:8123/files/F111", LOCAL)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9999/files/F111",    # the test host, another port
    "https://127.0.0.1:8123/files/F111",   # the test host and port, another scheme
    "http://127.0.0.1/files/F111",         # the test host, the default port
])
def test_the_configured_api_serves_files_only_from_its_own_origin(url):
    with pytest.raises(UntrustedFileUrl):
        check_file_url(url, LOCAL)


def test_slack_file_hosts_only_on_https_default_port():
    check_file_url("https://files.slack.com:443/files-pri/T0-F1/kosten.csv", SLACK)
    with pytest.raises(UntrustedFileUrl):
        check_file_url("https://files.slack.com:8443/files-pri/T0-F1/kosten.csv", SLACK)


@pytest.mark.parametrize("target", [
    "http://files.slack.com/files-pri/T0-F1/kosten.csv",        # downgraded to http
    "https://files.slack.com:8443/files-pri/T0-F1/kosten.csv",  # another port
    "https://files-edge.slack.com/files-pri/T0-F1/kosten.csv",  # another host
])
def test_a_redirect_leaving_the_origin_is_refused(target):
    request = urllib.request.Request("https://files.slack.com/files-pri/T0-F1/kosten.csv",
                                     headers={"Authorization": "Bearer xoxb-secret"})
    with pytest.raises(urllib.error.HTTPError):
        SameOriginRedirects().redirect_request(request, None, 302, "Found", {}, target)


def test_a_redirect_within_the_origin_is_followed():
    request = urllib.request.Request("https://files.slack.com/files-pri/T0-F1/kosten.csv")
    redirected = SameOriginRedirects().redirect_request(
        request, None, 302, "Found", {}, "https://files.slack.com:443/files-pri/T0-F1/download")
    assert redirected.full_url.endswith("/download")
