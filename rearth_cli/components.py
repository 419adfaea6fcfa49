"""rearth's spaCy components: thin adapters that run the rules of gazetteer.py and leaders.py on a Doc.

The rules themselves work on plain text and a Findings record, so --fast can run
them without importing spaCy; these components keep the Findings on the doc
(doc._.rearth_mentions, rearth_leaders, rearth_summits) for spaCy users.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from rearth_cli.article import Findings, doc_text
from rearth_cli.gazetteer import add_gazetteer_mentions
from rearth_cli.leaders import add_leader_mentions, leader_language

# rearth_mentions: list[Mention], rearth_leaders: leader key -> details, rearth_summits: key -> where/when,
# rearth_lang: the detected language analyze.py sets (preferred over nlp.lang).
for _name in ("rearth_mentions", "rearth_leaders", "rearth_lang", "rearth_summits"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def findings_of(doc: Doc) -> Findings:
    """Return what the components recorded on doc, as the Findings the rest of rearth reads."""
    return Findings(doc_text(doc), list(doc._.rearth_mentions or []), dict(doc._.rearth_leaders or {}),
                    dict(doc._.rearth_summits or {}))


def _keep(doc: Doc, findings: Findings) -> Doc:
    """Store findings on doc and return it."""
    doc._.rearth_mentions = findings.mentions
    doc._.rearth_leaders = findings.leaders
    doc._.rearth_summits = findings.summits
    return doc


class _RulesComponent:
    """A component that runs rearth's rules with the pipeline's language and the user's extra gazetteers."""

    def __init__(self, nlp: Language, name: str, gazetteers: list[str]):
        self.name = name
        self.lang = nlp.lang
        self.gazetteers = tuple(gazetteers)


class Gazetteer(_RulesComponent):
    """Finds countries, summits and commodities and appends them to doc._.rearth_mentions."""

    def __call__(self, doc: Doc) -> Doc:
        """Return doc with its mentions appended and summit where/when in doc._.rearth_summits."""
        lang = doc._.rearth_lang or self.lang
        findings = findings_of(doc)
        add_gazetteer_mentions(findings, None if lang == "xx" else lang, self.gazetteers)
        return _keep(doc, findings)


class LeaderResolver(_RulesComponent):
    """Finds leaders by name and by role phrase, merges their mentions and records them on the doc."""

    def __call__(self, doc: Doc) -> Doc:
        """Return doc with leader mentions appended to doc._.rearth_mentions and leaders in doc._.rearth_leaders."""
        findings = findings_of(doc)
        # The detected language picks the aliases ("Poutine" in French) when the pipeline is multi-language.
        add_leader_mentions(findings, leader_language(doc._.rearth_lang, self.lang), self.gazetteers)
        return _keep(doc, findings)


@Language.factory("rearth_gazetteer", default_config={"gazetteers": []})
def make_gazetteer(nlp: Language, name: str, gazetteers: list[str]) -> Gazetteer:
    """Return the gazetteer component; its tables are built on first use per language and cached."""
    return Gazetteer(nlp, name, gazetteers)


@Language.factory("rearth_leaders", default_config={"gazetteers": []})
def make_leaders(nlp: Language, name: str, gazetteers: list[str]) -> LeaderResolver:
    """Return the leader component for nlp's language."""
    return LeaderResolver(nlp, name, gazetteers)


def add_components(nlp: Language, lang: str, gazetteers: tuple[str, ...] = ()) -> None:
    """Add rearth's components to nlp: the gazetteer, then the leader resolver that reads its countries."""
    config = {"gazetteers": list(gazetteers)}
    for name in ("rearth_gazetteer", "rearth_leaders"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config)
