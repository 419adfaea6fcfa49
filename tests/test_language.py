"""Seeded language detection for whole articles and paragraphs."""

from __future__ import annotations

import pytest

from rearth_cli import language, text as textlib

from conftest import SAMPLES

ARTICLES = {
    "fr": "Le gouvernement japonais a annoncé mardi un plan pour sécuriser ses approvisionnements en terres rares, "
          "alors que la Chine durcit ses contrôles à l'exportation.",
    "en": "The Japanese government announced on Tuesday a plan to secure its supplies of rare earths, "
          "as China tightens its export controls.",
    "de": "Die japanische Regierung hat am Dienstag einen Plan angekündigt, um ihre Versorgung mit Seltenen Erden "
          "zu sichern, während China seine Exportkontrollen verschärft.",
    "es": "El Gobierno japonés anunció el martes un plan para asegurar su suministro de tierras raras, "
          "mientras China endurece sus controles a la exportación.",
    "it": "Il governo giapponese ha annunciato martedì un piano per garantire le forniture di terre rare, "
          "mentre la Cina inasprisce i controlli sulle esportazioni.",
}


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_language_is_detected_with_confidence(code):
    detected, confidence, _ = language.detect_document(ARTICLES[code])
    assert detected == code and 0.8 <= confidence <= 1.0


def test_detection_is_deterministic():
    text = "Ok. Merci. Danke."
    assert len({language.detect(text) for _ in range(5)}) == 1


def test_nothing_to_go_on_gives_no_language():
    assert language.detect("2026 — 14:05 https://example.org") == (None, 0.0)


def _paragraphs(text):
    return language.detect_paragraphs(text, textlib.split_paragraphs(text), *language.detect_document(text)[:2])


def test_an_english_quote_in_a_french_article_is_reported_as_english():
    text = (ARTICLES["fr"] + "\n"
            + "“We will not let a single supplier hold our factories hostage, and we will build the mines and refineries we need with our allies,” the US trade representative said.\n"
            + ARTICLES["fr"].replace("mardi", "mercredi") + "\n")
    codes = [p.language for p in _paragraphs(text)]
    assert codes == ["fr", "en", "fr"]


def test_short_heading_inherits_the_article_language():
    text = "Coopération économique\n" + ARTICLES["fr"] + "\n" + "Dépenses\n" + ARTICLES["fr"]
    assert [p.language for p in _paragraphs(text)] == ["fr", "fr", "fr", "fr"]


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*.txt")))
def test_sample_articles_language_matches_their_name(path):
    text = textlib.normalise(textlib.decode(path.read_bytes()))
    assert language.detect_document(text)[0] == path.name[:2]


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*.txt")))
def test_clear_news_prose_is_decided_by_function_words_without_langdetect(path, monkeypatch):
    text = textlib.normalise(textlib.decode(path.read_bytes()))
    monkeypatch.setattr(language, "detect", lambda _: pytest.fail("langdetect ran on a decisive sample"))
    code, confidence, method = language.detect_document(text)
    assert (code, method) == (path.name[:2], "function-words") and 0.9 <= confidence < 1.0


def test_a_language_without_function_words_of_its_own_goes_to_langdetect():
    catalan = ("El Govern ha aprovat aquest dimarts un pla per garantir el subministrament de terres rares "
               "a les empreses catalanes, que depenen de la Xina per a gairebé tots els imants. "
               "La consellera ha explicat que el pla inclou ajuts per reciclar els residus electrònics "
               "i acords amb els ports de Barcelona i Tarragona perquè els minerals arribin més de pressa.")
    code, _, method = language.detect_document(catalan)
    assert (code, method) == ("ca", "langdetect")


def test_a_short_text_goes_to_langdetect():
    assert language.detect_document("Tokyo et Washington signent un accord.")[2] == "langdetect"
