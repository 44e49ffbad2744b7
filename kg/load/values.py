"""The kinds of single values a contribution holds: dates as precise as their source, keys,
references, names, texts, web addresses, and the checks each needs (visible characters, a valid
IRI, a start before its end). ``kg.load.format`` builds the sections and their fields from them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal

import pyoxigraph as ox
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

__all__ = ["FlexDate", "Key", "Ref", "Name", "Text", "Url", "Date", "DateList", "RefList", "SourceRef", "ClaimValue", "before",
           "in_order", "one_or_many", "text_or_translations", "KEY_PATTERN", "MAX_KEY_LENGTH", "MAX_COUNT",
           "MAX_AMOUNT"]

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_KEY_LENGTH = 80
MAX_COUNT = 100_000_000          # people, municipalities, inhabitants: far above any real figure
MAX_AMOUNT = 1_000_000_000_000   # euro

_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only


@dataclass(frozen=True)
class FlexDate:
    """A date as precise as its source: a day, a month or a year."""

    text: str
    precision: Literal["day", "month", "year"]

    def __str__(self) -> str:
        return self.text


def _parse_date(value) -> FlexDate:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return FlexDate(value.isoformat(), "day")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PydanticCustomError("bad_date", "not a date")
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        raise PydanticCustomError("bad_date", "not a date")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))  # also refuses the year 0
    except ValueError:
        raise PydanticCustomError("bad_date", "not a date") from None
    return FlexDate(text, "day" if day else "month" if month else "year")


def text_or_translations(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value
    raise PydanticCustomError("bad_text", "not text")


def one_or_many(value):
    return [value] if isinstance(value, str) else value


def _visible(text: str) -> str:
    """Text must hold at least one letter or digit: zero-width spaces alone are no name."""
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise PydanticCustomError("invisible", "no letter or digit")
    return text


def _iri(url: str) -> str:
    """A web address must also be a valid IRI, or the published graph could not be written."""
    try:
        ox.NamedNode(url)
    except ValueError:
        raise PydanticCustomError("bad_iri", "not an IRI") from None
    return url


def before(a: FlexDate | None, b: FlexDate | None) -> bool:
    """``a`` lies before ``b`` at the precision both have ("2018-10" and "2018-10-28" are not ordered)."""
    if a is None or b is None:
        return False
    n = min(len(a.text), len(b.text))
    return a.text[:n] < b.text[:n]


def in_order(model, start: str, end: str):
    if before(getattr(model, end), getattr(model, start)):
        raise PydanticCustomError("start_after_end", "{start} after {end}",
                                  {"field": end, "start": str(getattr(model, start)), "end": str(getattr(model, end))})
    return model


Key = Annotated[str, StringConstraints(strip_whitespace=True, pattern=KEY_PATTERN, max_length=MAX_KEY_LENGTH)]
Ref = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_visible)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), AfterValidator(_visible)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://[^\s<>\"{}|\\^`]+$", max_length=2000),
                AfterValidator(_iri)]
Date = Annotated[FlexDate, BeforeValidator(_parse_date)]
DateList = Annotated[list[Date], BeforeValidator(lambda v: [] if v is None else v if isinstance(v, list) else [v])]
RefList = Annotated[list[Ref], BeforeValidator(one_or_many)]
# The source of a statement: one key, or several when the sources at hand report it jointly.
SourceRef = Ref | Annotated[list[Ref], Field(min_length=1)]


def _claim_value(value):
    """A claimed value as the source gives it: text, a number or a date (kept as text)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("bad_text", "not text")
    return str(value)


ClaimValue = Annotated[Text, BeforeValidator(_claim_value)]
