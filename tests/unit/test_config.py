"""config.toml: defaults written on first run, clear warnings, never a refusal to start."""

from __future__ import annotations

from pathlib import Path

from newsreader.config import Config, load_config, load_ui_state, save_ui_state


def test_first_run_writes_commented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config, warnings = load_config(path)
    assert config == Config() and warnings == []
    assert "# theme" in path.read_text() and "[keys]" in path.read_text()
    assert load_config(path) == (Config(), [])  # all comments: still the defaults


def test_wrong_values_name_file_line_and_key_and_keep_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "nord"\nshow_quote_pane = "yes"\nmax_connections = 4\nfrobnicate = 1\n'
        'fetch_timeout_seconds = 3\n[keys]\nnext_unread = "ctrl+n"\ntoggle_star = 5\n'
    )
    config, warnings = load_config(path)
    assert config.theme == "nord"
    assert config.show_quote_pane is True  # default kept
    assert config.max_connections == 4
    assert config.fetch_timeout_seconds == 3.0
    assert config.keys == {"next_unread": "ctrl+n"}
    assert f"{path}:2: show_quote_pane must be bool" in warnings[0]
    assert f"{path}:4: unknown key 'frobnicate'" in warnings[1]
    assert "keys.toggle_star" in warnings[2]
    assert len(warnings) == 3


def test_broken_toml_gives_one_line_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = \n")
    config, warnings = load_config(path)
    assert config == Config()
    assert len(warnings) == 1 and str(path) in warnings[0] and "not valid TOML" in warnings[0]


def test_ui_state_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    assert load_ui_state(path) == {}
    save_ui_state(path, {"theme": 'odd "name"'})
    assert load_ui_state(path) == {"theme": 'odd "name"'}
