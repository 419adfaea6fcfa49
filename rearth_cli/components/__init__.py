"""rearth's spaCy components: registers the Doc extensions and adds the components to a pipeline in order."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# rearth_mentions: list[Mention] (set by the first component), rearth_leaders: leader key -> details,
# rearth_lang: the detected language analyze.py sets (preferred over nlp.lang), rearth_summits: key -> where/when.
for _name in ("rearth_mentions", "rearth_leaders", "rearth_lang", "rearth_summits"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

from rearth_cli.components import gazetteer, leaders  # noqa: E402,F401  (register the factories)


def add_components(nlp: Language, lang: str, gazetteers: tuple[str, ...] = ()) -> None:
    """Add rearth's components to nlp: the gazetteer, then the leader resolver that reads its countries."""
    config = {"gazetteers": list(gazetteers)}
    for name in ("rearth_gazetteer", "rearth_leaders"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config)
