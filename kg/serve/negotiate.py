"""HTTP content negotiation: which of the formats we offer a client prefers (RFC 9110 Accept with
q-values and wildcards), and the short names a link may give instead (``?format=csv``)."""

from __future__ import annotations

__all__ = ["best_match", "SHORT_NAMES"]

SHORT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml", "trig": "application/trig",
    "nq": "application/n-quads", "html": "text/html",
}
_ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
            "text/plain": "application/n-triples", "application/x-turtle": "text/turtle"}


def _ranges(accept: str):
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            if field.lower().startswith("q="):
                try:
                    quality = max(0.0, min(1.0, float(field[2:])))
                except ValueError:
                    quality = 0.0
        yield media, quality, position


def _specificity(media_range: str, offer: str) -> int | None:
    if media_range == offer or _ALIASES.get(media_range) == offer:
        return 3
    if media_range.endswith("/*") and offer.startswith(media_range[:-1]):
        return 2
    if media_range == "*/*":
        return 1
    return None


def best_match(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client likes best (ties: the earlier offer), or None if it accepts none.
    No Accept header accepts anything, so the first offer is the default."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = list(_ranges(accept))
    best, best_key = None, None
    for index, offer in enumerate(offers):
        # the most specific range that matches decides the offer's quality
        matching = [(spec, q, -pos) for media, q, pos in ranges if (spec := _specificity(media, offer)) is not None]
        if not matching:
            continue
        spec, quality, _ = max(matching)
        if quality <= 0:
            continue
        key = (quality, spec, -index)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best
