"""Build `rearth/article@1` records as plain dicts whose keys follow the contract's order."""

from __future__ import annotations

from rearth_cli.article import Article
from rearth_cli.errors import RearthError

SCHEMA = "rearth/article@1"
ENTITY_GROUPS = ("leaders", "countries", "summits", "commodities", "defense_spending")


def error_record(source: str, error: RearthError) -> dict:
    """Return the record of an input that could not be analysed."""
    return {"schema": SCHEMA, "source": source, "ok": False, "error": {"code": error.code, "message": error.message}}


def article_record(
    article: Article,
    entities: dict,
    offtopic: list[dict],
    *,
    figures: list[dict],
    include_text: bool = False,
) -> dict:
    """Return the record of an analysed article; paragraphs in flagged runs carry offtopic: true."""
    flagged = {index for run in offtopic for index in run["paragraphs"]}
    record: dict = {
        "schema": SCHEMA,
        "source": article.source,
        "ok": True,
        "title": article.title,
        "chars": len(article.text),
        "language": {
            "code": article.language, "confidence": article.confidence, "method": article.language_method,
        },
        "paragraphs": [
            {
                "index": p.index,
                "start": p.start,
                "end": p.end,
                "language": p.language,
                "confidence": p.confidence,
                "offtopic": p.index in flagged,
            }
            for p in article.paragraphs
        ],
        "entities": {group: entities.get(group, []) for group in ENTITY_GROUPS},
        "offtopic": offtopic,
    }
    record["figures"] = figures
    if article.meta:
        record["meta"] = dict(article.meta)
    if include_text:
        record["text"] = article.text
    return record
