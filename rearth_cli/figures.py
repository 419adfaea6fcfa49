"""Find defence-spending figures (share of GDP, amounts, growth) and other topical figures in an article's text."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from rearth_cli.knowledge import models_dir
from rearth_cli.tries import trie_regex

LANGS = ("fr", "en", "de", "es", "it")
_LEXICON_FILE = "figures.jsonl"
_S = r"[^\S\n]"  # horizontal whitespace (NBSP and U+202F included): figures never span lines
_GROUP_CHARS = " \u00a0\u202f\u2009'’"
_DIGITS = (
    r"(?<![\w.,])\d{1,3}(?:(?:[ \u00a0\u202f\u2009'’]|[.,])\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?!\d)"
)
# defence budgets above a tenth of GDP are written out with "of GDP"; a bare larger percentage is something else
_MAX_BARE_SHARE = 10
_GOVERNING_TOPICS = ("trade", "loan")
_PERCENT_ONLY_TOPICS = ("budget_share",)
# a contract or a purchase has a price, not a percentage: "2 % en ocho años, tras la compra de aviones"
_AMOUNT_ONLY_TOPICS = ("procurement",)
# terms that only hide a shorter term inside them ("il ministro dell'Economia" is no economy figure)
_IGNORED_TOPIC = "ignore"
_KIND_RANK = {"share_of_gdp": 0, "amount": 1, "growth_pct": 2, "percent": 3, "scaled": 4}
# the two ends of a range ("de 413 à 450 milliards") are within a factor of ten; "from 2019 to 2.1 %" is no range
_RANGE_RATIO = (Decimal("0.1"), Decimal(10))


@cache
def _entries() -> tuple[dict, ...]:
    """Return every line of models/figures.jsonl as a dict."""
    path = models_dir() / _LEXICON_FILE
    with path.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())


def _boundary(term: str, prefix: bool = False, glued_head: bool = False, glued_tail: bool = False) -> str:
    """Return a regex for one term, with word boundaries where the term starts or ends with a letter.

    glued_head / glued_tail let a digit touch the term ("90bn", "N3.5") while a letter still may not.
    """
    head, atoms, tail = _boundary_parts(term, prefix, glued_head, glued_tail)
    return head + "".join(atoms) + tail


def _boundary_parts(term: str, prefix: bool, glued_head: bool, glued_tail: bool) -> tuple[str, list[str], str]:
    """Return (head assertion, one regex atom per character of the term, tail assertion) for _boundary."""
    atoms = [_S + "+" if char == " " else "['’]" if char in "'’" else re.escape(char) for char in term]
    head = (r"(?<![^\W\d])" if glued_head else r"(?<!\w)") if term[:1].isalnum() and not _is_cjk(term[0]) else ""
    tail = (r"(?![^\W\d])" if glued_tail else r"(?!\w)") if term[-1:].isalnum() and not _is_cjk(term[-1]) and not prefix else ""
    if prefix and term[-1:].isalnum() and not _is_cjk(term[-1]):
        tail = r"\w*"
    return head, atoms, tail


def _is_cjk(char: str) -> bool:
    """Return True for CJK ideographs and kana, which have no word boundaries."""
    return "\u3040" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _alt(rows: list[dict], glued_head: bool = False, glued_tail: bool = False) -> str:
    """Return an alternation of the rows' terms that tries longer terms first, so the longest term wins.

    The terms are merged into a trie (rearth_cli.tries): as a flat list, a few
    hundred currency or number words made every figure pattern test each of them
    at every word.
    """
    seen = sorted({(r["text"], bool(r.get("prefix"))) for r in rows}, key=lambda t: (-len(t[0]), t[0]))
    if not seen:
        return "(?!)"
    by_head: dict[str, list[tuple[list[str], str]]] = {}
    for term, prefix in seen:
        head, atoms, tail = _boundary_parts(term, prefix, glued_head, glued_tail)
        by_head.setdefault(head, []).append((atoms, tail))
    return "(?:" + "|".join(head + trie_regex(terms) for head, terms in by_head.items()) + ")"


def _gate(rows: list[dict], glued_head: bool = False) -> str:
    """Return a zero-width regex that holds wherever `_alt(rows)` can start a match, "" when no cheap test exists."""
    # a necessary condition put in front of a big alternation: most offsets fail one class test instead of every branch
    classes: dict[str, set[str]] = {}
    for row in rows:
        term = row["text"]
        first = term[:1]
        if not first or first.isspace():
            return ""
        head = (r"(?<![^\W\d])" if glued_head else r"(?<!\w)") if first.isalnum() and not _is_cjk(first) else ""
        classes.setdefault(head, set()).update("'’" if first in "'’" else first)
    if not classes:
        return "(?!)"
    return "(?:" + "|".join(head + "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"
                            for head, chars in sorted(classes.items())) + ")"


@dataclass(frozen=True)
class _Lexicon:
    """Compiled patterns and lookups for one language (or for all languages when the language is unknown)."""

    langs: tuple[str, ...]
    precheck: re.Pattern
    # (kind, pattern, anchors): the pattern is only tried on a sentence where every anchor matches
    patterns: tuple[tuple[str, re.Pattern, tuple[re.Pattern, ...]], ...]
    terms: re.Pattern
    term_topic: tuple[tuple[re.Pattern, str], ...]
    scales: tuple[tuple[re.Pattern, int], ...]
    currencies: tuple[tuple[re.Pattern, str, str | None], ...]
    national: dict[tuple[str, str], str]
    one_words: frozenset[str]
    growth_signs: tuple[tuple[re.Pattern, int], ...]
    target: re.Pattern
    target_keep: tuple[tuple[re.Pattern, bool], ...]
    target_full: frozenset[str]
    notes: tuple[re.Pattern, ...]
    clause_breaks: re.Pattern
    links: re.Pattern
    possessive: re.Pattern
    abbreviations: frozenset[str]
    institutions: re.Pattern
    institution_code: tuple[tuple[re.Pattern, str], ...]
    collective: re.Pattern
    first_person: re.Pattern
    foreign: re.Pattern
    coordinated: re.Pattern
    level: re.Pattern
    fractions: tuple[tuple[re.Pattern, Decimal], ...]
    multiples: tuple[tuple[re.Pattern, Decimal], ...]
    gdp_context: re.Pattern
    budget_words: re.Pattern
    collective_tail: re.Pattern
    owner_link: re.Pattern
    outside: re.Pattern
    range_head: re.Pattern
    range_link: re.Pattern
    scaled_follow: re.Pattern
    # word -> topic of the term it is; a word's topic never changes, and the same terms recur in every article
    topic_memo: dict[str, str] = field(default_factory=dict, compare=False)


@cache
def _lexicon(lang: str | None) -> _Lexicon:
    """Return the compiled lexicon for a language; unknown languages get every language's data."""
    langs = (lang,) if lang in LANGS else LANGS
    rows = [r for r in _entries() if r["lang"] == "*" or r["lang"] in langs]

    def of(kind: str) -> list[dict]:
        return [r for r in rows if r["type"] == kind]

    morph = "(?:" + "|".join(re.escape(w["text"]) for w in sorted(of("number_word"), key=lambda r: -len(r["text"]))) + ")"
    conn = "(?:" + "|".join(re.escape(w["text"]) for w in of("number_connector")) + ")"
    fractions = of("fraction")
    glued_fraction = "(?:" + "|".join(re.escape(r["text"]) for r in fractions if r.get("glued")) + ")"
    spaced_fraction = _alt([r for r in fractions if not r.get("glued")])
    # "three and a half", "tres y medio", "dreieinhalb"
    words = (rf"(?<!\w){morph}+(?:(?:{_S}+|-)(?:{conn}(?:{_S}+|-))?{morph}+)*"
             rf"(?:{glued_fraction}|{_S}+{spaced_fraction})?(?!\w)")
    ones = _alt(of("one_word"))
    num = rf"(?P<num>{_DIGITS}|{words}|{ones})"
    digits_only = rf"(?P<num>{_DIGITS})"
    # after a currency symbol the number may touch a letter ("N3.5 trillion", "Rs500")
    digits_glued = "(?P<num>" + _DIGITS.replace(r"(?<![\w.,])", "") + ")"
    pct = rf"(?P<pct>{_alt(of('percent'))})"
    scales = rf"(?P<scale>{_alt(of('scale'), glued_head=True)}(?:{_S}*{_alt(of('scale'))})*)"
    currency = _alt(of("currency"))
    currency_first = _alt(of("currency"), glued_tail=True)
    hedge = rf"(?:{_alt(of('hedge'))}{_S}+)?"
    link = _alt(of("currency_link"))
    gap = _alt(of("gdp_gap"))
    gdp = _alt(of("gdp_term"))
    growth_before = _alt([r for r in of("growth") if r["position"] == "before"])
    growth_after = _alt([r for r in of("growth") if r["position"] == "after"])
    preps = _alt(of("growth_prep"))
    bare = _alt(of("growth_bare"))
    sign = r"(?P<sign>[+\-−])?"
    percent = rf"{sign}{num}{_S}?-?{_S}?{pct}"
    # first-character tests for the patterns below (see _gate); they never change what a pattern matches
    word_firsts = {w["text"][:1] for w in of("number_word")}
    ones_gate = _gate(of("one_word"))
    num_gate = "" if not ones_gate or any(not c or c.isspace() for c in word_firsts) else (
        r"(?:(?<![\w.,])(?=\d)|(?<!\w)(?=[" + "".join(re.escape(c) for c in sorted(word_firsts)) + "])|" + ones_gate + ")")
    percent_gate = rf"(?:(?=[+\-−])|{num_gate})" if num_gate else ""
    # The terms each pattern cannot match without, tested on a sentence before the pattern itself: a sentence
    # with a number but no percent word, currency or growth word is passed over at the cost of a literal search.
    pct_rows, cur_rows, gdp_rows = of("percent"), of("currency"), of("gdp_term")
    before_rows = [r for r in of("growth") if r["position"] == "before"]
    after_rows = [r for r in of("growth") if r["position"] == "after"]
    requires = [
        ((pct_rows, ""), (gdp_rows, "")),
        ((gdp_rows, ""), (pct_rows, "")),
        ((cur_rows, "tail"),),
        ((cur_rows, ""),),
        ((before_rows, ""), (pct_rows, "")),
        ((of("growth_bare"), ""), (pct_rows, "")),
        ((after_rows, ""), (pct_rows, "")),
        ((before_rows, ""), (pct_rows, "")),
        (),
        ((pct_rows, ""),),
        ((of("scale"), "head"),),
    ]
    patterns = [
        ("share_of_gdp", rf"{percent_gate}{percent}(?:{_S}+{gap})*{_S}*(?:{gap}{_S}*)?(?P<gdp>{gdp})"),
        ("share_of_gdp", rf"{_gate(of('gdp_term'))}(?P<gdp>{gdp})(?:[（(]GDP[)）])?比{_S}*{sign}{num}{_S}?{pct}"),
        # a currency written first is followed by digits: no digit left in the sentence, no match
        ("amount", rf"{_gate(of('currency'))}(?=\D*\d)(?P<cur>{currency_first}){_S}?{digits_glued}(?:{_S}?{scales})?"),
        ("amount", rf"{num_gate}{num}(?:{_S}?{scales})?{_S}?(?:{link}{_S}?)?(?P<cur>{currency})"),
        ("growth_pct", rf"{_gate([r for r in of('growth') if r['position'] == 'before'])}"
                       rf"(?P<gterm>{growth_before})(?:{_S}+[^\s\d%.;:!?]+){{0,6}}?{_S}+{preps}{_S}*{hedge}{percent}"),
        ("growth_pct", rf"{_gate(of('growth_bare'))}(?P<gterm>{bare}){_S}*{hedge}{percent}"),
        ("growth_pct", rf"{percent_gate}{percent}{_S}+(?P<gterm>{growth_after})"),
        # verb-final clauses: "um 3,5 Prozent steigen"
        ("growth_pct", rf"{_gate(of('growth_prep'))}{preps}{_S}*{percent}{_S}+(?P<gterm>{growth_before})"),
        # "has doubled", "un tiers de plus", "um ein Drittel": a growth written as a multiple
        ("growth_pct", rf"{_gate(of('multiple'))}(?P<mult>{_alt(of('multiple'))})"),
        ("percent", rf"{percent_gate}{percent}"),
        # a scaled number without currency ("puis 150 milliards en 2029") takes the currency of an earlier amount
        ("scaled", rf"(?<![\w.,])(?=\d){digits_only}{_S}?{scales}"),
    ]
    defence = of("defence_term")
    topics = of("topic_term")
    term_rows = defence + topics
    months = _alt(of("month"))
    tword = _alt(of("target_word"))
    year = r"(?:19|20)\d{2}(?:[-/](?:19|20)?\d{2})?(?!\d)"
    expr = rf"(?:{tword}{_S}*)?(?:{months}(?:{_S}+{year})?|{year})|{_alt([r for r in of('target_word') if r.get('full')])}"
    target = rf"{_gate(of('target_prep'))}(?P<prep>{_alt(of('target_prep'))}){_S}+(?P<expr>{expr})"
    # a range head opens on a range word, a currency or a digit
    range_gates = (_gate(of("range_open")), _gate(of("currency")), r"(?<![\w.,])(?=\d)")
    range_gate = "(?:" + "|".join(range_gates) + ")" if all(range_gates) else ""
    precheck_terms = _precheck_terms(of("percent") + of("scale") + of("currency") + of("multiple"))
    return _Lexicon(
        langs=langs,
        precheck=re.compile((r"(?=[\d" + "".join(re.escape(c) for c in sorted({t[0] for t in precheck_terms})) + "])"
                             if precheck_terms else "") + r"(?:\d|" + "|".join(re.escape(t) for t in precheck_terms) + ")", re.IGNORECASE),
        patterns=tuple((kind, re.compile(p, re.IGNORECASE), tuple(_anchor(rows, glued) for rows, glued in needs))
                       for (kind, p), needs in zip(patterns, requires, strict=True)),
        terms=re.compile(_gate(term_rows) + _alt(term_rows), re.IGNORECASE),
        # exact terms before stems, so "Rüstungsexporte" (trade) is not read as the stem "Rüstung" (defence)
        term_topic=tuple((re.compile(_boundary(r["text"], bool(r.get("prefix"))), re.IGNORECASE), r.get("topic", "defence"))
                         for r in sorted(term_rows, key=lambda r: (bool(r.get("prefix")), -len(r["text"])))),
        # with no language known, "billion" is read the English way (1e9) and "Billion" the German way (1e12)
        scales=tuple((re.compile(_boundary(r["text"]), 0 if r["text"][:1].isupper() else re.IGNORECASE), int(r["exponent"]))
                     for r in sorted(of("scale"), key=lambda r: (r["lang"] != "en" and lang not in LANGS, r["text"][:1].islower()))),
        currencies=tuple((re.compile(_boundary(r["text"]), re.IGNORECASE), r["code"], r.get("family"))
                         for r in sorted(of("currency"), key=lambda r: -len(r["text"]))),
        national={(r["family"], r["country"]): r["code"] for r in of("national_currency")},
        one_words=frozenset(r["text"].lower() for r in of("one_word")),
        growth_signs=tuple((re.compile(_boundary(r["text"], bool(r.get("prefix"))), re.IGNORECASE), int(r["sign"]))
                           for r in sorted(of("growth") + [b for b in of("growth_bare") if "sign" in b], key=lambda r: -len(r["text"]))),
        target=re.compile(target, re.IGNORECASE),
        target_keep=tuple((re.compile(_boundary(r["text"]) + "$", re.IGNORECASE), bool(r["keep"])) for r in of("target_prep")),
        target_full=frozenset(r["text"].lower() for r in of("target_word") if r.get("full")),
        notes=tuple(re.compile(r["pattern"], re.IGNORECASE) for r in of("note")),
        clause_breaks=re.compile("|".join(re.escape(r["text"]) for r in sorted(of("clause_break"), key=lambda r: -len(r["text"]))), re.IGNORECASE),
        links=re.compile(r"^(?:\W|" + _alt(of("link_word")) + r")*$", re.IGNORECASE),
        possessive=re.compile(_alt(of("possessive")), re.IGNORECASE),
        abbreviations=frozenset(r["text"] for r in of("abbreviation")),
        institutions=re.compile(_gate(of("institution")) + _alt(of("institution")), re.IGNORECASE),
        institution_code=tuple((re.compile(_boundary(r["text"]), re.IGNORECASE), r["country"]) for r in of("institution")),
        collective=re.compile(_gate(of("collective")) + _alt(of("collective")), re.IGNORECASE),
        first_person=re.compile(_gate(of("first_person")) + _alt(of("first_person")), re.IGNORECASE),
        # the words just before a mention: "from France", "a Dinamarca", "en Ukraine", "all'Italia"
        foreign=re.compile(rf"{_gate(of('foreign_prep'))}{_alt(of('foreign_prep'))}(?:{_S}+{_alt(of('article'))})?{_S}*$", re.IGNORECASE),
        coordinated=re.compile(rf"^{_S}*{_alt(of('coordinator'))}(?:{_S}+{_alt(of('article'))})?{_S}*$", re.IGNORECASE),
        level=re.compile(rf"{_gate(of('level_word'))}{_alt(of('level_word'))}{_S}*$", re.IGNORECASE),
        # "en part du PIB", "in rapporto al Pil", "Verteidigungsquote": the percentages of the sentence are shares of GDP
        gdp_context=re.compile(_gate(of("gdp_term") + of("share_word")) + _alt(of("gdp_term") + of("share_word")), re.IGNORECASE),
        budget_words=re.compile(_gate(of("budget_word")) + _alt(of("budget_word")), re.IGNORECASE),
        # "les alliés européens et le Canada": a country named inside the collective subject owns nothing alone
        collective_tail=re.compile(rf"{_gate(of('collective'))}{_alt(of('collective'))}(?:{_S}+[^\W\d]+){{0,2}}{_S}+{_alt(of('coordinator'))}"
                                   rf"(?:{_S}+{_alt(of('article'))})?{_S}*$", re.IGNORECASE),
        # "los 1.100 euros de Francia": the country written right after the figure owns it
        owner_link=re.compile(rf"^{_S}*{_alt(of('owner_link'))}{_S}*$", re.IGNORECASE),
        multiples=tuple((re.compile(_boundary(r["text"]), re.IGNORECASE), Decimal(r["value"]))
                        for r in sorted(of("multiple"), key=lambda r: -len(r["text"]))),
        fractions=tuple((re.compile((re.escape(r["text"]) if r.get("glued") else rf"(?:{_S}+|-){_boundary(r['text'])}") + "$", re.IGNORECASE),
                         Decimal(r["value"])) for r in fractions),
        # "outside the defence budget", "getrennt vom Verteidigungshaushalt": the defence word says what the figure is not
        outside=re.compile(rf"{_gate(of('outside'))}{_alt(of('outside'))}(?:{_S}+[^\W\d]+['’]?){{0,3}}{_S}*$", re.IGNORECASE),
        range_head=re.compile(rf"{range_gate}(?:{_alt(of('range_open'))}{_S}*)?(?:(?P<cur>{currency_first}){_S}?)?(?P<num>{_DIGITS})"
                              rf"(?:{_S}?(?P<scale>{_alt(of('scale'), glued_head=True)}))?{_S}*{_alt(of('range_link'))}{_S}*$",
                              re.IGNORECASE),
        range_link=re.compile(rf"{_S}*{_alt(of('range_link'))}{_S}*$", re.IGNORECASE),
        scaled_follow=re.compile(rf"{_S}*(?:[.,;:!?)»”\"]|$)|{_S}+{_alt(of('amount_follow'))}", re.IGNORECASE),
    )


@cache
def _compiled_anchor(regex: str) -> re.Pattern:
    """Return a compiled anchor; patterns share most of theirs (the percent words), compiled once."""
    return re.compile(regex, re.IGNORECASE)


def _anchor(rows: list[dict], glued: str) -> re.Pattern:
    """Return the regex of terms a pattern contains as written (same boundaries; glued "head"/"tail"/""), to test a sentence."""
    head, tail = glued == "head", glued == "tail"
    return _compiled_anchor(_gate(rows, glued_head=head) + _alt(rows, glued_head=head, glued_tail=tail))


def _precheck_terms(rows: list[dict]) -> list[str]:
    """Return the few literals that any figure without a digit must contain (symbols, long percent and scale words)."""
    # a figure written without digits needs a percent or scale word; short forms (M, bn) and currency names follow digits
    words = sorted({r["text"].lower() for r in rows
                    if not any(c.isalnum() for c in r["text"])
                    or (r["type"] != "currency" and len(r["text"]) >= 3)}, key=len)
    kept: list[str] = []
    for word in words:
        if not any(k in word for k in kept):
            kept.append(word)
    return sorted(kept)


def parse_number(raw: str, lang: str | None) -> Decimal | None:
    """Return the value of a number written in digits or words in `lang`, or None when it cannot be read."""
    return _parse_number(raw, lang)


@lru_cache(maxsize=4096)
def _parse_number(raw: str, lang: str | None) -> Decimal | None:
    """Return parse_number's answer, kept because babel and text2num are slow and articles repeat their numbers."""
    from babel.numbers import NumberFormatError, parse_decimal

    raw = raw.strip()
    if not any(c.isdigit() for c in raw):
        return _parse_words(raw, lang)
    s = "".join(c for c in raw if c not in _GROUP_CHARS)
    decimal_sep = _decimal_separator(s, lang)
    group_sep = "," if decimal_sep == "." else "."
    canonical = s.replace(group_sep, "").replace(decimal_sep, ".") if decimal_sep else s.replace(",", "").replace(".", "")
    try:
        # babel's own locale rules read "3.5" in a German article as 35; the separators are decided above.
        return parse_decimal(canonical, locale="en", strict=False)
    except (NumberFormatError, InvalidOperation):
        return None


def _decimal_separator(s: str, lang: str | None) -> str | None:
    """Return the decimal separator of a digit string without spaces, or None when it has none."""
    if "," in s and "." in s:
        return "," if s.rfind(",") > s.rfind(".") else "."
    for sep in (",", "."):
        if sep in s:
            if s.count(sep) > 1:
                return None
            after = s.split(sep)[1]
            if len(after) != 3:
                return sep
            # exactly three digits after one separator: a thousands group unless this language writes decimals so
            comma_decimal = lang in ("fr", "de", "es", "it")
            return sep if (sep == "," and comma_decimal) or (sep == "." and lang == "en" and s.startswith("0")) else None
    return None


def _parse_words(span: str, lang: str | None) -> Decimal | None:
    """Return the value of a number written in words, trying the article's language first."""
    from text_to_num import alpha2digit

    lex = _lexicon(lang)
    for pattern, fraction in lex.fractions:
        m = pattern.search(span)
        if m and m.start() > 0:
            whole = _parse_words(span[:m.start()], lang)
            return whole + fraction if whole is not None else None
    if span.lower() in lex.one_words and span.lower() not in ("un", "ein", "one"):
        return Decimal(1)
    for candidate in lex.langs:
        out = alpha2digit(span, candidate, threshold=0).strip()
        if out and all(c.isdigit() or c in ",." for c in out) and any(c.isdigit() for c in out):
            decimal_sep = "." if candidate == "en" else ","
            return Decimal(out.replace("," if decimal_sep == "." else ".", "").replace(decimal_sep, "."))
    return Decimal(1) if span.lower() in lex.one_words else None


def _sentences(text: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence; sentences never cross a newline."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"»”’)]*(?=\s)|[。！？]|\n", text):
        end = m.end()
        if m.group() not in ("\n",) and m.group()[0] == ".":
            word = text[:m.start() + 1].rsplit(None, 1)[-1] if text[:m.start() + 1].strip() else ""
            following = text[end:end + 3].lstrip(" \u00a0\u202f")
            if word in lex.abbreviations or (following[:1].islower()) or re.fullmatch(r"\(?[A-Z]\.", word):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _clauses(text: str, sentence: tuple[int, int], lex: _Lexicon) -> list[int]:
    """Return the offsets where clauses of a sentence start, the sentence start first."""
    s, e = sentence
    return [s] + [m.start() for m in lex.clause_breaks.finditer(text, s, e)]


def _terms(text: str, lex: _Lexicon, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    """Return (start, end, topic) for the defence and topic terms in a span; longest term wins an overlap."""
    found = []
    for m in lex.terms.finditer(text, *span):
        word = m.group()
        topic = lex.topic_memo.get(word)
        if topic is None:
            topic = lex.topic_memo[word] = next(t for pat, t in lex.term_topic if pat.fullmatch(word))
        if topic == "defence" and lex.outside.search(text, max(span[0], m.start() - 60), m.start()):
            topic = "other"
        if topic != _IGNORED_TOPIC:
            found.append((m.start(), m.end(), topic))
    return found


@dataclass
class _Figure:
    """One figure found in the text before it is classified."""

    kind: str
    start: int
    end: int
    value: Decimal
    currency: str | None
    match: re.Match
    family: str | None = None


def _candidates(text: str, lex: _Lexicon, lang: str | None, sentences: list[tuple[int, int]]) -> list[_Figure]:
    """Return non-overlapping figures, preferring share of GDP, then amounts, growth, bare percentages."""
    found: list[_Figure] = []
    for start, end in sentences:
        # the figure patterns are costly to try at every offset: only sentences with a digit, percent, scale or
        # symbol, and for each pattern only sentences holding the terms it cannot match without (its anchors)
        if not lex.precheck.search(text, start, end):
            continue
        present: dict[re.Pattern, bool] = {}
        for kind, pattern, anchors in lex.patterns:
            if not all(_holds(anchor, text, start, end, present) for anchor in anchors):
                continue
            for m in pattern.finditer(text, start, end):
                fig = _read(kind, m, lex, lang)
                if fig is not None:
                    found.append(fig)
    found.sort(key=lambda f: (_KIND_RANK[f.kind], -(f.end - f.start), f.start))
    kept: list[_Figure] = []
    for fig in found:
        if all(fig.end <= k.start or fig.start >= k.end for k in kept):
            kept.append(fig)
    return _complete(text, lex, lang, sorted(kept, key=lambda f: f.start))


def _holds(anchor: re.Pattern, text: str, start: int, end: int, present: dict[re.Pattern, bool]) -> bool:
    """Return whether the anchor matches in text[start:end], searched once per sentence (patterns share anchors)."""
    if anchor not in present:
        present[anchor] = anchor.search(text, start, end) is not None
    return present[anchor]


def _read(kind: str, m: re.Match, lex: _Lexicon, lang: str | None) -> _Figure | None:
    """Return the figure a pattern match stands for, or None when its number cannot be read."""
    if m.groupdict().get("mult"):
        value = next((v for pat, v in lex.multiples if pat.fullmatch(m.group("mult"))), None)
        return _Figure(kind, m.start(), m.end(), value, None, m) if value is not None else None
    value = parse_number(m.group("num"), lang)
    if value is None:
        return None
    groups = m.groupdict()
    currency = family = None
    if kind in ("amount", "scaled"):
        value *= _scale(groups.get("scale") or "", lex)
    if kind == "scaled":
        # "m", "b": too ambiguous without a currency ("the 100m sprint")
        return _Figure(kind, m.start(), m.end(), value, None, m) if len(groups["scale"].strip()) >= 2 else None
    if kind == "amount":
        currency, family = next(((code, fam) for pat, code, fam in lex.currencies if pat.fullmatch(groups["cur"])), (None, None))
        # a one-letter symbol ("N3.5 trillion") only counts when glued to its number
        if len(groups["cur"]) == 1 and groups["cur"].isascii() and groups["cur"].isalpha() and m.start("num") != m.end("cur"):
            return None
        if currency is None or (not groups.get("scale") and value < 1000 and groups["cur"].isalpha() and groups["cur"].islower() and len(groups["cur"]) <= 3):
            return None
    if kind == "growth_pct":
        term = groups.get("gterm") or ""
        direction = next((s for pat, s in lex.growth_signs if pat.fullmatch(term)), 1)
        if term.lower() in ("down", "fell", "dropped", "declined"):
            direction = -1
        value *= direction
    if groups.get("sign") in ("-", "−"):
        value = -value
    return _Figure(kind, m.start(), m.end(), value, currency, m, family)


def _scale(words: str, lex: _Lexicon) -> Decimal:
    """Return the multiplier that scale words ("milliards", "lakh crore", "Mrd.") stand for, 1 when there are none."""
    multiplier = Decimal(1)
    for scale_word in re.findall(r"\S+?(?=\s|$)|\S+", words):
        for pat, exponent in lex.scales:
            if pat.fullmatch(scale_word):
                multiplier *= Decimal(10) ** exponent
                break
    return multiplier


def _complete(text: str, lex: _Lexicon, lang: str | None, figures: list[_Figure]) -> list[_Figure]:
    """Return the figures with the first ends of ranges added and scaled numbers given the currency they imply.

    "between 40 and 50 billion euros": 40 takes the scale and currency of 50; "€40 to €50 billion": €40 takes the
    scale; "150 milliards" with no currency takes the currency of the paragraph's previous amount, or is dropped.
    """
    out: list[_Figure] = []
    for fig in figures:
        previous = out[-1] if out else None
        if fig.kind != "scaled":
            head = lex.range_head.search(text, max(previous.end if previous else 0, fig.start - 60), fig.start)
            if head is not None:
                first = _range_start(head, fig, lex, lang)
                if first is not None:
                    out.append(first)
            elif previous is not None and previous.kind == fig.kind == "amount" and not previous.match.groupdict().get("scale") \
                    and fig.match.groupdict().get("scale") and lex.range_link.match(text, previous.end, fig.start) \
                    and lex.range_link.match(text, previous.end, fig.start).end() == fig.start:
                scaled = previous.value * _scale(fig.match.group("scale"), lex)
                if _RANGE_RATIO[0] <= scaled / fig.value <= _RANGE_RATIO[1]:
                    previous.value = scaled
        if fig.kind == "scaled":
            if not lex.scaled_follow.match(text, fig.end):
                continue
            # the paragraph's previous amount, else the previous paragraph's ("... 14.750 millones de euros." / "... 35.200 millones, el 2,1 %")
            source = next((f for f in reversed(out) if f.kind == "amount" and f.currency and text.count("\n", f.end, fig.start) <= 1), None)
            if source is None:
                continue
            fig = _Figure("amount", fig.start, fig.end, fig.value, source.currency, fig.match, source.family)
        out.append(fig)
    return out


def _range_start(head: re.Match, fig: _Figure, lex: _Lexicon, lang: str | None) -> _Figure | None:
    """Return the figure for the first number of a range whose unit is written only after the second, or None."""
    value = parse_number(head.group("num"), lang)
    if value is None or not fig.value:
        return None
    start = head.start("cur") if head.group("cur") else head.start("num")
    end = head.end("scale") if head.group("scale") else head.end("num")
    if fig.kind in ("amount", "scaled"):
        own = fig.match.groupdict().get("scale") or ""
        value *= _scale(head.group("scale"), lex) if head.group("scale") else _scale(own, lex)
    elif head.group("cur") or head.group("scale"):
        return None
    elif fig.value < 0:
        value = -value
    if not _RANGE_RATIO[0] <= value / fig.value <= _RANGE_RATIO[1]:
        return None
    currency, family = fig.currency, fig.family
    if head.group("cur"):
        currency, family = next(((c, f) for pat, c, f in lex.currencies if pat.fullmatch(head.group("cur"))), (currency, family))
    return _Figure(fig.kind, start, end, value, currency, head, family)


def _mentions(entities: dict, text: str, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """Return (start, end, country code) for every country mention, every leader mention with a country and every national institution ("Bundeswehr", "Pentagon")."""
    out = []
    for country in entities.get("countries") or []:
        for mention in country.get("mentions") or []:
            out.append((mention["start"], mention["end"], country["code"]))
    for leader in entities.get("leaders") or []:
        if leader.get("country"):
            for mention in leader.get("mentions") or []:
                out.append((mention["start"], mention["end"], leader["country"]))
    taken = [(a, b) for a, b, _ in out]
    for m in lex.institutions.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            code = next(c for pat, c in lex.institution_code if pat.fullmatch(m.group()))
            out.append((m.start(), m.end(), code))
    return sorted(out)


def _topic(fig: _Figure, terms: list[tuple[int, int, str]], clause: tuple[int, int]) -> tuple[str | None, tuple[int, int, str] | None]:
    """Return the topic of a figure and the term that decided it: the nearest term of its clause, else of its sentence."""
    if fig.kind != "percent":
        # "about 10% of the federal budget" describes a percentage, never the amount beside it
        terms = [t for t in terms if t[2] not in _PERCENT_ONLY_TOPICS]
    if fig.kind not in ("amount", "scaled"):
        terms = [t for t in terms if t[2] not in _AMOUNT_ONLY_TOPICS]
    for lo, hi in (clause, (None, None)):
        pool = [t for t in terms if (lo is None or (t[0] >= lo and t[1] <= hi)) and (t[1] <= fig.start or t[0] >= fig.end)]
        inside = [t for t in terms if t[0] >= fig.start and t[1] <= fig.end]
        # a growth figure spans its noun ("raise its defence budget by 25%"): a term inside it decides, other topics first
        inside.sort(key=lambda t: t[2] == "defence")
        if inside:
            return inside[0][2], inside[0]
        if pool:
            best = min(pool, key=lambda t: (fig.start - t[1] if t[1] <= fig.start else t[0] - fig.end, t[2] == "defence"))
            if best[2] == "defence":
                # "exports of defence equipment", "a loan for the armed forces": the head noun decides
                head = [t for t in pool if t[2] in _GOVERNING_TOPICS and t[1] <= best[0] and best[0] - t[1] <= 40]
                if head:
                    return head[-1][2], head[-1]
            return best[2], best
    return None, None


def _foreign(text: str, mentions: list[tuple[int, int, str]], lex: _Lexicon) -> set[int]:
    """Return the start offsets of mentions that name a supplier, destination, partner or battlefield ("jets from France and Turkey", "a Dinamarca"), not a budget's owner."""
    foreign: set[int] = set()
    previous: tuple[int, int, str] | None = None
    for mention in mentions:
        line_start = text.rfind("\n", 0, mention[0]) + 1
        lo = max(line_start, mention[0] - 30)
        prep = lex.foreign.search(text, lo, mention[0])
        # "In der Schweiz hat das Parlament ...", "En España, ...": a sentence opening on a place sets its scope
        if prep and not re.fullmatch(r"(?:.*[.!?:][\"»”’)]*)?\s*", text[line_start:prep.start()], re.DOTALL):
            foreign.add(mention[0])
        elif previous is not None and previous[0] in foreign and previous[1] <= mention[0] \
                and lex.coordinated.match(text[previous[1]:mention[0]]):
            foreign.add(mention[0])
        previous = mention
    return foreign


def _dominant(text: str, mentions: list[tuple[int, int, str]], foreign: set[int]) -> str | None:
    """Return the article's main country: the most mentioned, the first mentioned on a tie.

    A mention in the title counts three times; a supplier, partner or battlefield ("cooperación con Mauritania") half.
    """
    title_end = text.find("\n") if "\n" in text else len(text)
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for start, _end, code in mentions:
        weight = 0.5 if start in foreign else 3.0 if start < title_end else 1.0
        score[code] = score.get(code, 0.0) + weight
        first.setdefault(code, start)
    if not score:
        return None
    return min(score, key=lambda c: (-score[c], first[c]))


@dataclass(frozen=True)
class _Context:
    """What attribution needs about the whole article, computed once."""

    mentions: list[tuple[int, int, str]]
    foreign: set[int]
    dominant: str | None


def _country(text: str, fig: _Figure, term: tuple[int, int, str] | None, ctx: _Context,
             sentences: list[tuple[int, int]], index: int, clause: tuple[int, int], lex: _Lexicon,
             carry: tuple[bool, str | None] = (False, None)) -> str | None:
    """Return the ISO code of the country whose budget the figure is, or None for a commitment of all allies together.

    In order: a country attached to the defence term ("Japan's defence budget"); a country written right after the
    figure ("los 1.100 euros de Francia"); none when all allies are named just after the figure ("3,5 % pactado por
    los aliados") or the clause is about all allies; the article's country for "we"/"notre"; the owner (a mention that is not a supplier, partner or
    battlefield) in the clause or the sentence; the country of the paragraph's previous defence figure (`carry`);
    an owner in the paragraph's earlier sentences; the article's main country.
    """
    s, e = sentences[index]
    here = [m for m in ctx.mentions if m[0] >= s and m[1] <= e and (m[1] <= fig.start or m[0] >= fig.end)]
    here = [m for m in here if not lex.collective_tail.search(text, max(s, m[0] - 60), m[0])]
    if term is not None and term[2] == "defence":
        for m in here:
            between = text[m[1]:term[0]] if m[1] <= term[0] else text[term[1]:m[0]] if m[0] >= term[1] else None
            if between is not None and len(between) <= 30 and not re.search(r"[\d,;:()]", between):
                extra = [w for w in re.findall(r"\w+", between) if not lex.links.match(w) and w.lower() != "s"]
                if len(extra) <= 1:
                    return m[2]
    owners = [m for m in here if m[0] not in ctx.foreign]
    following = [m for m in owners if m[0] >= fig.end]
    if following and lex.owner_link.match(text[fig.end:following[0][0]]):
        return following[0][2]
    # "3,5 % pactado por los aliados", "les 1 000 milliards que les alliés consacreront": a commitment of all allies
    joint = lex.collective.search(text, fig.end, min(clause[1], fig.end + 40))
    if joint and not any(fig.end <= m[0] < joint.start() for m in owners):
        return None
    before = [m for m in owners if m[1] <= fig.start]
    in_clause = [m for m in before if m[0] >= clause[0]]
    collective = [c for c in lex.collective.finditer(text, clause[0], fig.start)]
    if collective and not any(m[0] >= collective[-1].end() for m in in_clause):
        return None
    if not in_clause and lex.first_person.search(text, clause[0], fig.end):
        return ctx.dominant
    if in_clause:
        return in_clause[-1][2]
    if before and lex.possessive.search(text, clause[0], fig.start):
        # "..., tandis que son budget de défense": the possessive points to the sentence's subject
        return before[0][2]
    if before:
        return before[-1][2]
    after = [m for m in owners if m[0] >= fig.end]
    if after:
        return after[0][2]
    if carry[0]:
        return carry[1]
    for back in range(index - 1, max(index - 3, -1), -1):
        ps, pe = sentences[back]
        if "\n" in text[pe:s]:
            break
        earlier = [m for m in ctx.mentions if m[0] >= ps and m[1] <= pe and m[0] not in ctx.foreign]
        if earlier:
            return earlier[0][2]
        s = ps
    return ctx.dominant


def _partner(text: str, fig: _Figure, country: str | None, ctx: _Context, clause: tuple[int, int], lex: _Lexicon) -> str | None:
    """Return the country coordinated with the owner right before it in the figure's clause ("Latvia and Estonia"), or None."""
    if country is None:
        return None
    before = [m for m in ctx.mentions if clause[0] <= m[0] and m[1] <= fig.start and m[0] not in ctx.foreign]
    if len(before) < 2 or before[-1][2] != country:
        return None
    first, second = before[-2], before[-1]
    if first[2] != country and lex.coordinated.match(text[first[1]:second[0]]) \
            and not re.search(r"[\d,;:()]", text[second[1]:fig.start]):
        return first[2]
    return None


def _target(text: str, fig: _Figure, sentence: tuple[int, int, int, int], lex: _Lexicon) -> str | None:
    """Return the deadline or period of a figure as written: after it in its sentence, else before it with no figure between.

    `sentence` is (start, end, end of the previous figure, start of the next figure or the sentence end).
    """
    after = [m for m in lex.target.finditer(text, fig.end, sentence[3]) if not any(c.isdigit() for c in text[fig.end:m.start()]) or m.start() - fig.end < 40]
    # a deadline written before the figure ("D'ici 2030, ...") only belongs to the sentence's first figure
    before = [] if sentence[2] > sentence[0] else list(lex.target.finditer(text, sentence[0], fig.start))
    chosen = after[0] if after and after[0].start() - fig.end <= 60 else (before[-1] if before else None)
    if chosen is None:
        return None
    prep = chosen.group("prep")
    keep = next((k for pat, k in lex.target_keep if pat.match(prep)), True)
    return chosen.group() if keep else chosen.group("expr")


def _note(text: str, fig: _Figure, sentence: tuple[int, int], next_start: int, lex: _Lexicon) -> str | None:
    """Return a comparison phrase written just after the figure ("deux ans plus tôt que prévu"), or None."""
    limit = min(sentence[1], fig.end + 90)
    best = None
    for pattern in lex.notes:
        m = pattern.search(text, fig.end, limit)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    # a note belongs to the figure it follows, not to the next figure of the sentence
    return best.group().strip() if best.start() <= next_start else None


def _gdp_context(text: str, lex: _Lexicon, sentence: tuple[int, int], figures: list[_Figure]) -> bool:
    """Return whether the sentence names GDP (or a share of it) outside its share-of-GDP figures: "en part du PIB : Pologne 4,48 % ; ..."."""
    for m in lex.gdp_context.finditer(text, *sentence):
        if not any(f.kind == "share_of_gdp" and f.start <= m.start() < f.end for f in figures):
            return True
    return False


def _context_topic(text: str, sentences: list[tuple[int, int]], index: int, fig: _Figure, cross: bool,
                   inherited: dict[int, str], terms_of) -> str | None:
    """Return the topic of the last term in the nearest of the three previous sentences that has one, or None.

    The search stays in the figure's paragraph unless `cross` (a sentence about GDP shares or a budget, which
    often continues the paragraph before, or answers the question of an interview).
    """
    start = sentences[index][0]
    for back in range(index - 1, max(index - 4, -1), -1):
        ps, pe = sentences[back]
        if "\n" in text[pe:start] and not cross:
            return None
        terms = [t for t in terms_of(back)
                 if fig.kind in ("amount", "scaled") or t[2] not in _AMOUNT_ONLY_TOPICS]
        if terms:
            return terms[-1][2]
        if back in inherited:
            return inherited[back]
        start = ps
    return None


def extract_figures(text: str, lang: str | None, entities: dict) -> tuple[list[dict], list[dict]]:
    """Return (defence-spending figures, other topical figures) found in the text, each sorted by offset."""
    lex = _lexicon(lang)
    if not text or not lex.precheck.search(text):
        return [], []
    sentences = _sentences(text, lex)
    figures = _candidates(text, lex, lang, sentences)
    if not figures:
        return [], []
    starts = [s for s, _ in sentences]
    mentions = _mentions(entities or {}, text, lex)
    foreign = _foreign(text, mentions, lex)
    ctx = _Context(mentions, foreign, _dominant(text, mentions, foreign))
    per_sentence: dict[int, list[tuple[_Figure, str | None, tuple | None, tuple[int, int], bool]]] = {}
    inherited: dict[int, str] = {}  # sentence index -> topic taken from the sentences before it
    term_cache: dict[int, list[tuple[int, int, str]]] = {}

    def terms_of(i: int) -> list[tuple[int, int, str]]:
        """Return the terms of sentence i, found once."""
        if i not in term_cache:
            term_cache[i] = _terms(text, lex, sentences[i])
        return term_cache[i]

    gdp_cache: dict[int, bool] = {}

    def gdp_of(i: int) -> bool:
        """Return _gdp_context for sentence i, computed once (the figures do not change)."""
        if i not in gdp_cache:
            gdp_cache[i] = _gdp_context(text, lex, sentences[i], figures)
        return gdp_cache[i]

    for fig in figures:
        index = max(bisect_right(starts, fig.start) - 1, 0)
        sentence = sentences[index]
        terms = terms_of(index)
        breaks = _clauses(text, sentence, lex)
        clause_start = max([b for b in breaks if b <= fig.start] or [sentence[0]])
        clause_end = min([b for b in breaks if b >= fig.end] or [sentence[1]])
        clause = (clause_start, clause_end)
        topic, term = _topic(fig, terms, clause)
        # an allied commitment names the defence budget in the sentence before: "Les alliés se sont engagés à 3,5 %."
        allied = fig.kind == "percent" and lex.collective.search(text, clause_start, fig.start) is not None
        # "... à sa défense. C'est plus que les 1,3 % de 2019": a level or comparison continues the previous sentence
        leveled = fig.kind == "percent" and lex.level.search(text, max(sentence[0], fig.start - 25), fig.start) is not None
        # "... 3,5 % pactado por los aliados": the collective written just after the figure
        allied = allied or (fig.kind == "percent" and lex.collective.search(text, fig.end, min(clause_end, fig.end + 40)) is not None)
        gdp_context = gdp_of(index)
        if topic is None and not terms and index > 0 and (fig.kind != "percent" or allied or leveled or gdp_context):
            # a sentence about GDP shares or a budget ("The FY2027 request compares with ...") may continue the previous paragraph
            # ("Ogni punto di Pil vale 22 miliardi" only names GDP: an amount needs a share of GDP beside it)
            cross = (gdp_context and fig.kind in ("percent", "share_of_gdp")) \
                or any(f.kind == "share_of_gdp" and sentence[0] <= f.start < sentence[1] for f in figures) \
                or lex.budget_words.search(text, *sentence) is not None
            topic = _context_topic(text, sentences, index, fig, cross, inherited, terms_of)
            if topic is not None:
                inherited[index] = topic
        per_sentence.setdefault(index, []).append((fig, topic, term, clause, allied))

    defence: list[dict] = []
    other: list[dict] = []
    share_in_paragraph = -1  # index of the last sentence with a defence share of GDP
    carry: tuple[int, str | None] = (-1, None)  # end and country of the last defence figure
    for index, items in sorted(per_sentence.items()):
        sentence = sentences[index]
        # (whether the paragraph has an earlier defence figure, its country: None for all allies together)
        carried = (True, carry[1]) if carry[0] >= 0 and "\n" not in text[carry[0]:sentence[0]] else (False, None)
        has_share = any(f.kind == "share_of_gdp" and t == "defence" for f, t, _, _, _ in items) \
            or (any(f.kind == "percent" and t == "defence" for f, t, _, _, _ in items) and gdp_of(index))
        after_share = share_in_paragraph >= 0 and "\n" not in text[sentences[share_in_paragraph][1]:sentence[0]]
        if has_share:
            share_in_paragraph = index
        shared = False  # a defence share of GDP was read earlier in this sentence: "5 % ..., dont 3,5 % ..."
        for position, (fig, topic, term, clause, allied) in enumerate(items):
            kind = fig.kind
            if topic is None and kind == "percent" and has_share:
                # "Lithuania ... 6 per cent of GDP, while Latvia and Estonia aim for five percent"
                topic = "defence"
            if topic == "defence" and index in inherited and kind == "share_of_gdp" and fig.value > _MAX_BARE_SHARE:
                # a share above a tenth of GDP with no defence word of its own is debt, trade or the like
                topic = None
            if topic == "defence":
                if kind == "percent":
                    # a bare percentage is a share of GDP only beside one, and only at a plausible level
                    if fig.value > _MAX_BARE_SHARE:
                        continue
                    level = lex.level.search(text, max(sentence[0], fig.start - 25), fig.start)
                    if not has_share and not ((after_share or allied or shared) and level):
                        continue
                    kind = "share_of_gdp"
                next_start = items[position + 1][0].start if position + 1 < len(items) else sentence[1]
                country = _country(text, fig, term, ctx, sentences, index, clause, lex, carried)
                currency = lex.national.get((fig.family, country), fig.currency) if fig.family and country else fig.currency
                record = {
                    "country": country,
                    "kind": kind,
                    "value": _to_float(fig.value),
                    "currency": currency,
                    "target": _target(text, fig, (*sentence, items[position - 1][0].end if position else sentence[0], next_start), lex),
                    "text": text[fig.start:fig.end],
                    "start": fig.start,
                    "end": fig.end,
                }
                note = _note(text, fig, sentence, next_start, lex)
                if note:
                    record["note"] = note
                defence.append(record)
                shared = shared or kind == "share_of_gdp"
                partner = _partner(text, fig, country, ctx, clause, lex) if kind != "amount" else None
                if partner:
                    # "Latvia and Estonia both aim for five percent": one figure, two budgets
                    defence.append({**record, "country": partner})
                carry = (fig.end, country)
                carried = (True, country)
            else:
                other.append({
                    "topic": topic or "other",
                    "kind": kind,
                    "value": _to_float(fig.value),
                    "currency": fig.currency,
                    "text": text[fig.start:fig.end],
                    "start": fig.start,
                    "end": fig.end,
                })
    return defence, other


def _to_float(value: Decimal) -> float:
    """Return a Decimal as the nearest float, after rounding away binary noise from the scaling."""
    return float(value.normalize()) if value == value.to_integral_value() else float(round(value, 6))
