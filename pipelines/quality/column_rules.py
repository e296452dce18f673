"""What a column rule of a suite means, once: the rows it refuses as SQL, and in words.

A suite states a rule on a column (or a set of columns) in GX's vocabulary, such as
`expect_column_values_to_not_be_null`; any other rule is a query of its failing rows
(`unexpected_rows_expectation`). serapan evaluates every rule as a query: a column
rule's is written here, and GX counts that query's rows (gx_runner.load_suite hands it
over as an unexpected_rows_expectation) while the flags insert the same rows
(flags.failing_rows_sql). What GX counts and what the flags list are one query; the words
beside each query are what docs/rules.md and `serapan rules` say of the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from pipelines.codes import CODE_TOKEN

QUERY_RULE = "unexpected_rows_expectation"


class UnsupportedRule(ValueError):
    pass


@dataclass(frozen=True)
class ColumnRule:
    condition: Callable[[dict], str]  # the SQL condition a failing row meets
    words: Callable[[dict], str]  # what the rule checks, said of the rows that pass


def failing_rows_query(expectation_type: str, kwargs: dict) -> str:
    """The query of the rows of `{batch}` that break a column rule, as GX formats a
    query rule (str.format: a brace of the SQL's own is doubled)."""
    if expectation_type == "expect_compound_columns_to_be_unique":
        columns = ", ".join(_ident(c) for c in kwargs["column_list"])
        return (f"select * from {{batch}} where ({columns}) in "
                f"(select {columns} from {{batch}} group by {columns} having count(*) > 1)")
    rule = COLUMN_RULES.get(expectation_type)
    if rule is None:
        raise UnsupportedRule(
            f"{expectation_type} belum bisa jadi kueri baris / cannot yet be turned into "
            "the query of its failing rows")
    condition = rule.condition(kwargs).replace("{", "{{").replace("}", "}}")
    return f"select * from {{batch}} where {condition}"


def in_words(expectation_type: str, kwargs: dict) -> str | None:
    """What a column rule checks, in words; None for a type that has none here."""
    if expectation_type == "expect_compound_columns_to_be_unique":
        return f"no two rows share {_values(kwargs['column_list'])}"
    rule = COLUMN_RULES.get(expectation_type)
    return rule.words(kwargs) if rule is not None else None


def _column(kwargs: dict) -> str:
    return _ident(kwargs.get("column", ""))


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise UnsupportedRule(f"nama kolom tidak sah / invalid column name: {name!r}")
    return name


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _literals(values) -> str:
    return ", ".join(_literal(v) for v in values)


def _outside(kwargs: dict) -> str:
    column, parts = _column(kwargs), []
    if kwargs.get("min_value") is not None:
        parts.append(f"{column} {'<=' if kwargs.get('strict_min') else '<'} "
                     f"{float(kwargs['min_value'])!r}")
    if kwargs.get("max_value") is not None:
        parts.append(f"{column} {'>=' if kwargs.get('strict_max') else '>'} "
                     f"{float(kwargs['max_value'])!r}")
    return f"{column} is not null and ({' or '.join(parts)})"


def _named(kwargs: dict) -> str:
    return f"`{kwargs['column']}`"


def _values(values: list) -> str:
    return ", ".join(f"`{value}`" for value in values)


def _regex(regex: str) -> str:
    """A code format named as the seed names it, any other expression as written."""
    codes = [found.group(1) + (f" ({found.group(2)})" if found.group(2) else "")
             for found in CODE_TOKEN.finditer(regex)]
    if codes and not CODE_TOKEN.sub("", regex).strip("|"):
        return "a code of the format of " + " or ".join(
            f"`{code}`" for code in codes) + " (`pola_kode.csv`)"
    return f"`{regex}`"


def _between(kwargs: dict) -> str:
    bounds = []
    if kwargs.get("min_value") is not None:
        bounds.append((">" if kwargs.get("strict_min") else "≥") + f" {kwargs['min_value']}")
    if kwargs.get("max_value") is not None:
        bounds.append(("<" if kwargs.get("strict_max") else "≤") + f" {kwargs['max_value']}")
    return f"{_named(kwargs)} {' and '.join(bounds)} where filled"


COLUMN_RULES = {
    "expect_column_values_to_not_be_null": ColumnRule(
        lambda k: f"{_column(k)} is null",
        lambda k: f"{_named(k)} is filled"),
    "expect_column_values_to_match_regex": ColumnRule(
        lambda k: f"{_column(k)} is not null and {_column(k)}::text !~ {_literal(k['regex'])}",
        lambda k: f"{_named(k)}, where filled, is {_regex(k['regex'])}"),
    "expect_column_values_to_not_match_regex": ColumnRule(
        lambda k: f"{_column(k)} is not null and {_column(k)}::text ~ {_literal(k['regex'])}",
        lambda k: f"{_named(k)}, where filled, is not {_regex(k['regex'])}"),
    "expect_column_values_to_be_between": ColumnRule(_outside, _between),
    "expect_column_values_to_be_in_set": ColumnRule(
        lambda k: (f"{_column(k)} is not null and "
                   f"{_column(k)}::text not in ({_literals(k['value_set'])})"),
        lambda k: f"{_named(k)}, where filled, is one of {_values(k['value_set'])}"),
    "expect_column_values_to_not_be_in_set": ColumnRule(
        lambda k: f"{_column(k)}::text in ({_literals(k['value_set'])})",
        lambda k: (f"{_named(k)} is not {_values(k['value_set'])}"
                   if len(k["value_set"]) == 1
                   else f"{_named(k)} is none of {_values(k['value_set'])}")),
}
