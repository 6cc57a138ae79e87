"""Query feeds, killfiles, feed settings, show --format and piping, through the real command
line and a real store; piping runs a real command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader import paths
from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.services.article_export import pipe_article, render, save_markdown
from newsreader.store import Store

BODY = [
    "The ferry to Kellan Bay resumes on Monday.",
    "“We will run every hour,” said Ada Ruiz.",
    "<script>alert(1)</script> & more",
]


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


@pytest.fixture
def store() -> Store:
    """Six articles in the user's (temporary) database; two are sponsored."""
    store = Store(paths.database_path())
    drafts = tuple(
        ArticleDraft(
            f"g{n}",
            ("Sponsored: " if n in (1, 4) else "") + f"Harbour news {n}",
            "",
            Document.from_paragraphs(BODY if n == 0 else [f"Plain text {n}."]),
            published=datetime(2026, 11, 10 + n, tzinfo=UTC),
            link=f"https://news.example/{n}",
            location=f"/n/{n}",
        )
        for n in range(6)
    )
    url = "https://news.example/feed"
    store.save_source(SourceDraft(url, "Harbour Post", url, drafts), kind="feed")
    return store


def write_config(text: str) -> Path:
    path = paths.config_path()
    path.write_text(text, encoding="utf-8")
    return path


def listed(*arguments: str) -> list[str]:
    result = run("list", "--json", *arguments)
    assert result.returncode == 0, result.stderr
    return [item["title"] for item in json.loads(result.stdout)]


def test_filter_query_and_ignored_from_the_shell(store: Store) -> None:
    write_config(
        "[[query]]\ntitle = \"Ferry\"\nfilter = 'text ~ ferry'\n\n"
        "[[ignore]]\nfilter = 'title ~ \"sponsored\"'\n"
    )
    assert listed("--filter", "text ~ ferry") == ["Harbour news 0"]
    assert listed("--query", "Ferry") == ["Harbour news 0"]
    assert listed() == ["Harbour news 5", "Harbour news 3", "Harbour news 2", "Harbour news 0"]
    assert listed("--ignored") == ["Sponsored: Harbour news 4", "Sponsored: Harbour news 1"]
    assert listed("--filter", "date < 2026-11-12") == ["Harbour news 0"]
    assert listed("--filter", 'title = "x\' OR 1=1 --"') == []
    searched = run("search", "news", "--json")
    assert sorted(item["title"] for item in json.loads(searched.stdout)) == [
        "Harbour news 0", "Harbour news 2", "Harbour news 3", "Harbour news 5"
    ]  # fmt: skip
    feeds = run("feeds").stdout.splitlines()[1].split("\t")
    assert feeds[3] == "4"  # the hidden two are not unread


def test_a_speaker_filter_says_when_quotes_are_still_being_found(store: Store) -> None:
    """Quotes are indexed after the save: until then a speaker filter says so, not just []."""
    result = run("list", "--json", "--filter", 'speaker = "Ada Ruiz"')
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert "6 articles still waiting for quote analysis" in result.stderr
    assert "waiting" not in run("list", "--filter", "title ~ ferry").stderr
    assert run("index").returncode == 0
    result = run("list", "--json", "--filter", 'speaker = "Ada Ruiz"')
    assert [item["title"] for item in json.loads(result.stdout)] == ["Harbour news 0"]
    assert result.stderr == ""


def test_the_killfile_hides_quotes_too(store: Store) -> None:
    """Quotes of hidden articles stay out of export-quotes and the speakers' counts."""
    assert run("index").returncode == 0
    assert "Ada Ruiz" in run("export-quotes", "--format", "csv").stdout
    write_config("[[ignore]]\nfilter = 'text ~ ferry'\n")
    assert "Ada Ruiz" not in run("export-quotes", "--format", "csv").stdout
    assert "Ada Ruiz" not in run("export-quotes", "--speaker", "ruiz").stdout
    hidden = ("id IN (SELECT id FROM articles WHERE title = ?)", ("Harbour news 0",))
    assert [count.speaker for count in store.speakers(hidden=hidden)] == []
    assert store.quotes_by("Ada Ruiz", hidden=hidden) == []
    assert [quote.speaker for quote in store.quotes_by("Ada Ruiz")] == ["Ada Ruiz"]


def test_bad_filters_and_unknown_queries_are_one_line_exit_2(store: Store) -> None:
    result = run("list", "--filter", "title ~")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "newsreader: --filter column 8: expected a value after ~, not the end"
    )
    result = run("list", "--query", "Nope")
    assert result.returncode == 2 and "no query feed 'Nope'" in result.stderr
    write_config("[[query]]\ntitle = \"Broken\"\nfilter = 'colour = red'\n")
    result = run("list")
    assert result.returncode == 0
    assert "config.toml:1: [[query]] filter column 1: unknown field 'colour'" in result.stderr


def test_feed_settings_from_the_shell(store: Store) -> None:
    result = run("feed", "https://news.example/feed", "--set", "title=Post", "--set",
                 "paused=on", "--full-text", "on", "--set", "keep_days=14")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "feed 1: Post" in result.stdout and "keep_days      14" in result.stdout
    row = run("feeds").stdout.splitlines()[1].split("\t")
    assert row[1] == "Post"
    assert row[-1] == "paused, keep 14 d, full text"
    assert listed()[0] == "Harbour news 5"
    assert json.loads(run("list", "--json").stdout)[0]["source"] == "Post"
    bad = run("feed", "1", "--set", "paused=perhaps")
    assert bad.returncode == 2 and "paused is on or off" in bad.stderr
    assert run("feed", "99").returncode == 2


@pytest.mark.parametrize("kind", ["md", "txt", "html"])
def test_show_format_lists_the_quotes_at_the_end(store: Store, kind: str) -> None:
    first = store.rows()[-1]
    result = run("show", str(first.id), "--format", kind)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Harbour news 0" in text
    quotes_at = text.index("Quotes")
    assert "Ada Ruiz" in text[quotes_at:] and "We will run every hour" in text[quotes_at:]
    if kind == "html":
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert '<a href="https://news.example/0">' in text


def test_save_never_overwrites_and_pipe_runs_a_real_command(store: Store, tmp_path: Path) -> None:
    article = store.article(store.rows()[-1].id)
    assert article is not None
    first = save_markdown(article, tmp_path / "saved")
    second = save_markdown(article, tmp_path / "saved")
    assert first.name == "2026-11-10-harbour-news-0.md"
    assert second.name == "2026-11-10-harbour-news-0-2.md"
    assert first.read_text(encoding="utf-8") == render(article, "md")
    words = len(render(article, "md").split())
    count_words = "import sys; print(len(sys.stdin.read().split()))"
    counted = pipe_article(f"{sys.executable} -c '{count_words}'", render(article, "md"))
    assert counted.ok and counted.line == str(words)
    failing = pipe_article(
        f"{sys.executable} -c 'import sys; sys.stderr.write(\"no room\\n\"); sys.exit(3)'", "x"
    )
    assert not failing.ok and failing.line.endswith("exited with 3: no room")
    missing = pipe_article("no-such-command-here --flag", "x")
    assert not missing.ok and missing.line == "no-such-command-here: command not found"
    # No shell: `;` and `$(...)` are arguments, not commands.
    echoed = pipe_article("echo hi; touch $(pwd)/pwned", "x")
    assert echoed.ok and echoed.line == "hi; touch $(pwd)/pwned"
    assert not Path("pwned").exists()
