"""Does running a `/cost` listener in the request's own thread (bot/prompt_ack.py `InlineWhen`)
pay? The same Bolt app with and without it, signed `/cost` requests dispatched in-process, in
alternating rounds (same run), with a listener that does ~0.2 ms of work and then acks.

    .venv/bin/python -m bench.inline_listener [N]
"""

from __future__ import annotations

import statistics
import sys
import time
import urllib.parse

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot.prompt_ack import AckWaitingExecutor, InlineWhen, signalling_ack
from tests.fake_slack import FakeSlack
from tests.slack_requests import sign

SECRET = "bench-secret"


def app(inline: bool, api_url: str) -> App:
    bolt = App(signing_secret=SECRET, client=WebClient(token="xoxb-test", base_url=api_url),
               listener_executor=AckWaitingExecutor())
    bolt.middleware(signalling_ack)
    middleware = [InlineWhen(lambda body: bool(body.get("text")))] if inline else []

    @bolt.command("/cost", middleware=middleware)
    def cost(ack, command):
        sum(range(4000))  # parsing and storing stand-in, ~0.2 ms
        ack(text=f"saved {command['text']}")

    return bolt


def request() -> BoltRequest:
    body = urllib.parse.urlencode({"command": "/cost", "text": "12 tools", "team_id": "T1",
                                   "user_id": "U1", "channel_id": "C1"})
    headers = {**sign(body.encode(), SECRET), "Content-Type": "application/x-www-form-urlencoded"}
    return BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})


def main(n: int) -> None:
    with FakeSlack() as fake:
        measure({"inline": app(True, fake.api_url), "pool": app(False, fake.api_url)}, n)


def measure(apps: dict[str, App], n: int) -> None:
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(n // 100):
        for name, bolt in apps.items():
            for _ in range(100):
                started = time.perf_counter()
                assert bolt.dispatch(request()).status == 200
                times[name].append((time.perf_counter() - started) * 1000)
    for name, values in times.items():
        values.sort()
        print(f"{name:<7} n={len(values)}  p50={statistics.median(values):.3f} ms  "
              f"p99={values[int(len(values) * 0.99) - 1]:.3f} ms")
    ratio = statistics.median(times["pool"]) / statistics.median(times["inline"])
    print(f"median pool / inline: {ratio:.2f}x (same run, alternating rounds of 100)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
