"""The `newsreader` command: open the reader, or list and extract from the shell.

    newsreader [PATH ...]                 open the reader (on PATHs if given)
    newsreader list [--unread] [--json]   print stored articles, newest first
    newsreader extract PATH ... [--json]  print the quotes and posts found in files
    newsreader add URL_OR_PATH [--title T]  subscribe to a feed, a file or a folder
    newsreader remove ID_OR_URL           unsubscribe (its articles go too)
    newsreader feeds                      list subscriptions: unread, last refresh, last error
    newsreader import FILE.opml           subscribe to every feed in an OPML file
    newsreader export                     print the subscriptions as OPML 2.0
    newsreader refresh [--quiet]          fetch every feed and rescan local sources
    newsreader search | export-quotes | config   see `newsreader.commands`

Textual is imported only when the reader opens, so the shell commands start fast; rich only
for the refresh progress bar and the feeds table on a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsreader import __version__, paths
from newsreader.links import display_text
from newsreader.logs import setup_logging
from newsreader.store import ListFilter, Store, StoreError
from newsreader.text import clean_line

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
FEED_COMMANDS = ("add", "remove", "feeds", "import", "export", "refresh")
"""Subscription commands, in `newsreader.cli_feeds`."""
READING_COMMANDS = ("search", "show", "index", "export-quotes", "config")
"""Commands in `newsreader.commands` (keep in step with its COMMANDS)."""
SUBCOMMANDS = ("list", "extract", *FEED_COMMANDS, *READING_COMMANDS)


def _error(message: str) -> None:
    print(f"newsreader: {display_text(message)}", file=sys.stderr)


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader that shows who said what. "
        f"Other commands: {', '.join(SUBCOMMANDS)} (see `newsreader COMMAND --help`).",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="article files or folders to open"
    )
    return parser


def _list_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader list", description="Print stored articles, newest first."
    )
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def _extract_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader extract",
        description="Print the quotes and embedded posts found in article files.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def open_store() -> Store | None:
    """Open the user's database, or say why it cannot be opened."""
    try:
        return Store(paths.database_path())
    except StoreError as error:
        _error(str(error))
        return None


def ensure_samples(store: Store) -> list[Path]:
    """The bundled samples to import when the store has no sources yet (first run)."""
    return [] if store.source_count() else [paths.bundled_samples()]


def missing_paths(candidates: Sequence[Path]) -> list[Path]:
    """Paths that do not exist (each gets one error line; the command exits 2)."""
    missing = [path for path in candidates if not path.exists()]
    for path in missing:
        _error(f"{path}: no such file or folder")
    return missing


def run_reader(arguments: argparse.Namespace) -> int:
    """Open the three-pane reader."""
    if missing_paths(arguments.paths):
        return EXIT_USAGE
    store = open_store()
    if store is None:
        return EXIT_ERROR
    from newsreader.config import load_config
    from newsreader.ui.app import NewsReaderApp

    config, warnings = load_config(paths.config_path())
    requested = [path.resolve() for path in arguments.paths]
    app = NewsReaderApp(
        store,
        config,
        import_paths=requested or ensure_samples(store),
        show_only_imported=bool(requested),
        startup_warnings=warnings,
        ui_state_path=paths.data_dir() / "state.toml",
    )
    try:
        app.run()
    finally:
        store.close()
    return EXIT_OK


def run_list(arguments: argparse.Namespace) -> int:
    """Print stored articles in the article list's order."""
    store = open_store()
    if store is None:
        return EXIT_ERROR
    samples = ensure_samples(store)
    if samples and store.path is not None:
        from newsreader.importer import import_paths

        import_paths(store.path, samples)
    listed = store.listed(ListFilter(unread_only=arguments.unread))
    if arguments.json:
        from newsreader.commands import listed_json

        print(json.dumps([listed_json(item) for item in listed], ensure_ascii=False, indent=1))
        return EXIT_OK
    for item in listed:
        row = item.row
        marker = ("N" if not row.read else " ") + ("*" if row.starred else " ")
        date = row.published.strftime("%Y-%m-%d") if row.published else " " * 10
        print(f"{marker} {date}  {clean_line(row.source_name)[:20]:<20}  {clean_line(row.title)}")
    return EXIT_OK


def run_extract(arguments: argparse.Namespace) -> int:
    """Print what the extractor finds in each article of the given files."""
    from newsreader.commands import extraction_json
    from newsreader.extract import extract
    from newsreader.sources.local import load_path

    if missing_paths(arguments.paths):
        return EXIT_USAGE
    results: list[dict[str, Any]] = []
    for given in arguments.paths:
        draft = load_path(given)
        for line in draft.errors:
            _error(line)
        for article in draft.articles:
            found = extract(article.paragraphs)
            results.append(extraction_json(str(given), article.title, found))
    if arguments.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for result in results:
            _print_extraction(result)
    return EXIT_OK


def _print_extraction(result: dict[str, Any]) -> None:
    print(f"{display_text(result['source'])}: {result['title']}")
    for quote in result["quotes"]:
        speaker = clean_line(quote["speaker"] or "—")
        print(f"  [{quote['kind']}] {speaker}: “{clean_line(quote['text'])}”")
    for post in result["tweets"]:
        when = post["date"] or "undated"
        print(f"  [post] {clean_line(post['author'])} (@{clean_line(post['handle'])}) {when}")
        print(f"         {clean_line(post['text'])}")
    if not result["quotes"] and not result["tweets"]:
        print("  (no quotes or posts)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    An error nobody expected ends the command with one line pointing at the log, where the
    traceback is, never with the traceback on the terminal.
    """
    log_file = setup_logging()
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`newsreader list | head`): not an error. Point
        # stdout at /dev/null so the interpreter's final flush does not complain either.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        logging.getLogger("newsreader").exception("unexpected error")
        _error(f"unexpected {type(error).__name__}: {error} (details in {log_file})")
        return EXIT_ERROR


def _dispatch(arguments: list[str]) -> int:
    """Run the subcommand (or the reader) named by `arguments`."""
    if arguments and arguments[0] == "list":
        return run_list(_list_parser().parse_args(arguments[1:]))
    if arguments and arguments[0] == "extract":
        return run_extract(_extract_parser().parse_args(arguments[1:]))
    if arguments and arguments[0] in FEED_COMMANDS:
        from newsreader import cli_feeds

        return cli_feeds.run(arguments[0], arguments[1:])
    if arguments and arguments[0] in READING_COMMANDS:
        from newsreader.commands import COMMANDS

        return COMMANDS[arguments[0]](arguments[1:])
    return run_reader(_main_parser().parse_args(arguments))


if __name__ == "__main__":
    sys.exit(main())
