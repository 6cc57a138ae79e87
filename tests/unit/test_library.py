"""Local imports streamed part by part and parsed in processes give what a plain load gives."""

from __future__ import annotations

import os
from pathlib import Path

from newsreader.services.library import save_local
from newsreader.sources.local import PARALLEL_BYTES, iter_source_parts, load_path
from newsreader.store import Store
from newsreader.store.rows import encode_article


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
    streamed = [a.guid for part in parts for a in part.encoded]
    assert streamed == [a.guid for a in whole.articles]
    # Encoded in the workers exactly as the writer would encode the drafts itself.
    assert [a for part in parts for a in part.encoded] == [
        encode_article(a) for a in whole.articles
    ]
    assert len(streamed) == 12 * 200 + 1


def test_save_local_saves_every_part_and_reports_errors_once(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=3, items=5)
    (folder / "broken.rss").write_text("<rss><channel><title>x")
    store = Store(tmp_path / "db.sqlite3")
    saved = save_local(store, folder)
    assert (saved.added, store.count(), store.source_count()) == (16, 16, 1)
    assert len(saved.errors) == 1 and "broken.rss" in saved.errors[0]
    again = save_local(store, folder)
    assert (again.added, again.updated) == (0, 0)
    assert len(again.errors) == 1 and "broken.rss" in again.errors[0]


def test_a_rescan_reads_only_the_files_that_changed(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=3, items=2)
    store = Store(tmp_path / "db.sqlite3")
    save_local(store, folder)
    untouched, edited = folder / "f000.rss", folder / "f001.rss"
    # Same size and modification time: taken as unchanged, so its new text is not read.
    stat = untouched.stat()
    untouched.write_text(untouched.read_text().replace("Story 0-0", "Story X-0"))
    os.utime(untouched, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edited.write_text(edited.read_text().replace("Story 1-0", "Story 1-0, updated"))
    again = save_local(store, folder)
    assert (again.added, again.updated) == (0, 1)
    titles = {row.title for row in store.rows(limit=100)}
    assert "Story 1-0, updated" in titles and "Story 0-0" in titles


def test_a_file_that_gave_nothing_is_read_again(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=1, items=1)
    broken = folder / "broken.rss"
    broken.write_text("<rss><channel><title>x")
    store = Store(tmp_path / "db.sqlite3")
    save_local(store, folder)
    assert set(store.local_files(save_local(store, folder).key)) == {"f000.rss", "notes.md"}
    broken.chmod(0o644)  # a fix that leaves the modification time alone
    stat = broken.stat()
    broken.write_text("<rss><channel><item><title>Now fine</title></item></channel></rss>")
    os.utime(broken, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert save_local(store, folder).added == 1


def test_progress_counts_the_files_read_and_the_files_skipped(tmp_path: Path) -> None:
    folder = feed_folder(tmp_path / "feeds", files=3, items=2)
    store = Store(tmp_path / "db.sqlite3")
    seen: list[tuple[int, int]] = []
    save_local(store, folder, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4) and [done for done, _ in seen] == sorted(done for done, _ in seen)
    seen.clear()
    save_local(store, folder, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(4, 4)]
