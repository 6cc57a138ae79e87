"""Kind 5: credentials in feed URLs are never shown, and never exported."""

from __future__ import annotations

from pathlib import Path

from newsreader.links import redact_credentials, strip_credentials
from tests.hostile.harness import run_case

ROUTES = {"/ok": {}, "/gone": {"status": 500, "body": "boom"}}


def everything(result: dict) -> str:
    return " ".join(report["out"] + report["err"] for report in result["reports"])


def test_issue_instance_user_pass_never_printed_nor_exported(tmp_path: Path) -> None:
    commands = [
        ["add", "http://user:pass@{base}/ok"],
        ["add", "http://user:pass@{base}/gone"],
        ["feeds"],
        ["refresh"],
        ["export"],
    ]
    run = run_case("cases_net:cli_against", tmp_path, routes=ROUTES, commands=commands)
    printed = everything(run.result)
    assert "user:pass" not in printed and "pass@" not in printed
    exported = run.result["reports"][-1]["out"]
    assert f"http://{run.result['base']}/ok" in exported
    assert "…@" in run.result["reports"][2]["out"]  # the feeds table says there were some


def test_sibling_token_percent_encoded_and_opml_credentials(tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline xmlUrl="http://alice:hunter2@127.0.0.1:9/a"/>'
        '<outline text="" xmlUrl="https://s3cr3tt0ken@127.0.0.1:9/b"/>'
        '<outline xmlUrl="http://bob:p%40ss%3Aw0rd@127.0.0.1:9/c"/>'
        "</body></opml>"
    )
    commands = [["import", str(opml)], ["feeds"], ["refresh"], ["export"]]
    run = run_case("cases_net:cli_against", tmp_path, routes={}, commands=commands)
    printed = everything(run.result)
    for secret in ("hunter2", "s3cr3tt0ken", "p%40ss", "w0rd"):
        assert secret not in printed


def test_sibling_the_app_never_shows_credentials(tmp_path: Path) -> None:
    urls = ["http://carol:t0psecret@{base}/ok", "http://dave:m00nlight@{base}/gone"]
    run = run_case("cases_net:app_against", tmp_path, routes=ROUTES, urls=urls)
    shown = " ".join([*run.result["sources"], run.result["status"]])
    shown += " ".join(part for note in run.result["notes"] for part in note)
    assert "t0psecret" not in shown and "m00nlight" not in shown
    assert any("…@" in prompt for prompt in run.result["sources"])


def test_redaction_helpers() -> None:
    assert strip_credentials("https://u:p@h.org:8/x?y=1") == "https://h.org:8/x?y=1"
    assert strip_credentials("https://h.org/x@y") == "https://h.org/x@y"
    line = redact_credentials("fetch https://u:p@ss@h.org/x failed; see http://a@b/")
    assert line == "fetch https://…@h.org/x failed; see http://…@b/"
