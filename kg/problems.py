"""What a check found: one typed problem with its place in a file, in German and English.

Loaders, SHACL and the extra checks all report ``Problem`` objects, so the command line can
render them the same way (text, JSON) whatever found them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kg.messages import CATALOG

__all__ = ["Problem", "ERROR", "WARNING", "HINT", "LANGUAGES", "default_language", "sort_problems"]

ERROR, WARNING, HINT = "error", "warning", "hint"
LANGUAGES = ("de", "en")
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, HINT: 2}
ENTITY_WIDTH = 80


def default_language() -> str:
    """German unless the environment (KG_LANG, LC_ALL, LC_MESSAGES, LANG) asks for English."""
    for var in ("KG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, what is wrong and how to fix it, in each language."""

    code: str
    severity: str
    message: dict[str, str]
    fix: dict[str, str]
    file: str | None = None
    line: int | None = None
    column: int | None = None
    entity: str | None = None
    focus: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        # An entry's name shows as the problem's label; a hostile or broken one (a 1 MB name, line
        # breaks) must not flood the report.
        if self.entity is not None and (len(self.entity) > ENTITY_WIDTH or "\n" in self.entity):
            short = " ".join(self.entity.split())
            object.__setattr__(self, "entity", short if len(short) <= ENTITY_WIDTH else short[:ENTITY_WIDTH - 1] + "…")

    @classmethod
    def of(cls, code: str, *, file=None, line=None, column=None, entity=None, focus=None,
           severity: str | None = None, **params) -> "Problem":
        """Build a problem from the message catalogue, filling in ``params``."""
        entry = CATALOG[code]
        message = {lang: entry[lang][0].format(**params) for lang in LANGUAGES}
        fix = {lang: entry[lang][1].format(**params) for lang in LANGUAGES}
        return cls(code=code, severity=severity or entry["severity"], message=message, fix=fix,
                   file=file, line=line, column=column, entity=entity, focus=focus)

    def where(self) -> str:
        """``file:line:column`` as far as known."""
        parts = [self.file or "<graph>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self, lang: str) -> str:
        """One readable line plus the fix, for people."""
        label = {"de": {ERROR: "Fehler", WARNING: "Warnung", HINT: "Hinweis"},
                 "en": {ERROR: "error", WARNING: "warning", HINT: "hint"}}[lang][self.severity]
        subject = f" [{self.entity}]" if self.entity else ""
        how = {"de": "So beheben Sie es", "en": "How to fix"}[lang]
        return f"{self.where()}: {label}{subject}: {self.message[lang]}\n    {how}: {self.fix[lang]}"

    def as_json(self, lang: str) -> dict:
        """The machine-readable form used by ``--format json``."""
        return {
            "code": self.code, "severity": self.severity, "file": self.file, "line": self.line,
            "column": self.column, "entity": self.entity, "focus": self.focus,
            "message": self.message[lang], "fix": self.fix[lang],
        }


def sort_problems(problems) -> list[Problem]:
    """Errors first, then by file and line, so reports read top to bottom and are deterministic."""
    unique = {(p.code, p.severity, p.file, p.line, p.column, p.entity, p.focus, p.message["en"]): p for p in problems}
    return sorted(unique.values(), key=lambda p: (_SEVERITY_ORDER[p.severity], p.file or "~", p.line or 0,
                                                  p.column or 0, p.code, p.message["en"]))
