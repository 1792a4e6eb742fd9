"""The fake Slack behaves like Slack and the network where the fault suite relies on it."""

from __future__ import annotations

import http.client
import urllib.error

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from tests.fake_slack import UPLOAD

pytestmark = pytest.mark.faults
META = {"event_type": "northstar_digest", "event_payload": {"workspace": "T1", "week": "2026-W47"}}


@pytest.fixture
def client(fake_slack) -> WebClient:
    """No retry handlers: each fault reaches the caller."""
    return WebClient(token="xoxb-test", base_url=fake_slack.api_url, timeout=1, retry_handlers=[])


def test_history_is_newest_first_with_metadata_only_when_asked(fake_slack, client):
    first = client.chat_postMessage(channel="C1", text="one", metadata=META)
    client.chat_postMessage(channel="C1", text="reply", thread_ts=first["ts"])
    second = client.chat_postMessage(channel="C1", text="two")
    client.chat_postMessage(channel="C2", text="elsewhere")
    page = client.conversations_history(channel="C1", include_all_metadata=True)
    assert [m["text"] for m in page["messages"]] == ["two", "one"]
    assert page["messages"][1]["metadata"] == META and page["messages"][1]["reply_count"] == 1
    assert "metadata" not in client.conversations_history(channel="C1")["messages"][1]
    assert [m["text"] for m in client.conversations_history(
        channel="C1", oldest=first["ts"])["messages"]] == ["two"]
    assert [m["text"] for m in client.conversations_history(
        channel="C1", latest=second["ts"])["messages"]] == ["one"]
    limited = client.conversations_history(channel="C1", limit=1)
    assert limited["has_more"] and [m["text"] for m in limited["messages"]] == ["two"]
    rest = client.conversations_history(channel="C1", limit=1,
                                        cursor=limited["response_metadata"]["next_cursor"])
    assert [m["text"] for m in rest["messages"]] == ["one"] and not rest["has_more"]
    assert fake_slack.posts_per_channel() == {"C1": 2, "C2": 1}


def test_faults_before_the_work_store_nothing(fake_slack, client):
    fake_slack.http_error_next("chat.postMessage")
    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel="C1", text="x")
    assert error.value.response.status_code == 500
    fake_slack.reset_next("chat.postMessage")
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        client.chat_postMessage(channel="C1", text="x")
    fake_slack.timeout_next("chat.postMessage", seconds=2)
    with pytest.raises(TimeoutError):
        client.chat_postMessage(channel="C1", text="x")
    fake_slack.rate_limit_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel="C1", text="x")
    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "7"
    assert fake_slack.messages_in("C1") == [] and fake_slack.pending_failures() == 0
    assert [kind for _, kind, _ in fake_slack.injected] == [
        "http_500", "reset", "timeout", "rate_limited"]


def test_a_fault_after_the_work_leaves_the_message_posted(fake_slack, client):
    fake_slack.reset_after_next("chat.postMessage")
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        client.chat_postMessage(channel="C1", text="stored, never answered", metadata=META)
    [message] = fake_slack.messages_in("C1")
    assert message.metadata == META
    page = client.conversations_history(channel="C1", include_all_metadata=True)
    assert page["messages"][0]["ts"] == message.ts


def test_a_rate_limit_is_retried_by_slack_sdk_after_retry_after(fake_slack):
    client = WebClient(token="xoxb-test", base_url=fake_slack.api_url,
                       retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    fake_slack.rate_limit_next("chat.postMessage", retry_after=1)
    client.chat_postMessage(channel="C1", text="x")
    assert fake_slack.posts_per_channel()["C1"] == 1


@pytest.mark.parametrize("fault", ["http_500", "rate_limited", "reset", "timeout"])
def test_the_upload_url_fails_like_a_plain_http_endpoint(fault, fake_slack, client):
    parent = client.chat_postMessage(channel="C1", text="digest")
    fake_slack.inject(UPLOAD, fault, timeout_hold=2)
    expected = {"http_500": urllib.error.HTTPError, "rate_limited": urllib.error.HTTPError,
                "reset": (ConnectionResetError, http.client.RemoteDisconnected),
                "timeout": TimeoutError}[fault]
    upload = {"content": b"\x89PNG", "filename": "a.png", "title": "A"}
    with pytest.raises(expected):
        client.files_upload_v2(channel="C1", thread_ts=parent["ts"], file_uploads=[upload])
    assert fake_slack.files_per_thread() == {}
    client.files_upload_v2(channel="C1", thread_ts=parent["ts"], file_uploads=[upload])
    assert fake_slack.files_per_thread() == {("C1", parent["ts"]): 1}
    replies = client.conversations_replies(channel="C1", ts=parent["ts"])["messages"]
    assert [f["name"] for m in replies for f in m.get("files", [])] == ["a.png"]
    assert fake_slack.posts_per_channel() == {"C1": 1}


def test_a_hung_request_is_held_until_released(fake_slack, client):
    import threading

    fake_slack.hang_next("chat.postMessage", after=True)
    errors = []

    def post():
        try:
            WebClient(token="xoxb-test", base_url=fake_slack.api_url, timeout=30,
                      retry_handlers=[]).chat_postMessage(channel="C1", text="held")
        except Exception as error:  # noqa: BLE001 - whatever the client raises
            errors.append(error)

    thread = threading.Thread(target=post)
    thread.start()
    fake_slack.wait_held("chat.postMessage", timeout=5)
    assert len(fake_slack.messages_in("C1")) == 1
    fake_slack.release()
    thread.join(5)
    assert not thread.is_alive() and errors and fake_slack.held() == []


def test_a_delayed_answer_arrives_after_the_work(fake_slack, client):
    import time

    fake_slack.delay_next("chat.postMessage", seconds=0.5)
    started = time.monotonic()
    answer = client.chat_postMessage(channel="C1", text="slow")
    assert time.monotonic() - started >= 0.5
    assert [m.ts for m in fake_slack.messages_in("C1")] == [answer["ts"]]
