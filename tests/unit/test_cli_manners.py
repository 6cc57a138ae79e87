"""What a tester found in the command line and the filter language: ids, exit codes, a
mistyped command, the source a filter matches, config warnings, plurals. The commands run
as real processes against a real database in a temp folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader import paths
from newsreader.cli import build_parser, unknown_command
from newsreader.config import load_config
from newsreader.models import ArticleDraft, Document, SourceDraft, parse_row_id
from newsreader.store import Store
from newsreader.text import plural

README = Path(__file__).resolve().parents[2] / "README.md"
TOO_LARGE = "99999999999999999999999"


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        cwd=cwd,
    )


@pytest.fixture
def store() -> Store:
    """An aggregator feed whose entries carry their own source names, and an undated one."""
    store = Store(paths.database_path())
    drafts = (
        ArticleDraft("a", "Pier opens", "Lakeshore Tribune", Document.from_paragraphs(["x"]),
                     published=datetime(2026, 11, 29, tzinfo=UTC)),
        ArticleDraft("b", "Dam report", "Valley Courier", Document.from_paragraphs(["y"]),
                     published=datetime(2026, 11, 28, tzinfo=UTC)),
        ArticleDraft("c", "Undated note", "Planet Local", Document.from_paragraphs(["z"])),
    )  # fmt: skip
    url = "https://planet.example/feed"
    store.save_source(SourceDraft(url, "Planet Local", url, drafts), kind="feed")
    return store


def listed(*arguments: str) -> list[str]:
    result = run("list", "--json", *arguments)
    assert result.returncode == 0, result.stderr
    return [item["title"] for item in json.loads(result.stdout)]


def test_source_matches_what_the_list_shows_as_the_source(store: Store) -> None:
    shown = run("list").stdout
    assert "Lakeshore Tribune" in shown
    assert listed("--filter", 'source = "Lakeshore Tribune"') == ["Pier opens"]
    assert listed("--filter", 'source = "lakeshore tribune"') == ["Pier opens"]
    assert listed("--filter", "source ~ courier") == ["Dam report"]
    assert listed("--filter", 'source != "Lakeshore Tribune"') == ["Undated note", "Dam report"]
    # The feed's own title still matches every entry of the feed.
    assert len(listed("--filter", 'source = "Planet Local"')) == 3
    assert len(listed("--filter", "source ~ planet")) == 3


def test_undated_articles_match_no_date(store: Store) -> None:
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    assert listed("--filter", f"date = {today}") == []
    assert listed("--filter", "date >= 2026-01-01") == ["Pier opens", "Dam report"]
    assert listed("--filter", "date != 2026-11-29") == ["Dam report"]
    assert "Undated note" in listed("--filter", "age < 1d")  # age counts from first seen


def test_query_feed_titles_in_any_case_and_empty_contains(store: Store) -> None:
    paths.config_path().write_text(
        "[[query]]\ntitle = \"Quoted: the Mayor\"\nfilter = 'title ~ pier'\n"
        "[[query]]\ntitle = \"Dams\"\nfilter = 'title ~ dam'\n"
        "[[query]]\ntitle = \"DAMS\"\nfilter = 'title ~ report'\n",
        encoding="utf-8",
    )
    assert listed("--query", "quoted: the mayor") == ["Pier opens"]
    assert listed("--query", "DAMS") == ["Dam report"]  # written exactly so: that one
    ambiguous = run("list", "--query", "dams")
    assert ambiguous.returncode == 2 and "'Dams' and 'DAMS' differ only by case" in ambiguous.stderr
    for field in ("text", "title", "source", "speaker", "quote"):
        refused = run("list", "--filter", f'{field} ~ ""')
        assert refused.returncode == 2
        assert f"column {len(field) + 4}: empty value after ~" in refused.stderr


def test_list_prints_the_id_that_show_takes(store: Store) -> None:
    lines = run("list").stdout.splitlines()
    ids = [item["id"] for item in json.loads(run("list", "--json").stdout)]
    assert [int(line.split()[0]) for line in lines] == ids
    assert run("show", lines[0].split()[0]).stdout.startswith("Undated note\n")


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (("show", TOO_LARGE), f"no article {TOO_LARGE}"),
        (("show", "9999"), "no article 9999"),
        (("show", "abc"), "no article abc"),
        (("feed", TOO_LARGE), f"no feed '{TOO_LARGE}'"),
        (("feed", "99"), "no feed '99'"),
        (("remove", TOO_LARGE), f"{TOO_LARGE}: no such subscription"),
        (("remove", "999"), "999: no such subscription"),
        (("feed", "٣"), "no feed '٣'"),
    ],
)
def test_an_id_that_names_nothing_exits_2(
    store: Store, arguments: tuple[str, ...], said: str
) -> None:
    result = run(*arguments)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"newsreader: {said}") and "unexpected" not in result.stderr


def test_one_id_parser() -> None:
    assert parse_row_id("42") == 42
    assert parse_row_id(str(2**63 - 1)) == 2**63 - 1
    for text in (str(2**63), TOO_LARGE, "0", "-1", "+1", " 1", "٣", "1.0", ""):
        assert parse_row_id(text) is None, text


def test_a_mistyped_command_is_named_with_the_closest_ones(tmp_path: Path) -> None:
    result = run("lsit", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "newsreader: unknown command 'lsit'; did you mean list?\n"
    bogus = run("bogus", cwd=tmp_path)
    assert bogus.returncode == 2 and "unknown command 'bogus'" in bogus.stderr
    assert "refresh" in bogus.stderr  # nothing close: the commands are listed
    # A path is still a path: a missing file with a dot or a slash is "no such file".
    assert "no such file" in run("notes.txt", cwd=tmp_path).stderr


def test_an_existing_path_that_looks_like_a_command_is_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, commands = build_parser()
    monkeypatch.chdir(tmp_path)
    assert unknown_command(["notes"], commands) is not None
    (tmp_path / "notes").mkdir()
    assert unknown_command(["notes"], commands) is None
    assert unknown_command(["-v", "feeds"], commands) is None


def test_remove_and_add_say_how_to_undo_a_failed_first_fetch() -> None:
    result = run("add", "http://127.0.0.1:1/feed.xml")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    found = re.search(r"subscribed \(id (\d+)\), but the first fetch failed: .+; "
                      r"newsreader remove (\d+) undoes it$", line)  # fmt: skip
    assert found is not None and found.group(1) == found.group(2), line
    assert "127.0.0.1:1" in run("feeds").stdout  # kept: a feed can be down for a while
    assert run("remove", found.group(1)).returncode == 0


def test_refresh_says_which_feeds_are_paused_in_good_grammar(tmp_path: Path) -> None:
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.txt").write_text(f"News from {name}.\n\nThe ferry runs.\n", "utf-8")
        assert run("add", str(folder)).returncode == 0
    feeds = run("feeds").stdout.splitlines()[1:]
    paused_id = next(line.split("\t")[0] for line in feeds if line.split("\t")[1] == "two")
    assert run("feed", paused_id, "--set", "paused=on").returncode == 0
    result = run("refresh")
    assert result.returncode == 0, result.stderr
    assert "1 source: 0 new articles" in result.stdout
    assert f"1 paused (newsreader feed {paused_id} --set paused=off)" in result.stdout


def test_plural() -> None:
    assert plural(1, "article") == "1 article"
    assert plural(0, "source") == "0 sources"
    assert plural(1200, "article") == "1,200 articles"


def test_readme_config_examples_load_without_warnings(tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    for number, block in enumerate(blocks):
        path = tmp_path / f"config{number}.toml"
        path.write_text(block, encoding="utf-8")
        _, warnings = load_config(path)
        assert warnings == [], block


def test_settings_written_under_a_table_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[ignore]]\nfilter = \'title ~ "sponsored"\'\nsave_folder = "~/x"\npipe_to = "wc"\n'
        "\n[[ignore]]\nfiltr = 'title ~ x'\n\n[[query]]\ntitle = \"Q\"\nfilter = 'read'\n"
        "colour = 1\n",
        encoding="utf-8",
    )
    config, warnings = load_config(path)
    assert config.ignores == () and config.queries == ()
    first, second, third = warnings
    assert first.startswith(f"{path}:1: [[ignore]] unknown keys 'pipe_to', 'save_folder'")
    assert "above the first [[...]] table" in first
    assert second.startswith(f"{path}:6: [[ignore]] unknown key 'filtr'")
    assert "needs filter" in second
    assert third.startswith(f"{path}:9: [[query]] unknown key 'colour'")
    assert "above the first" not in third


def test_config_prints_each_warning_once() -> None:
    paths.config_path().write_text(
        "bogus = 1\nmax_connections = 9999\n[[ignore]]\nfiltr = 'x'\n", encoding="utf-8"
    )
    result = run("config")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and len(set(lines)) == 3, lines
    assert all(line.startswith("warning: ") for line in lines)
