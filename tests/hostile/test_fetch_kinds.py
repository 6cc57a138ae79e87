"""Kind 19 (network part): odd Retry-After values are ignored, invalid URLs say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.sources.fetch import retry_after_seconds
from tests.hostile.harness import run_case

ODD_RETRY_AFTER = ["²", "٣٠", "１２", "1e3", "-5", "Fri, 99 Foo 99999 99:99:99 GMT", "9" * 400]


@pytest.mark.parametrize("value", ODD_RETRY_AFTER)
def test_odd_retry_after_values_are_ignored(value: str) -> None:
    assert retry_after_seconds(value, now=0) in (None, 0, 7 * 86_400)


def test_issue_instance_superscript_retry_after_is_not_invalid_url(tmp_path: Path) -> None:
    routes = {
        "/limited": {"status": 429, "headers": {"Retry-After": "²"}, "body": "slow down"},
        "/busy": {"status": 503, "headers": {"Retry-After": "٣٠"}, "body": "busy"},
        "/weird": {"status": 503, "headers": {"Retry-After": ODD_RETRY_AFTER[5]}, "body": "x"},
    }
    commands = [["add", "http://{base}/limited"], ["add", "http://{base}/busy"]]
    commands += [["add", "http://{base}/weird"], ["feeds"]]
    run = run_case("cases_net:cli_against", tmp_path, routes=routes, commands=commands)
    printed = " ".join(r["out"] + r["err"] for r in run.result["reports"])
    assert "invalid URL" not in printed and "unexpected" not in printed
    assert "HTTP 429" in printed and "HTTP 503" in printed


def test_issue_instance_port_99999_is_one_clear_line(tmp_path: Path) -> None:
    run = run_case("cases_cli:cli", tmp_path, commands=[["add", "http://127.0.0.1:99999/feed"]])
    assert "invalid URL: port out of range" in run.result[0]["err"]
    stored = ["http://127.0.0.1:99999/feed", "https://example.org:65536/x"]
    run = run_case("cases_store:refresh_stored", tmp_path, urls=stored)
    lines = [line for line in run.result["out"].splitlines() if "port out of range" in line]
    assert len(lines) == 2 and "ExceptionGroup" not in run.result["out"]


def test_sibling_other_invalid_urls_are_one_line_each(tmp_path: Path) -> None:
    stored = ["http://[::1/feed", "http://127.0.0.1:-1/", "http:///nohost", "http://a b/"]
    run = run_case("cases_store:refresh_stored", tmp_path, urls=stored)
    out = run.result["out"]
    assert out.count("invalid URL") == len(stored), out
    assert "unexpected" not in out and "Traceback" not in run.result["err"]
