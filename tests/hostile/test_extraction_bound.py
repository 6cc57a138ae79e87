"""Kind 13: quote extraction off the UI thread, with a size bound it says it applied."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.harness import run_case


def test_a_huge_article_opens_without_quotes_and_says_so(tmp_path: Path) -> None:
    report = run_case(
        "cases_extraction:open_huge", tmp_path, kilobytes=1024, one_paragraph=False
    ).result
    assert report["quotes"] == 0
    assert any("without looking for quotes" in note for note in report["notes"])


def test_a_megabyte_paragraph_is_cut_and_analysed_off_the_ui_thread(tmp_path: Path) -> None:
    # Cut to one 100,000-character block, that is still 4,000 quotes for the quote pane to
    # list: the memory bound is the app's drawing of them, not the analysis (8 MiB).
    report = run_case(
        "cases_extraction:open_huge",
        tmp_path,
        kilobytes=1024,
        one_paragraph=True,
        max_extra_mib=400,
        max_seconds=30,
    ).result
    assert report["quotes"] > 1000


def test_a_long_article_under_the_bound_still_gets_its_quotes(tmp_path: Path) -> None:
    report = run_case(
        "cases_extraction:open_huge", tmp_path, kilobytes=60, one_paragraph=False
    ).result
    assert report["quotes"] > 100
    assert not any("without looking" in note for note in report["notes"])
