"""Kinds 4 and 15: OPML import takes web feeds only, in linear time, at any nesting depth."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.hostile.harness import run_case

CLOSED_PORT = "http://127.0.0.1:9"
"""Nothing listens there: a refresh fails at once without leaving the machine."""


def opml(body: str) -> str:
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>\n'


def sources(home: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(home / "data" / "newsreader.sqlite3")
    rows = connection.execute("SELECT kind, location FROM sources ORDER BY id").fetchall()
    connection.close()
    return rows


def test_issue_instance_local_targets_are_refused_one_line_each(tmp_path: Path) -> None:
    refused = ["file:///etc/passwd", "~/.ssh", "/dev/zero"]
    outlines = [f'<outline text="bad{n}" xmlUrl="{url}"/>' for n, url in enumerate(refused)]
    outlines.append(f'<outline text="good" xmlUrl="{CLOSED_PORT}/feed.xml"/>')
    path = tmp_path / "subs.opml"
    path.write_text(opml("".join(outlines)))
    run = run_case("cases_cli:cli", tmp_path, commands=[["import", str(path)], ["refresh"]])
    imported, refreshed = run.result
    assert imported["code"] == 0
    errors = imported["err"].splitlines()
    assert len(errors) == 3
    for url, line in zip(refused, errors, strict=True):
        assert url in line and "http" in line
    assert sources(tmp_path) == [("feed", f"{CLOSED_PORT}/feed.xml")]
    assert "root:" not in refreshed["out"] + refreshed["err"]


def test_sibling_local_spellings_are_refused_and_the_rest_imported(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("date 2026-01-01 Secret\n\nTOPSECRET body.\n")
    refused = [
        "FILE:///etc/shadow",
        "file:secret.txt",
        "secret.txt",
        "./secret.txt",
        "../../etc/hostname",
        "/proc/self/environ",
        "~",
        "feed:///etc/passwd",
        "javascript:alert(1)",
        "http:///no-host",
        "https://example.org:99999/feed",
    ]
    outlines = [f'<outline text="bad" xmlUrl="{url}"/>' for url in refused]
    outlines += [
        f'<outline text="folder"><outline text="ok" xmlUrl="{CLOSED_PORT}/a"/></outline>',
        '<outline text="feed scheme" xmlUrl="feed://127.0.0.1:9/b"/>',
    ]
    path = tmp_path / "subs.opml"
    path.write_text(opml("".join(outlines)))
    run = run_case("cases_cli:cli", tmp_path, commands=[["import", str(path)], ["refresh"]])
    imported, refreshed = run.result
    assert len(imported["err"].splitlines()) == len(refused)
    assert "port out of range" in imported["err"]
    assert sources(tmp_path) == [("feed", f"{CLOSED_PORT}/a"), ("feed", f"{CLOSED_PORT}/b")]
    assert "TOPSECRET" not in refreshed["out"]


def test_issue_instance_100k_outlines_import_in_seconds(tmp_path: Path) -> None:
    body = "".join(
        f'<outline text="Feed {n}" type="rss" xmlUrl="https://example.org/{n}.xml"/>'
        for n in range(100_000)
    )
    path = tmp_path / "big.opml"
    path.write_text(opml(body))
    run = run_case(
        "cases_cli:cli",
        tmp_path,
        commands=[["import", str(path)]],
    )
    assert "Imported 100000 new" in run.result[0]["out"]
    assert run.result[0]["seconds"] < 10
    print(f"100k outlines: {run.result[0]['seconds']:.1f} s, +{run.extra_mib:.0f} MiB")


def test_sibling_5000_nested_outlines_import_and_export(tmp_path: Path) -> None:
    depth = 5_000
    body = '<outline text="f">' * depth
    body += f'<outline text="deep" xmlUrl="{CLOSED_PORT}/deep"/>' + "</outline>" * depth
    path = tmp_path / "deep.opml"
    path.write_text(opml(body))
    run = run_case("cases_cli:cli", tmp_path, commands=[["import", str(path)], ["export"]])
    imported, exported = run.result
    assert "Imported 1 new" in imported["out"]
    assert exported["code"] == 0 and f"{CLOSED_PORT}/deep" in exported["out"]


def test_sibling_reimporting_a_big_list_is_linear_too(tmp_path: Path) -> None:
    body = "".join(f'<outline xmlUrl="https://example.org/{n}"/>' for n in range(50_000))
    path = tmp_path / "again.opml"
    path.write_text(opml(body))
    run = run_case("cases_cli:cli", tmp_path, commands=[["import", str(path)]] * 2)
    assert "Imported 0 new subscriptions (50000 already there)" in run.result[1]["out"]


def test_sibling_huge_urls_are_refused_and_huge_titles_capped(tmp_path: Path) -> None:
    outlines = f'<outline text="x" xmlUrl="https://example.org/{"a" * 100_000}"/>'
    outlines += f'<outline text="{"T" * 1_000_000}" xmlUrl="{CLOSED_PORT}/ok"/>'
    path = tmp_path / "huge.opml"
    path.write_text(opml(outlines))
    run = run_case("cases_cli:cli", tmp_path, commands=[["import", str(path)], ["feeds"]])
    imported, feeds = run.result
    assert "longer than" in imported["err"] and len(imported["err"]) < 1000
    assert "Imported 1 new" in imported["out"] and len(feeds["out"]) < 2000
