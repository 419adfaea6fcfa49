"""Political leaders found in plain text by name and by role phrase, merged per person (spaCy-free rules; components.py adapts them)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache


from rearth_cli.article import Findings, Mention
from rearth_cli.gazetteer import alternation, every_language
from rearth_cli.tries import literal_trie
from rearth_cli.knowledge import load_entries, models_dir

LEADERS_FILE = "models/leaders.jsonl"
# Summit keys that are also organisations with a head ("le secrétaire général de l'Otan").
ORGANISATIONS = ("NATO", "UN", "EU")
# Languages whose aliases are written in Latin script and which rearth supports;
# any other pipeline language (e.g. "xx" for Japanese) gets every alias.
SUPPORTED = ("fr", "en", "de", "es", "it")
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A sentence ends at a line break or at . ! ? before a capital ("Marcos Jr. has" goes on).
_SENTENCE_END = re.compile(r"[.!?](?=\s+[«\"“„(]?[A-ZÀ-ÖØ-Þ0-9])|\n")


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The grammar words the leader rules look for, from models/grammar_words.jsonl, and the regexes built from them."""

    # Words that may stand between a country mention and the role word it qualifies.
    before_gap: re.Pattern
    after_gap: re.Pattern
    # "président de Toyota": a role followed by "of <something that is not a country>" heads an organisation.
    of_after: re.Pattern
    modifiers: frozenset[str]
    # Prefixes before a hyphenated title that keep it a government title ("Vize-Präsident").
    hyphen_prefixes: frozenset[str]
    former: re.Pattern
    left_extension: re.Pattern
    name_particles: frozenset[str]
    # Capitalised words that start a clause rather than a name after a role word.
    not_names: frozenset[str]
    # German nouns are capitalised: "Regierung Merz" is the Merz government, not someone called Regierung Merz.
    german_noun_endings: tuple[str, ...]
    and_gap: re.Pattern
    connectors: frozenset[str]
    after_role: re.Pattern


@lru_cache(maxsize=4)
def _grammar_for(folder: str) -> _Grammar:
    """Return the leader rules' grammar words and regexes, built once per models folder."""
    modifiers = alternation(every_language("modifier"))
    return _Grammar(
        before_gap=re.compile(rf"^(?:['’]s|s)?[\s-]*(?:(?:{alternation(every_language('title_gap_before'))})\s+)*$",
                              re.IGNORECASE),
        after_gap=re.compile(rf"^\s*(?:(?:{alternation(every_language('title_gap_after'))})\s*)*$", re.IGNORECASE),
        of_after=re.compile(rf"^\s+(?:{alternation(every_language('title_of_after'))})\b", re.IGNORECASE),
        modifiers=frozenset(every_language("modifier")),
        hyphen_prefixes=frozenset((*every_language("modifier"), *every_language("hyphen_prefix"))),
        former=re.compile(rf"\b(?:{alternation(every_language('former'))})\b", re.IGNORECASE),
        left_extension=re.compile(
            rf"(?:\b(?:{alternation(every_language('determiner'))})\s*)?(?:\b(?:{modifiers})[\s-]+)*$", re.IGNORECASE),
        name_particles=frozenset(every_language("name_particle")),
        not_names=frozenset(every_language("not_name")),
        german_noun_endings=every_language("noun_ending"),
        and_gap=re.compile(rf"\s+(?:{alternation(every_language('and'))})\s+"),
        connectors=frozenset(every_language("name_connector")),
        after_role=re.compile(rf"[ \t]*,?[ \t]*(?:(?:{alternation(every_language('honorific_before_name'))})[ \t]+)?"),
    )


def _grammar() -> _Grammar:
    """Return the leader rules' grammar words for the current models folder."""
    return _grammar_for(str(models_dir()))


@dataclass(frozen=True, slots=True)
class Leader:
    """One knowledge-base leader."""

    id: str
    name: str
    role: str | None
    country: str | None
    status: str
    rank: int
    source: str
    org: str | None = None
    weak_surname: bool = False


@dataclass(frozen=True, slots=True)
class Role:
    """One role from models/roles.jsonl."""

    role: str
    political: bool
    group: frozenset[str]
    country: str | None
    order: tuple[str, ...]


@dataclass(slots=True)
class _Match:
    """A knowledge-base name found in the text, before resolution."""

    start: int
    end: int
    text: str
    via: str
    candidates: list[str]
    # (role, country of the phrase or of the role, pattern, whether the phrase itself named the country)
    role_hint: tuple[Role, str | None, str, bool] | None = None


class _PhraseIndex:
    """Finds many phrases fast: candidates are looked up by their first word, then checked by their own regex."""

    _WORD_START = re.compile(r"(?<!\w)\w+")

    def __init__(self, phrases: list[tuple[str, str, object]]):
        # phrases: (text, regex, payload); longer texts are tried first so the longest phrase wins.
        self.by_word: dict[str, list[tuple[re.Pattern, object]]] = {}
        cjk = []
        for text, regex, payload in sorted(phrases, key=lambda p: (-len(p[0]), p[0])):
            if _CJK.search(text):
                cjk.append((text, regex, payload))
                continue
            first = self._WORD_START.match(text)
            key = first.group(0).lower() if first else text[:1].lower()
            self.by_word.setdefault(key, []).append((re.compile(regex), payload))
        # The words that can start a phrase, with a German genitive -s ("Trumps Zölle"), as one regex: the engine
        # skips the other words of the text instead of a Python loop looking each one up.
        starts = [word for word in self.by_word if self._WORD_START.fullmatch(word)]
        self.first_words = re.compile(r"(?<!\w)" + literal_trie(starts) + r"s?(?!\w)", re.IGNORECASE) if starts else None
        # CJK text has no spaces between words, so those names are found by one alternation.
        self.cjk = re.compile("|".join(f"(?P<c{i}>{regex})" for i, (_, regex, _) in enumerate(cjk))) if cjk else None
        self.cjk_payloads = {f"c{i}": payload for i, (_, _, payload) in enumerate(cjk)}

    def finditer(self, text: str) -> list[tuple[int, int, object]]:
        """Return the non-overlapping phrases in text as (start, end, payload), leftmost then longest first."""
        found = []
        last_end = 0
        for word in self.first_words.finditer(text) if self.first_words is not None else ():
            if word.start() < last_end:
                continue
            key = word.group(0).lower()
            # "Trumps Zölle": a German genitive -s is left to the name's own regex.
            candidates = self.by_word.get(key) or self.by_word.get(key[:-1], ()) if key.endswith("s") else \
                self.by_word.get(key, ())
            for regex, payload in candidates:
                match = regex.match(text, word.start())
                if match:
                    found.append((match.start(), match.end(), payload))
                    last_end = match.end()
                    break
        if self.cjk is not None and _CJK.search(text):
            taken = list(found)
            for match in self.cjk.finditer(text):
                if not any(s < match.end() and match.start() < e for s, e, _ in taken):
                    found.append((match.start(), match.end(), self.cjk_payloads[match.lastgroup]))
            found.sort(key=lambda f: (f[0], f[1]))
        return found


@dataclass(slots=True)
class _Knowledge:
    """Compiled names and role patterns for one language."""

    leaders: dict[str, Leader] = field(default_factory=dict)
    names: _PhraseIndex | None = None
    by_text: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    roles: _PhraseIndex | None = None
    title_words: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    not_followed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role_prefixes: tuple[tuple[str, str], ...] = ()
    head_roles: frozenset[str] = frozenset()
    state_or_org_roles: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    meeting: re.Pattern | None = None
    signing: re.Pattern | None = None


def _slug(text: str) -> str:
    """Return text as a lower-case ASCII slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _languages(lang: str) -> tuple[str, ...] | None:
    """Return which language keys of an entry apply to lang."""
    return ("*", lang) if lang in SUPPORTED else None


def _pick(values: dict, lang: str) -> list[str]:
    """Return the strings of a per-language dict that apply to lang ("*" always; every language for others)."""
    keys = _languages(lang)
    out: list[str] = []
    for key, value in values.items():
        if keys is None or key in keys:
            out.extend([value] if isinstance(value, str) else value)
    return out


def _name_regex(text: str, lang: str) -> str:
    """Return the regex for one name: word-bounded in alphabetic scripts, bare in CJK."""
    if _CJK.search(text):
        return re.escape(text)
    tail = r"(?=s?(?![\w]))" if lang == "de" else r"(?![\w])"
    return rf"(?<![\w]){re.escape(text)}{tail}"


def _role_regex(pattern: str, lang: str) -> str:
    """Return the regex for a role pattern: first letters of words in either case, an optional adjective slot."""
    parts = []
    for word in pattern.split():
        escaped = re.escape(word).replace("'", "['’]").replace("’", "['’]")
        if word[0].isalpha() and not (len(word) > 1 and word.isupper()):
            escaped = f"[{word[0].lower()}{word[0].upper()}]" + re.escape(word[1:]).replace("'", "['’]")
        parts.append(escaped)
    words = pattern.split()
    if lang in ("fr", "es", "it") and len(words) > 2 and words[1].lower() in _grammar().connectors:
        # "ministre japonais de la Défense": a demonym may sit inside the role phrase.
        head = parts[0] + r"(?:\s+[^\W\d_][\w-]*)?"
        return rf"(?<!\w){head}\s+" + r"\s+".join(parts[1:]) + r"(?![\w-])"
    # A hyphen may precede a role ("US-Präsident") but not follow it ("président-directeur général").
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?![\w-])"


def build_knowledge(lang: str, gazetteers: tuple[str, ...] = ()) -> _Knowledge:
    """Return the compiled leader names and role patterns for lang."""
    kb = _Knowledge()
    alias_map: dict[str, list[tuple[str, str]]] = {}
    for rank, entry in enumerate(load_entries("leader", tuple(gazetteers))):
        leader = Leader(
            id=entry["id"], name=entry["name"], role=entry.get("role"), country=entry.get("country"),
            status=entry.get("status", "current"), rank=rank, source=entry.get("_source", LEADERS_FILE),
            org=entry.get("org"), weak_surname=bool(entry.get("weak_surname")),
        )
        kb.leaders[leader.id] = leader
        aliases = _pick(entry.get("aliases", {}), lang)
        for alias in [leader.name] + aliases:
            via = "name" if alias == leader.name else "alias"
            if not any(i == leader.id for i, _ in alias_map.get(alias, [])):
                alias_map.setdefault(alias, []).append((leader.id, via))
        for surname in _pick(entry.get("surname", {}), lang):
            if not any(i == leader.id for i, _ in alias_map.get(surname, [])):
                alias_map.setdefault(surname, []).append((leader.id, "surname"))
            if entry.get("not_followed_by"):
                kb.not_followed_by[surname] = tuple(entry["not_followed_by"])
    kb.by_text = alias_map
    texts = sorted(alias_map, key=lambda t: (-len(t), t))
    kb.names = _PhraseIndex([(t, _name_regex(t, lang), t) for t in texts])

    role_patterns: dict[str, tuple[Role, str]] = {}
    roles = load_entries("role", tuple(gazetteers))
    groups = {r["role"]: {r["role"], *r.get("also", [])} for r in roles}
    titles: set[str] = set()
    for entry in roles:
        role = Role(
            role=entry["role"], political=entry.get("political", True), group=frozenset(groups[entry["role"]]),
            country=entry.get("country"), order=tuple(entry.get("also", ())),
        )
        for pattern in _pick(entry.get("patterns", {}), lang):
            role_patterns.setdefault(pattern, (role, pattern))
            if role.political and " " not in pattern:
                titles.add(pattern.lower())
    for entry in load_entries("honorific", tuple(gazetteers)):
        titles.update(p.lower() for p in _pick(entry.get("patterns", {}), lang))
    kb.title_words = frozenset(titles)
    kb.stop_words = spacy_stop_words(lang)
    ordered = sorted(role_patterns, key=lambda p: (-len(p), p))
    kb.roles = _PhraseIndex([(p, _role_regex(p, lang), role_patterns[p]) for p in ordered])
    kb.role_prefixes = tuple(sorted(
        (prefix, entry["country"]) for entry in load_entries("role_prefix", tuple(gazetteers))
        for prefix in _pick(entry.get("patterns", {}), lang)
    ))
    classes: dict[str, set[str]] = {}
    for entry in load_entries("role_class", tuple(gazetteers)):
        classes.setdefault(entry.get("class", ""), set()).update(entry.get("roles", []))
    kb.head_roles = frozenset(classes.get("head", ()))
    kb.state_or_org_roles = frozenset(classes.get("state_or_org", ()))
    kb.org_words = frozenset(w for e in load_entries("organisation_words", tuple(gazetteers))
                             for w in _pick(e.get("words", {}), lang))
    kb.possessives = frozenset(w.lower() for e in load_entries("possessives", tuple(gazetteers))
                               for w in _pick(e.get("words", {}), lang))
    for field_name in ("meeting", "signing"):
        words = {w for e in load_entries("meeting_words", tuple(gazetteers)) for w in _pick(e.get(field_name, {}), lang)}
        if field_name == "meeting":
            words |= {w for e in load_entries("meeting_words", tuple(gazetteers)) for w in _pick(e.get("signing", {}), lang)}
        if words:
            alternation = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
            setattr(kb, field_name, re.compile(rf"(?<![\w'’])(?:{alternation})(?![\w])", re.IGNORECASE))
    return kb


@lru_cache(maxsize=None)
def knowledge_for(lang: str, gazetteers: tuple[str, ...] = ()) -> _Knowledge:
    """Return the compiled knowledge for lang, built on first use and shared by every caller in the process."""
    return build_knowledge(lang, gazetteers)


def leader_language(detected: str | None, pipeline_lang: str) -> str:
    """Return the language whose aliases to use: the detected one when the pipeline is multi-language ("xx")."""
    return detected if detected in SUPPORTED and pipeline_lang not in SUPPORTED else pipeline_lang


def add_leader_mentions(findings: Findings, lang: str, gazetteers: tuple[str, ...] = ()) -> None:
    """Append the leaders of the findings' text (by name, by role, in bilateral meetings) and record their details."""
    kb = knowledge_for(lang, tuple(gazetteers))
    role_hits: list[tuple[int, str]] = []
    mentions, leaders = find_leaders(findings.text, kb, lang, findings.mentions, role_hits)
    # A country read from a name ("Hollande") gives way to the titled person.
    spans = {(m.start, m.end) for m in mentions}
    findings.mentions = [
        m for m in findings.mentions if not (m.kind == "country" and (m.start, m.end) in spans)
    ] + mentions
    findings.leaders.update(leaders)
    findings.mentions.extend(find_bilateral(findings.text, kb, lang, findings.mentions, findings.leaders, role_hits))


def _country_spans(existing: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Return the (start, end, ISO code) of the country mentions already on the doc, in text order."""
    return sorted((m.start, m.end, m.key) for m in existing if m.kind == "country")


def _previous_word(text: str, start: int) -> tuple[str, int] | None:
    """Return the word directly before start (separated by spaces only) and its offset."""
    match = re.search(r"(\S+) +$", text[max(0, start - 60):start])
    if match is None:
        return None
    return match.group(1), start - len(match.group(0))


def _overlaps(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """Return the key of a span overlapping [start, end), if any."""
    for s, e, key in spans:
        if s < end and start < e:
            return key
    return None


_NEXT_NAME = re.compile(r" ([^\W\d_][\w'’-]+)")


def _acceptable_surname(text: str, match: _Match, kb: _Knowledge, lang: str, countries: list) -> bool:
    """Return whether a surname-only match stands alone (not "Hunter Biden", not "Costa Rica")."""
    follow = kb.not_followed_by.get(match.text, ())
    rest = text[match.end:match.end + 30]
    if any(rest.startswith(" " + word) for word in follow):
        return False
    if _first_name_of_someone_else(rest, match.text, kb, lang):
        return False
    previous = _previous_word(text, match.start)
    if previous is None:
        return True
    word, offset = previous
    bare = word.strip("\"'’«»“”(")
    if not bare or not bare[0].isupper() or bare[-1] in ",;:.!?)":
        return True
    if _overlaps(countries, offset, offset + len(word)):
        return True
    head = re.split(r"[-‑]", bare)[-1].lower()
    if bare.lower() in kb.title_words or head in kb.title_words:
        return True
    grammar = _grammar()
    if bare.lower() in kb.stop_words or bare.lower() in grammar.not_names:
        return True  # "Mais Trump", "But Trump"; while "Bruce Lee" starting a sentence is someone else
    if lang == "de" and bare.lower().endswith(grammar.german_noun_endings):
        return True
    return False


def _new_leader(text: str, span: tuple[int, int], role, country: str | None, evidence: str,
                new_leaders: dict, new_mentions: list, occupied: list) -> str:
    """Record a leader absent from the knowledge base, found by a role pattern; return its key."""
    name_text = text[span[0]:span[1]]
    key = "new:" + _slug(name_text)
    new_leaders.setdefault(key, {"name": name_text, "role": role.role, "country": country or role.country})
    new_mentions.append(Mention("leader", key, span[0], span[1], name_text, "role", evidence))
    occupied.append((span[0], span[1], key))
    return key


@lru_cache(maxsize=None)
def spacy_stop_words(lang: str) -> frozenset[str]:
    """Return spaCy's stop words for lang, read from its stop_words.py alone.

    Importing the language package would also compile its tokenizer exceptions
    (2-3 s for French), and importing spaCy itself takes half a second, neither
    of which --fast needs.
    """
    import importlib.util
    from pathlib import Path

    # Located without importing spaCy, which --fast does not need at all.
    found = importlib.util.find_spec("spacy")
    if found is None or found.origin is None:
        return frozenset()
    path = Path(found.origin).parent / "lang" / lang / "stop_words.py"
    if not lang.isalpha() or not path.is_file():
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"_rearth_stop_words_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(getattr(module, "STOP_WORDS", ()))


def _first_name_of_someone_else(rest: str, surname: str, kb: _Knowledge, lang: str) -> bool:
    """Return whether a capitalised name follows the surname, making it a first name ("Martin Pfister" is not Micheál Martin)."""
    following = _NEXT_NAME.match(rest)
    if following is None:
        return False
    word = following.group(1)
    low = word.lower()
    if not word[0].isupper() or not word[1:2].islower() or f"{surname} {word}" in kb.by_text:
        return False
    if low in kb.title_words or low in kb.stop_words or low in _grammar().not_names:
        return False
    return not (lang == "de" and low.endswith(_grammar().german_noun_endings))


def _titled(text: str, start: int, kb: _Knowledge) -> bool:
    """Return whether the word just before start is a political title or an honorific ("président", "M.")."""
    previous = _previous_word(text, start)
    if previous is None:
        return False
    word = previous[0].strip("\"'’«»“”(").lower()
    return word in kb.title_words or re.split(r"[-‑]", word)[-1] in kb.title_words


def _read_name(text: str, pos: int) -> tuple[int, int] | None:
    """Return the span of a capitalised personal name starting at pos (1 to 4 words), if any."""
    words: list[tuple[int, int]] = []
    cursor = pos
    grammar = _grammar()
    while len(words) < 4:
        match = _WORD.match(text, cursor)
        if match is None:
            break
        token = match.group(0)
        if token[0].isupper():
            if not words and token.lower().strip("'’") in grammar.not_names:
                return None
            words.append((match.start(), match.end()))
        elif not (words and token.lower() in grammar.name_particles):
            break
        gap = re.match(r" (?=\S)", text[match.end():match.end() + 2])
        if gap is None:
            break
        cursor = match.end() + 1
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    name = text[start:end]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            end -= 2
    return start, end


def _followed_by_name(text: str, index: int) -> bool:
    """Return whether one lower-case word, then a capitalised word, follow index ("argelino, Abdelmadjid")."""
    match = re.match(r"[ \t]+[^\W\d_]+[ \t]*,?[ \t]+([^\W\d_])", text[index:index + 60])
    return bool(match) and text[index + 1].islower() and match.group(1).isupper()


def _name_before(text: str, index: int) -> tuple[int, int] | None:
    """Return the span of a name of two to four capitalised words followed by a comma just before index, if any."""
    match = re.search(r"((?:[^\W\d_][\w'’.-]* ){1,3}[^\W\d_][\w'’-]*), *$", text[max(0, index - 80):index])
    if match is None:
        return None
    start = index - len(match.group(0))
    words = match.group(1).split()
    while words and not words[0][0].isupper():
        start += len(words[0]) + 1
        words = words[1:]
    grammar = _grammar()
    if len(words) < 2 or not all(w[0].isupper() or w.lower() in grammar.name_particles for w in words):
        return None
    if words[0].lower() in grammar.not_names or not words[-1][0].isupper():
        return None
    return start, start + len(" ".join(words))


def _role_matches(text: str, kb: _Knowledge) -> list[tuple[int, int, Role, str]]:
    """Return every role phrase in text as (start, end, role, pattern), in text order."""
    if kb.roles is None:
        return []
    return [(start, end, *payload) for start, end, payload in kb.roles.finditer(text)]


def _phrase_country(
    text: str, start: int, end: int, countries: list, orgs: list, lang: str
) -> tuple[str | None, str | None, int, int]:
    """Return the country and organisation qualifying the role phrase [start, end), and the span widened to them."""
    inside = _overlaps(countries, start, end)
    if inside:
        return inside, None, start, end
    for spans, is_org in ((countries, False), (orgs, True)):
        for s, e, key in spans:
            if s >= end and s - end <= 14 and _grammar().after_gap.match(text[end:s]):
                return (None, key, start, e) if is_org else (key, None, start, e)
            if s >= end + 14:
                break
    if lang in ("en", "de") or lang not in SUPPORTED:
        for spans, is_org in ((countries, False), (orgs, True)):
            for s, e, key in reversed(spans):
                if e <= start and start - e <= 40 and _grammar().before_gap.match(text[e:start]):
                    return (None, key, s, end) if is_org else (key, None, s, end)
                if e < start - 40:
                    break
    return None, None, start, end


def _same_role(role: Role, leader_role: str | None) -> bool:
    """Return whether a leader's role is the phrase's role or one it covers."""
    return leader_role is not None and (leader_role == role.role or leader_role in role.group)


def _role_order(role: Role, leader_role: str | None) -> int:
    """Return how well leader_role fits the phrase role (0 best), for picking among holders."""
    if leader_role == role.role:
        return 0
    return 1 + (role.order.index(leader_role) if leader_role in role.order else len(role.order))


def find_leaders(
    text: str, kb: _Knowledge, lang: str, existing: Sequence[Mention] = (),
    role_hits: list[tuple[int, str]] | None = None,
) -> tuple[list[Mention], dict[str, dict]]:
    """Return the leader mentions in text (sorted by offset) and the leaders they name, keyed by id.

    role_hits, when given, receives (offset, country) of every political title with a country written in the phrase.
    """
    if role_hits is None:
        role_hits = []
    countries = _country_spans(existing)
    orgs = sorted((m.start, m.end, m.key) for m in existing if m.kind == "summit" and m.key in ORGANISATIONS)
    roles = _role_matches(text, kb)
    grammar = _grammar()

    # 1. Knowledge-base names, surnames checked so that "Hunter Biden" is not Joe Biden.
    matches: list[_Match] = []
    if kb.names is not None:
        for start, end, alias in kb.names.finditer(text):
            found = kb.by_text[alias]
            via = found[0][1]
            match = _Match(start, end, text[start:end], via, [i for i, _ in found])
            if via == "surname" and not _CJK.search(match.text):
                if not _acceptable_surname(text, match, kb, lang, countries):
                    continue
            if via == "surname" and _overlaps(countries, match.start, match.end) \
                    and not _titled(text, match.start, kb):
                continue  # "la Hollande" is a country; "le président Hollande" a person.
            matches.append(match)
    starts = {m.start: m for m in matches}
    phrase_countries = [c for c in countries if not any(m.start <= c[0] < m.end for m in matches)]
    occupied = [(m.start, m.end, "kb") for m in matches]

    # 2. Role phrases: give context to a following name, find unknown leaders, or stand for a holder.
    new_leaders: dict[str, dict] = {}
    new_mentions: list[Mention] = []
    bare_roles: list[tuple[int, int, Role, str, str | None, str | None, bool]] = []
    blocked: list[tuple[int, int, str]] = []
    # new leader key -> (title offset, role, whether the phrase named the country, possessive before the title)
    origins: dict[str, tuple[int, Role, bool, bool]] = {}
    for start, end, role, pattern in roles:
        if _overlaps(occupied, start, end):
            continue
        country, org, p_start, p_end = _phrase_country(text, start, end, phrase_countries, orgs, lang)
        if org == "EU":
            country = "EU"
        if country is not None and p_end > end and _org_follows(text, p_end, kb):
            continue  # "president of the Nigeria Labour Congress" heads an organisation named after a country.
        if country is None and org is None and role.country is None:
            country = _prefix_country(text[start:end], kb)  # "Bundesinnenminister" is a German office
        explicit = country is not None
        if role.political and country is not None and org is None:
            role_hits.append((start, country))
            if p_end > end:
                # "les ministres des Affaires étrangères congolais et rwandais": two countries share the title.
                for s, e, key in phrase_countries:
                    if s > p_end + 8:
                        break
                    if s > p_end and grammar.and_gap.match(text, p_end, s):
                        role_hits.append((start, key))
        previous = _previous_word(text, start)
        possessive = bool(previous) and previous[0].lower() in kb.possessives
        after = grammar.after_role.match(text[p_end:])
        pos = p_end + after.end()
        if not role.political:
            name = _read_name(text, pos)
            if name:
                blocked.append((name[0], name[1], role.role))
            continue
        if pos in starts:
            starts[pos].role_hint = (role, country or role.country, pattern, explicit)
            continue
        if role.role in kb.state_or_org_roles and country is None and org is None:
            continue  # "Su secretario general, Ramón Ibarra" may lead a union; a state or a body is needed
        if country is None and org is None and grammar.of_after.match(text[p_end:]):
            continue
        if lang == "en" and country is None and org is None \
                and re.search(r"\w['’]s\s+$", text[max(0, start - 40):start]):
            continue  # "the company's president" heads a company.
        if country is None and org is None and start > 0 and text[start - 1] == "-":
            prefix = re.search(r"(\w+)-$", text[max(0, start - 30):start])
            if prefix is None or prefix.group(1).lower() not in grammar.hyphen_prefixes:
                continue  # "Bayern-Präsident", "DFB-Präsident" head a club or a federation.
        if lang in ("en", "de") and country is None and org is None:
            previous = _previous_word(text, start)
            word = previous[0].lower() if previous else ""
            if previous and previous[0][:1].isupper() and previous[0][-1] not in ".!?:;,)\"»”" \
                    and word not in kb.title_words and word not in grammar.modifiers and word not in grammar.not_names:
                continue  # "Toyota President Koji Sato" heads a company.
        name = _read_name(text, pos)
        if name and _has_org_word(text, *name, kb):
            name = None
        if name and " " not in text[name[0]:name[1]] and (country or role.country) is None:
            name = None  # "le président Diallo" alone may head anything; a full name or a country is needed
        if name and not _overlaps(countries, *name) and not _overlaps(occupied, *name):
            key = _new_leader(text, name, role, country, f"role pattern {lang} '{pattern}' + name",
                              new_leaders, new_mentions, occupied)
            origins.setdefault(key, (start, role, explicit, possessive))
            continue
        if country is None and org is None and _followed_by_name(text, p_end):
            continue  # "el presidente argelino, Abdelmadjid Tebboune": an unknown demonym, then someone else
        left = grammar.left_extension.search(text[max(0, p_start - 40):p_start])
        span_start = p_start - len(left.group(0)) if left else p_start
        former = bool(grammar.former.search(text[span_start:start]))
        before = _name_before(text, span_start)
        if before and _has_org_word(text, *before, kb):
            before = None
        if before and not former and not _overlaps(countries, *before) and not _overlaps(occupied, *before) \
                and not any(s <= before[0] < e for s, e, _ in blocked):
            # "Jean Dupont, le nouveau ministre de la Défense": the name stands before its title.
            key = _new_leader(text, before, role, country, f"role pattern {lang} name + ', {pattern}'",
                              new_leaders, new_mentions, occupied)
            origins.setdefault(key, (start, role, explicit, possessive))
            continue
        bare_roles.append((span_start, p_end, role, pattern, country or role.country, org, former))

    # 3. Resolve knowledge-base matches: first names and roles in context, then the current holder.
    # "l'attaquant Sánchez" is a namesake, not the prime minister.
    resolved = [m for m in matches if not (m.via == "surname" and _overlaps(blocked, m.start, m.end))]
    full_hits = [(m.start, m.candidates[0]) for m in resolved if m.via != "surname" and len(m.candidates) == 1]
    named = {key for _, key in full_hits}
    # A surname that is also a common word, place or name ("Lee", "Austin", "Kim") needs the full name
    # somewhere in the article, or a title right before it.
    resolved = [
        m for m in resolved
        if m.via != "surname" or m.role_hint or _titled(text, m.start, kb) or named.intersection(m.candidates)
        or not all(kb.leaders[c].weak_surname for c in m.candidates)
    ]
    # "Thomas Lindner ... sagte Lindner": after a namesake named in full, a bare surname is his unless the leader is named too.
    namesakes = _namesake_surnames(text, resolved, kb, countries)
    resolved = [
        m for m in resolved
        if m.via != "surname" or m.role_hint or _titled(text, m.start, kb)
        or not _namesake_before(m, namesakes, full_hits)
    ]
    out: list[Mention] = []
    leaders: dict[str, dict] = {}
    for match in resolved:
        key = _resolve(match, kb, full_hits, text, countries)
        leader = kb.leaders[key]
        evidence = f"{leader.source} {key} {match.via} '{match.text}'"
        if match.role_hint:
            evidence += f" + role pattern {lang} '{match.role_hint[2]}'"
        out.append(Mention("leader", key, match.start, match.end, match.text, match.via, evidence))
        leaders[key] = {"name": leader.name, "role": leader.role, "country": leader.country}

    # 4. Unknown leaders' later mentions by surname or full name.
    for key, info in sorted(new_leaders.items()):
        parts = info["name"].split()
        surname = " ".join(parts[1:]) if len(parts) > 2 and parts[1].lower() in _grammar().name_particles else parts[-1]
        forms = [info["name"]] + ([surname] if len(parts) > 1 else [])
        taken = [(m.start, m.end, m.key) for m in out + new_mentions]
        for form in forms:
            for m in re.finditer(_name_regex(form, lang), text):
                if _overlaps(taken, m.start(), m.end()):
                    continue
                via = "name" if form == info["name"] else "surname"
                probe = _Match(m.start(), m.end(), form, via, [key])
                if via == "surname" and not _acceptable_surname(text, probe, kb, lang, countries):
                    continue
                evidence = f"role pattern + {via} '{form}'"
                new_mentions.append(Mention("leader", key, m.start(), m.end(), form, via, evidence))
                taken.append((m.start(), m.end(), key))
    leaders.update(new_leaders)
    out.extend(new_mentions)

    # 5. Bare role phrases ("le président américain") stand for the holder of that role in that country.
    taken = [(m.start, m.end, m.key) for m in out]
    first_seen: dict[str, int] = {}
    for m in sorted(out, key=lambda m: m.start):
        first_seen.setdefault(m.key, m.start)
    for start, end, role, pattern, country, org, former in bare_roles:
        if _overlaps(taken, start, end):
            continue
        if country is None and org is None:
            # Without a country, a bare title only points back to a leader already named ("the minister").
            earlier = {key: info for key, info in leaders.items() if first_seen.get(key, len(text)) < start}
            key = _holder(role, None, None, former, earlier, kb)
        else:
            key = _holder(role, country, org, former, leaders, kb)
        if key is None:
            continue
        if key not in leaders:
            leader = kb.leaders[key]
            leaders[key] = {"name": leader.name, "role": leader.role, "country": leader.country}
        source = kb.leaders[key].source if key in kb.leaders else "role pattern"
        qualifier = f"org {org}" if org else f"country {country}"
        out.append(Mention(
            "leader", key, start, end, text[start:end], "role",
            f"role pattern {lang} '{pattern}' {qualifier} -> {source} {key}",
        ))
    # Leaders titled without a country word hint at the article's own government: a national title form
    # ("presidente del Consiglio", "Bundeskanzler") counts double, a minister once; a bare "president" not at all,
    # since famous foreign heads are titled bare ("il presidente Donald Trump").
    weights: dict[str, int] = {}
    for m in resolved:
        if m.role_hint and not m.role_hint[3]:
            role = m.role_hint[0]
            weight = 2 if role.country else 0 if role.role in kb.head_roles else 1
            key = _resolve(m, kb, full_hits, text, countries)
            if weight and kb.leaders[key].country not in (None, "EU"):
                weights[key] = max(weights.get(key, 0), weight)
    votes: Counter = Counter()
    for key, weight in weights.items():
        votes[kb.leaders[key].country] += weight
    out = _infer_countries(text, kb, origins, out, leaders, phrase_countries, votes)
    _fill_countries(leaders, countries)
    out.sort(key=lambda m: (m.start, m.end, m.key))
    return out, leaders


def _prefix_country(title: str, kb: _Knowledge) -> str | None:
    """Return the country a title's prefix names ("Bundes-" in "Bundesinnenminister" -> DE), if any."""
    for prefix, country in kb.role_prefixes:
        if title.startswith(prefix) and len(title) > len(prefix) + 3:
            return country
    return None


def _has_org_word(text: str, start: int, end: int, kb: _Knowledge) -> bool:
    """Return whether the words of text[start:end] include an organisation word ("Labour Congress")."""
    return any(word in kb.org_words for word in _WORD.findall(text, start, end))


def _org_follows(text: str, index: int, kb: _Knowledge) -> bool:
    """Return whether the capitalised words right after index name an organisation ("Nigeria Labour Congress")."""
    run = re.match(r"(?: [^\W\d_][\w'’-]*){1,4}", text[index:index + 80])
    if run is None:
        return False
    words = run.group(0).split()
    capitalised = []
    for word in words:
        if not word[0].isupper():
            break
        capitalised.append(word)
    return any(word in kb.org_words for word in capitalised)


def _sentence_of(text: str, index: int) -> tuple[int, int]:
    """Return the (start, end) of the sentence around index."""
    start = 0
    for match in _SENTENCE_END.finditer(text, max(0, index - 600), index):
        start = match.end()
    after = _SENTENCE_END.search(text, index)
    return start, after.start() if after else len(text)


def _home_country(votes: Counter, countries: list) -> tuple[str | None, str]:
    """Return the article's home government and why: the country of its leaders titled without a country word,
    else the country mentioned clearly most often."""
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0], "leaders titled without a country"
    counts = sorted(Counter(c for _, _, c in countries if c != "EU").items(), key=lambda kv: (-kv[1], kv[0]))
    if counts and counts[0][1] >= 2 and (
        len(counts) == 1 or (counts[0][1] >= 1.5 * counts[1][1] and counts[0][1] - counts[1][1] >= 2)
    ):
        return counts[0][0], "most mentioned country"
    return None, ""


def _infer_countries(
    text: str, kb: _Knowledge, origins: dict, out: list[Mention], leaders: dict[str, dict], countries: list,
    votes: Counter,
) -> list[Mention]:
    """Return the mentions after giving leaders found by a title without a country word the country of their
    context: a leader named before "his/son/su" title, a country earlier in the sentence, a leader earlier in the
    sentence, else the article's home country (for titles of national office)."""
    leader_spans = sorted((m.start, m.key) for m in out if m.kind == "leader")
    home: tuple[str | None, str] | None = None
    reasons: dict[str, str] = {}
    for key, (title_start, role, explicit, possessive) in sorted(origins.items()):
        info = leaders.get(key)
        if info is None or explicit or role.role in kb.state_or_org_roles or (role.country and not possessive):
            continue
        s_start, _ = _sentence_of(text, title_start)
        before = [k for s, k in leader_spans if s_start <= s < title_start and k != key
                  and (leaders.get(k) or {}).get("country") not in (None, "EU")]
        found, why = None, ""
        if possessive and before:
            found, why = leaders[before[-1]]["country"], f"possessive after {leaders[before[-1]]['name']}"
        elif role.country:
            continue
        else:
            near = [c for c in countries if s_start <= c[0] and c[1] <= title_start and c[2] != "EU"]
            if near and not any(near[-1][1] <= s < title_start for s, k in leader_spans if k != key):
                found, why = near[-1][2], f"'{text[near[-1][0]:near[-1][1]]}' earlier in the sentence"
            elif before:
                found, why = leaders[before[-1]]["country"], f"{leaders[before[-1]]['name']} earlier in the sentence"
            else:
                if home is None:
                    home = _home_country(votes, countries)
                found, why = home
        if found:
            info["country"] = found
            reasons[key] = f" + country {found} from {why}"
    if not reasons:
        return out
    first = {}
    for index, m in enumerate(out):
        if m.key in reasons and (m.key not in first or m.start < out[first[m.key]].start):
            first[m.key] = index
    for key, index in first.items():
        m = out[index]
        out[index] = Mention(m.kind, m.key, m.start, m.end, m.text, m.via, m.evidence + reasons[key])
    return out


def find_bilateral(
    text: str, kb: _Knowledge, lang: str, mentions: Sequence[Mention], leaders: dict[str, dict],
    role_hits: Sequence[tuple[int, str]] = (),
) -> list[Mention]:
    """Return BILATERAL summit mentions: a meeting or signing word in a sentence whose leaders and government titles
    (or, for a signing, countries) belong to exactly two countries; one per sentence."""
    if kb.meeting is None:
        return []
    parties = sorted(
        [(m.start, (leaders.get(m.key) or {}).get("country")) for m in mentions if m.kind == "leader"]
        + list(role_hits)
    )
    # Adjectives name companies too ("deutsche Autohersteller ... unterzeichnet"); a signing needs the countries named.
    named = sorted((m.start, m.key) for m in mentions if m.kind == "country" and m.via != "demonym")
    party_starts = [p[0] for p in parties]
    named_starts = [c[0] for c in named]
    out: list[Mention] = []
    done_until = -1
    for hit in kb.meeting.finditer(text):
        if hit.start() < done_until:
            continue
        s_start, s_end = _sentence_of(text, hit.start())
        found = {c for _, c in parties[bisect_left(party_starts, s_start):bisect_left(party_starts, s_end)]}
        found -= {None, "EU"}
        if len(found) != 2 and kb.signing is not None and kb.signing.fullmatch(hit.group(0)):
            found |= {c for _, c in named[bisect_left(named_starts, s_start):bisect_left(named_starts, s_end)]}
            found -= {None, "EU"}
        if len(found) == 2:
            pair = "+".join(sorted(found))
            out.append(Mention(
                "summit", "BILATERAL", hit.start(), hit.end(), hit.group(0), "alias",
                f"models/summits.jsonl meeting_words {lang} '{hit.group(0)}' + two countries {pair}",
            ))
            done_until = s_end
    return out


def _namesake_surnames(text: str, matches: list[_Match], kb: _Knowledge, countries: list) -> dict[str, list[int]]:
    """Return matched surname -> offsets where the text gives it to someone else with a first name ("Thomas Lindner")."""
    found: dict[str, list[int]] = {}
    grammar = _grammar()
    for surname in sorted({m.text for m in matches if m.via == "surname"}):
        for hit in re.finditer(rf"(?<![\w.])([^\W\d_][\w'’-]*) {re.escape(surname)}(?![\w])", text):
            word = hit.group(1)
            low = word.lower()
            if not word[0].isupper() or f"{word} {surname}" in kb.by_text or low in kb.title_words \
                    or low in kb.stop_words or low in grammar.not_names or low in grammar.modifiers \
                    or _overlaps(countries, hit.start(1), hit.end(1)) \
                    or low.endswith(grammar.german_noun_endings) or any(t in low for t in kb.title_words if len(t) >= 5):
                continue
            found.setdefault(surname, []).append(hit.start())
    return found


def _namesake_before(match: _Match, namesakes: dict[str, list[int]], full_hits: list[tuple[int, str]]) -> bool:
    """Return whether someone else was named in full with this surname before it, and the leader nowhere."""
    namesake = max((o for o in namesakes.get(match.text, ()) if o < match.start), default=None)
    if namesake is None:
        return False
    return not any(key in match.candidates for _, key in full_hits)


def _resolve(match: _Match, kb: _Knowledge, full_hits: list[tuple[int, str]], text: str, countries: list) -> str:
    """Return the leader id a name match stands for, choosing among namesakes."""
    candidates = match.candidates
    if len(candidates) == 1:
        return candidates[0]
    if match.role_hint:
        role, country = match.role_hint[:2]
        fitting = [c for c in candidates if _same_role(role, kb.leaders[c].role)
                   and (country is None or kb.leaders[c].country == country)]
        if fitting:
            candidates = fitting
        elif country:
            candidates = [c for c in candidates if kb.leaders[c].country == country] or candidates
    if len(candidates) == 1:
        return candidates[0]
    sentence_start = max(text.rfind(c, 0, match.start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, match.end) for c in ".!?\n") if i >= 0]
    sentence_end = min(ends) if ends else len(text)
    nearby = {key for s, e, key in countries if s >= sentence_start and e <= sentence_end}
    local = [c for c in candidates if kb.leaders[c].country in nearby]
    if local:
        candidates = local
    named = [key for offset, key in full_hits if key in candidates]
    if named:
        before = [key for offset, key in full_hits if key in candidates and offset < match.start]
        return before[-1] if before else named[0]
    candidates = sorted(candidates, key=lambda c: (kb.leaders[c].status != "current", kb.leaders[c].rank))
    return candidates[0]


def _holder(
    role: Role, country: str | None, org: str | None, former: bool, found: dict[str, dict], kb: _Knowledge
) -> str | None:
    """Return the leader a bare role phrase refers to: the one with that role named in the text, else the holder."""
    def is_former(key: str) -> bool:
        return key in kb.leaders and kb.leaders[key].status == "former"

    in_text = sorted(
        key for key, info in found.items()
        if _same_role(role, info["role"]) and (country is None or info["country"] == country)
        and is_former(key) == former
    )
    if org is not None:
        in_text = [key for key in in_text if key in kb.leaders and kb.leaders[key].org == org]
    if len(in_text) == 1:
        return in_text[0]
    if (country is None and org is None) or in_text or former:
        return None
    if org is None and role.role not in kb.head_roles:
        return None  # "India's finance minister" unnamed is not a leader entry; "le président américain" is
    holders = sorted(
        (leader for leader in kb.leaders.values()
         if leader.status == "current" and _same_role(role, leader.role)
         and (leader.org == org if org else leader.country == country)),
        key=lambda leader: (_role_order(role, leader.role), leader.rank),
    )
    return holders[0].id if holders else None


def _fill_countries(leaders: dict[str, dict], countries: list) -> None:
    """Give unknown leaders without a country the article's only country, when the article names just one."""
    distinct = {key for _, _, key in countries}
    if len(distinct) != 1 or len(countries) < 2:
        return
    only = next(iter(distinct))
    for key, info in leaders.items():
        if key.startswith("new:") and info["country"] is None:
            info["country"] = only
