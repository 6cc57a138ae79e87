"""Kinds 16-18: config.toml read in linear time, values range-checked, retention on by default."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsreader.config import DEFAULT_CONFIG_TEXT, RANGES, Config
from tests.hostile.harness import run_case

DEFAULTS = Config()


def test_issue_instance_20k_keys_load_fast(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("".join(f"key{n} = {n}\n" for n in range(20_000)) + "keep_days = -3\n")
    run = run_case("cases_cli:config", tmp_path, path=str(path))
    assert run.result["seconds"] < 2.0
    warnings = run.result["warnings"]
    assert len(warnings) <= 11 and "more problems" in warnings[-1]
    assert run.result["config"]["keep_days"] == DEFAULTS.keep_days


def test_sibling_20k_key_overrides_and_long_lines_load_fast(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    lines = [f"# {'x' * 200}" for _ in range(5_000)] + ["[keys]"]
    lines += [f'binding_{n} = "ctrl+{n % 10}"' for n in range(20_000)]
    path.write_text("\n".join(lines) + "\n")
    run = run_case("cases_cli:config", tmp_path, path=str(path))
    assert run.result["seconds"] < 2.0
    assert len(run.result["config"]["keys"]) == 20_000


BAD_VALUES = ["nan", "inf", "-inf", "0", "-1", "1e308", "99999999999999999"]


@pytest.mark.parametrize("key", sorted(RANGES))
def test_every_number_is_range_checked_with_one_warning_naming_file_line_key(
    key: str, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    lines = ['theme = "nord"']
    lines += [f"{key} = {value}" for value in BAD_VALUES[:1]]
    path.write_text("\n".join(lines) + "\n")
    for value in BAD_VALUES:
        if key in ("keep_days", "keep_per_feed", "refresh_interval_minutes") and value == "0":
            continue  # 0 means "no limit" / "never" for these
        if isinstance(getattr(DEFAULTS, key), int) and not value.lstrip("-").isdigit():
            continue  # a float for an int setting is a type warning, tested elsewhere
        path.write_text(f'theme = "nord"\n{key} = {value}\n')
        run = run_case("cases_cli:config", tmp_path, path=str(path))
        warnings = run.result["warnings"]
        assert len(warnings) == 1, (value, warnings)
        assert warnings[0].startswith(f"{path}:2: {key} "), warnings
        assert run.result["config"][key] == getattr(DEFAULTS, key)
        assert run.result["config"]["theme"] == "nord"


def test_float_settings_refuse_nan_and_inf_in_process(tmp_path: Path) -> None:
    from newsreader.config import load_config

    for value in ("nan", "inf", "-inf", "0.0", "1e9"):
        path = tmp_path / "config.toml"
        path.write_text(f"fetch_timeout_seconds = {value}\n")
        loaded, warnings = load_config(path)
        assert math.isfinite(loaded.fetch_timeout_seconds)
        assert loaded.fetch_timeout_seconds == DEFAULTS.fetch_timeout_seconds
        assert len(warnings) == 1 and f"{path}:1: fetch_timeout_seconds" in warnings[0]


def test_retention_is_on_by_default_and_documented() -> None:
    assert DEFAULTS.keep_days == 90 and DEFAULTS.keep_per_feed > 0
    assert "# keep_days = 90" in DEFAULT_CONFIG_TEXT
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "keep_days = 90" in readme
