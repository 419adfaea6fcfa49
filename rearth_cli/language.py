"""Seeded langdetect for the article and each paragraph, so the same text always gets the same answer."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rearth_cli.article import Paragraph

# The profiles loaded: the five languages rearth analyses in depth and the ones
# their news most often quotes or sits beside. Fewer profiles is faster and, on
# short lines, more accurate than all 55 (NOTES.md).
PROFILES = (
    "fr", "en", "de", "es", "it", "pt", "nl", "ca", "ro", "pl", "sv", "da", "no", "fi",
    "cs", "hu", "el", "tr", "ru", "uk", "ar", "he", "fa", "hi", "ja", "ko", "zh-cn", "zh-tw", "vi", "id",
)
SEED = 0
# A paragraph shorter than this (a heading, a byline) keeps the article's language
# unless langdetect is nearly certain and has enough letters to go on.
SHORT_PARAGRAPH_LETTERS = 60
STRONG_EVIDENCE = 0.999
MIN_LETTERS_TO_OVERRIDE = 25
# Above this probability a long paragraph in another language is reported as such.
OTHER_LANGUAGE_EVIDENCE = 0.90
_DOCUMENT_SAMPLE_CHARS = 1000
# The document sample answers without langdetect when one language owns at least
# this many of its function words and every other language at most a quarter as many
# (a 1000-character news sample has 20 to 50; an unlisted language scatters its
# votes over several listed ones and so never passes).
DECISIVE_FUNCTION_WORDS = 12
DECISIVE_RIVAL_SHARE = 0.25
# langdetect converges as well on a paragraph's first few hundred characters.
_PARAGRAPH_SAMPLE_CHARS = 600
_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_URLS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")


@functools.lru_cache(maxsize=1)
def _factory():
    """Return a private DetectorFactory with our profiles loaded and a fixed seed."""
    from importlib import resources

    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    factory.seed = SEED
    profiles_dir = resources.files("langdetect") / "profiles"
    factory.load_json_profile([(profiles_dir / code).read_text(encoding="utf-8") for code in PROFILES])
    return factory


@functools.lru_cache(maxsize=1)
def _function_words() -> dict[str, str | None]:
    """Return word -> language for the function words of models/function_words.jsonl (None: shared by several)."""
    from rearth_cli.knowledge import load_entries

    owner: dict[str, str | None] = {}
    for entry in load_entries("function_words"):
        for word in entry["words"]:
            word = word.lower()
            owner[word] = entry["lang"] if owner.get(word, entry["lang"]) == entry["lang"] else None
    return owner


def function_word_votes(text: str) -> dict[str, int]:
    """Return how many words of text are function words peculiar to each language."""
    owner = _function_words()
    votes: dict[str, int] = {}
    for word in _WORDS.findall(text.lower().replace("’", "'")):
        code = owner.get(word)
        if code is not None:
            votes[code] = votes.get(code, 0) + 1
    return votes


def _document_language_answers(text: str, document: str, short: bool) -> bool:
    """Return True when the function words confirm the document language, so langdetect need not run."""
    votes = function_word_votes(text)
    own = votes.pop(document, 0)
    rival = max(votes.values(), default=0)
    if short or rival == 0:
        # No other language's function words: a foreign paragraph of this length would show some.
        return own >= rival
    return own >= 3 and own >= 2 * rival + 1


def _letters(text: str) -> int:
    """Return how many letters the text has."""
    return len(_LETTERS.findall(text))


def detect(text: str) -> tuple[str | None, float]:
    """Return (ISO 639-1 code, probability) for text, or (None, 0.0) when there is nothing to go on."""
    text = _URLS.sub(" ", text)
    if _letters(text) < 3:
        return None, 0.0
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    code = best.lang.split("-")[0]
    return code, round(float(best.prob), 4)


def detect_document(text: str) -> tuple[str | None, float, str]:
    """Return the article's language, confidence and method ("function-words" or "langdetect") from a sample.

    Counting function words costs a tenth of langdetect's n-gram sampling, and on
    a news sample of clear prose it gives the same answer, so langdetect only runs
    when the count is not decisive (short texts, mixed or unlisted languages).
    The confidence of a counted answer is the language's smoothed share of the
    function words counted, rival languages' included.
    """
    sample = text[:_DOCUMENT_SAMPLE_CHARS]
    votes = function_word_votes(_URLS.sub(" ", sample))
    if votes:
        code = max(sorted(votes), key=votes.__getitem__)
        own = votes[code]
        rival = max((count for other, count in votes.items() if other != code), default=0)
        if own >= DECISIVE_FUNCTION_WORDS and rival <= DECISIVE_RIVAL_SHARE * own:
            return code, round(1.0 - (sum(votes.values()) - own + 1) / (own + 2), 4), "function-words"
    code, probability = detect(sample)
    return code, probability, "langdetect"


def detect_paragraphs(text: str, paragraphs: list[Paragraph], document: str | None, confidence: float) -> list[Paragraph]:
    """Return the paragraphs with their language set; short ones inherit the document's unless the evidence is strong."""
    detected: list[Paragraph] = []
    for paragraph in paragraphs:
        chunk = text[paragraph.start:paragraph.end][:_PARAGRAPH_SAMPLE_CHARS]
        letters = _letters(chunk)
        if document is not None and (
            letters < MIN_LETTERS_TO_OVERRIDE
            or _document_language_answers(chunk, document, letters < SHORT_PARAGRAPH_LETTERS)
        ):
            detected.append(replace(paragraph, language=document, confidence=confidence))
            continue
        code, probability = detect(chunk)
        if code is None or code == document:
            language, score = (document, confidence) if code is None else (code, probability)
        elif letters < SHORT_PARAGRAPH_LETTERS:
            strong = probability >= STRONG_EVIDENCE
            language, score = (code, probability) if strong else (document, confidence)
        else:
            strong = probability >= OTHER_LANGUAGE_EVIDENCE
            language, score = (code, probability) if strong else (document, confidence)
        detected.append(replace(paragraph, language=language, confidence=score))
    return detected
