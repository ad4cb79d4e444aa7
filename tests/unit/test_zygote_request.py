"""The fork server reads each request through game.engine.untrusted: a request that does not
fit is one line and is dropped, never a traceback in the loop that forks every game."""

from __future__ import annotations

import pytest

from game.cli.zygote import Request, read_request


def test_a_request_is_read():
    request = read_request(b'{"argv": ["class", "play", "9B"], "env": {"COLUMNS": "100"}}')
    assert request == Request(["class", "play", "9B"], {"COLUMNS": "100"})
    assert read_request(b'{"argv": []}').env == {}


@pytest.mark.parametrize("message, words", [
    (b"not json", "request:1:1: not valid JSON"),
    (b'{"argv": ["play", 5]}', "request:1:19: argv.1: expected text"),
    (b'{"argv": "play"}', "request:1:2: argv: expected a list"),
    (b'{"argv": [], "env": {"COLUMNS": 100}}', "request:1:22: env.COLUMNS: expected text"),
    (b'{"argv": [], "shell": "rm -rf"}', "request:1:14: shell: unknown key"),
    (b'{"argv": [], "env": {"A": "1", "B": "2", "C": "3"}}', "env: more than 2 items"),
    (b'{"argv": ["\xff"]}', "request:1:12: not UTF-8 text"),
    (b"[" * 5000, "nested too deeply"),
])
def test_a_request_that_does_not_fit_is_one_line(message, words):
    with pytest.raises(ValueError) as caught:
        read_request(message)
    assert words in str(caught.value) and "\n" not in str(caught.value)
