"""The filter language: one small language for query feeds, killfiles and `list --filter`.

    speaker ~ "Okonjo" and age < 30d
    text ~ "ferry" and not (source = "Harbour Post" or read)

Fields: title, text, source, category, author, speaker, quote, link, read, starred, age,
date. Operators: `=` and `!=` (whole value, any case), `~` and `!~` (contains, any case;
`text` and `quote` match words through the full-text index), `<`, `>`, `<=`, `>=` (age and
date), `and`, `or`, `not`, parentheses; values are bare words or quoted strings. A rule is
parsed (`parse_rule`) into a tree and compiled (`compile_rule`) to a parameterised SQL
condition over the `articles` table; user text only ever travels as a parameter.
"""

from newsreader.rules.compile import Condition, compile_rule, filter_condition
from newsreader.rules.parser import (
    FIELDS,
    QUOTE_FIELDS,
    RuleError,
    fields_in,
    is_filter,
    parse_rule,
)

__all__ = [
    "FIELDS",
    "QUOTE_FIELDS",
    "Condition",
    "RuleError",
    "compile_rule",
    "fields_in",
    "filter_condition",
    "is_filter",
    "parse_rule",
]
