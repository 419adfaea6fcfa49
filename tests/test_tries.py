"""The trie-shaped alternations match exactly what a flat, longest-first alternation of the same terms matches."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from rearth_cli.figures import _alt
from rearth_cli.tries import literal_trie, trie_regex

WORDS = st.lists(st.text(alphabet="abcdeé' ", min_size=1, max_size=6), min_size=1, max_size=12)
TEXT = st.text(alphabet="abcdeé' .,x", max_size=80)


def _flat(words: list[str]) -> str:
    """Return the plain alternation the trie replaces: longest first, then alphabetical."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@settings(max_examples=300, deadline=None)
@given(WORDS, TEXT)
def test_literal_trie_finds_the_same_matches_as_a_flat_alternation(words, text):
    words = [w for w in words if w]
    trie = re.compile(literal_trie(words), re.IGNORECASE)
    flat = re.compile(_flat(words), re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(WORDS, TEXT)
def test_trie_with_tails_backtracks_like_a_flat_alternation(words, text):
    # A tail that can fail makes the engine fall back to a shorter term, as in the flat form.
    words = [w for w in words if w]
    entries = [([re.escape(c) for c in w], r"(?!\w)") for w in words]
    trie = re.compile(r"(?<!\w)(?:" + trie_regex(entries) + ")", re.IGNORECASE)
    flat = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) + r"(?!\w)" for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")",
                      re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_figure_lexicon_alternations_read_the_same_terms():
    rows = [{"text": t} for t in ("milliard", "milliards", "million", "millions", "mille", "Md", "md€")]
    pattern = re.compile(_alt(rows), re.IGNORECASE)
    found = [m.group() for m in pattern.finditer("3 milliards, 2 millions, mille, 4 Md et 5 md€ ou millionnaire")]
    assert found == ["milliards", "millions", "mille", "Md", "md€"]

