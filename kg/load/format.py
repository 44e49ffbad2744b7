"""The YAML contribution format, as pydantic models: which fields exist, and of which type.

The models only check shape and types; whether a referenced key exists is the loader's job
(``kg.load.declare`` and ``kg.load.emit``), because that needs every other file. data/README.md documents the
format for contributors, and templates/contribution.yaml is a commented example.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal, Union

import pyoxigraph as ox
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Contribution", "FlexDate", "KEY_PATTERN", "ORGANISATION_KINDS", "INITIATIVE_KINDS", "ACTIVITIES",
    "FORMATS", "COUNT_UNITS", "VARIANT_KINDS", "CAPACITIES", "SOURCE_KINDS", "section_fields", "MAX_KEY_LENGTH",
]

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_KEY_LENGTH = 80
MAX_COUNT = 100_000_000          # people, municipalities, inhabitants: far above any real figure
MAX_AMOUNT = 1_000_000_000_000   # euro
ORGANISATION_KINDS = ("agency", "company", "association", "public-body", "research-institute", "university",
                      "media", "department")
INITIATIVE_KINDS = ("program", "project", "campaign", "offer", "project-idea")
ACTIVITIES = ("welcomed", "opened", "presented", "gave-talk", "commented", "moderated", "attended",
              "mentioned", "photographed", "reported")
FORMATS = ("in-person", "digital", "hybrid", "barcamp")
COUNT_UNITS = ("people", "municipalities", "institutions", "inhabitants")
VARIANT_KINDS = ("former-name", "spelling-variant", "short-form", "misprint")
CAPACITIES = ("participant", "partner", "pioneer", "shareholder")
SOURCE_KINDS = ("news-article", "press-release", "web-page", "dataset")

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


def _text_or_translations(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value
    raise PydanticCustomError("bad_text", "not text")


def _one_or_many(value):
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


def _in_order(model, start: str, end: str):
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
RefList = Annotated[list[Ref], BeforeValidator(_one_or_many)]


class Translations(BaseModel):
    """Free text in one or both languages."""

    model_config = ConfigDict(extra="forbid")
    de: Text | None = None
    en: Text | None = None


LocalText = Annotated[Union[Text, Translations], BeforeValidator(_text_or_translations)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AlternateName(Strict):
    name: Name
    kind: Literal[VARIANT_KINDS] = "spelling-variant"
    note: LocalText | None = None
    source: Ref | None = None


def _alternate_name(value):
    return {"name": value} if isinstance(value, str) else value


AltName = Annotated[AlternateName, BeforeValidator(_alternate_name)]


class Source(Strict):
    key: Key
    url: Url
    title: Name
    kind: Literal[SOURCE_KINDS] = "news-article"
    publisher: Name | None = None
    publisher_organisation: Ref | None = None
    published: Date | None = None
    published_note: LocalText | None = None
    author: Name | None = None
    photo_credit: Name | None = None
    licence: Url | None = None


def _needs_when_declared(model, *fields):
    """A declaration (with a name) needs these fields; an addition (key only) does not."""
    if model.name is not None:
        for name in fields:
            if getattr(model, name) is None:
                raise PydanticCustomError("declaration_needs", "{field} needed", {"field": name})
    return model


class Organisation(Strict):
    key: Key
    name: Name | None = None
    kind: Literal[ORGANISATION_KINDS] | None = None
    alternate_names: list[AltName] = []
    part_of: Ref | None = None
    based_in: Ref | None = None
    place: Name | None = None
    website: Url | None = None
    founded: Date | None = None
    description: LocalText | None = None
    source: Ref | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "kind"))


class Venue(Strict):
    key: Key
    name: Name | None = None
    municipality: Ref | None = None
    place: Name | None = None
    alternate_names: list[AltName] = []
    operated_by: Ref | None = None
    description: LocalText | None = None
    source: Ref | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "municipality"))


class Person(Strict):
    key: Key
    name: Name | None = None
    honorific: Name | None = None
    alternate_names: list[AltName] = []
    description: LocalText | None = None
    source: Ref | None = None


class Role(Strict):
    person: Ref
    role: Ref
    as_stated: Text
    organisation: Ref
    initiative: Ref | None = None
    stated_on: Date | None = None
    start: Date | None = None
    end: Date | None = None
    note: LocalText | None = None
    source: Ref | None = None

    _ordered = model_validator(mode="after")(lambda self: _in_order(self, "start", "end"))


class Funding(Strict):
    amount: Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)] | None = None
    currency: Literal["EUR"] = "EUR"
    instrument: Name | None = None
    purpose: LocalText | None = None
    funder: Ref | None = None
    note: LocalText | None = None
    source: Ref | None = None


class Count(Strict):
    count: Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)] | None = None
    counts: Literal[COUNT_UNITS]
    approximate: StrictBool = False
    wording: Text | None = None
    stated_on: Date | None = None
    note: LocalText | None = None
    source: Ref | None = None

    @model_validator(mode="after")
    def _count_or_wording(self):
        if self.count is None and self.wording is None:
            raise PydanticCustomError("count_or_wording", "count or wording needed")
        return self


class Participant(Strict):
    organisation: Ref
    capacity: Literal[CAPACITIES] = "participant"
    stated_on: Date | None = None
    note: LocalText | None = None
    source: Ref | None = None


class Initiative(Strict):
    key: Key
    name: Name | None = None
    kind: Literal[INITIATIVE_KINDS] | None = None
    alternate_names: list[AltName] = []
    part_of: RefList = []
    run_by: RefList = []
    partners: RefList = []
    start: Date | None = None
    end: Date | None = None
    date_note: LocalText | None = None
    website: Url | None = None
    description: LocalText | None = None
    funding: list[Funding] = []
    participants: list[Participant] = []
    participant_counts: list[Count] = []
    source: Ref | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "kind"))
    _ordered = model_validator(mode="after")(lambda self: _in_order(self, "start", "end"))


class EventParticipant(Strict):
    person: Ref | None = None
    organisation: Ref | None = None
    did: Annotated[list[Literal[ACTIVITIES]], BeforeValidator(_one_or_many)]
    role_as_stated: Text | None = None
    on_behalf_of: Ref | None = None
    presented: RefList = []
    talk_title: Text | None = None
    note: LocalText | None = None
    source: Ref | None = None

    @model_validator(mode="after")
    def _who(self):
        if (self.person is None) == (self.organisation is None):
            raise PydanticCustomError("person_or_organisation", "person or organisation needed")
        return self


class Event(Strict):
    key: Key
    name: Name | None = None
    kind: Literal["round-table", "event"] = "event"
    series: Ref | None = None
    edition: Annotated[int, Field(ge=1, le=9999, strict=True)] | None = None
    edition_inferred: StrictBool = False
    date: Date | None = None
    end_date: Date | None = None
    date_inferred: StrictBool = False
    date_note: LocalText | None = None
    venue: Ref | None = None
    municipality: Ref | None = None
    place: Name | None = None
    hosts: RefList = []
    organisers: RefList = []
    formats: Annotated[list[Literal[FORMATS]], BeforeValidator(_one_or_many)] = []
    format_note: LocalText | None = None
    attendance: list[Count] = []
    topics: RefList = []
    description: LocalText | None = None
    participants: list[EventParticipant] = []
    sources: RefList = []

    _ordered = model_validator(mode="after")(lambda self: _in_order(self, "date", "end_date"))


class Series(Strict):
    key: Key
    name: Name | None = None
    alternate_names: list[AltName] = []
    organisers: RefList = []
    start: Date | None = None
    date_note: LocalText | None = None
    description: LocalText | None = None
    source: Ref | None = None


class Concept(Strict):
    key: Key
    de: Name
    en: Name
    broader: Ref | None = None
    definition: LocalText | None = None


class Contribution(Strict):
    """One file in data/: what one source (or a tightly related set of sources) says."""

    language: Literal["de", "en"] = "de"
    title: Name | None = None
    sources: list[Source] = []
    series: list[Series] = []
    organisations: list[Organisation] = []
    venues: list[Venue] = []
    people: list[Person] = []
    initiatives: list[Initiative] = []
    events: list[Event] = []
    roles: list[Role] = []
    topics: list[Concept] = []
    role_types: list[Concept] = []

    @field_validator("sources", "series", "organisations", "venues", "people", "initiatives", "events", "roles",
                     "topics", "role_types", mode="before")
    @classmethod
    def _empty_section(cls, value):
        """A section left empty (``people:`` with nothing under it) is an empty list, not a mistake."""
        return [] if value is None else value


def section_fields(model=Contribution) -> list[str]:
    """The field names a model accepts, for "did you mean" on a mistyped field."""
    return list(model.model_fields)
