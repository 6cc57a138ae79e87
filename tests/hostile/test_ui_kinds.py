"""Kinds 3, 6, 7, 8 and 19 in the real app, each in its own process, east and west of UTC."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.hostile.articles import feed_folder, seed_folder
from tests.hostile.cases_app import UNSAFE
from tests.hostile.harness import EAST_AND_WEST, run_case

TITLE_OSC = "\x1b]2;PWNED\x07"


def assert_clean(texts: list[str]) -> None:
    for text in texts:
        assert not any(character in text for character in UNSAFE), repr(text)
        assert "PWNED" not in text, text


def flat(notes: list[list[str]]) -> list[str]:
    return [part for note in notes for part in note]


# --- 3: escape sequences in file names ----------------------------------------------------------


@pytest.mark.parametrize("tz", EAST_AND_WEST)
def test_issue_instance_file_named_with_osc_title_is_shown_clean(tmp_path: Path, tz: str) -> None:
    folder = seed_folder(tmp_path, ["bridge"])
    (folder / f"evil{TITLE_OSC}.json").write_text("{ not json", "utf-8")
    run = run_case("cases_app:import_notifications", tmp_path, tz=tz, folder=str(folder))
    skipped = [message for title, message in run.result["notes"] if title == "Skipped"]
    assert skipped and "evil" in skipped[0]
    assert_clean(flat(run.result["notes"]))
    assert run.result["rows"] == 1


def test_sibling_csi_c1_bidi_and_undecodable_names_are_shown_clean(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path, ["bridge"])
    for name in ("csi\x1b[2Jclear", "c1\x9b31mred", "bidi\u202eevil", "osc8\x1b]8;;x\x1b\\l"):
        (folder / f"{name}.json").write_text("[1, 2", "utf-8")
    os.mkdir(bytes(folder) + b"/undecodable-\xff-dir")
    (Path(os.fsdecode(bytes(folder) + b"/undecodable-\xff-dir")) / "x.json").write_text("{")
    run = run_case("cases_app:import_notifications", tmp_path, folder=str(folder))
    assert_clean(flat(run.result["notes"]))
    assert "\u202e" not in "".join(flat(run.result["notes"]))
    assert run.result["rows"] >= 1


def test_cli_stderr_and_feeds_table_are_clean(tmp_path: Path) -> None:
    evil = tmp_path / f"missing{TITLE_OSC}"
    present = seed_folder(tmp_path / f"here{TITLE_OSC}", ["bridge"]) / "bridge.txt"
    run = run_case(
        "cases_cli:cli",
        tmp_path,
        commands=[
            ["add", str(evil)],
            ["import", str(evil)],
            ["add", f"https://127.0.0.1:9/{TITLE_OSC}", "--title", f"T{TITLE_OSC}\x9b2J"],
            ["feeds"],
            ["refresh"],
            [str(evil)],
            ["extract", str(present)],
            ["extract", str(evil)],
        ],
    )
    for report in run.result:
        assert_clean([report["out"], report["err"]])
    assert "missing" in run.result[0]["err"]


# --- 6: far dates -------------------------------------------------------------------------------

FAR = {
    "ninety": 253402300799,  # 9999-12-31T23:59:59Z
    "first": -62135596800,  # 0001-01-01T00:00:00Z
    "beyond": 10**15,
    "before": -(10**15),
    "garbage": "not a time",
}


@pytest.mark.parametrize("tz", EAST_AND_WEST)
def test_issue_instance_year_9999_and_year_1_never_crash_the_app(tmp_path: Path, tz: str) -> None:
    folder = seed_folder(tmp_path, list(FAR))
    run = run_case("cases_app:open_every_article", tmp_path, tz=tz, folder=str(folder), times=FAR)
    assert run.result["opened"] == run.result["rows"] == len(FAR)
    texts = " ".join(line["text"] for line in run.result["lines"])
    assert "9999" in texts and "0001" in texts


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_sibling_far_dates_in_the_cli_at_the_extreme_offsets(tmp_path: Path, tz: str) -> None:
    folder = seed_folder(tmp_path, list(FAR))
    commands = [["list"], ["list", "--json"], ["search", "story"], ["feeds"]]
    commands += [["export-quotes"], ["export-quotes", "--format", "json"], ["show", "1"]]
    prepare = run_case(
        "cases_app:open_every_article", tmp_path, tz=tz, folder=str(folder), times=FAR
    )
    assert prepare.result["opened"] == len(FAR)
    run = run_case("cases_cli:cli", tmp_path, tz=tz, commands=commands)
    for report in run.result:
        assert report["code"] == 0, report["err"]
    assert "9999-12-3" in run.result[0]["out"]
    assert "Dana Ortiz" in run.result[4]["out"] and "9999-12-3" in run.result[4]["out"]


# --- 7: one bad source ----------------------------------------------------------------------------


def test_issue_instance_refresh_fails_one_source_and_saves_the_rest(tmp_path: Path) -> None:
    good, bad = seed_folder(tmp_path / "good", ["bridge"]), seed_folder(tmp_path / "bad", ["storm"])
    run = run_case(
        "cases_faults:refresh_with_a_broken_source", tmp_path, good=str(good), bad=str(bad)
    )
    refresh = run.result["refresh"]
    assert refresh["code"] == 0 and "Traceback" not in refresh["err"]
    failing = [line for line in refresh["out"].splitlines() if "TypeError" in line]
    assert len(failing) == 1 and "details in the log" in failing[0]
    assert "(the log is " in refresh["out"]
    assert run.result["titles"] and all("storm" not in t for t in run.result["titles"])
    assert "Traceback" in run.result["log"]


def test_sibling_the_app_import_survives_a_source_that_raises(tmp_path: Path) -> None:
    good, bad = seed_folder(tmp_path / "good", ["bridge"]), seed_folder(tmp_path / "bad", ["storm"])
    run = run_case(
        "cases_faults:app_import_with_a_broken_source", tmp_path, good=str(good), bad=str(bad)
    )
    assert run.result["rows"] == 1
    assert run.result["empty"] != "Loading articles…"
    assert any("TypeError" in message for _, message in run.result["notes"])


def test_sibling_a_store_error_in_one_refresh_is_one_line(tmp_path: Path) -> None:
    good, bad = seed_folder(tmp_path / "good", ["bridge"]), seed_folder(tmp_path / "bad", ["storm"])
    run = run_case(
        "cases_faults:refresh_with_a_full_disk_for_one", tmp_path, good=str(good), bad=str(bad)
    )
    out = run.result["refresh"]["out"]
    assert "not saved: the disk is full" in out and "Traceback" not in out
    assert run.result["titles"]


# --- 8: writes while the database is locked or the disk full -----------------------------------


@pytest.mark.parametrize("tz", EAST_AND_WEST)
def test_issue_instance_second_process_holds_begin_exclusive(tmp_path: Path, tz: str) -> None:
    folder = seed_folder(tmp_path, ["bridge", "storm"])
    run = run_case(
        "cases_app:write_while_locked",
        tmp_path,
        tz=tz,
        folder=str(folder),
        hold_seconds=3.0,
        in_process=False,
    )
    result = run.result
    assert result["ui_seconds"] < 2.0 and result["running"]
    assert result["shown"] == [True, True] and result["saved"] == [1, 1]
    messages = [message for _, message in result["notes"]]
    assert "database busy — will retry" in messages
    assert any(message.startswith("All changes saved") for message in messages)


def test_sibling_the_apps_own_connection_holds_the_lock(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path, ["bridge", "storm"])
    run = run_case(
        "cases_app:write_while_locked",
        tmp_path,
        folder=str(folder),
        hold_seconds=2.0,
        in_process=True,
    )
    assert run.result["ui_seconds"] < 2.0 and run.result["saved"] == [1, 1]


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    """A 2 MiB tmpfs mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)])
    if done.returncode != 0:
        pytest.skip("mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_issue_instance_disk_full_is_said_and_the_change_kept(
    tmp_path: Path, small_tmpfs: Path
) -> None:
    folder = seed_folder(tmp_path, ["bridge", "storm"])
    run = run_case(
        "cases_app:write_on_full_disk", tmp_path, folder=str(folder), mount=str(small_tmpfs)
    )
    result = run.result
    assert result["running"] and result["waiting"] == 1
    assert any("disk full" in message for _, message in result["while_full"])
    assert result["saved_read"] == 1


# --- 19: header counts and wide characters --------------------------------------------------------


def test_issue_instance_header_never_shows_more_unread_than_articles(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path, ["bridge", "storm", "market"])
    run = run_case("cases_app:header_counts", tmp_path, folder=str(folder), added_elsewhere=500)
    for header in run.result.values():
        unread, total = (int(part.split()[0]) for part in header.split(" — ")[-1].split(" · "))
        assert unread <= total, header
    assert run.result["after_m"].endswith("502 unread · 503 articles")


ZWJ = "👩\u200d👩\u200d👧\u200d👦"
WIDE_TITLES = [
    f"Family {ZWJ * 8} emoji",
    "Heart ❤\ufe0f and flags 🇫🇷🇩🇪🇯🇵 and skin 👍🏽👍🏿",
    "Combining e\u0301\u0301\u0301 and zalgo a" + "\u0300" * 40,
    "Fullwidth ＡＢＣ 漢字かな and fillers \u3164\u115f\u200b",
    "Tags 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f end",
]


@pytest.mark.parametrize("tz", EAST_AND_WEST)
def test_issue_instance_zwj_emoji_never_push_the_column_border(tmp_path: Path, tz: str) -> None:
    folder = feed_folder(tmp_path, WIDE_TITLES, feed_title=f"Feed {ZWJ}")
    run = run_case("cases_app:list_widths", tmp_path, tz=tz, folder=str(folder))
    for lines in (run.result["wide"], run.result["narrow"]):
        width = lines[0]["cells"]
        for line in lines:
            assert line["cells"] == width and line["naive"] == width, line
    assert "\u200d" not in "".join(run.result["sources"])


def test_sibling_quitting_with_unsaved_changes_says_so_first(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path, ["bridge", "storm"])
    run = run_case("cases_app:quit_while_locked", tmp_path, folder=str(folder))
    first = run.result["first"]
    assert first["running"]
    assert any("still wait for the database" in message for _, message in first["notes"])
    assert run.result["pending"] == 1  # said, then given up on purpose by the second q


def test_sibling_a_parser_bug_in_the_parse_pool_fails_one_feed(tmp_path: Path) -> None:
    run = run_case("cases_net:refresh_with_a_parser_bug", tmp_path, feeds=8)
    out = run.result["refresh"]["out"]
    assert run.result["refresh"]["code"] == 0
    failing = [line for line in out.splitlines() if "ValueError" in line]
    assert len(failing) == 1 and "8 sources" in out and "1 failed" in out
