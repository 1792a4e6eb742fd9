"""Token buckets per key: a burst, then one request per refill interval; memory stays bounded."""

from __future__ import annotations

from web.rate_limit import TokenBuckets


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_refill_rate_per_key():
    ticks = Ticks()
    buckets = TokenBuckets(per_minute=60, burst=3, clock=ticks)
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a") == 1.0  # one token a second
    assert buckets.take("b") == 0  # another key has its own bucket
    ticks.now += 1.0
    assert buckets.take("a") == 0 and buckets.take("a") == 1.0
    ticks.now += 60
    assert [buckets.take("a") for _ in range(4)] == [0, 0, 0, 1.0]  # never more than the burst


def test_a_refused_request_takes_no_token():
    ticks = Ticks()
    buckets = TokenBuckets(per_minute=6, burst=1, clock=ticks)
    assert buckets.take("a") == 0
    for _ in range(5):
        assert buckets.take("a") == 10.0
    ticks.now += 10
    assert buckets.take("a") == 0


def test_at_most_max_keys_are_remembered():
    buckets = TokenBuckets(per_minute=1, burst=1, max_keys=100, clock=Ticks())
    for number in range(1000):
        buckets.take(f"address-{number}")
    assert len(buckets) == 100
