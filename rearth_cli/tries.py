"""Big alternations of literal terms written as tries, so the regex engine does not test every term at every offset.

Python's re tries the branches of an alternation one after the other: a flat
"milliard|milliards|million|..." of a few hundred words costs a few hundred
comparisons wherever it is tried. Written as a trie ("mil(?:liard(?:s|)|lion)")
it costs one comparison per character. Among terms that can match at the same
offset (one is a prefix of the other), the longer is still tried first, as in
a flat alternation sorted longest first, so what matches does not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key under which a trie node keeps the tails of the terms ending there (no atom is empty)


def trie_regex(terms: Iterable[tuple[list[str], str]]) -> str:
    """Return one regex matching any term, a term given as (regex atoms, tail regex), longer terms tried first."""
    root: dict = {}
    for atoms, tail in terms:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        tails = node.setdefault(_END, [])
        if tail not in tails:
            tails.append(tail)
    return _node_regex(root) if root else "(?!)"


def literal_trie(words: Iterable[str]) -> str:
    """Return one regex matching any of the literal words (no boundaries added), longer words tried first."""
    return trie_regex(([re.escape(char) for char in word], "") for word in sorted(set(words)) if word)


def _depth(node: dict) -> int:
    """Return the length in atoms of the longest term below a node."""
    return max((1 + _depth(child) for atom, child in node.items() if atom != _END), default=0)


def _node_regex(node: dict) -> str:
    """Return the regex of a node: its longer continuations first, then the terms that end here."""
    children = sorted((atom for atom in node if atom != _END), key=lambda atom: (-_depth(node[atom]), atom))
    branches = [atom + _node_regex(node[atom]) for atom in children]
    tails = node.get(_END, [])
    if tails:
        branches.append(tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
