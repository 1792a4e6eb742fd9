"""The bot token goes only to Slack's file hosts over https (or the configured test API host)."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.slack_files import UntrustedFileUrl, check_file_url

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
