"""The YAML contribution format, as pydantic models: which fields exist, and of which type.

The models only check shape and types; whether a referenced key exists is the loader's job
(``kg.load.declare`` and ``kg.load.emit``), because that needs every other file. data/README.md documents the
format for contributors, and templates/contribution.yaml is a commented example.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kg.load.values import (
    KEY_PATTERN,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_KEY_LENGTH,
    ClaimValue,
    Date,
    DateList,
    FlexDate,
    Key,
    Name,
    Ref,
    RefList,
    SourceRef,
    Text,
    Url,
    in_order,
    one_or_many,
    text_or_translations,
)

__all__ = [
    "Contribution", "FlexDate", "KEY_PATTERN", "ORGANISATION_KINDS", "INITIATIVE_KINDS", "ACTIVITIES",
    "FORMATS", "COUNT_UNITS", "VARIANT_KINDS", "CAPACITIES", "SOURCE_KINDS", "section_fields", "MAX_KEY_LENGTH",
]

ORGANISATION_KINDS = ("agency", "company", "association", "public-body", "research-institute", "university",
                      "media", "department", "network")
INITIATIVE_KINDS = ("program", "project", "campaign", "offer", "project-idea")
ACTIVITIES = ("welcomed", "opened", "presented", "gave-talk", "commented", "moderated", "attended",
              "mentioned", "photographed", "reported")
FORMATS = ("in-person", "digital", "hybrid", "barcamp")
COUNT_UNITS = ("people", "municipalities", "institutions", "inhabitants", "vehicles")
VARIANT_KINDS = ("former-name", "spelling-variant", "short-form", "misprint", "other-name")
CAPACITIES = ("participant", "partner", "pioneer", "shareholder")
SOURCE_KINDS = ("news-article", "press-release", "web-page", "dataset")

class Translations(BaseModel):
    """Free text in one or both languages."""

    model_config = ConfigDict(extra="forbid")
    de: Text | None = None
    en: Text | None = None


LocalText = Annotated[Union[Text, Translations], BeforeValidator(text_or_translations)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AlternateName(Strict):
    name: Name
    kind: Literal[VARIANT_KINDS] = "spelling-variant"
    note: LocalText | None = None
    source: SourceRef | None = None


def _alternate_name(value):
    return {"name": value} if isinstance(value, str) else value


AltName = Annotated[AlternateName, BeforeValidator(_alternate_name)]


class Source(Strict):
    key: Key
    url: Url
    title: Name
    title_truncated: StrictBool = False
    kind: Literal[SOURCE_KINDS] = "news-article"
    publisher: Name | None = None
    publisher_organisation: Ref | None = None
    published: DateList = []
    published_note: LocalText | None = None
    author: Name | None = None
    photo_credit: Name | None = None
    licence: Url | None = None


def _words_or_paraphrase(model, field: str):
    """A statement needs the source's words or, where only a paraphrase is at hand, the paraphrase."""
    if getattr(model, field) is None and model.paraphrase is None:
        raise PydanticCustomError("words_or_paraphrase", "{field} needed", {"field": field})
    return model


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
    member_counts: list[Count] = []
    source: SourceRef | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "kind"))


class Venue(Strict):
    key: Key
    name: Name | None = None
    municipality: Ref | None = None
    place: Name | None = None
    alternate_names: list[AltName] = []
    operated_by: Ref | None = None
    description: LocalText | None = None
    source: SourceRef | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "municipality"))


class Person(Strict):
    key: Key
    name: Name | None = None
    honorific: Name | None = None
    alternate_names: list[AltName] = []
    description: LocalText | None = None
    source: SourceRef | None = None


class Role(Strict):
    person: Ref
    role: Ref
    as_stated: Text | None = None
    paraphrase: LocalText | None = None
    organisation: Ref | None = None
    initiative: Ref | None = None
    stated_on: Date | None = None
    start: Date | None = None
    end: Date | None = None
    note: LocalText | None = None
    source: SourceRef | None = None

    _ordered = model_validator(mode="after")(lambda self: in_order(self, "start", "end"))
    _worded = model_validator(mode="after")(lambda self: _words_or_paraphrase(self, "as_stated"))


class Funding(Strict):
    amount: Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)] | None = None
    currency: Literal["EUR"] = "EUR"
    instrument: Name | None = None
    purpose: LocalText | None = None
    funder: Ref | None = None
    note: LocalText | None = None
    source: SourceRef | None = None


class Count(Strict):
    count: Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)] | None = None
    counts: Literal[COUNT_UNITS]
    approximate: StrictBool = False
    wording: Text | None = None
    paraphrase: LocalText | None = None
    stated_on: Date | None = None
    note: LocalText | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _count_or_wording(self):
        if self.count is None and self.wording is None and self.paraphrase is None:
            raise PydanticCustomError("count_or_wording", "count or wording needed")
        return self


class Participant(Strict):
    organisation: Ref
    capacity: Literal[CAPACITIES] = "participant"
    stated_on: Date | None = None
    note: LocalText | None = None
    source: SourceRef | None = None


class Initiative(Strict):
    key: Key
    name: Name | None = None
    kind: Literal[INITIATIVE_KINDS] | None = None
    alternate_names: list[AltName] = []
    part_of: RefList = []
    run_by: RefList = []
    partners: RefList = []
    start: Date | None = None
    start_inferred: StrictBool = False
    start_expected: StrictBool = False
    end: Date | None = None
    end_inferred: StrictBool = False
    end_expected: StrictBool = False
    date_note: LocalText | None = None
    website: Url | None = None
    description: LocalText | None = None
    funding: list[Funding] = []
    participants: list[Participant] = []
    participant_counts: list[Count] = []
    source: SourceRef | None = None

    _declared = model_validator(mode="after")(lambda self: _needs_when_declared(self, "kind"))
    _ordered = model_validator(mode="after")(lambda self: in_order(self, "start", "end"))


class EventParticipant(Strict):
    person: Ref | None = None
    organisation: Ref | None = None
    did: Annotated[list[Literal[ACTIVITIES]], BeforeValidator(one_or_many)] = []
    role_as_stated: Text | None = None
    role_paraphrase: LocalText | None = None
    on_behalf_of: Ref | None = None
    presented: RefList = []
    talk_title: Text | None = None
    note: LocalText | None = None
    source: SourceRef | None = None

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
    host_inferred: StrictBool = False
    organisers: RefList = []
    formats: Annotated[list[Literal[FORMATS]], BeforeValidator(one_or_many)] = []
    format_note: LocalText | None = None
    attendance: list[Count] = []
    topics: RefList = []
    description: LocalText | None = None
    participants: list[EventParticipant] = []
    sources: RefList = []

    _ordered = model_validator(mode="after")(lambda self: in_order(self, "date", "end_date"))

    @model_validator(mode="after")
    def _edition_in_a_series(self):
        if self.edition is not None and self.kind != "round-table" and self.series is None:
            raise PydanticCustomError("edition_without_series", "edition needs a series", {"field": "edition"})
        return self


class Series(Strict):
    key: Key
    name: Name | None = None
    alternate_names: list[AltName] = []
    organisers: RefList = []
    start: Date | None = None
    date_note: LocalText | None = None
    description: LocalText | None = None
    source: SourceRef | None = None


class Concept(Strict):
    key: Key
    de: Name
    en: Name
    broader: Ref | None = None
    definition: LocalText | None = None


CLAIM_SUBJECTS = ("person", "organisation", "initiative", "event", "series", "venue")


class Claim(Strict):
    """What one source says about one aspect of a thing where another source says otherwise (a
    start year, a name, what kind of thing it is): kept beside the other, never merged."""

    person: Ref | None = None
    organisation: Ref | None = None
    initiative: Ref | None = None
    event: Ref | None = None
    series: Ref | None = None
    venue: Ref | None = None
    field: Key
    value: ClaimValue
    wording: Text | None = None
    paraphrase: LocalText | None = None
    note: LocalText | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _one_subject(self):
        given = [name for name in CLAIM_SUBJECTS if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError("claim_subject", "one subject needed")
        return self

    @property
    def subject(self) -> tuple[str, str]:
        name = next(name for name in CLAIM_SUBJECTS if getattr(self, name) is not None)
        return name, getattr(self, name)


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
    claims: list[Claim] = []

    @field_validator("sources", "series", "organisations", "venues", "people", "initiatives", "events", "roles",
                     "topics", "role_types", "claims", mode="before")
    @classmethod
    def _empty_section(cls, value):
        """A section left empty (``people:`` with nothing under it) is an empty list, not a mistake."""
        return [] if value is None else value


def section_fields(model=Contribution) -> list[str]:
    """The field names a model accepts, for "did you mean" on a mistyped field."""
    return list(model.model_fields)
