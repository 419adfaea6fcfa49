"""The plain data every stage of the flow passes on: an article's text, its paragraphs, and entity mentions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article: offsets into the article text and its detected language."""

    index: int
    start: int
    end: int
    language: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Article:
    """A decoded, normalised article ready for analysis; every offset indexes `text`."""

    source: str
    text: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]
    language: str | None = None
    confidence: float = 0.0
    meta: dict = field(default_factory=dict)
    # how the language was decided: "function-words", "langdetect" or "given" (--lang)
    language_method: str = "langdetect"

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the text of one paragraph."""
        return self.text[paragraph.start:paragraph.end]


@dataclass(slots=True)
class Findings:
    """What rearth's rules found in one article: mentions, leader details (key -> name, role, country) and summit details.

    The spaCy components keep these on the doc (doc._.rearth_*); --fast fills
    them straight from the text, without spaCy.
    """

    text: str
    mentions: list = field(default_factory=list)
    leaders: dict = field(default_factory=dict)
    summits: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a known thing in the text, with how it was recognised.

    kind: "country" | "leader" | "summit" | "commodity".
    key: ISO code, leader id, summit key or commodity id.
    via: how it was found (name, alias, demonym, capital, short_form, surname, role...).
    evidence: which models/ entry or rule fired, shown by --explain.
    """

    kind: str
    key: str
    start: int
    end: int
    text: str
    via: str
    evidence: str = ""


def doc_text(doc) -> str:
    """Return a spaCy doc's text, computed once: spaCy rebuilds `doc.text` from its tokens on every access."""
    text = doc.user_data.get("rearth_text")
    if text is None:
        text = doc.user_data["rearth_text"] = doc.text
    return text
