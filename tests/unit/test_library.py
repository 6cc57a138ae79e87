"""Local imports streamed part by part and parsed in processes give what a plain load gives."""

from __future__ import annotations

from pathlib import Path

from newsreader.services.library import save_local
from newsreader.sources.local import PARALLEL_BYTES, iter_source_parts, load_path
from newsreader.store import Store


def feed_folder(folder: Path, files: int, items: int) -> Path:
    folder.mkdir()
    body = "<p>" + "A sentence of body text for the import. " * 20 + "</p>"
    for number in range(files):
        entries = "".join(
            f"<item><title>Story {number}-{n}</title><guid>g{number}-{n}</guid>"
            f"<description>{body.replace('<', '&lt;')}</description></item>"
            for n in range(items)
        )
        text = f"<rss><channel><title>Feed {number}</title>{entries}</channel></rss>"
        (folder / f"f{number:03}.rss").write_text(text)
    (folder / "notes.md").write_text("# Notes\n\nA local note.\n")
    return folder


def test_parts_parsed_in_processes_match_a_plain_load(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=12, items=200)
    assert sum(p.stat().st_size for p in folder.iterdir()) > PARALLEL_BYTES
    whole = load_path(folder)
    parts = list(iter_source_parts(folder, workers=2))
    assert len(parts) > 2 and {p.key for p in parts} == {whole.key}
    streamed = [a.guid for part in parts for a in part.articles]
    assert streamed == [a.guid for a in whole.articles]
    assert len(streamed) == 12 * 200 + 1


def test_save_local_saves_every_part_and_reports_errors_once(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=3, items=5)
    (folder / "broken.rss").write_text("<rss><channel><title>x")
    store = Store(tmp_path / "db.sqlite3")
    saved = save_local(store, folder)
    assert (saved.added, store.count(), store.source_count()) == (16, 16, 1)
    assert len(saved.errors) == 1 and "broken.rss" in saved.errors[0]
    again = save_local(store, folder)
    assert (again.added, again.unchanged) == (0, 16)
