"""`newsreader show` exposes the stored document; local sources are told apart by their path."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsreader.sources.local import load_path
from newsreader.store import Store

MARKDOWN = """# Ferry fares rise

Fares rise [today](https://ferry.example/fares) at [the port](/port).
"We had no choice," said Ada Ruiz.

## What changes

- Adults pay more
  1. from Monday

```
indented code
  stays
```
"""

PODCAST = """<?xml version="1.0"?><rss version="2.0"><channel><title>Garden Hour</title>
<item><title>Episode 12</title><guid isPermaLink="false">ep-12</guid>
<pubDate>Sat, 30 Apr 2022 07:00:00 +0000</pubDate>
<enclosure url="https://media.example.org/ep12.mp3" length="62,447,386" type="audio/mpeg"/>
</item></channel></rss>"""


def cli(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NEWSREADER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def stored(tmp_path: Path, name: str, content: str) -> tuple[Path, int]:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    store = Store(data_dir / "newsreader.sqlite3")
    store.save_source(load_path(folder / name))
    (article_id,) = [row.id for row in store.rows()]
    store.close()
    return data_dir, article_id


def test_show_json_has_blocks_links_and_quotes(tmp_path: Path) -> None:
    data_dir, article_id = stored(tmp_path, "fares.md", MARKDOWN)
    shown = json.loads(cli(data_dir, "show", str(article_id), "--json").stdout)
    assert shown["title"] == "Ferry fares rise"
    assert [(b["kind"], b["text"]) for b in shown["blocks"]] == [
        ("paragraph", 'Fares rise today at the port. "We had no choice," said Ada Ruiz.'),
        ("heading", "What changes"),
        ("list_item", "Adults pay more"),
        ("list_item", "from Monday"),
        ("code", "indented code\n  stays"),
    ]
    assert shown["blocks"][1]["level"] == 2 and shown["blocks"][3]["level"] == 2
    assert shown["links"] == [
        {"text": "today", "url": "https://ferry.example/fares"},
        {"text": "the port", "url": "/port"},
    ]
    assert [(q["speaker"], q["kind"]) for q in shown["quotes"]] == [("Ada Ruiz", "statement")]
    assert set(shown) >= {"id", "source", "date", "link", "author", "enclosures", "posts"}


def test_show_text_numbers_links_and_lists_enclosures(tmp_path: Path) -> None:
    data_dir, article_id = stored(tmp_path, "garden.rss", PODCAST)
    shown = cli(data_dir, "show", str(article_id))
    assert shown.returncode == 0
    assert "[1] https://media.example.org/ep12.mp3" in shown.stdout
    as_json = json.loads(cli(data_dir, "show", str(article_id), "--json").stdout)
    assert as_json["enclosures"] == [
        {"url": "https://media.example.org/ep12.mp3", "type": "audio/mpeg", "length": 62447386}
    ]
    assert as_json["date"] == "2022-04-30T07:00:00+00:00"


def test_show_unknown_id_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data_dir, _ = stored(tmp_path, "fares.md", MARKDOWN)
    shown = cli(data_dir, "show", "999")
    assert shown.returncode == 2
    assert shown.stderr.strip().count("\n") == 0 and "999" in shown.stderr


def test_a_feed_file_alone_is_named_after_its_feed(tmp_path: Path) -> None:
    (tmp_path / "garden.rss").write_text(PODCAST, encoding="utf-8")
    assert load_path(tmp_path / "garden.rss").title == "Garden Hour"


def test_two_folders_with_the_same_name_stay_apart(tmp_path: Path) -> None:
    for parent, text in (("a", "First story. It is long enough."), ("b", "Other story.")):
        (tmp_path / parent / "news").mkdir(parents=True)
        (tmp_path / parent / "news" / "story.txt").write_text(f"Title\n\n{text}\n")
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(tmp_path / "a" / "news"))
    store.save_source(load_path(tmp_path / "b" / "news"))
    assert store.source_count() == 2
    assert store.count() == 2


def test_a_moved_folder_keeps_its_source_and_state(tmp_path: Path) -> None:
    (tmp_path / "a" / "news").mkdir(parents=True)
    for n in range(3):
        (tmp_path / "a" / "news" / f"s{n}.txt").write_text(f"Title {n}\n\nBody {n}.\n")
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(tmp_path / "a" / "news"))
    first = store.rows()[0]
    store.set_starred(first.id, True)
    shutil.move(tmp_path / "a" / "news", tmp_path / "b")
    store.save_source(load_path(tmp_path / "b"))
    assert (store.source_count(), store.count()) == (1, 3)
    assert store.state(first.id) == (False, True)
    (source,) = store.sources()
    assert source.key == f"local:{(tmp_path / 'b').resolve()}"


def test_extensionless_files_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("MIT License\n\nPermission is hereby granted.\n")
    (tmp_path / "Makefile").write_text("all:\n\techo hi\n")
    (tmp_path / "story.txt").write_text("Title\n\nBody.\n")
    source = load_path(tmp_path)
    assert [a.guid for a in source.articles] == ["story.txt"]
    assert source.errors == ()


def test_a_feed_title_is_stored_once_not_in_every_row(tmp_path: Path) -> None:
    items = "".join(f"<item><title>t{n}</title><guid>g{n}</guid></item>" for n in range(50))
    title = "Very Long Feed Title " * 10
    (tmp_path / "f.rss").write_text(f"<rss><channel><title>{title}</title>{items}</channel></rss>")
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(tmp_path / "f.rss"))
    assert {row.source_name for row in store.rows()} == {title.strip()}
    store.close()
    connection = sqlite3.connect(tmp_path / "db.sqlite3")
    stored = {name for (name,) in connection.execute("SELECT source_name FROM articles")}
    connection.close()
    assert stored == {""}


def test_a_version_3_store_upgrades_keeping_bodies_state_and_rekeying_local_sources(
    tmp_path: Path,
) -> None:
    from newsreader.store.schema import SCHEMA_V1, SCHEMA_V2, SCHEMA_V3

    path = tmp_path / "db.sqlite3"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Old title\n\nFirst paragraph.\n\nSecond paragraph.\n")
    with sqlite3.connect(path) as connection:
        for script in (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3):
            connection.executescript(script)
        connection.execute(
            "INSERT INTO sources (id, key, title, location, added_at) "
            "VALUES (1, 'local:news', 'news', ?, 0)",
            (str(folder.resolve()),),
        )
        connection.execute(
            "INSERT INTO articles (id, source_id, guid, source_name, title, sort_key, location, "
            "content_hash, read, starred, added_at) "
            "VALUES (7, 1, 'a.txt', 'news', 'Old title', 10, 'x', 'x', 1, 1, 0)"
        )
        connection.execute(
            "INSERT INTO bodies (article_id, body) VALUES (7, 'First paragraph.\n\nSecond.')"
        )
        connection.execute("PRAGMA user_version = 3")
    connection.close()

    store = Store(path)
    article = store.article(7)
    assert article is not None
    assert article.paragraphs == ("First paragraph.", "Second.")
    assert store.state(7) == (True, True)
    (source,) = store.sources()
    assert source.key == f"local:{folder.resolve()}"
    # Importing the folder again finds the same source and article: state kept, nothing doubled.
    store.save_source(load_path(folder))
    assert (store.source_count(), store.count(), store.state(7)) == (1, 1, (True, True))
    assert (tmp_path / "db.sqlite3.v3.bak").exists()


def test_a_file_name_that_is_not_utf8_costs_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text("Good\n\nBody.\n")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as file:
        file.write(b"Cafe\n\nBody.\n")
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(folder))
    assert sorted(row.title for row in store.rows()) == ["Cafe", "Good"]
    store.save_source(load_path(folder))  # the same identity the second time
    assert store.count() == 2


def test_lone_surrogates_in_a_feed_never_reach_the_store(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(
        '{"version": "1.1", "title": "T\\ud800", "items": [{"id": "a\\udc00",'
        ' "title": "bad \\ud800 title", "content_text": "x \\udfff y"}]}'
    )
    store = Store(tmp_path / "db.sqlite3")
    store.save_source(load_path(tmp_path / "f.json"))
    (row,) = store.rows()
    assert row.title == "bad title"


def test_markdown_front_matter_gives_title_and_date(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        '---\ntitle: "Ferry fares rise"\ndate: 2025-11-05\ntags: [a, b]\n---\n\nBody text.\n'
    )
    (article,) = load_path(tmp_path / "post.md").articles
    assert article.title == "Ferry fares rise"
    assert article.published is not None and article.published.year == 2025
    assert article.paragraphs == ("Body text.",)


def test_a_markdown_table_keeps_its_rows_and_cells_apart(tmp_path: Path) -> None:
    (tmp_path / "t.md").write_text("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n")
    (article,) = load_path(tmp_path / "t.md").articles
    assert article.paragraphs == ("a | b", "1 | 2", "After.")
