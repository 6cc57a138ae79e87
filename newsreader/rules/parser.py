"""A recursive-descent parser for the filter language (grammar below), into a small tree.

    rule       := disjunct ("or" disjunct)*
    disjunct   := unary ("and" unary)*
    unary      := "not" unary | "(" rule ")" | comparison
    comparison := FIELD OPERATOR VALUE | FLAG          (FLAG: read, starred)
    VALUE      := WORD | STRING

Keywords and field names are read in any case. Each field accepts only the operators that
mean something for it (`age ~ x` is an error at the operator), and values are checked here
(`age < 3x`, `date > yesterday`, `read = maybe`), so a rule that parses also compiles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsreader.rules.lexer import RuleError, Token, TokenKind, tokenize

__all__ = [
    "FIELDS",
    "And",
    "Comparison",
    "Node",
    "Not",
    "Or",
    "RuleError",
    "is_filter",
    "parse_rule",
]

TEXT_OPERATORS = ("=", "!=", "~", "!~")
WORD_OPERATORS = ("~", "!~")
ORDER_OPERATORS = ("<", ">", "<=", ">=")
FLAG_OPERATORS = ("=", "!=")
FIELDS: dict[str, tuple[str, ...]] = {
    "title": TEXT_OPERATORS,
    "text": WORD_OPERATORS,
    "source": TEXT_OPERATORS,
    "category": TEXT_OPERATORS,
    "author": TEXT_OPERATORS,
    "speaker": TEXT_OPERATORS,
    "quote": TEXT_OPERATORS,
    "link": TEXT_OPERATORS,
    "read": FLAG_OPERATORS,
    "starred": FLAG_OPERATORS,
    "age": ORDER_OPERATORS,
    "date": (*ORDER_OPERATORS, "=", "!="),
}
"""Each field and the operators it accepts."""
FLAGS = ("read", "starred")
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})
KEYWORDS = frozenset({"and", "or", "not"})
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400, "y": 365 * 86_400}
_DURATION = re.compile(r"(\d{1,9})\s*([smhdwy]?)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Comparison:
    """`field operator value`, with the value already checked and converted."""

    field: str
    operator: str
    value: str | int | bool | datetime
    """str for text fields, int seconds for age, bool for flags, aware datetime for date."""
    day: bool = False
    """For `date`: the value is a whole (UTC) day rather than an instant."""


@dataclass(frozen=True, slots=True)
class Not:
    """`not operand`."""

    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    """Every operand holds."""

    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one operand holds."""

    operands: tuple[Node, ...]


Node = Comparison | Not | And | Or

QUOTE_FIELDS = frozenset({"speaker", "quote"})
"""Fields answered from the quote index, which fills in the background after a save."""


def fields_in(node: Node) -> frozenset[str]:
    """Every field a parsed filter compares (to know which indexes its answer depends on)."""
    if isinstance(node, Comparison):
        return frozenset((node.field,))
    if isinstance(node, Not):
        return fields_in(node.operand)
    return frozenset().union(*(fields_in(operand) for operand in node.operands))


def parse_rule(source: str) -> Node:
    """Parse a filter into its tree.

    Raises:
        RuleError: with the 1-based column of the problem and a one-line message.
    """
    parser = _Parser(tokenize(source))
    if parser.peek().kind is TokenKind.END:
        raise RuleError('empty filter: write a condition such as title ~ "word"', 1)
    node = parser.rule()
    token = parser.peek()
    if token.kind is not TokenKind.END:
        raise RuleError(f"expected and, or or the end, not {_shown(token)}", token.column)
    return node


MAX_NESTING = 64
"""Parentheses and `not`s inside each other, at most (a filter is read by recursion)."""
MAX_COMPARISONS = 256
"""Comparisons in one filter, at most: SQLite refuses an expression tree past 1,000 deep."""


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.comparisons = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not TokenKind.END:
            self.index += 1
        return token

    def keyword(self, word: str) -> bool:
        """Consume the keyword `word` if it comes next."""
        token = self.peek()
        if token.kind is TokenKind.WORD and token.text.lower() == word:
            self.index += 1
            return True
        return False

    def rule(self) -> Node:
        operands = [self.disjunct()]
        while self.keyword("or"):
            operands.append(self.disjunct())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def disjunct(self) -> Node:
        operands = [self.unary()]
        while self.keyword("and"):
            operands.append(self.unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def nested(self, token: Token) -> None:
        """One level deeper (a `not` or a parenthesis); refuse past MAX_NESTING."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise RuleError(f"nested more than {MAX_NESTING} deep", token.column)

    def unary(self) -> Node:
        token = self.peek()
        if self.keyword("not"):
            self.nested(token)
            node: Node = Not(self.unary())
            self.depth -= 1
            return node
        if token.kind is TokenKind.OPEN:
            self.take()
            self.nested(token)
            node = self.rule()
            self.depth -= 1
            closing = self.peek()
            if closing.kind is not TokenKind.CLOSE:
                raise RuleError(
                    f"expected ) to close the ( at column {token.column}, not {_shown(closing)}",
                    closing.column,
                )
            self.take()
            return node
        return self.comparison()

    def comparison(self) -> Node:
        token = self.take()
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            raise RuleError(f"more than {MAX_COMPARISONS} comparisons", token.column)
        name = token.text.lower()
        if token.kind is not TokenKind.WORD or name in KEYWORDS:
            raise RuleError(f"expected a field such as title, not {_shown(token)}", token.column)
        if name not in FIELDS:
            raise RuleError(
                f"unknown field {token.text!r} (fields: {', '.join(FIELDS)})", token.column
            )
        operator = self.peek()
        if operator.kind is not TokenKind.OPERATOR:
            if name in FLAGS:
                return Comparison(name, "=", True)
            raise RuleError(
                f"expected an operator after {name} ({' '.join(FIELDS[name])}), "
                f"not {_shown(operator)}",
                operator.column,
            )
        self.take()
        if operator.text not in FIELDS[name]:
            raise RuleError(
                f"{name} takes {' '.join(FIELDS[name])}, not {operator.text}", operator.column
            )
        value = self.take()
        if value.kind not in (TokenKind.WORD, TokenKind.STRING) or (
            value.kind is TokenKind.WORD and value.text.lower() in KEYWORDS
        ):
            raise RuleError(
                f"expected a value after {operator.text}, not {_shown(value)}", value.column
            )
        if operator.text in ("~", "!~") and not value.text.strip():
            # `~ ""` would match every title but nothing through the full-text index.
            raise RuleError(f"empty value after {operator.text}", value.column)
        return _comparison(name, operator.text, value)


def is_filter(text: str) -> bool:
    """Whether text typed in a search box is meant as a filter rather than words: it uses an
    operator or a parenthesis and parses (`speaker ~ okonjo`, not `okonjo` or `read`)."""
    if not any(mark in text for mark in "=~<>()"):
        return False
    try:
        parse_rule(text)
    except RuleError:
        return False
    return True


def _comparison(name: str, operator: str, token: Token) -> Comparison:
    """Check and convert the value for its field."""
    text = token.text
    if name in FLAGS:
        if text.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise RuleError(f"{name} is true or false, not {text!r}", token.column)
        return Comparison(name, operator, text.lower() in TRUE_WORDS)
    if name == "age":
        return Comparison(name, operator, _duration(text, token.column))
    if name == "date":
        moment, day = _date(text, token.column)
        return Comparison(name, operator, moment, day)
    return Comparison(name, operator, text)


def _duration(text: str, column: int) -> int:
    """Seconds in `30d`, `12h`, `2w`, `90m` (minutes), `1y`; a bare number is days."""
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise RuleError(
            f"age is a number and a unit (s, m, h, d, w, y) such as 3d, not {text!r}", column
        )
    unit = match.group(2).lower() or "d"
    return int(match.group(1)) * DURATION_UNITS[unit]


def _date(text: str, column: int) -> tuple[datetime, bool]:
    """An aware datetime from `2026-01-31` (a whole UTC day) or `2026-01-31T08:00[+02:00]`."""
    from datetime import UTC

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise RuleError(f"date is YYYY-MM-DD or YYYY-MM-DDTHH:MM, not {text!r}", column) from None
    day = len(text.strip()) == 10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not datetime(1, 1, 2, tzinfo=UTC) <= moment <= datetime(9999, 12, 30, tzinfo=UTC):
        raise RuleError(f"date {text!r} is out of range", column)
    return moment, day


def _shown(token: Token) -> str:
    """A token as an error message names it."""
    if token.kind is TokenKind.END:
        return "the end"
    if token.kind is TokenKind.STRING:
        return f'"{token.text}"'
    return repr(token.text)
