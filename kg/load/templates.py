"""``kg new``: a commented template for a new event, person, organisation or program, with the
next free edition number and the keys of known things listed in comments, so a contributor can
copy keys instead of guessing them."""

from __future__ import annotations

from kg.load.registry import Registry

__all__ = ["template", "KINDS"]

KINDS = ("event", "person", "organisation", "program")

_HEAD = {
    "de": "# Neuer Beitrag ({kind}). Füllen Sie ihn aus einer Quelle aus; was die Quelle nicht sagt, lassen Sie weg.\n"
          "# Prüfen mit:  kg validate {path}\n# Felder und Regeln: data/README.md\n",
    "en": "# New contribution ({kind}). Fill it in from one source; leave out what the source does not say.\n"
          "# Check with:  kg validate {path}\n# Fields and rules: data/README.md\n",
}
_SOURCE = """
sources:
  - key: {source_key}            # lower-case words joined by hyphens
    kind: news-article           # news-article | press-release | web-page
    url: https://www.example.org/…
    title: Überschrift des Artikels
    publisher: Name der Zeitung oder Website
    # published: 2025-05-14      # leave out if the page shows no date
"""


def _keys(registry: Registry, kind: str, limit: int = 60) -> str:
    entries = sorted(registry.entries(kind), key=lambda e: e.key)
    lines = [f"#   {e.key:<42} {e.label}" for e in entries[:limit]]
    if len(entries) > limit:
        lines.append(f"#   … {len(entries) - limit} more (kg query --sparql to list them)")
    return "\n".join(lines)


def template(kind: str, registry: Registry, next_edition: int, path: str, lang: str = "de") -> str:
    head = _HEAD[lang].format(kind=kind, path=path)
    known_orgs = "# Known organisations (key, name):\n" + _keys(registry, "organisation", 200)
    if kind == "event":
        body = f"""{_SOURCE.format(source_key="bericht-runder-tisch-" + str(next_edition))}
events:
  - key: runder-tisch-{next_edition}
    kind: round-table
    edition: {next_edition}                 # the next free number; change it if the source says otherwise
    name: {next_edition}. Runder Tisch „Willkommen in Südwestfalen“
    # date: 2025-05-14            # or 2025-05, or 2025
    municipality: Altena          # name or AGS of the municipality
    hosts: [Stadt Altena]
    organisers: [suedwestfalen-agentur]
    formats: [in-person]          # in-person | digital | hybrid | barcamp
    attendance:
      - {{count: 30, approximate: true, counts: people, wording: rund 30 Teilnehmende}}
    topics: [social-media]
    participants:
      - person: marie-ting
        did: presented            # welcomed | opened | presented | gave-talk | commented | …
        presented: [komm-und-bleib]
        on_behalf_of: suedwestfalen-agentur

# Known people (key, name):
{_keys(registry, "person")}
# Known initiatives (key, name):
{_keys(registry, "initiative")}
# Known venues (key, name):
{_keys(registry, "venue")}
# Topics (key, name):
{_keys(registry, "topic")}
{known_orgs}
"""
    elif kind == "person":
        body = f"""{_SOURCE.format(source_key="bericht-…")}
people:
  - key: vorname-nachname         # e.g. erika-beispiel
    name: Vorname Nachname
    # alternate_names: [{{name: Other spelling, kind: spelling-variant}}]

roles:
  - person: vorname-nachname
    role: project-manager         # a key from the list below
    as_stated: Projektmanagerin   # the source's words
    organisation: suedwestfalen-agentur
    # stated_on: 2025-05-14

# Roles (key, name):
{_keys(registry, "role")}
# Known people, to avoid a duplicate (key, name):
{_keys(registry, "person")}
{known_orgs}
"""
    elif kind == "organisation":
        body = f"""{_SOURCE.format(source_key="bericht-…")}
organisations:
  - key: name-der-organisation
    name: Name der Organisation
    kind: company                 # agency | company | association | public-body | research-institute | university | media | department
    # based_in: Olpe              # a municipality of the region
    # description: {{de: …, en: …}}

{known_orgs}
"""
    else:
        body = f"""{_SOURCE.format(source_key="bericht-…")}
initiatives:
  - key: name-des-vorhabens
    name: Name des Vorhabens
    kind: program                 # program | project | campaign | offer | project-idea
    run_by: [suedwestfalen-agentur]
    # part_of: [arbeitgeberschmiede-suedwestfalen]
    # start: 2024
    # funding: [{{amount: 100000, instrument: EFRE}}]

# Known initiatives (key, name):
{_keys(registry, "initiative")}
{known_orgs}
"""
    return head + body
