"""Flag runs of paragraphs off the article's own subject (spliced stories, teasers, scraping debris); strip or mark them."""

from __future__ import annotations

import bisect
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rearth_cli import OFFTOPIC_THRESHOLD
from rearth_cli.article import Paragraph, doc_text
from rearth_cli.knowledge import models_dir
from rearth_cli.tries import trie_regex

_WORD = re.compile(r"[^\W\d_]+")
# Teaser rows and menus join their links with middle dots, bullets or bars.
_LINK_SEPARATORS = re.compile(r"\s[·•|]\s")
_HEADING_END = re.compile(r"[.!?…:;,\"»”)\]]\s*$")
# Words below this length are mostly articles, pronouns and abbreviations.
_MIN_WORD = 3
# Rarity weight of a word: _WEIGHT_CEIL - zipf, clipped to [0, _WEIGHT_MAX]; words at zipf >= 6 are function words.
_WEIGHT_CEIL = 6.2
_WEIGHT_MAX = 4.0
_WEIGHT_POWER = 2
_UNKNOWN_WEIGHT = 3.0 ** 2
# Languages that glue nouns into compounds: long words also yield their first and last letters as keys.
_COMPOUNDING = {"de", "nl", "sv", "da", "no", "fi"}
_COMPOUND_MIN = 10
_COMPOUND_HEAD = 8
_COMPOUND_TAIL = 7
_COMPOUND_UNKNOWN_WEIGHT = 2.0 ** 2
# Without a Snowball stemmer for the language, a prefix joins inflections (coopération/coopérer).
_STEM = 6
# A unit relating this much of its weighted vocabulary to the article counts as fully on-topic.
_FULL_RELATION = 0.12
# Content words of a full paragraph: shorter units score lower, since a few words prove nothing.
_EVIDENCE = 40.0
_HEADING_MAX_WORDS = 12
_LEAD_MIN_WORDS = 15
_BOILERPLATE_SCORE = 0.9
_SHORT_PARAGRAPH_WORDS = 30
_CONTAINS_MAX_WORDS = 60
_MARK_OPEN = "[[off-topic: {reason}]]"
_MARK_CLOSE = "[[/off-topic]]"
_CORE_ENTITY_WEIGHT = 9.0
_NEW_NAME_WEIGHT = 1.0
_AFTER_LEAD = 0.75
# PyStemmer names its Snowball algorithms by English language name.
_SNOWBALL = {
    "fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese",
    "nl": "dutch", "ca": "catalan", "da": "danish", "sv": "swedish", "no": "norwegian", "fi": "finnish",
    "ro": "romanian", "hu": "hungarian", "ru": "russian", "tr": "turkish", "el": "greek", "pl": "polish",
}
_GENRE_NAMES = {
    "realestate": "real estate", "sport": "sports", "health": "health tips", "shopping": "shopping deals",
    "culture": "arts and reviews", "dining": "food and dining",
}
_ENTITY_KINDS = (("countries", "code"), ("leaders", "name"), ("summits", "key"), ("commodities", "id"))
# A passage in a genre the article's title and lead never touch (horoscope, weather, sport...) needs this much
# of its vocabulary shared to belong, instead of _FULL_RELATION, and its genre words are evidence however short it is.
_GENRE_FULL_RELATION = 0.3
_GENRE_MIN_WORDS = 2
_GENRE_MIN_DENSITY = 0.1
_GENRE_EVIDENCE = 1.0
_GENRE_MIN_STEM = 4
# A quote or an expert's analysis is how stories bring in voices, in words of their own that the lead rarely uses.
# A paragraph is attributed speech when a cue ("said", "selon", "laut") meets a quote covering _QUOTE_MIN_SHARE of it or
# an expert noun. An expert's analysis between two passages that belong scores _SPEECH_BETWEEN of its score; words a
# speaker's line announces ("He added:"), or a quote running on from a quoted paragraph, score _SPEECH_CONTINUES.
# A spliced story quotes people too, so quotes alone are no pass: only their own words weigh less (_QUOTED_WEIGHT).
_QUOTE_MIN_SHARE = 0.25
_QUOTE_ONLY_SHARE = 0.5
_SPEECH_BETWEEN = 0.85
_SPEECH_CONTINUES = 0.4
# A lone paragraph of running prose (no heading, no foreign genre) between two passages that belong is the story
# moving to its next point, and scores _BRIDGE of its score, when its first sentence refers back ("Recruitment is the
# other weak point", "Reste la question", "C'è poi": continuation cues per language in models/offtopic_genres.jsonl),
# or when it names no one the rest of the article lacks and shares a content word of at least _BRIDGE_MIN_SHARED
# weight with the passages that belong. A spliced story brings its own people and places; in German, where every
# noun is capitalised, nearly every paragraph has "new names", so there only the cues apply.
_BRIDGE = 0.8
_BRIDGE_MIN_SHARED = 1.0
_SENTENCE_OPENERS = ".!?:;«»“”„\"'(—–-…"
_FIRST_SENTENCE = re.compile(r".*?(?:[.!?](?=\s)|$)", re.DOTALL)
# Words typical of a news field (defence, energy, courts, schools... in models/news_fields.jsonl) tie a passage that
# takes up a new aspect of the story to the rest of it: "frigates" and "shipyards" belong in a story about "troops".
# A word of a field the article covers (its title or lead, or two passages already accepted, use the field) counts
# _FIELD_SHARE as much as a word the article itself uses. The field is evidence for a passage, never against it.
_FIELD_KEY = "#"
# One field word is chance ("une ancienne caserne" turned library): a passage needs _FIELD_MIN_WORDS distinct ones.
_FIELD_SHARE = 0.5
_FIELD_MIN_UNITS = 2
_FIELD_MIN_WORDS = 2
# Genres whose words are also the vocabulary of a news field.
_GENRE_FIELDS = {"realestate": "housing", "health": "healthcare"}
# Keys that are not words of the text: entities (@) and news fields (#).
_PSEUDO_KEYS = "@" + _FIELD_KEY
# A voice's words inside its quotation marks are its own, not the passage's subject: they weigh this much.
_QUOTED_WEIGHT = 0.4
# Opening quotation mark -> the marks that close it (German „...“ closes with the English opening mark).
_QUOTES = {"«": "»", "“": "”", "„": "“”", "\"": "\"", "‹": "›"}
_QUOTE_OPENERS = re.compile("[" + "".join(re.escape(opener) for opener in _QUOTES) + "]")
# A match report or a review wanders to other fixtures, injuries, the table, the cast: a passage using more words of the
# article's own genre than of any other scores _SAME_GENRE of its score. A genre is the article's own when at least
# _OWN_GENRE_SHARE of its passages (and _OWN_GENRE_MIN_UNITS of them) use its words, _OWN_GENRE_MIN_STEMS distinct ones.
_SAME_GENRE = 0.6
_OWN_GENRE_SHARE = 0.5
_OWN_GENRE_MIN_UNITS = 3
_OWN_GENRE_MIN_STEMS = 4


def _fold(text: str) -> str:
    """Return text lower-cased with typographic apostrophes and dashes made plain, for lexicon matching."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").replace("\u00a0", " ")


@lru_cache(maxsize=256)
def _fold_passage(text: str) -> str:
    """Return _fold(text) for a paragraph, kept while the article is scored: the speech and genre tests both read it."""
    return _fold(text)


@dataclass(frozen=True)
class _Lexicon:
    """Compiled boilerplate patterns, one alternation per kind of match, and the share-button vocabulary."""

    start: re.Pattern | None
    contains_phrase: re.Pattern | None
    contains_word: re.Pattern | None
    phrases: dict[str, str]
    words: frozenset[str]


def _alternation(phrases: list[str], prefix: str, suffix: str) -> re.Pattern | None:
    """Return one regex matching any of the folded phrases (longest first), or None when there are none."""
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))
    bodies = [r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in ordered]
    return re.compile(prefix + "(" + "|".join(bodies) + ")" + suffix)


@lru_cache(maxsize=4)
def _lexicon(path: str) -> _Lexicon:
    """Return the boilerplate lexicon compiled from a JSON Lines file."""
    start_multi, start_single, contains_multi, contains_single, words = [], [], [], [], set()
    phrases: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            if entry.get("type") != "boilerplate":
                continue
            phrase = " ".join(_fold(entry["phrase"]).split())
            phrases.setdefault(phrase, entry["phrase"])
            match = entry.get("match", "contains")
            if match == "word":
                words.add(phrase)
            elif match == "start":
                (start_multi if " " in phrase else start_single).append(phrase)
            else:
                (contains_multi if " " in phrase else contains_single).append(phrase)
    # A single word must stand alone or be followed by a separator ("Related: ..."), not open a sentence.
    single = _alternation(start_single, r"^[\W_]*", r"(?:\s*[:|>»›\-]|\s*$)")
    multi = _alternation(start_multi, r"^[\W_]*", r"(?![\w'])")
    start = re.compile("|".join(p.pattern for p in (multi, single) if p)) if multi or single else None
    return _Lexicon(
        start,
        _alternation(contains_multi, r"(?<![\w'])", r"(?![\w'])"),
        _alternation(contains_single, r"(?<![\w'])", r"(?![\w'])"),
        phrases,
        frozenset(words),
    )


def _boilerplate_lexicon() -> _Lexicon:
    """Return the shipped boilerplate lexicon, compiled once per process."""
    return _lexicon(str(models_dir() / "boilerplate.jsonl"))


def boilerplate_reason(paragraph: str, *, strict: bool = False) -> str | None:
    """Return a reason like "boilerplate: 'read more'" when the paragraph is lexicon boilerplate, else None."""
    lexicon = _boilerplate_lexicon()
    folded = _fold(paragraph).strip()
    if not folded:
        return None
    tokens = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", folded)
    if tokens and len(tokens) <= 12 and all(token in lexicon.words or token.isdigit() for token in tokens):
        return "boilerplate: share and navigation buttons"
    n_words = len(tokens)
    segments = [part for part in _LINK_SEPARATORS.split(folded) if part.strip()]
    if len(segments) >= 3 and all(len(part.split()) <= 12 for part in segments):
        return "boilerplate: list of links"
    found = None
    if n_words <= _SHORT_PARAGRAPH_WORDS and lexicon.start:
        found = lexicon.start.search(folded)
    if not found and lexicon.contains_phrase and n_words <= (12 if strict else _CONTAINS_MAX_WORDS):
        found = lexicon.contains_phrase.search(folded)
    if not found and lexicon.contains_word and n_words <= (4 if strict else 6):
        found = lexicon.contains_word.search(folded)
    if not found:
        return None
    matched = " ".join(next(group for group in found.groups() if group).split())
    return f"boilerplate: '{lexicon.phrases.get(matched, matched)}'"


@dataclass(frozen=True)
class _GenreLexicon:
    """Stems of the vocabulary typical of spliced genres, per language: stem -> genre, for section headings and text."""

    headings: dict[str, dict[str, str]]
    words: dict[str, dict[str, str]]
    phrases: dict[str, tuple[re.Pattern, dict[str, str]]]


def _phrase_alternation(phrases: list[str]) -> re.Pattern:
    """Return one regex for genre phrases given as their words joined by spaces ("demi finale", "chef d orchestre").

    In the text the words may be joined by spaces, hyphens or apostrophes:
    "demi-finale", "chef d'orchestre", "kick-off" match their entries.
    """
    # A trie of the phrases' words: the field lexicon holds thousands of phrases, too many for a flat alternation.
    terms = []
    for phrase in sorted(set(phrases)):
        atoms: list[str] = []
        for part in phrase.split():
            atoms += [r"[\W_]+", re.escape(part)] if atoms else [re.escape(part)]
        terms.append((atoms, ""))
    return re.compile(r"(?<!\w)(" + trie_regex(terms) + r")(?!\w)")


@lru_cache(maxsize=8)
def _genre_lexicon(path: str, entry_type: str = "genre") -> _GenreLexicon:
    """Return a stem lexicon read from a JSON Lines file, its words stemmed like article words.

    Genre lines ("type": "genre") name their group in "genre"; news-field lines ("type": "field") in "field".
    """
    headings: dict[str, dict[str, str]] = {}
    words: dict[str, dict[str, str]] = {}
    phrases: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            entry = json.loads(line) if line else {}
            if entry.get("type") != entry_type:
                continue
            lang, genre = entry["lang"], entry[entry_type]
            for field_name, table in (("headings", headings), ("words", words)):
                for word in entry.get(field_name) or []:
                    parts = _WORD.findall(_fold(word))
                    if len(parts) == 1 and len(parts[0]) >= _MIN_WORD:
                        table.setdefault(lang, {}).setdefault(_genre_key(parts[0], lang), genre)
                    elif len(parts) > 1:
                        # Matched whole: its parts alone ("national", "park") say nothing about a genre.
                        phrases.setdefault(lang, {}).setdefault(" ".join(parts), genre)
    compiled = {lang: (_phrase_alternation(list(table)), table) for lang, table in phrases.items()}
    return _GenreLexicon(headings, words, compiled)


def _genre_key(word: str, lang: str) -> str:
    """Return the key a folded word is looked up by in the genre lexicon: its stem, or the word when the stem is short."""
    stem = _stem(word, lang)
    # Short stems collide across words: "luna" and "lunes" share "lun", "batir" and "baterías" share "bat".
    return stem if len(stem) >= _GENRE_MIN_STEM else "=" + word


def _genre_file() -> str | None:
    """Return the path of the shipped genre lexicon, or None when models/ lacks it (asked per paragraph: cached)."""
    return _model_file_in(models_dir(), "offtopic_genres.jsonl")


@lru_cache(maxsize=8)
def _model_file_in(folder: Path, name: str) -> str | None:
    """Return folder/name as a string path, or None when it is missing (asked per paragraph: cached)."""
    path = folder / name
    return str(path) if path.exists() else None


def _genres() -> _GenreLexicon | None:
    """Return the shipped genre lexicon, or None when models/ lacks it."""
    path = _genre_file()
    return _genre_lexicon(path) if path else None


def _news_fields() -> _GenreLexicon | None:
    """Return the shipped news-field lexicon (models/news_fields.jsonl), or None when models/ lacks it."""
    path = _model_file_in(models_dir(), "news_fields.jsonl")
    return _genre_lexicon(path, "field") if path else None


@lru_cache(maxsize=200_000)
def _genre_key_of(surface: str, lang: str) -> str:
    """Return the genre-lexicon key of a word as written; cached, since news vocabulary repeats from article to article."""
    return _genre_key(_fold(surface), lang)


def _genre_hits(text: str, start: int, end: int, lang: str | None, heading: bool) -> dict[str, dict[str, str]]:
    """Return genre -> {stem: first surface} for the genre words of text[start:end] (section-heading words if heading)."""
    return _lexicon_hits(_genres(), text, start, end, lang, heading)


def _field_hits(text: str, start: int, end: int, lang: str | None) -> dict[str, dict[str, str]]:
    """Return news field -> {stem: first surface} for the words of text[start:end] typical of a news field."""
    return _lexicon_hits(_news_fields(), text, start, end, lang, False)


def _lexicon_hits(lexicon: _GenreLexicon | None, text: str, start: int, end: int, lang: str | None,
                  heading: bool) -> dict[str, dict[str, str]]:
    """Return group -> {stem: first surface} for the lexicon's words (or heading words) in text[start:end]."""
    if lexicon is None or not lang:
        return {}
    table = (lexicon.headings if heading else lexicon.words).get(lang, {})
    out: dict[str, dict[str, str]] = {}
    if table:
        for surface in _WORD.findall(text, start, end):
            if len(surface) < _MIN_WORD:
                continue
            key = _genre_key_of(surface, lang)
            genre = table.get(key)
            if genre:
                out.setdefault(genre, {}).setdefault(key, surface)
    if not heading and lang in lexicon.phrases:
        pattern, phrases = lexicon.phrases[lang]
        for match in pattern.finditer(_fold_passage(text[start:end])):
            phrase = " ".join(_WORD.findall(match.group(1)))
            out.setdefault(phrases[phrase], {}).setdefault(phrase, text[start + match.start(1):start + match.end(1)])
    return out


@lru_cache(maxsize=4)
def _attribution_lexicon(path: str) -> dict[str, tuple[re.Pattern | None, re.Pattern | None]]:
    """Return lang -> (speech cue pattern, expert noun pattern) read from the genre lexicon's attribution lines."""
    cues: dict[str, list[str]] = {}
    experts: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line) if line.strip() else {}
            if entry.get("type") != "attribution":
                continue
            cues.setdefault(entry["lang"], []).extend(" ".join(_fold(cue).split()) for cue in entry.get("cues") or [])
            experts.setdefault(entry["lang"], []).extend(" ".join(_fold(e).split()) for e in entry.get("experts") or [])
    out = {}
    for lang in sorted(cues.keys() | experts.keys()):
        # Compounding languages name experts inside a word: Klimaforscher, Handelsexpertin.
        head = r"(?<![\w'])" if lang not in _COMPOUNDING else r"(?<![\w'])\w*?"
        out[lang] = (
            _alternation(cues.get(lang, []), r"(?<![\w'])", r"(?![\w'])"),
            _alternation(experts.get(lang, []), head, r"(?![\w'])"),
        )
    return out


@lru_cache(maxsize=4)
def _continuation_lexicon(path: str) -> dict[str, re.Pattern]:
    """Return lang -> pattern of the words that tie a paragraph to what came before ("also", "the other", "reste")."""
    cues: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line) if line.strip() else {}
            if entry.get("type") == "continuation":
                cues.setdefault(entry["lang"], []).extend(" ".join(_fold(cue).split()) for cue in entry.get("cues") or [])
    return {lang: _alternation(words, r"(?<![\w'])", r"(?![\w'])") for lang, words in sorted(cues.items()) if words}


def _continues(text: str, lang: str | None) -> bool:
    """Return True when the paragraph's first sentence refers back to the story ("Recruitment is the other weak point")."""
    path = _genre_file()
    pattern = _continuation_lexicon(path).get(lang or "") if path else None
    if pattern is None:
        return False
    first = _FIRST_SENTENCE.match(_fold_passage(text))
    return bool(first and pattern.search(first.group()))


def _quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the quotations in text[start:end]; an unclosed quote runs to the end."""
    end = len(text) if end is None else end
    spans, i = [], start
    while i < end:
        opening = _QUOTE_OPENERS.search(text, i, end)
        if opening is None:
            break
        i = opening.start()
        ends = [j for j in (text.find(c, i + 1, end) for c in _QUOTES[text[i]]) if j >= 0]
        close = min(ends) + 1 if ends else end
        spans.append((i, close))
        i = close
    return spans


def _speech_patterns(lang: str | None) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Return the shipped (speech cue, expert noun) patterns of a language, (None, None) when it has none."""
    path = _genre_file()
    return _attribution_lexicon(path).get(lang or "", (None, None)) if path else (None, None)


def _speech(text: str, cue: re.Pattern | None, expert: re.Pattern | None) -> tuple[float, bool, bool]:
    """Return (share in quotes, has a speech cue such as "said" or "selon", names an expert) for a paragraph."""
    folded = _fold_passage(text)
    share = sum(end - start for start, end in _quote_spans(text)) / len(text) if text else 0.0
    return (share, bool(cue and cue.search(folded)), bool(expert and expert.search(folded)))


def _mark_speech(text: str, paragraphs: Sequence[Paragraph], units: list[_Unit], lang: str | None) -> None:
    """Set each unit's speech kind ("quote", "analysis" by a named expert, "continues" after a speaker's line) and quotes."""
    texts = [text[p.start:p.end] for p in paragraphs]
    cue_pattern, expert_pattern = _speech_patterns(lang)
    speech = [_speech(chunk, cue_pattern, expert_pattern) for chunk in texts]
    attributed = [(share >= _QUOTE_MIN_SHARE and (cue or expert)) or (cue and expert) for share, cue, expert in speech]
    for unit in units:
        body = unit.paragraphs[-1]
        before = body - 1
        share, cue, expert = speech[body]
        if before >= 0 and before not in unit.paragraphs and not cue and not expert:
            introduces = texts[before].rstrip().endswith(":") and (speech[before][1] or speech[before][2])
            # A quote that runs on from a quoted paragraph, or the words a speaker's line announces, are theirs.
            if introduces or (attributed[before] and share >= _QUOTE_ONLY_SHARE):
                unit.speech = "continues"
        if attributed[body] and not unit.speech:
            unit.speech = "analysis" if expert else "quote"
        if unit.speech:
            unit.quotes = _quote_spans(text, paragraphs[body].start, paragraphs[body].end)


def _mark_bridge_evidence(text: str, paragraphs: Sequence[Paragraph], units: list[_Unit], lang: str | None) -> None:
    """Set each single-paragraph unit's count of new names (capitalised words inside a sentence found nowhere else)
    and whether its first sentence carries a continuation cue."""
    for unit in units:
        if len(unit.paragraphs) != 1:
            continue
        span = paragraphs[unit.paragraphs[0]]
        body = text[span.start:span.end]
        if not any(char.isupper() for char in body):
            continue  # a script without capitals (Japanese, Chinese) says nothing about names
        rest = text[:span.start] + "\n" + text[span.end:]
        new = 0
        for match in _WORD.finditer(body):
            word = match.group()
            if not word[:1].isupper():
                continue
            before = body[:match.start()].rstrip()
            if not before or before[-1] in _SENTENCE_OPENERS:
                continue
            if word not in rest:
                new += 1
        unit.new_names = new
        unit.continues = _continues(body, lang)


def _in_quote(unit: _Unit, offset: int) -> bool:
    """Return True when a text offset falls inside one of the unit's attributed quotations."""
    return any(start <= offset < end for start, end in unit.quotes)


def _context_factor(units: list[_Unit], on_topic: list[bool], n: int, core: dict[str, float], profile: _Profile) -> float:
    """Return how much a unit's score is scaled as a voice of the story, a bridge, or an aside in the article's genre."""
    unit = units[n]
    if unit.genre:
        return 1.0
    genre = _SAME_GENRE if unit.same_genre else 1.0
    if (len(unit.paragraphs) == 1 and 0 < n < len(units) - 1 and on_topic[n - 1] and on_topic[n + 1]
            and (unit.continues or unit.new_names == 0 and any(
                weight >= _BRIDGE_MIN_SHARED and key[0] != _FIELD_KEY and (key in core or key in profile.count)
                for key, weight in unit.terms.items()))):
        genre *= _BRIDGE
    if unit.speech == "continues":
        return genre * (_SPEECH_CONTINUES if n > 0 and on_topic[n - 1] else 1.0)
    if unit.speech == "analysis" and 0 < n < len(units) - 1 and on_topic[n - 1] and on_topic[n + 1]:
        return genre * _SPEECH_BETWEEN
    return genre


@lru_cache(maxsize=16)
def _frequencies(lang: str) -> dict[str, float] | None:
    """Return wordfreq's word -> frequency table for a language, or None when it has none."""
    try:
        import wordfreq
    except ImportError:
        return None
    if lang not in wordfreq.available_languages():
        return None
    return wordfreq.get_frequency_dict(lang)


def _weight(word: str, freqs: dict[str, float] | None) -> float:
    """Return how much a lower-case word says about a subject: higher for rarer words, 0 for function words."""
    if freqs is None:
        return 4.0 if len(word) > 4 else 0.0
    freq = freqs.get(word)
    if not freq:
        return _UNKNOWN_WEIGHT
    zipf = math.log10(freq) + 9.0
    # Squared, so the rare words that carry a subject outweigh the everyday words any two texts share.
    return max(0.0, min(_WEIGHT_MAX, _WEIGHT_CEIL - zipf)) ** _WEIGHT_POWER


@lru_cache(maxsize=16)
def _stemmer(lang: str | None):
    """Return a Snowball stemmer for the language, or None when PyStemmer or the language is missing."""
    if not lang:
        return None
    try:
        import Stemmer
    except ImportError:
        return None
    name = _SNOWBALL.get(lang)
    return Stemmer.Stemmer(name) if name in Stemmer.algorithms() else None


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str | None) -> str:
    """Return the key that groups a lower-case word's inflections (Snowball stem, else a prefix)."""
    stemmer = _stemmer(lang)
    return stemmer.stemWord(word) if stemmer is not None else word[:_STEM]


def _is_heading(text: str) -> bool:
    """Return True for a short line without final punctuation, which introduces the passage after it."""
    words = text.split()
    return 0 < len(words) <= _HEADING_MAX_WORDS and not _HEADING_END.search(text)


@dataclass
class _Unit:
    """A heading and the paragraph it introduces (or one paragraph), scored together."""

    paragraphs: list[int]
    terms: dict[str, float] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    heading_terms: dict[str, float] = field(default_factory=dict)
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)
    common: set[str] = field(default_factory=set)
    words: float = 0.0
    protected: bool = False
    after_lead: bool = False
    genre: str | None = None
    genre_words: tuple[str, ...] = ()
    genre_folded: frozenset[str] = frozenset()
    by_role: set[str] = field(default_factory=set)
    speech: str | None = None
    quotes: list[tuple[int, int]] = field(default_factory=list)
    quoted: dict[str, float] = field(default_factory=dict)
    same_genre: bool = False
    # capitalised words, not at a sentence start, that no other passage of the article has (None: unknown)
    new_names: int | None = None
    # its first sentence refers back to the story with a continuation cue
    continues: bool = False
    # term key -> the news field its word belongs to (models/news_fields.jsonl)
    field_words: dict[str, str] = field(default_factory=dict)

    def vocabulary(self) -> dict[str, float]:
        """Return every key of the unit, weaker compound keys included, with its weight."""
        out = dict(self.heading_terms)
        for key, weight in self.quoted.items():
            out[key] = max(out.get(key, 0.0), weight)
        for key, weight in self.terms.items():
            out[key] = max(out.get(key, 0.0), weight)
            for alt in self.alternatives.get(key, ()):
                out[alt] = max(out.get(alt, 0.0), weight)
        return out


def _add_term(
    unit: _Unit, key: str, weight: float, surface: str, heading: bool = False, alternatives: tuple[str, ...] = (),
    quoted: bool = False,
) -> None:
    """Record one occurrence of a term in a unit, keeping its highest weight and first surface form."""
    if weight <= 0:
        return
    if key[0] not in _PSEUDO_KEYS:
        unit.words += _QUOTED_WEIGHT if quoted and not heading else 1
    if heading:
        # A heading is judged by the passage it introduces: its words do not vouch for that passage.
        unit.heading_terms[key] = max(unit.heading_terms.get(key, 0.0), weight)
        return
    if alternatives:
        unit.alternatives[key] = alternatives
    if quoted:
        unit.quoted[key] = max(unit.quoted.get(key, 0.0), weight)
        return
    unit.terms[key] = max(unit.terms.get(key, 0.0), weight)
    unit.surface.setdefault(key, surface)
    unit.counts[key] = unit.counts.get(key, 0) + 1
    if key.startswith("@") or not surface[:1].isupper():
        unit.names.discard(key)
        unit.common.add(key)
    elif key not in unit.common:
        unit.names.add(key)


def _mark_fields(text: str, paragraphs: Sequence[Paragraph], unit: _Unit, lang: str | None) -> None:
    """Record which of a unit's words belong to a news field, and a marker term per field the unit uses.

    The genres count as fields too: in a story about rents, "piso" and "inquilino" are its field, not a splice's.
    """
    if not lang:
        return
    words: dict[str, str] = {}
    for lexicon, prefix in ((_news_fields(), ""), (_genres(), "genre:")):
        if lexicon is None:
            continue
        table = lexicon.words.get(lang, {})
        for key, surface in unit.surface.items():
            name = table.get(_genre_key_of(surface, lang)) if key[0] not in _PSEUDO_KEYS else None
            if name:
                words.setdefault(key, _field_name(prefix, name))
        for i in unit.paragraphs:
            span = paragraphs[i]
            for name, hits in _lexicon_hits(lexicon, text, span.start, span.end, lang, False).items():
                if _distinct_field_words(hits, lang) < _FIELD_MIN_WORDS:
                    continue
                _add_term(unit, _FIELD_KEY + _field_name(prefix, name), 1.0, name, i != unit.paragraphs[-1])
                for hit in hits:
                    # A phrase ("crude oil", "tratado de paz") makes each of its words a word of the field.
                    for word in hit.split() if " " in hit else ():
                        key = _word_term(word, lang)[0]
                        if key in unit.terms:
                            words.setdefault(key, _field_name(prefix, name))
    used = {key[1:] for key in unit.terms if key[0] == _FIELD_KEY}
    unit.field_words = {key: name for key, name in words.items() if name in used}


def _field_name(prefix: str, name: str) -> str:
    """Return the field a lexicon group stands for: listings' "piso" and policy's "desahucio" are both housing."""
    return _GENRE_FIELDS.get(name, prefix + name) if prefix else name


def _distinct_field_words(hits: dict[str, str], lang: str) -> int:
    """Return how many distinct field words hits hold: "dissuasion nucléaire" and its own "dissuasion" count once."""
    inside = {_genre_key(word, lang) for hit in hits if " " in hit for word in hit.split()}
    return sum(1 for hit in hits if " " in hit or hit not in inside)


def _compound_keys(word: str, lang: str | None) -> tuple[str, ...]:
    """Return the weaker keys of a long compound word (its first and last letters), so compounds can meet."""
    if lang in _COMPOUNDING and len(word) >= _COMPOUND_MIN:
        # Verteidigungsminister meets Verteidigungsausgaben, Regionalverkehr meets Fernverkehr.
        return ("^" + word[:_COMPOUND_HEAD], "$" + word[-_COMPOUND_TAIL:])
    return ()


def _word_weight(word: str, freqs, lang: str | None) -> float:
    """Return a word's weight, with compounds the word list lacks weighed as ordinary words, since their parts are."""
    weight = _weight(word, freqs)
    if lang in _COMPOUNDING and len(word) >= _COMPOUND_MIN and freqs is not None and word not in freqs:
        return _COMPOUND_UNKNOWN_WEIGHT
    return weight


@lru_cache(maxsize=200_000)
def _word_term(word: str, lang: str | None) -> tuple[str, float, tuple[str, ...]]:
    """Return (key, weight, weaker keys) of a lower-case word; cached, since news vocabulary repeats across articles."""
    freqs = _frequencies(lang) if lang else None
    return _stem(word, lang), _word_weight(word, freqs, lang), _compound_keys(word, lang)


def _word_terms(text: str, start: int, end: int, lang: str | None) -> list[tuple[int, str, float, str, tuple]]:
    """Return (offset, key, weight, surface, weaker keys) for the content words of text[start:end]."""
    out = []
    for match in _WORD.finditer(text, start, end):
        surface = match.group()
        if len(surface) < _MIN_WORD:
            continue
        key, weight, alternatives = _word_term(surface.lower(), lang)
        out.append((match.start(), key, weight, surface, alternatives))
    return out


def _doc_terms(doc, freqs, lang: str | None) -> list[tuple[int, str, float, str, tuple[str, ...]]] | None:
    """Return (offset, key, weight, surface, weaker keys) from a spaCy Doc's lemmas, or None when it has none."""
    if doc is None or not doc.has_annotation("LEMMA"):
        return None
    out = []
    for token in doc:
        if token.is_stop or token.is_punct or token.like_num or len(token.text) < _MIN_WORD or not token.is_alpha:
            continue
        lemma = (token.lemma_ or token.text).lower()
        word = token.text.lower()
        weight = _word_weight(word, freqs, lang)
        out.append((token.idx, _stem(lemma, lang), weight, token.text, _compound_keys(word, lang)))
    return out


def _entity_terms(entities: dict) -> list[tuple[int, int, str, str, bool]]:
    """Return (start, end, key, display name, found by a role word) for every mention in the contract entities dict."""
    out = []
    for kind, id_field in _ENTITY_KINDS:
        for entry in entities.get(kind) or []:
            key = entry.get(id_field)
            if not key:
                continue
            name = entry.get("name") or str(key)
            # A leader stands for their country too: the British prime minister belongs in a story about Britain.
            country = entry.get("country") if kind == "leaders" else None
            name_words = {word.casefold() for word in _WORD.findall(name)}
            for mention in entry.get("mentions") or []:
                # A leader mention without any word of their name ("le président") was found by their role.
                role = kind == "leaders" and not name_words & {w.casefold() for w in _WORD.findall(mention.get("text", ""))}
                out.append((mention["start"], mention["end"], f"@{kind}:{key}", name, role))
                if country:
                    out.append((mention["start"], mention["end"], f"@countries:{country}", country, role))
    return out


@dataclass
class _Profile:
    """The vocabulary of the passages judged on-topic: in how many units each term occurs, and its highest weight."""

    count: dict[str, int] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)

    def add(self, terms: dict[str, float]) -> None:
        """Count one more on-topic unit with these terms."""
        for key, weight in terms.items():
            self.count[key] = self.count.get(key, 0) + 1
            self.weight[key] = max(self.weight.get(key, 0.0), weight)


def _relation(unit: _Unit, core: dict[str, float], profile: _Profile) -> tuple[float, float]:
    """Return (share of the unit's term weight supported by the on-topic set, total weight)."""
    total = shared = 0.0
    quoted = [(key, weight, _QUOTED_WEIGHT) for key, weight in unit.quoted.items() if key not in unit.terms]
    for key, weight, scale in [(key, weight, 1.0) for key, weight in unit.terms.items()] + quoted:
        if unit.genre and key in unit.by_role and key not in unit.named:
            # In a sports or weather passage a bare "president" is the club's, not the article's leader.
            continue
        support = 0.0
        if key[0] == _FIELD_KEY:
            # A marker saying which news fields the unit uses, not a word of it.
            continue
        if key in core and key in unit.named:
            # A person, place or commodity named in the title or lead is the article's own subject.
            weight = max(weight, _CORE_ENTITY_WEIGHT)
            support = weight
        elif key in core:
            # A shared stem counts for its commoner form: "fells" in a walk is not "fell" in a market report.
            support = min(weight, core[key])
        elif key in profile.count:
            support = min(weight, profile.weight[key]) * min(1.0, profile.count[key] / 2.0)
        else:
            # A compound that meets the article only through one of its elements counts half.
            met = [core.get(alt) or profile.weight[alt] for alt in unit.alternatives.get(key, ())
                   if alt in core or alt in profile.count]
            support = max((min(weight, other) / 2.0 for other in met), default=0.0)
            if key in unit.names and not met and unit.surface[key].casefold() not in unit.genre_folded:
                # Stories bring in new people and places all the time: an unshared name is weak evidence.
                weight = min(weight, _NEW_NAME_WEIGHT)
            elif not met and key in unit.field_words:
                field_key = _FIELD_KEY + unit.field_words[key]
                if field_key in core or profile.count.get(field_key, 0) >= _FIELD_MIN_UNITS:
                    support = weight * _FIELD_SHARE
        shared += support * scale
        total += weight * scale
    return (shared / total if total else 1.0), total


def _offtopic_score(unit: _Unit, core: dict[str, float], profile: _Profile, factor: float = 1.0) -> float:
    """Return how off-topic a unit is against the on-topic set, in [0, 1], scaled by its context factor."""
    relation, _ = _relation(unit, core, profile)
    if unit.genre:
        raw = (1.0 - min(1.0, relation / _GENRE_FULL_RELATION)) * _GENRE_EVIDENCE
    else:
        raw = (1.0 - min(1.0, relation / _FULL_RELATION)) * min(1.0, unit.words / _EVIDENCE)
    if unit.after_lead:
        # The paragraph after the lead develops it far more often than a scraper splices something there.
        raw *= _AFTER_LEAD
    return raw * factor


def _build_units(texts: list[str], protected: set[int], boiler: dict[int, str]) -> list[_Unit]:
    """Return the scoring units: each heading joined to the paragraph it introduces; boilerplate left out."""
    units: list[_Unit] = []
    pending: list[int] = []
    for i, text in enumerate(texts):
        if i in boiler:
            if pending:
                units.append(_Unit(pending, protected=any(p in protected for p in pending)))
                pending = []
            continue
        pending.append(i)
        if i not in protected and _is_heading(text) and i + 1 < len(texts) and i + 1 not in boiler:
            continue
        units.append(_Unit(pending, protected=any(p in protected for p in pending)))
        pending = []
    if pending:
        units.append(_Unit(pending, protected=any(p in protected for p in pending)))
    return units


def _protected(texts: list[str], title: str | None) -> set[int]:
    """Return the indices of the title and lead paragraphs, which are never flagged for their subject."""
    protected = {0} if texts else set()
    folded_title = title.strip().casefold() if title else None
    for i, text in enumerate(texts):
        if folded_title and text.strip().casefold() == folded_title:
            protected.add(i)
    for i, text in enumerate(texts):
        if i in protected:
            continue
        protected.add(i)
        if len(text.split()) >= _LEAD_MIN_WORDS and not _is_heading(text):
            break
    return protected


def _analyse(text, paragraphs, lang, entities, title, threshold, doc):
    """Return (units, on_topic flags, core terms, on-topic profile, boilerplate reasons, entity names)."""
    texts = [text[p.start:p.end] for p in paragraphs]
    starts = [p.start for p in paragraphs]
    protected = _protected(texts, title)
    boiler: dict[int, str] = {}
    for i, chunk in enumerate(texts):
        reason = boilerplate_reason(chunk, strict=i in protected)
        if reason:
            boiler[i] = reason

    freqs = _frequencies(lang) if lang else None
    units = _build_units(texts, protected, boiler)
    unit_of = {p: n for n, unit in enumerate(units) for p in unit.paragraphs}
    for n in range(1, len(units)):
        units[n].after_lead = units[n - 1].protected and not units[n].protected

    _mark_speech(text, paragraphs, units, lang)
    _mark_bridge_evidence(text, paragraphs, units, lang)

    def locate(offset: int) -> tuple[_Unit | None, bool]:
        """Return the unit holding a text offset (None outside units) and whether the offset is in a heading."""
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= paragraphs[i].end:
            return None, False
        n = unit_of.get(i)
        if n is None:
            return None, False
        return units[n], i != units[n].paragraphs[-1]

    lemma_terms = _doc_terms(doc, freqs, lang) if doc is not None and doc_text(doc) == text else None
    if lemma_terms is not None:
        for offset, key, weight, surface, alternatives in lemma_terms:
            unit, heading = locate(offset)
            if unit is not None:
                _add_term(unit, key, weight, surface, heading, alternatives, _in_quote(unit, offset))
    else:
        for unit in units:
            for i in unit.paragraphs:
                heading = i != unit.paragraphs[-1]
                span = paragraphs[i]
                if unit.quotes:
                    for offset, key, weight, surface, alternatives in _word_terms(text, span.start, span.end, lang):
                        _add_term(unit, key, weight, surface, heading, alternatives, _in_quote(unit, offset))
                    continue
                # Outside quotations a word's offset does not matter: findall is faster than finditer.
                for surface in _WORD.findall(text, span.start, span.end):
                    if len(surface) >= _MIN_WORD:
                        key, weight, alternatives = _word_term(surface.lower(), lang)
                        _add_term(unit, key, weight, surface, heading, alternatives)
    entity_names: dict[str, str] = {}
    for offset, end, key, name, via_role in _entity_terms(entities or {}):
        unit, heading = locate(offset)
        if unit is not None:
            entity_names[key] = name
            # An entity weighs what its words weigh: it links "Washington" to "États-Unis", it is no trump card.
            words = [_weight(w.lower(), freqs) for w in _WORD.findall(text, offset, end)]
            _add_term(unit, key, max(words, default=0.0), name, heading, quoted=_in_quote(unit, offset))
            if not heading and not via_role:
                # A leader found by a bare role word gets no boost: "el presidente del club" is not the president.
                unit.named.add(key)
            elif not heading:
                unit.by_role.add(key)

    for unit in units:
        _mark_fields(text, paragraphs, unit, lang)
    _mark_genres(text, paragraphs, units, title, lang)
    core: dict[str, float] = {}

    def add_core(terms: dict[str, float]) -> None:
        """Add terms of the title or lead to the core, keeping each one's highest weight."""
        for key, weight in terms.items():
            core[key] = max(core.get(key, 0.0), weight)

    if title:
        for _, key, weight, _, alternatives in _word_terms(title, 0, len(title), lang):
            add_core({key: weight} | dict.fromkeys(alternatives, weight))
        add_core(dict.fromkeys((_FIELD_KEY + name for name in _field_hits(title, 0, len(title), lang)), 1.0))
        add_core(dict.fromkeys((_FIELD_KEY + _field_name("genre:", name)
                                for name in _genre_hits(title, 0, len(title), lang, False)), 1.0))
    on_topic = [unit.protected for unit in units]
    profile = _Profile()
    for unit in units:
        if unit.protected:
            add_core(unit.vocabulary())
            profile.add(unit.vocabulary())

    # Grow the on-topic set from the title and lead: a passage belongs when it relates to what already belongs,
    # so a spliced block cannot vouch for itself.
    _grow(units, on_topic, core, profile, threshold)
    # A splice is one block: rejected passages far apart that relate to each other are a thread of the story.
    # A passage in a foreign genre is a splice of its own: it neither joins nor vouches for the passages around it.
    runs: list[list[int]] = []
    for n, accepted in enumerate(on_topic):
        if not accepted and not units[n].genre:
            if runs and runs[-1][-1] == n - 1:
                runs[-1].append(n)
            else:
                runs.append([n])
    if len(runs) > 1:
        rescued = []
        for run in runs:
            wider = _Profile(dict(profile.count), dict(profile.weight))
            for other in runs:
                if other is not run:
                    for n in other:
                        wider.add(units[n].vocabulary())
            rescued.extend(n for n in run
                           if _offtopic_score(units[n], core, wider, _context_factor(units, on_topic, n, core, wider)) < threshold)
        for n in rescued:
            on_topic[n] = True
            profile.add(units[n].vocabulary())
        if rescued:
            _grow(units, on_topic, core, profile, threshold)

    return units, on_topic, core, profile, boiler, entity_names


def _mark_genres(text: str, paragraphs: Sequence[Paragraph], units: list[_Unit], title: str | None,
                 lang: str | None) -> None:
    """Set each unit's genre when it is dense in the words of a genre that the title and lead never use."""
    native: set[str] = set()
    if title:
        for heading in (False, True):
            native.update(_genre_hits(title, 0, len(title), lang, heading))
    found: list[tuple[dict[str, dict[str, str]], set[str]]] = []
    for unit in units:
        hits: dict[str, dict[str, str]] = {}
        headed: set[str] = set()
        for i in unit.paragraphs:
            span = paragraphs[i]
            heading = i != unit.paragraphs[-1]
            for genre, stems in _genre_hits(text, span.start, span.end, lang, False).items():
                hits.setdefault(genre, {}).update({k: v for k, v in stems.items() if k not in hits.get(genre, {})})
            if heading or unit.protected:
                # Section words ("tourisme", "Sport") in the lead also say what the article's own beat is.
                headed.update(_genre_hits(text, span.start, span.end, lang, True))
        found.append((hits, headed))
        if unit.protected:
            native.update(hits.keys() | headed)
    # The article's own genre runs through most of its passages in many different words; a stray "porto" or "parte"
    # that happens to share a stem with a genre word does not make a report on Pompeii a match report.
    own: set[str] = set()
    for genre in sorted({genre for hits, _ in found for genre in hits}):
        using = [hits[genre] for hits, _ in found if genre in hits]
        stems = {stem for hit in using for stem in hit}
        if (len(using) >= max(_OWN_GENRE_MIN_UNITS, _OWN_GENRE_SHARE * len(units))
                and len(stems) >= _OWN_GENRE_MIN_STEMS):
            own.add(genre)
    native |= own
    for unit, (hits, headed) in zip(units, found):
        if unit.protected:
            continue
        # "Montate a neve" in a recipe is one weather word: the article's genre must outnumber every foreign one.
        own_hits = max((len(stems) for genre, stems in hits.items() if genre in own), default=0)
        foreign_hits = max((len(stems) for genre, stems in hits.items() if genre not in native), default=0)
        unit.same_genre = own_hits > foreign_hits
        best = None
        for genre in sorted(hits.keys() | headed):
            if genre in native:
                continue
            stems = hits.get(genre, {})
            dense = len(stems) >= _GENRE_MIN_WORDS and len(stems) >= _GENRE_MIN_DENSITY * max(unit.words, 1)
            if dense or (genre in headed and stems):
                if best is None or len(stems) > len(hits.get(best, {})):
                    best = genre
        if best:
            unit.genre = best
            unit.genre_words = tuple(hits.get(best, {}).values())
            # "Bélier" or "Aries" in a horoscope is a genre word, not one more new name a story brings in.
            unit.genre_folded = frozenset(word.casefold() for word in unit.genre_words)


def _grow(units: list[_Unit], on_topic: list[bool], core: dict[str, float], profile: _Profile, threshold: float) -> None:
    """Accept, until nothing changes, every unit that relates enough to the units already accepted."""
    changed = True
    while changed:
        changed = False
        for n, unit in enumerate(units):
            if not on_topic[n] and _offtopic_score(unit, core, profile, _context_factor(units, on_topic, n, core, profile)) < threshold:
                on_topic[n] = True
                changed = True
                profile.add(unit.vocabulary())


def flag_offtopic(
    text: str,
    paragraphs: Sequence[Paragraph],
    lang: str | None,
    entities: dict,
    *,
    title: str | None = None,
    threshold: float = OFFTOPIC_THRESHOLD,
    doc=None,
) -> list[dict]:
    """Return the contract's `offtopic` runs: consecutive paragraphs off the article's subject, with score and reasons."""
    if not paragraphs:
        return []
    state = _analyse(text, paragraphs, lang, entities, title, threshold, doc)
    units, on_topic, core, profile, boiler, entity_names = state
    flagged: dict[int, tuple[float, list[str]]] = {}
    for i, reason in boiler.items():
        if _BOILERPLATE_SCORE >= threshold:
            flagged[i] = (_BOILERPLATE_SCORE, [reason])
    for n, unit in enumerate(units):
        if on_topic[n]:
            continue
        score = _offtopic_score(unit, core, profile, _context_factor(units, on_topic, n, core, profile))
        reasons = _topic_reasons(unit, core, profile, entity_names)
        foreign = sorted({paragraphs[i].language for i in unit.paragraphs
                          if lang and paragraphs[i].language and paragraphs[i].language != lang})
        if foreign:
            reasons = [f"written in another language ({', '.join(foreign)}) than the article ({lang})"] + reasons
        for i in unit.paragraphs:
            flagged[i] = (score, reasons)
    return _runs(paragraphs, flagged)


def _topic_reasons(unit: _Unit, core: dict[str, float], profile: _Profile, entity_names: dict[str, str]) -> list[str]:
    """Return the human-readable reasons why a unit is off the article's subject."""
    shared = [key for key in unit.terms if key[0] != _FIELD_KEY and (key in core or key in profile.count)]
    shared.sort(key=lambda key: (-unit.terms[key], unit.surface[key].casefold()))
    named = [entity_names[key] for key in shared if key in entity_names]
    words = [unit.surface[key] for key in shared if key not in entity_names and unit.terms[key] >= 1.0]
    if not named and not words:
        reasons = ["shares no people, places or key terms with the rest of the article"]
    else:
        only = ", ".join(dict.fromkeys(named + words[:4]))
        reasons = [f"shares few key terms with the rest of the article (only: {only})"]
    # The passage's own subject: its rarest words, the ones it repeats first; compound sub-keys are not words.
    if unit.genre:
        words = ", ".join(dict.fromkeys(_display(word) for word in unit.genre_words[:4]))
        reasons.append(f"introduces a different subject: {_GENRE_NAMES.get(unit.genre, unit.genre)} ({words})")
        return reasons
    own = [key for key in unit.terms if key not in shared and key not in entity_names and key[0] not in "^$" + _FIELD_KEY]
    own.sort(key=lambda key: (unit.counts[key] < 2, -unit.terms[key], unit.surface[key].casefold()))
    if own:
        shown = dict.fromkeys(_display(unit.surface[key]) for key in own)
        reasons.append("introduces a different subject: " + ", ".join(list(shown)[:4]))
    return reasons


def _display(surface: str) -> str:
    """Return a word as a reason shows it: names and acronyms as written, other words in lower case."""
    return surface if surface.isupper() or surface[:1].isupper() and not surface[1:].islower() else surface.lower()


def _runs(paragraphs: Sequence[Paragraph], flagged: dict[int, tuple[float, list[str]]]) -> list[dict]:
    """Return flagged paragraphs (by position) grouped into runs of consecutive paragraphs, in text order."""
    runs: list[dict] = []
    last = None
    for i in sorted(flagged):
        score, reasons = flagged[i]
        if runs and last == i - 1:
            run = runs[-1]
            run["paragraphs"].append(paragraphs[i].index)
            run["end"] = paragraphs[i].end
            run["score"] = max(run["score"], round(score, 3))
            run["reasons"].extend(reason for reason in reasons if reason not in run["reasons"])
        else:
            runs.append({
                "start": paragraphs[i].start,
                "end": paragraphs[i].end,
                "paragraphs": [paragraphs[i].index],
                "score": round(score, 3),
                "reasons": list(reasons),
            })
        last = i
    return runs


def clean_text(text: str, paragraphs: Sequence[Paragraph], offtopic: list[dict], *, mark: bool = False) -> str:
    """Return the article text without the flagged runs, or with each run wrapped in visible markers when mark=True."""
    runs = sorted(offtopic, key=lambda run: run["start"])
    if mark:
        out, cursor = [], 0
        for run in runs:
            out.append(text[cursor:run["start"]])
            reason = "; ".join(run.get("reasons") or ["off-topic"])
            out.append(_MARK_OPEN.format(reason=reason) + "\n" + text[run["start"]:run["end"]] + "\n" + _MARK_CLOSE)
            cursor = run["end"]
        out.append(text[cursor:])
        return "".join(out)
    if not runs:
        return text
    by_index = {p.index: n for n, p in enumerate(paragraphs)}
    cuts = []
    for run in runs:
        first, last = by_index[run["paragraphs"][0]], by_index[run["paragraphs"][-1]]
        if last + 1 < len(paragraphs):
            # Drop the run with the separator after it, so the next paragraph takes its place.
            cuts.append((paragraphs[first].start, paragraphs[last + 1].start))
        else:
            cuts.append((paragraphs[first - 1].end if first > 0 else paragraphs[first].start, paragraphs[last].end))
    out, cursor = [], 0
    for start, end in cuts:
        out.append(text[cursor:max(cursor, start)])
        cursor = max(cursor, end)
    out.append(text[cursor:])
    return "".join(out)
