"""newsreader: a terminal news reader that understands the article."""

__version__ = "0.1.0"
