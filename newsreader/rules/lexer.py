"""Tokens of the filter language, each with the 1-based column where it starts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RuleError(ValueError):
    """A filter that cannot be read: `column` (1-based) points at the problem.

    `str(error)` is one line: ``column 12: expected a value after '='``.
    """

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"column {column}: {message}")
        self.message = message
        self.column = column


class TokenKind(StrEnum):
    """What a token is."""

    WORD = "word"
    """A bare word: a field, a keyword, or an unquoted value such as `3d` or `2026-01-31`."""
    STRING = "string"
    """A quoted value, quotes removed and escapes resolved."""
    OPERATOR = "operator"
    OPEN = "("
    CLOSE = ")"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    """One token and where it starts (1-based column)."""

    kind: TokenKind
    text: str
    column: int


OPERATORS = ("!=", "!~", "<=", ">=", "=", "~", "<", ">")
"""Longest first, so `!=` is never read as `!` then `=`."""
_STOPS = frozenset(" \t\r\n()=!~<>\"'")
_ESCAPES = {"n": "\n", "t": "\t"}


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`, ending with an END token.

    Raises:
        RuleError: an unterminated string or a character that starts nothing.
    """
    tokens: list[Token] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char.isspace():
            index += 1
        elif char in "()":
            kind = TokenKind.OPEN if char == "(" else TokenKind.CLOSE
            tokens.append(Token(kind, char, index + 1))
            index += 1
        elif char in "\"'":
            token, index = _string(source, index)
            tokens.append(token)
        else:
            token, index = _operator_or_word(source, index)
            tokens.append(token)
    tokens.append(Token(TokenKind.END, "", len(source) + 1))
    return tokens


def _string(source: str, start: int) -> tuple[Token, int]:
    """A quoted string from `start` (the quote); a backslash escapes the next character."""
    quote = source[start]
    parts: list[str] = []
    index = start + 1
    while index < len(source):
        char = source[index]
        if char == quote:
            return Token(TokenKind.STRING, "".join(parts), start + 1), index + 1
        if char == "\\" and index + 1 < len(source):
            index += 1
            char = _ESCAPES.get(source[index], source[index])
        parts.append(char)
        index += 1
    raise RuleError(f"string opened here is never closed (add {quote})", start + 1)


def _operator_or_word(source: str, start: int) -> tuple[Token, int]:
    for operator in OPERATORS:
        if source.startswith(operator, start):
            return Token(TokenKind.OPERATOR, operator, start + 1), start + len(operator)
    if source[start] == "!":
        raise RuleError("'!' must be followed by = or ~ (for negation write not)", start + 1)
    index = start
    while index < len(source) and source[index] not in _STOPS:
        index += 1
    return Token(TokenKind.WORD, source[start:index], start + 1), index
