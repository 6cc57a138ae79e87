"""Articles from local files and folders: the seed text format, Markdown, HTML and feeds.

A folder is one source, keyed by its resolved path (`local:/home/ada/news`), so two folders of
the same name stay apart; the store recognises a moved folder by its articles
(`Store.save_source`). A text file belongs to its folder's source, so opening a file or its
folder gives the same identities; a feed file added on its own is a source of its own, named
after the feed. An article's guid is its path relative to the folder.

Walking a folder reads regular files only (FIFOs, devices and sockets are skipped, so nothing
blocks or reads forever), follows no symlink that leads out of the folder, and goes at most
`MAX_DEPTH` folders deep, iteratively.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import logging
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

from newsreader.ingest.dates import parse_date
from newsreader.ingest.decode import decode_bytes
from newsreader.ingest.feeds import looks_like_feed, parse_feed
from newsreader.ingest.formats import (
    ARTICLE_SUFFIXES,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    source_folder,
)
from newsreader.ingest.html import parse_html_page
from newsreader.ingest.markdown import parse_markdown
from newsreader.ingest.pages import main_document
from newsreader.ingest.textformats import (
    SeedArticle,
    parse_plain_text,
    split_dateline,
)
from newsreader.models import (
    ArticleDraft,
    BlockKind,
    Document,
    LocalFile,
    SourceDraft,
)
from newsreader.store.rows import PlainRow, from_plain_rows, plain_rows
from newsreader.text import clean_line, derive_title

__all__ = [
    "LocalFileError",
    "iter_source_parts",
    "load_file",
    "load_path",
    "local_source",
    "reader_version",
]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused: nobody writes a 64 MiB article, and reading it would stall."""
MAX_FEED_BYTES = 20 * 1024 * 1024
"""Larger feed files are refused (as over HTTP)."""
MAX_DEPTH = 32
"""Folders deeper than this below the added one are not read."""
MAX_FILES = 200_000
PART_FILES = 32
"""Files read per part of a streamed import: each part is parsed, saved and let go."""
PART_BYTES = 512 * 1024
"""Bytes of files per part, so large feed files spread over the workers too."""
PARALLEL_BYTES = 2 * 2**20
"""Folders holding more than this are parsed in worker processes, one part per task (measured
on an idle 2-core machine, 60 feed files of 500 entries: 4.5 s, against 7.6-8.1 s here)."""


class LocalFileError(Exception):
    """A file that cannot be turned into articles; the message says why."""


def _shown(path: Path | str) -> str:
    """A path as it may appear in a message: escape sequences and controls removed."""
    return clean_line(os.fsdecode(str(path)).encode("utf-8", "replace").decode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Files


def decode_text(data: bytes) -> str:
    """Decode a text file: BOM, declared charset, UTF-8, else detected.

    Raises:
        LocalFileError: When the bytes are binary (NUL bytes without a UTF-16/32 BOM).
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LocalFileError("binary file (contains NUL bytes)")
    return decode_bytes(data, markup="html").text


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, opened without following it into a FIFO or device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise LocalFileError(f"cannot read: {error.strerror or error}") from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise LocalFileError("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise LocalFileError(f"too large ({info.st_size // (1024 * 1024)} MiB)")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise LocalFileError(f"cannot read: {error.strerror or error}") from error
    finally:
        os.close(descriptor)
    if not data.strip():
        raise LocalFileError("empty file")
    return data


def _parse_html_file(text: str, path: Path) -> SeedArticle:
    page = parse_html_page(text, base_url=None)
    # A saved page is read as a fetched one is (reader mode: main text, no navigation, footer
    # or comments); the page's own `<article>`/`<main>` scope when no main text is found.
    main = main_document(text)
    body = main if main is not None else page.document
    blocks = list(body.blocks)
    # The headline is the article's opening heading (`<title>` is often "Site | Headline");
    # it becomes the title and leaves the body, as a repeated `<title>` does.
    title = page.first_heading or page.title
    opening = blocks[0] if blocks else None
    if (
        opening is not None
        and opening.kind is BlockKind.HEADING
        and opening.text in (page.first_heading or opening.text, page.title)
    ):
        title, blocks = opening.text, blocks[1:]
    elif opening is not None and opening.text in (page.first_heading, page.title):
        blocks = blocks[1:]
    dateline = None
    if blocks and blocks[0].kind is BlockKind.PARAGRAPH:
        dateline, _ = split_dateline([blocks[0].text])
        if dateline is not None:
            blocks = blocks[1:]
    document = Document(tuple(blocks), body.links, body.enclosures)
    return SeedArticle(
        document=document,
        published=parse_date(page.published),
        dateline=dateline,
        title=title or derive_title(document.paragraphs),
    )


def _parse_text_file(path: Path, data: bytes) -> SeedArticle:
    """Parse a non-feed file by its suffix."""
    text = decode_text(data)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text)
    if suffix in HTML_SUFFIXES:
        return _parse_html_file(text, path)
    return parse_plain_text(text)


def _is_feed(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in FEED_SUFFIXES or looks_like_feed(data)


def load_file(
    path: Path, *, guid: str, folder_name: str
) -> tuple[list[ArticleDraft], list[str], str]:
    """Load the articles of one file.

    Args:
        path: The file (absolute).
        guid: Its identity within the source: the path relative to the source folder.
        folder_name: The source folder's name, the source name of last resort.

    Returns:
        The articles, the error lines (each naming the file) and the feed's title ('' for
        files that are not feeds).
    """
    try:
        data = _read_bytes(path)
        if _is_feed(path, data):
            if len(data) > MAX_FEED_BYTES:
                size = f"{len(data) / 2**20:.1f} MiB"
                raise LocalFileError(f"feed too large ({size}; at most 20 MiB)")
            title, articles, errors = parse_feed(
                data, location=_shown(path), guid_prefix=guid + "#", fallback_title=folder_name
            )
            return articles, errors, title
        seed = _parse_text_file(path, data)
    except LocalFileError as error:
        return [], [f"{_shown(path)}: {error}"], ""
    except Exception as error:  # a parser bug must cost one file, not the folder
        log.exception("reading %s", _shown(path))
        return [], [f"{_shown(path)}: cannot read ({type(error).__name__})"], ""
    if not seed.document.blocks and not seed.title:
        return [], [f"{_shown(path)}: no article text"], ""
    return [_article_from_seed(seed, path=path, guid=guid, folder_name=folder_name)], [], ""


def _article_from_seed(
    seed: SeedArticle, *, path: Path, guid: str, folder_name: str
) -> ArticleDraft:
    return ArticleDraft(
        guid=guid,
        title=seed.title or clean_line(path.stem),
        source_name=seed.source_name or folder_name,
        document=seed.document,
        published=seed.published,
        dateline=seed.dateline,
        location=_shown(path),
    )


# ---------------------------------------------------------------------------------------------
# Folders and sources


def _is_ignored(name: str) -> bool:
    return name.startswith((".", "__")) or Path(name).suffix.lower() not in ARTICLE_SUFFIXES


def _guid(file: Path, folder: Path) -> str:
    """A file's identity in its source: its path inside the folder, as valid text.

    A name that is not valid UTF-8 keeps its undecodable bytes as `\\xe9` escapes, so the
    identity is stable and the store (UTF-8) can hold it.
    """
    relative = file.relative_to(folder).as_posix()
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _article_files(folder: Path, errors: list[str]) -> list[Path]:
    """Regular files under `folder` that may hold articles, sorted by relative path.

    Iterative, at most `MAX_DEPTH` deep; symlinks are followed only when they stay inside.
    """
    found: list[Path] = []
    pending: list[tuple[Path, int]] = [(folder, 0)]
    seen: set[tuple[int, int]] = set()
    with contextlib.suppress(OSError):
        root = folder.stat()
        seen.add((root.st_dev, root.st_ino))  # a link back to the top is a loop too
    while pending and len(found) < MAX_FILES:
        directory, depth = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError as error:
            errors.append(f"{_shown(directory)}: cannot read folder: {error.strerror or error}")
            continue
        for entry in entries:
            if entry.name.startswith((".", "__")):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink() and not _inside(path, folder):
                    continue
                info = entry.stat()
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in seen:
                    continue  # a symlink loop inside the folder
                seen.add((info.st_dev, info.st_ino))
                if depth + 1 > MAX_DEPTH:
                    errors.append(f"{_shown(path)}: skipped, more than {MAX_DEPTH} folders deep")
                    continue
                pending.append((path, depth + 1))
            elif stat.S_ISREG(info.st_mode) and not _is_ignored(entry.name):
                found.append(path)
    return sorted(found, key=lambda file: file.relative_to(folder).as_posix())


def local_source(path: Path) -> tuple[str, Path]:
    """The source key of a local path and the folder its guids are relative to.

    Args:
        path: A folder, or a file (resolved or not).

    Returns:
        (`local:<resolved path>`, folder): a folder is its own source; a feed file added alone
        is a source of its own; any other file belongs to its folder's source.
    """
    resolved = path.resolve()
    is_dir = resolved.is_dir()
    keyed = Path(source_folder(resolved, is_dir=is_dir))
    return f"local:{keyed}", resolved if is_dir else resolved.parent


def load_path(path: Path) -> SourceDraft:
    """Load a folder of articles, or one file.

    Args:
        path: A folder or a file.

    Returns:
        The source with every article that could be read and one error line per file that
        could not.

    Raises:
        FileNotFoundError: When nothing exists at `path`.
    """
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", _shown(path))
    key, folder = local_source(path)
    resolved = path.resolve()
    errors: list[str] = []
    files = _article_files(folder, errors) if resolved.is_dir() else [resolved]
    if resolved.is_file() and resolved.suffix.lower() == ".opml":
        files = []
    articles: list[ArticleDraft] = []
    title = folder.name or str(folder)
    for file in files:
        guid = _guid(file, folder)
        file_articles, file_errors, feed_title = load_file(file, guid=guid, folder_name=title)
        articles.extend(file_articles)
        errors.extend(file_errors)
        if feed_title and not resolved.is_dir() and key.endswith(str(resolved)):
            title = feed_title
    source = SourceDraft(key=key, title=clean_line(title), location=str(resolved))
    return replace(source, articles=tuple(articles), errors=tuple(errors))


# ---------------------------------------------------------------------------------------------
# Streamed, parallel import


_Part = tuple[list[PlainRow], list[tuple[int, list[str]]]]
"""What a worker gives back for a part: its articles encoded for the store (`plain_rows`),
and for each file in order how many articles it gave and its error lines."""


def _load_part(job: tuple[str, list[str], str]) -> _Part:
    """Worker side: load the files of one part (folder, files, folder name), encoded for the
    store, so the writer only writes (and unpickles tuples of strings, not documents)."""
    folder, files, title = job
    articles: list[PlainRow] = []
    outcomes: list[tuple[int, list[str]]] = []
    for name in files:
        file = Path(name)
        guid = _guid(file, Path(folder))
        file_articles, file_errors, _feed_title = load_file(file, guid=guid, folder_name=title)
        articles.extend(plain_rows(file_articles))
        outcomes.append((len(file_articles), file_errors))
    return articles, outcomes


@functools.cache
def reader_version() -> str:
    """A digest of the code that turns files into articles (ours and the parsers' versions).

    A file read by another version is read again on the next rescan, so a fix in a parser
    reaches files that have not changed.
    """
    import importlib.metadata

    import feedparser_rs
    import lxml.etree

    digest = hashlib.blake2b(digest_size=8)
    # feedparser's version from its metadata: importing it would cost the process 14 MB.
    feedparser = importlib.metadata.version("feedparser")
    versions = f"{feedparser} {feedparser_rs.__version__} {lxml.etree.LXML_VERSION}"
    digest.update(versions.encode())
    package = Path(__file__).resolve().parents[1]
    for code in sorted([*package.joinpath("ingest").glob("*.py"), Path(__file__).resolve()]):
        with contextlib.suppress(OSError):
            digest.update(code.read_bytes())
    return digest.hexdigest()


def _stamp(file: Path, folder: Path) -> LocalFile | None:
    """The file as it is now (errors not yet known); None when it cannot be looked at."""
    try:
        info = file.stat()
    except OSError:
        return None
    return LocalFile(_guid(file, folder), info.st_size, info.st_mtime_ns, reader_version())


def _parts(
    files: list[tuple[Path, LocalFile | None]],
) -> Iterator[list[tuple[Path, LocalFile | None]]]:
    """Files grouped into parts of at most `PART_FILES` files or `PART_BYTES` bytes."""
    part: list[tuple[Path, LocalFile | None]] = []
    size = 0
    for file, stamp in files:
        size += stamp.size if stamp is not None else 0
        part.append((file, stamp))
        if len(part) >= PART_FILES or size >= PART_BYTES:
            yield part
            part, size = [], 0
    if part:
        yield part


def _unchanged(stamp: LocalFile | None, known: Mapping[str, LocalFile]) -> LocalFile | None:
    """The stored record of a file that has not changed since it was read, else None."""
    if stamp is None:
        return None
    stored = known.get(stamp.path)
    if stored is None or (stored.size, stored.modified_ns, stored.reader) != (
        stamp.size,
        stamp.modified_ns,
        stamp.reader,
    ):
        return None
    return stored


FilesProgress = Callable[[int, int], None]
"""Told (files done, files in the folder) as a folder is read; unchanged files count as done."""


def iter_source_parts(
    path: Path,
    *,
    workers: int | None = None,
    known: Mapping[str, LocalFile] | None = None,
    progress: FilesProgress | None = None,
) -> Iterator[SourceDraft]:
    """Load a folder (or file) as a stream of parts of one source, parsed in parallel.

    Memory stays flat however large the folder: each part holds `PART_FILES` files' articles
    and is let go once the caller has saved it. Folders over `PARALLEL_BYTES` are parsed in
    worker processes (at most two parts in flight per worker), in order.

    Args:
        path: A folder or a file.
        workers: Processes (None: one per core; 1: parse here).
        known: The folder's files as last read (`Store.local_files`): a file with the same
            size, modification time and reader version is not read again, and the lines it
            gave are repeated.
        progress: Told after each part, before it is yielded.

    Yields:
        Drafts that share the source's key, title and location; a folder's articles come
        encoded for the store (`SourceDraft.encoded`), a single file's as drafts. Each
        carries its files' error lines and records (`SourceDraft.files`: only files that gave
        articles, so a file that gave nothing is read again next time), and the first also
        the folder walk's lines and those of the files skipped.

    Raises:
        FileNotFoundError: When nothing exists at `path`.
    """
    resolved = path.resolve() if path.exists() else path
    if not resolved.is_dir():
        yield load_path(path)
        return
    key, folder = local_source(path)
    errors: list[str] = []
    stamped = [(file, _stamp(file, folder)) for file in _article_files(folder, errors)]
    title = clean_line(folder.name or str(folder))
    source = SourceDraft(key=key, title=title, location=str(resolved))
    changed = []
    for file, stamp in stamped:
        stored = _unchanged(stamp, known or {})
        if stored is None:
            changed.append((file, stamp))
        else:
            errors.extend(stored.errors)
    parts = list(_parts(changed))
    jobs = [(str(folder), [str(file) for file, _ in part], title) for part in parts]
    done = len(stamped) - len(changed)
    if not jobs:
        if progress is not None:
            progress(done, len(stamped))
        yield replace(source, errors=tuple(errors))
        return
    # The walk's errors ride with the first part: a part with no articles would create the
    # source before the store could recognise it as a moved folder.
    total = sum(stamp.size for _, stamp in changed if stamp is not None)
    for part, (articles, outcomes) in zip(parts, _run_parts(jobs, total, workers), strict=True):
        records = tuple(
            replace(stamp, errors=tuple(lines))
            for (_, stamp), (count, lines) in zip(part, outcomes, strict=True)
            if stamp is not None and count
        )
        part_errors = [line for _, lines in outcomes for line in lines]
        done += len(part)
        if progress is not None:
            progress(done, len(stamped))
        yield replace(
            source,
            encoded=from_plain_rows(articles),
            errors=tuple(errors + part_errors),
            files=records,
        )
        errors = []


def _run_parts(
    jobs: list[tuple[str, list[str], str]], total_bytes: int, workers: int | None
) -> Iterator[_Part]:
    if workers == 1 or len(jobs) < 2 or total_bytes < PARALLEL_BYTES:
        yield from map(_load_part, jobs)
        return
    from newsreader.processes import process_pool

    try:
        pool = process_pool(workers)
    except OSError:
        log.warning("cannot start worker processes; parsing here", exc_info=True)
        yield from map(_load_part, jobs)
        return
    with pool:
        in_flight: deque[Future[_Part]] = deque()
        pending = iter(jobs)
        limit = 2 * (workers or os.cpu_count() or 1)
        for job in pending:
            in_flight.append(pool.submit(_load_part, job))
            if len(in_flight) >= limit:
                break
        while in_flight:
            result = in_flight.popleft().result()
            next_job = next(pending, None)
            if next_job is not None:
                in_flight.append(pool.submit(_load_part, next_job))
            yield result
