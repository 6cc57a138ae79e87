"""Fixtures for Pilot tests: a folder of articles and a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = {
    "bridge_2026-10-12.txt": """date 2026-10-12 Harbour Gazette

UPDATED 9:40 AM ET — Monday, October 12, 2026

The Kellan Bay bridge will reopen on Friday after three weeks of repairs, the city said.

“We will reopen the bridge by Friday,” said Mayor Dana Ortiz. “Crews are ahead of schedule.”

Commuters have called the detour a “nightmare.”
""",
    "storm_2026-10-11.txt": """date 2026-10-11 Valley Courier

Forecasters expect the storm to weaken overnight as it moves inland.

“The storm is weakening,” said forecaster Lee Chang, “but the flooding is not over yet.”

Stay off the river paths tonight. — Valley Weather (@valleywx) October 11, 2026
""",
    "market_2026-10-10.txt": """date 2026-10-10 Metro Ledger

Prices at the [USD] counter and the [/] stall rose again, traders said on Saturday.

Nobody at the market would comment.
""",
}


@pytest.fixture
def article_folder(tmp_path: Path) -> Path:
    """A folder named `news` with three seed-format articles."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Where the test's SQLite file lives."""
    return tmp_path / "data" / "newsreader.sqlite3"
