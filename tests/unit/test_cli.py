"""The command line, run as a real process against a real database in a temp folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import __version__

SEED_TEXT = """date 2026-10-12 Harbour Gazette

The Kellan Bay bridge will reopen on Friday after three weeks of repairs.

“We will reopen the bridge by Friday,” said Mayor Dana Ortiz.

Stay off the river paths tonight. — Valley Weather (@valleywx) October 11, 2026
"""


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"newsreader {__version__}"
    help_text = run("--help").stdout
    assert "usage: newsreader" in help_text and "list" in help_text


def test_list_json_on_first_run_shows_the_samples_newest_first() -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) >= 8
    assert set(articles[0]) >= {"id", "source", "title", "date", "read", "starred", "path_or_url"}
    dates = [article["date"] for article in articles if article["date"]]
    assert dates == sorted(dates, reverse=True)
    assert not any(article["read"] for article in articles)


def test_list_unread_leaves_out_read_articles(tmp_path: Path) -> None:
    from newsreader import paths
    from newsreader.store import Store

    run("list")  # first run imports the samples
    store = Store(paths.database_path())
    first = store.rows(limit=1)[0]
    store.set_read(first.id, True)
    store.close()
    unread = json.loads(run("list", "--unread", "--json").stdout)
    everything = json.loads(run("list", "--json").stdout)
    assert len(unread) == len(everything) - 1
    assert first.id not in {article["id"] for article in unread}
    plain = run("list").stdout.splitlines()
    assert len(plain) == len(everything)


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = run(str(missing))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"newsreader: {missing}: no such file or folder"]


def test_extract_json_reports_quotes_and_posts(tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(SEED_TEXT, encoding="utf-8")
    result = run("extract", str(article), "--json")
    assert result.returncode == 0, result.stderr
    (found,) = json.loads(result.stdout)
    assert found["source"] == str(article)
    assert found["title"].startswith("The Kellan Bay bridge")
    quote = found["quotes"][0]
    assert quote["text"] == "We will reopen the bridge by Friday,"
    assert quote["speaker"] == "Dana Ortiz"
    assert quote["kind"] == "statement"
    (tweet,) = found["tweets"]
    assert (tweet["handle"], tweet["date"]) == ("valleywx", "2026-10-11")
    human = run("extract", str(article)).stdout
    assert "Dana Ortiz" in human and "@valleywx" in human


def test_corrupt_database_gets_a_clear_message_and_is_kept() -> None:
    from newsreader import paths

    database = paths.database_path()
    database.write_bytes(b"not a database at all" * 50)
    result = run("list")
    assert result.returncode == 1
    assert "left untouched" in result.stderr
    assert database.read_bytes() == b"not a database at all" * 50


@pytest.mark.slow
def test_wheel_ships_the_sample_feeds(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path), str(repo)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("newsreader-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    samples = [name for name in names if name.startswith("newsreader/sample_feeds/")]
    assert any(name.endswith(".txt") for name in samples)
    assert any(name.endswith(".rss") for name in samples)
    assert "newsreader/ui/newsreader.tcss" in names


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    words = "the council will reopen the bridge on Friday after repairs " * 8
    for number in range(300):
        story = f"Story {number}: {words}\n\n“{words}{number},” said Mayor Dana Ortiz.\n"
        (folder / f"s{number}.txt").write_text(story)
    assert run("add", str(folder)).returncode == 0
    assert run("index", "--quiet").returncode == 0
    commands = [["list"], ["list", "--json"], ["export-quotes"], ["search", "bridge"]]
    commands += [["export-quotes", "--format", fmt] for fmt in ("json", "csv")]
    for command in commands:
        # Each prints well over a pipe's 64 KiB, so writing goes on after the reader has gone.
        process = subprocess.Popen(
            [sys.executable, "-m", "newsreader", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()  # as `| head -c 100` does
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0, (command, stderr)
        assert stderr == "", (command, stderr)


def test_help_lists_every_command_on_one_line_each() -> None:
    from newsreader.cli import build_parser

    _, commands = build_parser()
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=60,
    )
    lines = result.stdout.splitlines()
    listed = lines[lines.index("  COMMAND") + 1 :]
    listed = listed[: listed.index("")]
    assert [line.split()[0] for line in listed] == commands  # no summary wraps to a 2nd line
    for line in listed:
        assert len(line.split()) > 2 and len(line) <= 80, line


def test_every_command_has_its_own_help() -> None:
    from newsreader.cli import build_parser

    _, commands = build_parser()
    for command in commands:
        result = run(command, "--help")
        assert result.returncode == 0 and f"usage: newsreader {command}" in result.stdout


def test_verbose_prints_the_log_on_stderr_and_the_log_file_keeps_it() -> None:
    quiet = run("show", "987654")
    assert quiet.returncode == 2
    assert quiet.stderr == "newsreader: no article 987654 (see `newsreader list`)\n"
    loud = run("show", "987654", "--verbose")
    assert "WARNING" in loud.stderr and loud.stderr.endswith(
        "no article 987654 (see `newsreader list`)\n"
    )
    log_file = Path(os.environ["NEWSREADER_LOG_DIR"]) / "newsreader.log"
    assert log_file.read_text(encoding="utf-8").count("no article 987654") == 2


def test_removing_the_samples_sticks() -> None:
    assert run("list").stdout  # the first run imports the samples
    feeds = run("feeds").stdout.splitlines()[1:]
    assert feeds
    for row in feeds:
        assert run("remove", row.split("\t")[0]).returncode == 0
    assert run("list").stdout == "" and run("feeds").stdout.count("\n") == 1
