"""``kg new``: a commented template for a new event, person, organisation or program, in German or
English, with the next free edition number and the keys of known things listed in comments, so a
contributor can copy keys instead of guessing them.

Whatever the contributor must fill in is a placeholder from ``PLACEHOLDERS``; a file that still
holds one is refused ("replace the example value"), so an untouched template never becomes data.
"""

from __future__ import annotations

import unicodedata

from kg.load.registry import Registry

__all__ = ["template", "KINDS", "PLACEHOLDERS"]

KINDS = ("event", "person", "organisation", "program")

# name -> (German, English): the example values of the templates (here and templates/contribution.yaml).
_VALUES = {
    "url": ("https://www.example.org/adresse-des-artikels", "https://www.example.org/address-of-the-article"),
    "title": ("Überschrift des Artikels", "Title of the article"),
    "publisher": ("Name der Zeitung oder Website", "Name of the newspaper or website"),
    "source": ("schluessel-des-berichts", "key-of-the-report"),
    "municipality": ("Name der Kommune", "Name of the municipality"),
    "host": ("Verwaltung der Kommune", "Administration of the municipality"),
    "wording": ("Wortlaut der Quelle", "Wording of the source"),
    "person": ("schluessel-der-person", "key-of-the-person"),
    "role_as_stated": ("Funktion laut Quelle", "Role as the source states it"),
    "organisation": ("schluessel-der-organisation", "key-of-the-organisation"),
    "initiative": ("schluessel-des-vorhabens", "key-of-the-initiative"),
    "topic": ("schluessel-des-themas", "key-of-the-topic"),
    "role": ("schluessel-der-funktion", "key-of-the-role"),
    "person_key": ("vorname-nachname", "first-name-last-name"),
    "person_name": ("Vorname Nachname", "First name Last name"),
    "org_key": ("name-der-organisation", "name-of-the-organisation"),
    "org_name": ("Name der Organisation", "Name of the organisation"),
    "initiative_key": ("name-des-vorhabens", "name-of-the-initiative"),
    "initiative_name": ("Name des Vorhabens", "Name of the initiative"),
    "venue_key": ("name-des-ortes", "name-of-the-venue"),
    "venue_name": ("Name des Veranstaltungsortes", "Name of the venue"),
    "event_key": ("runder-tisch-nummer", "round-table-number"),
    "event_name": ("Nummer. Runder Tisch „Willkommen in Südwestfalen“", "Number. Runder Tisch „Willkommen in Südwestfalen“"),
}
PLACEHOLDERS = frozenset(value for pair in _VALUES.values() for value in pair)

_TEXT = {
    "de": {
        "head": "# Neuer Beitrag ({kind}). Füllen Sie ihn aus einer Quelle aus; was die Quelle nicht sagt, lassen Sie weg.\n"
                "# Ersetzen Sie jeden Beispielwert; eine Datei mit Beispielwerten wird abgelehnt.\n"
                "# Prüfen mit:  kg validate {path}\n# Felder und Regeln: data/README.md\n",
        "key": "Kleinbuchstaben, durch Bindestriche verbunden",
        "kind": "news-article | press-release | web-page",
        "published": "weglassen, wenn die Seite kein Datum zeigt",
        "edition": "die nächste freie Nummer; ändern Sie sie, wenn die Quelle anderes sagt",
        "date": "oder 2025-05, oder 2025",
        "municipality": "Name oder AGS der Kommune",
        "host": "etwa „Stadt Altena“; weglassen, wenn die Quelle keinen Gastgeber nennt",
        "organisers": "nur, wenn die Quelle den Veranstalter nennt",
        "formats": "in-person | digital | hybrid | barcamp",
        "attendance": "Zahl, ob ungefähr, was gezählt wird (people | municipalities | institutions), Wortlaut",
        "topics": "Schlüssel aus data/vocabularies.yaml",
        "did": "welcomed | opened | presented | gave-talk | commented | moderated | attended | …; weglassen, wenn die Quelle es nicht sagt",
        "person": "der Schlüssel einer bekannten Person (Liste unten) oder einer unter „people:“ neu angelegten",
        "known_people": "Bekannte Personen (Schlüssel, Name):",
        "known_orgs": "Bekannte Organisationen (Schlüssel, Name):",
        "known_initiatives": "Bekannte Vorhaben (Schlüssel, Name):",
        "known_venues": "Bekannte Veranstaltungsorte (Schlüssel, Name):",
        "known_topics": "Themen (Schlüssel, Name):",
        "known_roles": "Funktionen (Schlüssel, Name):",
        "more": "… {n} weitere (mit kg query --sparql auflisten)",
        "as_stated": "die Worte der Quelle",
        "stated_on": "das Datum, für das die Quelle es sagt",
        "org_kind": "agency | company | association | public-body | research-institute | university | media | department | network",
        "based_in": "eine Kommune der Region",
        "program_kind": "program | project | campaign | offer | project-idea",
        "alt": "andere Schreibweise",
    },
    "en": {
        "head": "# New contribution ({kind}). Fill it in from one source; leave out what the source does not say.\n"
                "# Replace every example value; a file that still holds one is refused.\n"
                "# Check with:  kg validate {path}\n# Fields and rules: data/README.md\n",
        "key": "lower-case words joined by hyphens",
        "kind": "news-article | press-release | web-page",
        "published": "leave out if the page shows no date",
        "edition": "the next free number; change it if the source says otherwise",
        "date": "or 2025-05, or 2025",
        "municipality": "name or AGS of the municipality",
        "host": "such as „Stadt Altena“; leave out if the source names no host",
        "organisers": "only if the source names the organiser",
        "formats": "in-person | digital | hybrid | barcamp",
        "attendance": "number, whether approximate, what is counted (people | municipalities | institutions), wording",
        "topics": "keys from data/vocabularies.yaml",
        "did": "welcomed | opened | presented | gave-talk | commented | moderated | attended | …; leave out if the source does not say",
        "person": "the key of a known person (list below) or of one declared under „people:“",
        "known_people": "Known people (key, name):",
        "known_orgs": "Known organisations (key, name):",
        "known_initiatives": "Known initiatives (key, name):",
        "known_venues": "Known venues (key, name):",
        "known_topics": "Topics (key, name):",
        "known_roles": "Roles (key, name):",
        "more": "… {n} more (list them with kg query --sparql)",
        "as_stated": "the source's words",
        "stated_on": "the date the source states it for",
        "org_kind": "agency | company | association | public-body | research-institute | university | media | department | network",
        "based_in": "a municipality of the region",
        "program_kind": "program | project | campaign | offer | project-idea",
        "alt": "other spelling",
    },
}


def _comment(text: str) -> str:
    """Text safe inside a YAML comment: a line break or control character would end the comment."""
    return "".join(" " if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in text)


def _keys(registry: Registry, kind: str, title: str, more: str, limit: int = 60) -> str:
    entries = sorted(registry.entries(kind), key=lambda e: e.key)
    lines = [f"# {title}"] + [f"#   {e.key:<42} {_comment(e.label)}" for e in entries[:limit]]
    if len(entries) > limit:
        lines.append("#   " + more.format(n=len(entries) - limit))
    return "\n".join(lines)


def template(kind: str, registry: Registry, next_edition: int, path: str, lang: str = "de") -> str:
    """The template for ``kind`` in ``lang``; ``next_edition`` is the next free edition number."""
    t, i = _TEXT[lang], 0 if lang == "de" else 1
    v = {name: pair[i] for name, pair in _VALUES.items()}
    known = {name: _keys(registry, kind_, t[title], t["more"], limit)
             for name, kind_, title, limit in (("people", "person", "known_people", 60),
                                              ("orgs", "organisation", "known_orgs", 200),
                                              ("initiatives", "initiative", "known_initiatives", 60),
                                              ("venues", "venue", "known_venues", 60),
                                              ("topics", "topic", "known_topics", 60),
                                              ("roles", "role", "known_roles", 60))}
    source = f"""
sources:
  - key: {{source_key}}            # {t["key"]}
    kind: news-article           # {t["kind"]}
    url: {v["url"]}
    title: {v["title"]}
    publisher: {v["publisher"]}
    # published: 2025-05-14      # {t["published"]}
"""
    if kind == "event":
        body = f"""{source.format(source_key=f"bericht-runder-tisch-{next_edition}")}
events:
  - key: runder-tisch-{next_edition}
    kind: round-table
    edition: {next_edition}                 # {t["edition"]}
    name: {next_edition}. Runder Tisch „Willkommen in Südwestfalen“
    # date: 2025-05-14            # {t["date"]}
    municipality: {v["municipality"]}          # {t["municipality"]}
    hosts: [{v["host"]}]          # {t["host"]}
    # organisers: [suedwestfalen-agentur]   # {t["organisers"]}
    # formats: [in-person]        # {t["formats"]}
    attendance:                   # {t["attendance"]}
      - {{count: 30, approximate: true, counts: people, wording: {v["wording"]}}}
    topics: [{v["topic"]}]        # {t["topics"]}
    participants:
      - person: {v["person"]}     # {t["person"]}
        did: [presented]          # {t["did"]}
        role_as_stated: {v["role_as_stated"]}
        on_behalf_of: {v["organisation"]}

{known["people"]}
{known["initiatives"]}
{known["venues"]}
{known["topics"]}
{known["orgs"]}
"""
    elif kind == "person":
        body = f"""{source.format(source_key=v["source"])}
people:
  - key: {v["person_key"]}
    name: {v["person_name"]}
    # alternate_names: [{{name: …, kind: spelling-variant}}]   # {t["alt"]}

roles:
  - person: {v["person_key"]}
    role: {v["role"]}
    as_stated: {v["role_as_stated"]}   # {t["as_stated"]}
    organisation: {v["organisation"]}
    # stated_on: 2025-05-14      # {t["stated_on"]}

{known["roles"]}
{known["people"]}
{known["orgs"]}
"""
    elif kind == "organisation":
        body = f"""{source.format(source_key=v["source"])}
organisations:
  - key: {v["org_key"]}
    name: {v["org_name"]}
    kind: company                 # {t["org_kind"]}
    # based_in: Olpe              # {t["based_in"]}
    # description: {{de: …, en: …}}

{known["orgs"]}
"""
    else:
        body = f"""{source.format(source_key=v["source"])}
initiatives:
  - key: {v["initiative_key"]}
    name: {v["initiative_name"]}
    kind: program                 # {t["program_kind"]}
    run_by: [{v["organisation"]}]
    # part_of: [arbeitgeberschmiede-suedwestfalen]
    # start: 2024
    # funding: [{{amount: 100000, instrument: EFRE}}]

{known["initiatives"]}
{known["orgs"]}
"""
    return t["head"].format(kind=kind, path=path) + body
