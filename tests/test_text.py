"""Decoding, normalisation, titles and paragraphs on real article text."""

from __future__ import annotations

import pytest

from rearth_cli import text as textlib
from rearth_cli.errors import DecodeError, Empty, NotText

from conftest import SEED

FRENCH = "Le Japon prévoit d'augmenter son budget de défense à 2 % de son PIB d'ici mars, déclare Sanae Takaichi à Tokyo."


def test_utf8_with_and_without_bom_decode_alike():
    raw = FRENCH.encode("utf-8")
    assert textlib.decode(raw) == FRENCH
    assert textlib.normalise(textlib.decode(b"\xef\xbb\xbf" + raw)) == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    raw = FRENCH.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    assert textlib.normalise(textlib.decode(raw)) == FRENCH


def test_cp1252_french_is_detected_not_read_as_a_baltic_code_page():
    article = (FRENCH + "\n") * 3 + "Les « terres rares » coûtent 8,7 € le kilo — un prix élevé, soulignent les opérateurs.\n"
    assert textlib.decode(article.encode("cp1252")) == article


def test_latin1_german_is_detected():
    article = "Die Bundesregierung erhöht die Verteidigungsausgaben. Größere Vorräte an Seltenen Erden sind nötig, sagte der Minister in München.\n"
    assert textlib.decode(article.encode("latin-1")) == article


def test_mojibake_from_utf8_read_as_cp1252_is_repaired():
    broken = FRENCH.encode("utf-8").decode("cp1252").encode("utf-8")
    assert textlib.decode(broken) == FRENCH


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00", b"PK\x03\x04\x14\x00\x06\x00", b"\xff\xd8\xff\xe0\x00\x10JFIF",
    bytes(range(256)) * 4,
])
def test_binary_files_are_refused_by_content(data):
    with pytest.raises(NotText):
        textlib.decode(data)


def test_invalid_bytes_after_a_utf16_bom_are_a_decode_error():
    with pytest.raises(DecodeError):
        textlib.decode(b"\xff\xfe" + b"\x00\xd8")


def test_crlf_and_cr_become_lf():
    assert textlib.normalise("Titre\r\nPremier paragraphe.\rSecond.") == "Titre\nPremier paragraphe.\nSecond."


def test_whitespace_only_text_is_empty():
    with pytest.raises(Empty):
        textlib.require_text(" \n\t\n")


def test_seed_sample_paragraphs_are_its_non_empty_lines():
    text = textlib.normalise(textlib.decode(SEED.read_bytes()))
    paragraphs = textlib.split_paragraphs(text)
    lines = [line for line in text.split("\n") if line.strip()]
    assert [text[p.start:p.end] for p in paragraphs] == lines
    assert textlib.find_title(text, textlib.paragraph_spans(text)) == lines[0]


def test_hard_wrapped_text_gives_blocks_between_blank_lines():
    text = (
        "Berlin erhöht die Verteidigungsausgaben deutlich und will bis 2029 einen\n"
        "Anteil von 3,5 Prozent am Bruttoinlandsprodukt erreichen, sagte der Kanzler\n"
        "am Mittwoch vor dem Bundestag in Berlin.\n"
        "\n"
        "Die Opposition kritisierte die Pläne als überhastet und verlangte eine\n"
        "genaue Aufstellung der Beschaffungsvorhaben für die kommenden Jahre und\n"
        "eine Debatte über die Finanzierung.\n"
    )
    paragraphs = textlib.split_paragraphs(text)
    assert len(paragraphs) == 2
    assert text[paragraphs[0].start:paragraphs[0].end].endswith("in Berlin.")
    assert text[paragraphs[1].start:paragraphs[1].end].startswith("Die Opposition")


def test_single_newline_paragraphs_with_blank_lines_are_not_taken_for_hard_wrapping():
    text = "A short title\n\nFirst paragraph, a whole sentence.\nSecond paragraph, a whole sentence.\n\nThird."
    assert len(textlib.split_paragraphs(text)) == 4


def test_a_first_line_ending_with_a_period_is_not_a_title():
    text = "The ministers met in Tokyo on Monday.\nThey agreed on a stockpile."
    assert textlib.find_title(text, textlib.paragraph_spans(text)) is None


def test_markdown_becomes_one_block_per_line_without_markup():
    source = "# Lithium: Chile and the EU sign a deal\n\nThe **European Union** and\n[Chile](https://example.org) signed.\n\n- first point\n- second point\n"
    assert textlib.markdown_text(source) == (
        "Lithium: Chile and the EU sign a deal\nThe European Union and Chile signed.\nfirst point\nsecond point"
    )


def test_html_main_text_drops_navigation_scripts_and_footer():
    html = """<!DOCTYPE html><html><head><title>Gallium truce extended | Daily Wire</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
    <script>var tracker = "do-not-show";</script>
    <article><h1>Gallium truce extended</h1>
    <p>Washington and Beijing agreed on Tuesday to extend the pause on gallium export controls for another year, officials said.</p>
    <p>The metal is used in radar systems and semiconductors, and the Pentagon has warned about its dependence on Chinese supply.</p>
    </article><footer>Copyright 2026 Daily Wire. All rights reserved. Cookie settings.</footer></body></html>"""
    title, body = textlib.html_main_text(html)
    assert "Washington and Beijing agreed" in body and "Pentagon" in body
    assert "do-not-show" not in body and "Cookie settings" not in body and "Markets" not in body
    assert title and "Gallium truce extended" in title
