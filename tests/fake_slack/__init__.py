"""A local fake of the Slack Web API: records calls, checks them like Slack, fails on demand.

It keeps the messages it was sent (`chat.postMessage`) and answers `conversations.history` and
`conversations.replies` from them, like Slack; completed file uploads appear in their thread.

Failures are per method, for the next call(s), and behave like Slack and the network:
- `fail_next`: HTTP 200 with `{"ok": false, "error": …}` (Slack refused; nothing done);
- `http_error_next`: HTTP 500 (or another status) with an HTML body;
- `rate_limit_next`: HTTP 429 with `Retry-After`;
- `reset_next`: the connection is reset (RST) without an answer;
- `timeout_next`: the request is held longer than the client waits, then dropped;
- `hang_next`: held until `release()` (or a bound), for killing the client meanwhile;
- `delay_next`: the work done at once, the answer sent only after a delay (a slow Slack).
Each takes `after=True` for a fault that happens after Slack did the work (the message is
stored, the file completed), e.g. `reset_after_next("chat.postMessage")`. The raw upload URL
that `files.getUploadURLExternal` hands out (the second step of `files_upload_v2`) is the
pseudo-method `UPLOAD`.

`FakeSlack` (server.py) is put together from what Slack keeps (conversations.py), what it
answers (answers.py), how it checks a call (checks.py) and how it fails (faults.py).
"""

from tests.fake_slack.records import (
    FAULTS,
    FILE_DOWNLOAD,
    TIMEOUT_HOLD,
    UPLOAD,
    Call,
    Failure,
    Message,
)
from tests.fake_slack.server import FakeSlack

__all__ = ["FAULTS", "FILE_DOWNLOAD", "TIMEOUT_HOLD", "UPLOAD", "Call", "Failure", "FakeSlack",
           "Message"]
