"""The keys in force: `[keys]` overrides checked against every binding, and how keys read.

Help, footer and command palette show the keys in force (the defaults with the overrides of
config.toml applied), named as a person reads them (`?`, not `question_mark`). `newsreader
config` runs the same checks as the app (`config_problems`), so a clash is found before the
reader starts.

An override never silently takes a key from another action: when `toggle_star = "s,f"` would
take `f` from `cycle_view`, `f` stays with `cycle_view` and a warning says how to move it
(give `cycle_view` another key too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.keys import _character_to_key, format_key
from textual.theme import BUILTIN_THEMES

from newsreader.config import Config

APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("ctrl+p", "command_palette", "Commands", show=False, id="command_palette"),
]
"""The app's own keys (they work on every screen)."""

EVERYWHERE = "Everywhere"
"""The group of keys that work whatever has focus; they clash with keys of every group."""

BindingGroups = Sequence[tuple[str, Sequence[BindingType]]]
"""(heading, bindings) for each place keys work: `Everywhere`, `Article list`, ..."""

_READABLE = {"enter": "enter", "escape": "escape", "pagedown": "PgDn", "pageup": "PgUp",
             "home": "Home", "end": "End", "space": "space", "tab": "tab"}  # fmt: skip
"""Names read better than Textual's symbols in a help table (`⏎`, `pgdn`)."""


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """Every binding with an id, grouped by where it works (the defaults, before `[keys]`)."""
    from newsreader.ui.screens.main import MainScreen
    from newsreader.ui.widgets.article_list import ArticleList
    from newsreader.ui.widgets.article_view import ArticleView
    from newsreader.ui.widgets.sources_pane import SourcesPane

    return [
        (EVERYWHERE, [*MainScreen.BINDINGS, *APP_BINDINGS]),
        ("Article list", list(ArticleList.BINDINGS)),
        ("Article view", list(ArticleView.BINDINGS)),
        ("Sources pane", list(SourcesPane.BINDINGS)),
    ]


def key_label(keys: str) -> str:
    """`j,down` → `j / ↓`, `question_mark` → `?`, `ctrl+n` → `ctrl+n`: keys as they read."""
    return " / ".join(_one_key_label(key) for key in keys.split(",") if key)


def _one_key_label(key: str) -> str:
    *modifiers, name = key.split("+")
    shown = _READABLE.get(name) or format_key(name)
    return "+".join([*modifiers, shown])


def _normal(key: str) -> str:
    """The name Textual matches a key by (`?` and `question_mark` are the same key)."""
    *modifiers, name = key.strip().split("+")
    if len(name) == 1:
        name = _character_to_key(name)
    return "+".join([*modifiers, name])


def _same_scope(heading: str, other: str) -> bool:
    """Whether keys of the two groups can be pressed in the same place."""
    return heading == other or EVERYWHERE in (heading, other)


def resolve_keymap(
    overrides: dict[str, str], groups: BindingGroups
) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply and one warning per override that cannot be applied as written.

    Args:
        overrides: binding id → comma-separated keys, from `[keys]` in config.toml.
        groups: the bindings, grouped by where they work (`binding_groups()`).

    Returns:
        binding id → keys for `App.set_keymap`, without any key that another action of the
        same place still holds (that key stays with it), and the warnings: unknown ids,
        keys taken from another action.
    """
    known: dict[str, tuple[str, Binding]] = {}
    for heading, bindings in groups:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                known[binding.id] = (heading, binding)
    warnings: list[str] = []
    wanted: dict[str, list[str]] = {}
    for binding_id, keys in overrides.items():
        if binding_id in known:
            wanted[binding_id] = [key for key in keys.split(",") if key]
        else:
            warnings.append(f"config: keys.{binding_id}: no such binding id (press ? to see them)")
    holders: dict[str, list[str]] = {}
    for binding_id, (_, binding) in known.items():
        for key in wanted.get(binding_id, binding.key.split(",")):
            holders.setdefault(_normal(key), []).append(binding_id)
    keymap: dict[str, str] = {}
    for binding_id, chosen in wanted.items():
        heading = known[binding_id][0]
        kept = []
        for key in chosen:
            rivals = [
                other
                for other in holders.get(_normal(key), [])
                if other != binding_id and _same_scope(heading, known[other][0])
            ]
            if rivals:
                warnings.append(_clash(binding_id, overrides[binding_id], key, rivals, known))
            else:
                kept.append(key)
        # Keys that end up as the defaults are left alone: remapped bindings move to the
        # end of the footer.
        if kept and ",".join(kept) != known[binding_id][1].key:
            keymap[binding_id] = ",".join(kept)
    return keymap, warnings


def _clash(
    binding_id: str,
    keys: str,
    key: str,
    rivals: list[str],
    known: dict[str, tuple[str, Binding]],
) -> str:
    rival = rivals[0]
    description = known[rival][1].description or rival
    return (
        f'config: keys.{binding_id} = "{keys}": {key_label(key)} is also the key of '
        f"{rival} ({description}), so it stays there; to move it, give {rival} another "
        "key in [keys] as well"
    )


def in_force(groups: BindingGroups, keymap: dict[str, str]) -> list[tuple[str, list[BindingType]]]:
    """The groups with each binding's keys as the keymap sets them (for help and palette)."""
    return [
        (
            heading,
            [
                replace(binding, key=keymap[binding.id])
                if isinstance(binding, Binding) and binding.id in keymap
                else binding
                for binding in bindings
            ],
        )
        for heading, bindings in groups
    ]


def theme_problem(theme: str, available: Iterable[str] = BUILTIN_THEMES) -> str | None:
    """Why `theme` from config.toml cannot be used, or None (empty means the last chosen)."""
    names = sorted(available)
    if not theme or theme in names:
        return None
    return f"config: unknown theme {theme!r} (one of: {', '.join(names)})"


def config_problems(config: Config) -> list[str]:
    """What the app would warn about at start beyond `load_config`'s own warnings."""
    problem = theme_problem(config.theme)
    _, warnings = resolve_keymap(config.keys, binding_groups())
    return [problem, *warnings] if problem else warnings
