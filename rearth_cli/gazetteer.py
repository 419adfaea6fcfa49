"""Countries, summits and commodities found in plain text from CLDR names and models/ data (spaCy-free rules; components.py adapts them)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


from rearth_cli.article import Findings, Mention
from rearth_cli.entities import remove_overlaps
from rearth_cli.knowledge import load_entries, models_dir

SUPPORTED = ("fr", "en", "de", "es", "it")
CJK_LANGS = ("ja", "zh")
# Words are runs of \w; hyphens, apostrophes and spaces only separate them, so
# "États-Unis", "Etats Unis" and "l'Australie" all reach the same key; other
# punctuation is a token of its own, so no name spans a comma or a full stop.
_TOKEN = re.compile(r"\w+|[^\w\s'’‘`\-‐‑–—]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_HYPHENS = "-‐‑"
CONTEXT_WINDOW = 400
_VIA_PRIORITY = {"name": 0, "alias": 1, "short_form": 2, "capital": 3, "demonym": 4}
_COUNTRY_FIELDS = (("names", "name"), ("aliases", "alias"), ("short_forms", "short_form"),
                   ("capitals", "capital"), ("demonyms", "demonym"))

@lru_cache(maxsize=4)
def _grammar_table(folder: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Return role -> language -> words of the grammar_words entries of models/ (folder is only the cache key)."""
    table: dict[str, dict[str, list[str]]] = {}
    for row in load_entries("grammar_words"):
        table.setdefault(row["role"], {}).setdefault(row["lang"], []).extend(row["words"])
    return {role: {lang: tuple(dict.fromkeys(words)) for lang, words in langs.items()} for role, langs in table.items()}


def grammar_words(role: str) -> dict[str, tuple[str, ...]]:
    """Return language (or "*") -> words of one grammar_words role, in file order, read once per models folder."""
    return _grammar_table(str(models_dir())).get(role, {})


def every_language(role: str) -> tuple[str, ...]:
    """Return the words of one grammar_words role in all languages together, in file order, without repeats."""
    return tuple(dict.fromkeys(w for words in grammar_words(role).values() for w in words))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """Return a regex alternation matching any of the words literally (one that never matches when there are none)."""
    return "|".join(re.escape(w) for w in words) or "(?!)"


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The grammar words the gazetteer rules look for, from models/grammar_words.jsonl."""

    # A capital after one of these is the place, not the government ("à Tokyo", "in Tokyo").
    locative: dict[str, frozenset[str]]
    # A demonym after one of these is a language ("en japonais", "auf Deutsch").
    language_prep: dict[str, frozenset[str]]
    and_or: frozenset[str]
    place: re.Pattern


@lru_cache(maxsize=4)
def _grammar_for(folder: str) -> _Grammar:
    """Return the gazetteer's grammar words and the regexes built from them, once per models folder."""
    articles = "|".join(re.escape(w) + ("" if w.endswith(("'", "’")) else r"\s+")
                        for w in every_language("place_article")) or "(?!)"
    name = r"[A-ZÀ-ÖØ-Þ][\w'’\-]+"
    place = re.compile(rf"\b(?:{alternation(every_language('place_preposition'))})\s+(?:{articles})?"
                       rf"({name}(?:\s+(?:{alternation(every_language('place_connector'))})\s+{name}|\s+{name})*)")
    return _Grammar({lang: frozenset(words) for lang, words in grammar_words("locative").items()},
                    {lang: frozenset(words) for lang, words in grammar_words("language_preposition").items()},
                    frozenset((*every_language("and"), *every_language("or"))), place)


def _grammar() -> _Grammar:
    """Return the gazetteer's grammar words for the current models folder."""
    return _grammar_for(str(models_dir()))


def _for_language(table: dict[str, frozenset[str]], lang: str | None) -> frozenset[str]:
    """Return the words listed for lang, else those for any other language ("*"), else none."""
    return table.get(lang or "", table.get("*", frozenset()))


@lru_cache(maxsize=200_000)
def norm(token: str) -> str:
    """Return the token case-folded and without accents, the form every lookup uses (cached: words recur)."""
    folded = unicodedata.normalize("NFD", token.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to read a surface form: what it names and which rule says so."""

    kind: str
    key: str
    via: str
    alias: str
    evidence: str
    case: str  # exact | upper | any
    rank: tuple
    weak: bool = False
    person_name: bool = False
    context: tuple[str, ...] = ()


@dataclass
class Matcher:
    """Everything needed to scan a text in one language, built once."""

    index: dict
    first: dict  # first normalised word of an alias -> the most words an alias starting with it has
    longest: int
    prefixes: dict
    cjk: dict
    cjk_regex: re.Pattern | None
    patterns: list
    summit_words: set
    known_keys: set
    lang: str | None
    inside_before: frozenset = frozenset()
    inside_after: frozenset = frozenset()


def _case_policy(alias: str) -> str:
    """Return how strictly a match must follow the alias's letter case."""
    letters = [ch for ch in alias if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "exact"
    if alias[:1].isupper():
        return "upper"
    return "any"


def _languages(lang: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (data languages, CLDR languages) that apply to a document language."""
    if lang in SUPPORTED or lang in CJK_LANGS:
        return (lang, "*"), (lang,)
    if lang:
        try:
            from babel import Locale

            Locale.parse(lang)
            return (*SUPPORTED, "*"), (lang, *SUPPORTED)
        except Exception:  # babel raises several types for unknown codes
            pass
    return (*SUPPORTED, "*"), SUPPORTED


@lru_cache(maxsize=None)
def cldr_names(lang: str) -> dict[str, list[str]]:
    """Return ISO code -> CLDR names of real countries (plus EU) in lang, empty for unknown languages."""
    from babel import Locale

    try:
        territories = Locale.parse(lang).territories
    except Exception:
        return {}
    excluded: set[str] = set()
    for row in load_entries("cldr_filter"):
        excluded.update(row.get("exclude", []))
    names: dict[str, list[str]] = {}
    for code in sorted(territories):
        if len(code) != 2 or not code.isalpha() or code in excluded:
            continue
        full = territories[code]
        forms = [part.strip() for part in re.split(r"[()（）]", full) if part.strip()]
        if lang == "de":
            # German genitive: "Chinas", "Japans", "Russlands".
            forms += [f + "s" for f in list(forms) if " " not in f and f[-1:].isalpha() and f[-1] not in "sxzeiy"]
        names[code] = forms
    return names


class _Builder:
    """Collects candidates into the lookup tables of a Matcher."""

    def __init__(self, lang: str | None, data_langs: tuple[str, ...]):
        self.lang = lang
        self.data_langs = data_langs
        self.index: dict[tuple[str, ...], list[Candidate]] = {}
        self.cjk: dict[str, list[Candidate]] = {}
        self.prefixes: dict[str, list[Candidate]] = {}
        self.patterns: list[tuple[re.Pattern, Candidate]] = []

    def rank(self, alias_lang: str, via: str, key: str) -> tuple:
        """Return the sort key choosing between readings of one surface form."""
        return (0 if alias_lang == self.lang else 1, _VIA_PRIORITY.get(via, 5), key)

    def add(self, alias: str, cand: Candidate) -> None:
        """Add one surface form."""
        if not alias or not alias.strip():
            return
        if _CJK.search(alias):
            self.cjk.setdefault(alias, []).append(cand)
            return
        key = tuple(norm(t) for t in _TOKEN.findall(alias))
        if key:
            self.index.setdefault(key, []).append(cand)


def _weak_set(entry: dict, langs) -> set[str]:
    """Return the aliases of an entry that need context."""
    weak = entry.get("weak_aliases") or {}
    return {a for lang in langs for a in weak.get(lang, [])}


def _context(entry: dict) -> tuple[str, ...]:
    """Return every context item of an entry, all languages together."""
    return tuple(item for items in (entry.get("context") or {}).values() for item in items)


@lru_cache(maxsize=64)
def build_matcher(lang: str | None, gazetteers: tuple[str, ...] = ()) -> Matcher:
    """Return the matcher for a document language (data loaded once per language and gazetteer set)."""
    data_langs, cldr_langs = _languages(lang)
    all_langs = (*data_langs, *CJK_LANGS)
    b = _Builder(lang, data_langs)
    known: set[str] = set()
    countries = load_entries("country", gazetteers)
    person: dict[str, set[str]] = {}
    weak: dict[str, set[str]] = {}
    contexts: dict[str, tuple[str, ...]] = {}
    for entry in countries:
        code = entry["code"]
        known.add(code)
        person.setdefault(code, set()).update(a.casefold() for lg in all_langs
                                              for a in (entry.get("person_name_aliases") or {}).get(lg, []))
        weak.setdefault(code, set()).update(_weak_set(entry, all_langs))
        contexts[code] = contexts.get(code, ()) + _context(entry)

    def country(code: str, alias: str, via: str, alias_lang: str, evidence: str) -> Candidate:
        return Candidate("country", code, via, alias, evidence, _case_policy(alias), b.rank(alias_lang, via, code),
                         alias in weak.get(code, ()), alias.casefold() in person.get(code, ()), contexts.get(code, ()))

    for cl in (*cldr_langs, *CJK_LANGS):
        for code, forms in cldr_names(cl).items():
            known.add(code)
            for form in forms:
                b.add(form, country(code, form, "name", cl, f"CLDR {cl} name '{form}'"))
    for entry in countries:
        code, source = entry["code"], entry["_file"]
        for field, via in _COUNTRY_FIELDS:
            values = entry.get(field) or {}
            for al in all_langs:
                for alias in values.get(al, []):
                    label = "demonym" if via == "demonym" else field.rstrip("s").replace("short_form", "short form")
                    b.add(alias, country(code, alias, via, al, f"{source} {code} {label} {al} '{alias}'"))
        for al in all_langs:
            for prefix in (entry.get("prefixes") or {}).get(al, []):
                cand = country(code, prefix, "demonym", al, f"{source} {code} prefix {al} '{prefix}-'")
                b.prefixes.setdefault(norm(prefix), []).append(cand)

    for kind, field in (("summit", "key"), ("commodity", "id")):
        for entry in load_entries(kind, gazetteers):
            key, source = entry[field], entry["_file"]
            known.add(key)
            weak_aliases = _weak_set(entry, all_langs)
            ctx = _context(entry)
            name = str(entry.get("name", "")).casefold()
            aliases = entry.get("aliases") or {}
            for al in all_langs:
                for alias in [*aliases.get(al, []), *(entry.get("weak_aliases") or {}).get(al, [])]:
                    via = "name" if alias.casefold() == name else "alias"
                    b.add(alias, Candidate(kind, key, via, alias, f"{source} {key} alias {al} '{alias}'", _case_policy(alias),
                                           b.rank(al, via, key), alias in weak_aliases, False, ctx))
                    if entry.get("country"):
                        # "Commission européenne" stands for the EU as a country too.
                        code = entry["country"]
                        b.add(alias, Candidate("country", code, "alias", alias, f"{source} {key} alias {al} '{alias}'",
                                               _case_policy(alias), b.rank(al, "alias", code), alias in weak_aliases,
                                               False, ctx))
                for pattern in (entry.get("patterns") or {}).get(al, []):
                    cand = Candidate(kind, key, "alias", pattern, f"{source} {key} pattern {al} '{pattern}'", "any",
                                     b.rank(al, "alias", key))
                    b.patterns.append((re.compile(pattern), cand))
    # Names that contain a country word but name something else ("Deutsche Bank", "New Mexico", "accord de Paris").
    for entry in load_entries("not_a_country", gazetteers):
        for al in all_langs:
            for phrase in (entry.get("phrases") or {}).get(al, []):
                b.add(phrase, Candidate("block", "", "name", phrase, f"{entry['_file']} not a country '{phrase}'",
                                        _case_policy(phrase), (0,)))
    summit_words = {norm(w) for row in load_entries("summit_words", gazetteers)
                    for al in all_langs for w in (row.get("words") or {}).get(al, [])}
    inside_before: set[tuple[str, ...]] = set()
    inside_after: set[str] = set()
    for row in load_entries("inside_name", gazetteers):
        for al in all_langs:
            inside_before.update(tuple(_TOKEN.findall(p)) for p in (row.get("before") or {}).get(al, []))
            inside_after.update((row.get("after") or {}).get(al, []))

    for table in (b.index, b.cjk, b.prefixes):
        for k, cands in table.items():
            table[k] = sorted(dict.fromkeys(cands), key=lambda c: c.rank)
    cjk_regex = None
    if b.cjk:
        cjk_regex = re.compile("|".join(re.escape(a) for a in sorted(b.cjk, key=lambda a: (-len(a), a))))
    first: dict[str, int] = {}
    for key in b.index:
        first[key[0]] = max(first.get(key[0], 0), len(key))
    return Matcher(b.index, first, max((len(k) for k in b.index), default=1), b.prefixes, b.cjk,
                   cjk_regex, b.patterns, summit_words, known, lang, frozenset(inside_before), frozenset(inside_after))


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    """Return (start, end, text, normalised) for every word or punctuation token of text."""
    return [(m.start(), m.end(), m.group(), norm(m.group())) for m in _TOKEN.finditer(text)]


def _case_ok(cand: Candidate, toks) -> bool:
    """Return whether the matched tokens respect the alias's case policy."""
    if cand.case == "any":
        return True
    if cand.case == "upper":
        return toks[0][2][:1].isupper()
    return [t[2] for t in toks] == _TOKEN.findall(cand.alias)


# Languages whose running text capitalises only names and sentence starts (not German nouns, not English headlines).
_SENTENCE_CASE = frozenset({"fr", "es", "it", "pt", "ca"})


def _sentence_initial(tokens, i: int) -> bool:
    """Return whether token i starts a sentence."""
    return i == 0 or tokens[i - 1][2] in {".", "!", "?", ":", "«", "\"", "“", "(", "—"}


def _next_to_name(text: str, tokens, i: int, j: int) -> bool:
    """Return whether tokens i..j-1 stand beside another capitalised word, as in "George Washington" or "Jordan Bardella"."""
    if i > 0 and text[tokens[i - 1][1]:tokens[i][0]] == " " and tokens[i - 1][2][:1].isupper() \
            and not _sentence_initial(tokens, i - 1):
        return True
    return j < len(tokens) and text[tokens[j - 1][1]:tokens[j][0]] == " " and tokens[j][2][:1].isupper()


def _inside_name(text: str, tokens, i: int, j: int, m: Matcher) -> bool:
    """Return whether tokens i..j-1 are part of another name: "accord de Paris", "Niger Delta", "Jean-Dominique Senard"."""
    for size in {len(p) for p in m.inside_before}:
        if i >= size and tuple(t[2] for t in tokens[i - size:i]) in m.inside_before \
                and "\n" not in text[tokens[i - size][0]:tokens[i][0]]:
            return True
    if j < len(tokens) and tokens[j][2] in m.inside_after and text[tokens[j - 1][1]:tokens[j][0]] == " ":
        return True
    # A hyphenated first name ("Jean-Dominique") followed by a surname is a person.
    if i > 0 and j < len(tokens) and text[tokens[i - 1][1]:tokens[i][0]] in _HYPHENS \
            and tokens[i - 1][2][:1].isupper() and not tokens[i - 1][2].isupper() \
            and tokens[i - 1][3] not in m.first and tokens[i - 1][3] not in m.prefixes \
            and text[tokens[j - 1][1]:tokens[j][0]] == " " and tokens[j][2][:1].isupper():
        return True
    return False


def find_mentions(text: str, lang: str | None, gazetteers: tuple[str, ...] = ()) -> tuple[list[Mention], dict]:
    """Return the country, summit and commodity mentions of text (no overlaps within a kind) and summit where/when."""
    m = build_matcher(lang, tuple(gazetteers))
    tokens = _tokens(text)
    grammar = _grammar()
    locative = _for_language(grammar.locative, lang)
    language_prep = _for_language(grammar.language_prep, lang)
    and_or = grammar.and_or
    found: list[tuple[Mention, Candidate]] = []
    skipped_capital_end = -1
    n_tokens = len(tokens)
    for i in range(n_tokens):
        first = tokens[i][3]
        done: set[str] = set()
        if first in m.first:
            for n in range(min(m.first[first], n_tokens - i), 0, -1):
                cands = m.index.get(tuple(t[3] for t in tokens[i:i + n]))
                if not cands:
                    continue
                if n > 1 and any("\n" in text[tokens[k][1]:tokens[k + 1][0]] for k in range(i, i + n - 1)):
                    continue
                toks = tokens[i:i + n]
                start, end = toks[0][0], toks[-1][1]
                surface = text[start:end]
                best: dict[str, Candidate] = {}
                for cand in cands:
                    if cand.kind in done or not _case_ok(cand, toks):
                        continue
                    if cand.kind == "country" and _inside_name(text, tokens, i, i + n, m):
                        continue
                    # Capitals are also parts of names ("Real Madrid", "George Washington"), like first names are.
                    if (cand.person_name or cand.via == "capital") and _next_to_name(text, tokens, i, i + n):
                        continue
                    # In sentence-case languages a capitalised "Carbone" beside "Anna" is a surname, not coal.
                    if (cand.kind == "commodity" and cand.case == "any" and lang in _SENTENCE_CASE
                            and toks[0][2][:1].isupper() and not _sentence_initial(tokens, i)
                            and _next_to_name(text, tokens, i, i + n)):
                        continue
                    prev = tokens[i - 1][3] if i else ""
                    if cand.via == "capital" and (prev in locative or (prev in and_or and i - 1 == skipped_capital_end)):
                        skipped_capital_end = i + n
                        continue
                    if cand.via == "demonym" and prev in language_prep:
                        continue
                    # Among readings that pass, the one spelled exactly as written is the clearest evidence.
                    held = best.get(cand.kind)
                    if held is None or (held.alias != surface and cand.alias == surface and held.key == cand.key):
                        best[cand.kind] = cand
                for kind, cand in best.items():
                    done.add(kind)
                    found.append((Mention(kind, cand.key, start, end, surface, cand.via, cand.evidence), cand))
        if "country" not in done and first in m.prefixes:
            end = tokens[i][1]
            if text[end:end + 1] in _HYPHENS and text[end + 1:end + 2].isalpha():
                cand = m.prefixes[first][0]
                start = tokens[i][0]
                found.append((Mention("country", cand.key, start, end, text[start:end], "demonym", cand.evidence), cand))
    if m.cjk_regex is not None and _CJK.search(text):
        for hit in m.cjk_regex.finditer(text):
            cand = m.cjk[hit.group()][0]
            found.append((Mention(cand.kind, cand.key, hit.start(), hit.end(), hit.group(), cand.via, cand.evidence), cand))
    for regex, cand in m.patterns:
        for hit in regex.finditer(text):
            if hit.end() > hit.start():
                found.append((Mention(cand.kind, cand.key, hit.start(), hit.end(), hit.group(), cand.via, cand.evidence), cand))
    blocks = [(mention.start, mention.end) for mention, cand in found if cand.kind == "block"]
    if blocks:
        found = [(mention, cand) for mention, cand in found if cand.kind != "block" and not (
            cand.kind == "country" and any(s <= mention.start and mention.end <= e for s, e in blocks))]
    found = _resolve_weak(text, found, m)
    bounds = _TokenBounds(tokens)
    mentions = [_widen_summit(text, tokens, bounds, mention, m) if mention.kind == "summit" else mention
                for mention in found]
    mentions = remove_overlaps(mentions)
    return mentions, summit_details(text, mentions, lang)


def _resolve_weak(text: str, found, m: Matcher) -> list[Mention]:
    """Return the mentions, keeping a weak one only when its context (another key found, or a word nearby) is there."""
    strong = [(mention.key, mention.start) for mention, cand in found if not cand.weak]
    kept = []
    for mention, cand in found:
        if cand.weak:
            low, high = mention.start - CONTEXT_WINDOW, mention.end + CONTEXT_WINDOW
            near = {key for key, start in strong if low <= start <= high}
            # The mention itself is left out of the window so a word cannot be its own context.
            window = f"{text[max(0, low):mention.start]} {text[mention.end:high]}".casefold()
            hit = next((c for c in cand.context if c in near and c in m.known_keys), None) or next(
                (c for c in cand.context if c not in m.known_keys and c.casefold() in window), None)
            if hit is None:
                continue
            mention = Mention(mention.kind, mention.key, mention.start, mention.end, mention.text, mention.via,
                              f"{mention.evidence} + context '{hit}'")
        kept.append(mention)
    return kept


class _TokenBounds:
    """Token index by start and by end offset, built on first use: only articles that name a summit need it."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.starts: dict[int, int] | None = None
        self.ends: dict[int, int] | None = None

    def at(self, start: int, end: int) -> tuple[int | None, int | None]:
        """Return the index of the token starting at start and of the token ending at end (None when none does)."""
        if self.starts is None:
            self.starts = {t[0]: k for k, t in enumerate(self.tokens)}
            self.ends = {t[1]: k for k, t in enumerate(self.tokens)}
        return self.starts.get(start), self.ends.get(end)


def _widen_summit(text: str, tokens, bounds: _TokenBounds, mention: Mention, m: Matcher) -> Mention:
    """Return the summit mention widened to a summit word before or after it ("sommet économique de l'APEC", "G20-Gipfel")."""
    i, j = bounds.at(mention.start, mention.end)
    if i is None or j is None:
        return mention
    start, end, words = mention.start, mention.end, []
    and_or = _grammar().and_or
    if not any(t[3] in m.summit_words for t in tokens[i:j + 1]):
        for back in range(1, 6):
            k = i - back
            if k < 0 or "\n" in text[tokens[k][1]:tokens[k + 1][0]]:
                break
            if tokens[k][3] in m.summit_words:
                start = tokens[k][0]
                words.append(tokens[k][2])
                break
            if not (tokens[k][2].isalpha() and tokens[k][2].islower()) or tokens[k][3] in and_or or back == 5:
                break
        if start == mention.start and j + 1 < len(tokens) and tokens[j + 1][3] in m.summit_words \
                and text[tokens[j][1]:tokens[j + 1][0]] in {" ", "-", "‑"}:
            end = tokens[j + 1][1]
            words.append(tokens[j + 1][2])
    if not words:
        return mention
    return Mention(mention.kind, mention.key, start, end, text[start:end], mention.via,
                   f"{mention.evidence} + summit word '{words[0]}'")


_SENTENCE_BREAK = re.compile(r"[.!?\n]")


def _date_regex(lang: str | None) -> re.Pattern:
    """Return a regex for a date in lang: '12 novembre 2026', 'November 2026', 'im März', or a bare year."""
    return _date_regex_for(lang, str(models_dir()))


@lru_cache(maxsize=None)
def _date_regex_for(lang: str | None, folder: str) -> re.Pattern:
    """Return the date regex for lang built from the month names and the grammar words of one models folder."""
    from babel.dates import get_month_names

    months: set[str] = set()
    for code in ((lang,) if lang in SUPPORTED else SUPPORTED):
        for context in ("format", "stand-alone"):
            months.update(get_month_names("wide", context, locale=code).values())
    months_alt = "|".join(sorted((re.escape(x) for x in months), key=lambda s: (-len(s), s)))
    flags = 0 if lang in ("en", "de") else re.IGNORECASE
    suffix = alternation(every_language("date_ordinal_suffix"))
    before_month = alternation(every_language("date_before_month"))
    before_year = alternation(every_language("date_before_year"))
    return re.compile(rf"(?:\b\d{{1,2}}(?:{suffix})?\s+(?:(?:{before_month})\s+)?)?\b(?:{months_alt})\b"
                      rf"(?:\s+(?:(?:{before_year})\s+)?\d{{4}})?|\b(?:19|20)\d\d\b", flags)


def summit_details(text: str, mentions: list[Mention], lang: str | None) -> dict[str, dict]:
    """Return summit key -> {"where", "when"} read from the sentence of its mentions, when the text says."""
    details: dict[str, dict] = {}
    dates = _date_regex(lang)
    place = _grammar().place
    previous_end = 0
    for mention in mentions:
        if mention.kind != "summit":
            continue
        breaks_before = list(_SENTENCE_BREAK.finditer(text, max(0, mention.start - 400), mention.start))
        s_start = breaks_before[-1].end() if breaks_before else max(0, mention.start - 400)
        s_start, previous_end = max(s_start, previous_end), mention.end
        after = _SENTENCE_BREAK.search(text, mention.end)
        s_end = after.start() if after else len(text)
        info = details.setdefault(mention.key, {})
        for field, regex, group in (("where", place, 1), ("when", dates, 0)):
            if field in info:
                continue
            hit = regex.search(text, mention.end, s_end)
            if hit is None:
                before = [h for h in regex.finditer(text, s_start, mention.start)]
                hit = before[-1] if before else None
            if hit is not None:
                info[field] = hit.group(group)
    return {key: value for key, value in sorted(details.items()) if value}


def add_gazetteer_mentions(findings: Findings, lang: str | None, gazetteers: tuple[str, ...] = ()) -> None:
    """Append the country, summit and commodity mentions of the findings' text, and set its summit details."""
    mentions, summits = find_mentions(findings.text, lang, gazetteers)
    findings.mentions.extend(mentions)
    findings.summits = summits
