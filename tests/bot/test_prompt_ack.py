"""Answering at the ack: listeners marked to run inline answer from the request's own thread,
the others from the listener pool the moment they ack, and work after an ack still runs."""

from __future__ import annotations

import threading
import urllib.parse

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot.prompt_ack import AckWaitingExecutor, InlineWhen, signalling_ack
from tests.slack_requests import sign

SECRET = "prompt-ack-secret"


def app_with(condition, seen: dict, api_url: str) -> App:
    app = App(signing_secret=SECRET, client=WebClient(token="xoxb-test", base_url=api_url),
              listener_executor=AckWaitingExecutor())
    app.middleware(signalling_ack)
    done = threading.Event()
    seen["done"] = done

    @app.command("/cost", middleware=[InlineWhen(condition)])
    def cost(ack, command):
        seen["thread"] = threading.current_thread().name
        ack(text=f"saved {command['text']}")
        seen["after_ack"] = threading.current_thread().name
        done.set()

    @app.command("/boom", middleware=[InlineWhen(lambda body: True)])
    def boom(ack):
        raise RuntimeError("listener failed")

    return app


def command(name: str, text: str) -> BoltRequest:
    body = urllib.parse.urlencode({"command": name, "text": text, "team_id": "T1", "user_id": "U1",
                                   "channel_id": "C1", "trigger_id": "1.2", "response_url":
                                   "https://hooks.example/1"}).encode()
    headers = {**sign(body, SECRET), "Content-Type": "application/x-www-form-urlencoded"}
    return BoltRequest(body=body.decode(), headers={k.lower(): [v] for k, v in headers.items()})


def test_an_inline_listener_answers_from_the_request_thread(fake_slack):
    seen: dict = {}
    app = app_with(lambda body: bool(body.get("text")), seen, fake_slack.api_url)
    response = app.dispatch(command("/cost", "12 tools"))
    assert response.status == 200 and "saved 12 tools" in response.body
    assert seen["thread"] == threading.current_thread().name
    assert seen["after_ack"] == threading.current_thread().name


def test_other_listeners_answer_from_the_pool_and_go_on_after_the_ack(fake_slack):
    seen: dict = {}
    app = app_with(lambda body: bool(body.get("text")), seen, fake_slack.api_url)
    response = app.dispatch(command("/cost", ""))
    assert response.status == 200 and "saved" in response.body
    assert seen["done"].wait(5)
    assert seen["thread"].startswith("bolt-listener")


def test_the_inline_mark_does_not_leak_to_the_next_request(fake_slack):
    seen: dict = {}
    app = app_with(lambda body: bool(body.get("text")), seen, fake_slack.api_url)
    app.dispatch(command("/cost", "12 tools"))
    app.dispatch(command("/cost", ""))
    assert seen["done"].wait(5)
    assert seen["thread"].startswith("bolt-listener")


def test_an_inline_listener_that_fails_is_answered_like_any_failing_listener(fake_slack):
    app = app_with(lambda body: True, {}, fake_slack.api_url)
    response = app.dispatch(command("/boom", "x"))
    assert response.status == 500


def test_the_answer_never_waits_for_work_after_the_ack(fake_slack):
    """A contract with Bolt: a listener that acks and then works for a second is answered
    while it still works (a Bolt upgrade that waited for listeners would fail this)."""
    release, finished = threading.Event(), threading.Event()
    app = App(signing_secret=SECRET, client=WebClient(token="xoxb-test", base_url=fake_slack.api_url),
              listener_executor=AckWaitingExecutor())
    app.middleware(signalling_ack)

    @app.command("/slow")
    def slow(ack):
        ack(text="on it")
        release.wait(1.0)  # the second of work that follows the ack
        finished.set()

    response = app.dispatch(command("/slow", "report"))
    answered_while_working = not finished.is_set()
    release.set()

    assert response.status == 200 and "on it" in response.body
    assert answered_while_working
    assert finished.wait(5)
