"""Tests for defence-spending figures: number formats, scale words, currencies, attribution and the non-defence guard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rearth_cli.figures import extract_figures, parse_number

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "fr-rare-earths-us-japan.txt"

# names written in the test sentences below -> ISO code; the real entity extractor does this in the pipeline
NAMES = {
    "JP": ["Japon", "Japan", "Japans", "Japón", "Giappone", "japonais"],
    "DE": ["Allemagne", "Germany", "Deutschland", "Deutschlands", "Alemania", "Germania"],
    "US": ["États-Unis", "United States", "USA", "Estados Unidos", "Stati Uniti"],
    "CN": ["Chine", "China", "Cina"],
    "IT": ["Italie", "Italy", "Italia", "italiana"],
    "ES": ["España"],
    "FR": ["France", "Francia"],
    "BE": ["Belgique", "Belgium"],
    "UA": ["Ukraine"],
    "ID": ["Indonesia"],
    "TR": ["Turkey", "Türkei"],
    "AR": ["Argentina"],
    "DK": ["Dinamarca", "Denmark"],
    "IN": ["India"],
    "NG": ["Nigeria"],
    "TW": ["Taiwan"],
    "PH": ["Filippine", "Filipinas"],
    "IL": ["Israel"],
}


# more names for the generalisation tests at the end (kept apart so the older sentences keep their expectations)
MORE_NAMES = {
    "PL": ["Poland", "Pologne", "Polonia", "Polen"],
    "LT": ["Lithuania"],
    "LV": ["Latvia"],
    "EE": ["Estonia"],
    "NO": ["Norway"],
    "CH": ["Schweiz"],
    "AT": ["Österreich"],
    "CA": ["Canada"],
    "MA": ["Morocco"],
    "DZ": ["Algeria"],
    "AU": ["Australia"],
    "SE": ["Sweden"],
}


def entities_for(text: str, table: dict[str, list[str]] | None = None) -> dict:
    """Return a contract-shaped entities dict with a mention for every name of the table (NAMES by default) found in the text."""
    countries = []
    for code, names in (table or NAMES).items():
        mentions = [
            {"start": m.start(), "end": m.end(), "text": m.group(), "via": "name"}
            for name in names
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        ]
        if mentions:
            countries.append({"code": code, "name": code, "mentions": sorted(mentions, key=lambda m: m["start"])})
    return {"countries": countries, "leaders": []}


def run(text: str, lang: str | None) -> tuple[list[dict], list[dict]]:
    """Return the figures of one text, after checking every offset points at the figure's text."""
    defence, other = extract_figures(text, lang, entities_for(text))
    for item in defence + other:
        assert text[item["start"]:item["end"]] == item["text"]
    return defence, other


def run_more(text: str, lang: str | None) -> tuple[list[dict], list[dict]]:
    """Return the figures of one text with NAMES and MORE_NAMES known, after checking the offsets."""
    table = {code: NAMES.get(code, []) + MORE_NAMES.get(code, []) for code in {**NAMES, **MORE_NAMES}}
    defence, other = extract_figures(text, lang, entities_for(text, table))
    for item in defence + other:
        assert text[item["start"]:item["end"]] == item["text"]
    return defence, other


def facts(items: list[dict]) -> list[tuple]:
    """Return (country, kind, value, currency) for each defence figure."""
    return [(i["country"], i["kind"], i["value"], i["currency"]) for i in items]


def test_seed_sample_japan_two_percent_by_march():
    text = SAMPLE.read_text(encoding="utf-8")
    defence, other = run(text, "fr")
    assert len(defence) == 1
    record = defence[0]
    assert list(record)[:8] == ["country", "kind", "value", "currency", "target", "text", "start", "end"]
    assert (record["country"], record["kind"], record["value"], record["currency"], record["target"]) == ("JP", "share_of_gdp", 2.0, None, "mars")
    assert record["text"].startswith("2 % de son produit intérieur brut")
    assert "deux ans plus tôt que prévu" in record["note"]
    # "21 pays" has no unit: it is not a figure at all
    assert all("21" not in o["text"] for o in other)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Le Japon veut porter ses dépenses militaires à 2 % du PIB d'ici 2027.", ("JP", "share_of_gdp", 2.0, None)),
        ("fr", "L'Italie consacrera deux pour cent de son PIB à la défense.", ("IT", "share_of_gdp", 2.0, None)),
        ("en", "Germany plans to spend 3.5% of GDP on defence by 2029.", ("DE", "share_of_gdp", 3.5, None)),
        ("en", "Italy spends two percent of its gross domestic product on its armed forces.", ("IT", "share_of_gdp", 2.0, None)),
        ("de", "Deutschland will zwei Prozent des BIP für Verteidigung ausgeben.", ("DE", "share_of_gdp", 2.0, None)),
        ("es", "España destinará el 3,5 % del PIB a defensa.", ("ES", "share_of_gdp", 3.5, None)),
        ("it", "L'Italia porterà la spesa per la difesa al 5% del Pil.", ("IT", "share_of_gdp", 5.0, None)),
        ("fr", "Le budget de la défense japonais atteindra 8,7 billions de yens.", ("JP", "amount", 8.7e12, "JPY")),
        ("fr", "Le budget de défense de la France atteint 43\u202f000 milliards d'euros.", ("FR", "amount", 4.3e13, "EUR")),
        ("de", "Die USA geben 850 Milliarden Dollar für ihr Militär aus.", ("US", "amount", 8.5e11, "USD")),
        ("de", "Japans Verteidigungsetat soll auf 8,7 Billionen Yen steigen.", ("JP", "amount", 8.7e12, "JPY")),
        ("de", "Deutschland erhöht den Wehretat auf 43 Mrd. Euro.", ("DE", "amount", 4.3e10, "EUR")),
        ("en", "The United States will spend $1 trillion on defense.", ("US", "amount", 1e12, "USD")),
        ("en", "Japan's defence budget is US$55 billion.", ("JP", "amount", 5.5e10, "USD")),
        ("en", "Japan's defence budget will rise to ¥8.7 trillion.", ("JP", "amount", 8.7e12, "JPY")),
        ("en", "Germany's defence budget reaches €1\u00a0200 million.", ("DE", "amount", 1.2e9, "EUR")),
        ("en", "Japan's defense spending hit 8.7兆円 this year.", ("JP", "amount", 8.7e12, "JPY")),
        ("es", "El gasto militar de Estados Unidos sube en mil millones de dólares.", ("US", "amount", 1e9, "USD")),
        ("es", "El gasto militar de Japón alcanzará los 60.000 millones de dólares.", ("JP", "amount", 6e10, "USD")),
        ("it", "Il bilancio della difesa italiana sale a 32 miliardi di euro.", ("IT", "amount", 3.2e10, "EUR")),
        ("fr", "L'Allemagne a annoncé une hausse de 7 % de son budget de défense.", ("DE", "growth_pct", 7.0, None)),
        ("en", "Japan's defence budget will grow by two percent.", ("JP", "growth_pct", 2.0, None)),
        ("de", "Die Rüstungsausgaben Deutschlands sollen um 3,5 Prozent steigen.", ("DE", "growth_pct", 3.5, None)),
        ("es", "El presupuesto de defensa de Japón registra un aumento del 9,4 %.", ("JP", "growth_pct", 9.4, None)),
        ("it", "La spesa militare della Germania registra un calo del 2%.", ("DE", "growth_pct", -2.0, None)),
    ],
)
def test_one_defence_figure_per_sentence(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "defence_expected", "other_expected"),
    [
        ("fr", "Le Japon investira 55 milliards de dollars aux États-Unis, tandis que son budget de défense passera à 2 % du PIB.",
         [("JP", "share_of_gdp", 2.0, None)], [("investment", "amount", 5.5e10, "USD")]),
        ("fr", "La Chine contrôle environ 90 % de la capacité de traitement des terres rares, un atout militaire.",
         [], [("market_share", "percent", 90.0, None)]),
        ("en", "Tariffs of 15% will apply to Japanese cars, and Japan's defence budget will grow by two percent.",
         [("JP", "growth_pct", 2.0, None)], [("tariff", "percent", 15.0, None)]),
        ("en", "The United States will spend $1 trillion on defense, while Japan pledged $550 billion in investment.",
         [("US", "amount", 1e12, "USD")], [("investment", "amount", 5.5e11, "USD")]),
        ("de", "Die USA geben 850 Milliarden Dollar für ihr Militär aus, Japan exportiert Waren im Wert von 120 Milliarden Euro.",
         [("US", "amount", 8.5e11, "USD")], [("trade", "amount", 1.2e11, "EUR")]),
        ("es", "Los aranceles del 15 % afectan a Japón, que eleva su presupuesto de defensa al 3,5 % del PIB.",
         [("JP", "share_of_gdp", 3.5, None)], [("tariff", "percent", 15.0, None)]),
        ("it", "Il Giappone investirà 55 miliardi di dollari negli Stati Uniti, mentre la Germania punta al 5% del Pil per la difesa.",
         [("DE", "share_of_gdp", 5.0, None)], [("investment", "amount", 5.5e10, "USD")]),
    ],
)
def test_non_defence_figure_next_to_defence_one(lang, text, defence_expected, other_expected):
    defence, other = run(text, lang)
    assert facts(defence) == defence_expected
    assert [(o["topic"], o["kind"], o["value"], o["currency"]) for o in other] == other_expected


def test_trade_and_investment_never_defence_without_language():
    text = "Japan will invest $55 billion in American shipyards. China holds 90% of global rare-earth processing capacity."
    defence, other = run(text, None)
    assert defence == []
    assert {o["topic"] for o in other} == {"investment", "market_share"}


def test_targets_as_written_and_comparison_note():
    defence, _ = run("Le Japon veut porter ses dépenses militaires à 2 % du PIB d'ici 2027, contre 1,6 % aujourd'hui.", "fr")
    assert [(d["value"], d["target"]) for d in defence] == [(2.0, "2027"), (1.6, None)]
    assert defence[0]["note"] == "contre 1,6 % aujourd'hui"
    defence, _ = run("NATO allies agreed to raise military spending to 5% of GDP by 2035.", "en")
    assert [(d["country"], d["target"]) for d in defence] == [(None, "by 2035")]
    defence, _ = run("Deutschland will bis 2029 zwei Prozent des BIP für Verteidigung ausgeben.", "de")
    assert defence[0]["target"] == "bis 2029"


def test_possessive_in_next_sentence_resolves_to_previous_subject():
    defence, _ = run("Le Japon a décidé d'augmenter fortement ses dépenses. Son budget de défense atteindra 2 % du PIB.", "fr")
    assert facts(defence) == [("JP", "share_of_gdp", 2.0, None)]


def test_leader_mention_gives_the_country():
    text = "Takaichi a promis de porter les dépenses militaires à 2 % du PIB."
    start = text.index("Takaichi")
    entities = {"countries": [], "leaders": [{"name": "Sanae Takaichi", "role": "prime minister", "country": "JP",
                                              "mentions": [{"start": start, "end": start + 8, "text": "Takaichi", "via": "surname"}]}]}
    defence, _ = extract_figures(text, "fr", entities)
    assert facts(defence) == [("JP", "share_of_gdp", 2.0, None)]


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [
        ("8,7", "fr", "8.7"), ("3.5", "de", "3.5"), ("55.000", "de", "55000"), ("1,000", "en", "1000"),
        ("1\u202f000", "fr", "1000"), ("1\u00a0250,5", "fr", "1250.5"), ("1,000.5", "en", "1000.5"),
        ("1.000.000", "it", "1000000"), ("deux", "fr", "2"), ("zwei Komma fünf", "de", "2.5"), ("mil", "es", "1000"),
    ],
)
def test_parse_number(raw, lang, value):
    assert str(parse_number(raw, lang).normalize()) == str(__import__("decimal").Decimal(value).normalize())


def test_text_without_figures_is_cheap_and_empty():
    assert extract_figures("Le Japon et la Chine parlent de défense et de commerce.", "fr", {}) == ([], [])
    assert extract_figures("", None, {}) == ([], [])


def test_same_input_same_output():
    text = SAMPLE.read_text(encoding="utf-8")
    entities = entities_for(text)
    assert extract_figures(text, "fr", entities) == extract_figures(text, "fr", entities)


# Attribution: the budget's owner, not the nearest country (reviewer's F1, F2)

def test_first_person_is_the_articles_country_not_the_war_mentioned_before():
    text = ("La Belgique face au mur des dépenses\n"
            "La guerre en Ukraine a tout changé pour nous. Aujourd'hui, nous consacrons 1,3 % de notre PIB à nos armées.")
    defence, _ = run(text, "fr")
    assert facts(defence) == [("BE", "share_of_gdp", 1.3, None)]


def test_supplier_countries_in_a_prepositional_phrase_are_not_the_owner():
    text = "Indonesia's president has bought submarines from France and Turkey and wants military spending to reach 1.2% of GDP."
    defence, _ = run(text, "en")
    assert facts(defence) == [("ID", "share_of_gdp", 1.2, None)]


def test_government_without_a_name_is_the_articles_main_country():
    text = ("Argentina ajusta sus cuentas\n"
            "El Gobierno quiere elevar el gasto militar al 1 % del PIB tras la compra de aviones a Dinamarca.")
    defence, _ = run(text, "es")
    assert facts(defence) == [("AR", "share_of_gdp", 1.0, None)]


def test_next_sentence_keeps_the_country_of_the_previous_defence_figure():
    text = ("After talks in France, Belgium will spend 2% of GDP on defence. "
            "The defence minister also secured an extra €4 billion a year for the army.")
    defence, _ = run(text, "en")
    assert facts(defence) == [("BE", "share_of_gdp", 2.0, None), ("BE", "amount", 4e9, "EUR")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Los aliados de la OTAN se comprometieron a destinar el 5 % del PIB a defensa en 2035, dijo España."),
        ("de", "Auf dem Gipfel sagten die Mitglieder zu, fünf Prozent ihrer Wirtschaftsleistung für Verteidigung aufzuwenden."),
    ],
)
def test_commitment_of_all_allies_has_no_country(lang, text):
    defence, _ = run(text, lang)
    assert [(d["country"], d["kind"], d["value"]) for d in defence] == [(None, "share_of_gdp", 5.0)]


def test_national_institutions_name_their_country():
    text = ("Die USA erhöhen die Zölle auf Stahl.\n"
            "Der Verteidigungshaushalt des Bundes wächst auf 90 Milliarden Euro, die Bundeswehr braucht Panzer.")
    defence, _ = run(text, "de")
    assert facts(defence) == [("DE", "amount", 9e10, "EUR")]
    defence, _ = run("Congress approved the Pentagon's $900 billion budget.", "en")
    assert facts(defence) == [("US", "amount", 9e11, "USD")]


# Kinds, scales and currencies (F3, F4, F5)

@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Denmark will raise its defence budget by a further 20% next year, taking it to 3.2% of GDP.",
         [("DK", "growth_pct", 20.0, None), ("DK", "share_of_gdp", 3.2, None)]),
        ("de", "Israel gab sieben Prozent seines BIP für das Militär aus, die Türkei erhöhte ihren Verteidigungshaushalt um 30 Prozent.",
         [("IL", "share_of_gdp", 7.0, None), ("TR", "growth_pct", 30.0, None)]),
        ("en", "India's defence ministry will receive ₹6.8 lakh crore this year.", [("IN", "amount", 6.8e12, "INR")]),
        ("en", "Nigeria's defence allocation rose to N2.1 trillion, about 9% of the federal budget.", [("NG", "amount", 2.1e12, "NGN")]),
        ("en", "Japan's defence budget will reach ¥9.9tn.", [("JP", "amount", 9.9e12, "JPY")]),
        ("de", "Taiwan plant 812 Milliarden Taiwan-Dollar für das Militär, ein Plus von 15,2 Prozent.",
         [("TW", "amount", 8.12e11, "TWD"), ("TW", "growth_pct", 15.2, None)]),
        ("it", "Le Filippine spenderanno 250 miliardi di pesos per la difesa.", [("PH", "amount", 2.5e11, "PHP")]),
        ("es", "Argentina destinará a defensa 4,2 billones de pesos.", [("AR", "amount", 4.2e12, "ARS")]),
        ("es", "España destina a defensa 5.000 millones de pesos mexicanos.", [("ES", "amount", 5e9, "MXN")]),
        ("fr", "La Belgique a obtenu une hausse d'environ 40 % du budget militaire.", [("BE", "growth_pct", 40.0, None)]),
        ("es", "El presupuesto de Defensa de Argentina asciende a 3 billones de pesos, un 20 % más que este año.",
         [("AR", "amount", 3e12, "ARS"), ("AR", "growth_pct", 20.0, None)]),
        ("en", "Poland's defence spending rose by 0.4 percentage points to 4.6% of GDP.", [(None, "share_of_gdp", 4.6, None)]),
    ],
)
def test_kinds_scales_and_currencies(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("en", "Zelensky asked for more air defence systems and for the €45bn loan to be paid faster.", "loan"),
        ("es", "Las exportaciones españolas de material de defensa sumaron 3.900 millones de euros.", "trade"),
        ("de", "Die Rüstungsexporte Deutschlands erreichten 12 Milliarden Euro.", "trade"),
    ],
)
def test_loans_and_arms_exports_are_never_defence_spending(lang, text, topic):
    defence, other = run(text, lang)
    assert defence == []
    assert [o["topic"] for o in other] == [topic]


# Forms of unseen news: numbers in words, currency before the number, ranges, implied currency, allied targets,
# historical shares, growth verbs, estimates of extra spending, funds kept outside the defence budget

@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "La France vise trois et demi pour cent du PIB pour ses armées.", [("FR", "share_of_gdp", 3.5, None)]),
        ("de", "Deutschland will dreieinhalb Prozent des BIP für Verteidigung ausgeben.", [("DE", "share_of_gdp", 3.5, None)]),
        ("en", "Germany wants to spend three and a half percent of GDP on defence.", [("DE", "share_of_gdp", 3.5, None)]),
        ("es", "España quiere gastar el tres y medio por ciento del PIB en defensa.", [("ES", "share_of_gdp", 3.5, None)]),
        ("it", "La Germania punta al tre e mezzo per cento del Pil per la difesa.", [("DE", "share_of_gdp", 3.5, None)]),
        ("it", "L'Italia spende il due per cento del Pil per la difesa.", [("IT", "share_of_gdp", 2.0, None)]),
        ("en", "Italy spends two per cent of GDP on defence.", [("IT", "share_of_gdp", 2.0, None)]),
    ],
)
def test_percentages_written_in_words_with_fractions(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Germany's defence budget will reach EUR 40 billion.", [("DE", "amount", 4e10, "EUR")]),
        ("it", "Il bilancio della difesa della Germania sale a EUR 90 miliardi.", [("DE", "amount", 9e10, "EUR")]),
        ("es", "El gasto en defensa de Japón llega a JPY 8,7 billones.", [("JP", "amount", 8.7e12, "JPY")]),
        ("en", "Argentina's defence budget reaches 4.2 trillion pesos.", [("AR", "amount", 4.2e12, "ARS")]),
    ],
)
def test_currency_codes_before_the_number_and_pesos_in_english(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Germany's defence budget will rise to between 40 and 50 billion euros.",
         [("DE", "amount", 4e10, "EUR"), ("DE", "amount", 5e10, "EUR")]),
        ("en", "Italy's defence budget will rise to between €40 and €50 billion.",
         [("IT", "amount", 4e10, "EUR"), ("IT", "amount", 5e10, "EUR")]),
        ("fr", "Le budget de défense de la France passera de 413 à 450 milliards d'euros.",
         [("FR", "amount", 4.13e11, "EUR"), ("FR", "amount", 4.5e11, "EUR")]),
        ("de", "Deutschlands Verteidigungshaushalt steigt von 90 auf 108 Milliarden Euro.",
         [("DE", "amount", 9e10, "EUR"), ("DE", "amount", 1.08e11, "EUR")]),
        ("es", "El gasto en defensa de España pasará de 17.000 a 33.000 millones de euros.",
         [("ES", "amount", 1.7e10, "EUR"), ("ES", "amount", 3.3e10, "EUR")]),
        ("it", "La spesa per la difesa dell'Italia salirà da 32 a 40 miliardi di euro.",
         [("IT", "amount", 3.2e10, "EUR"), ("IT", "amount", 4e10, "EUR")]),
        ("de", "Die Verteidigungsausgaben Deutschlands sollen zwischen 3 und 3,5 Prozent des BIP liegen.",
         [("DE", "share_of_gdp", 3.0, None), ("DE", "share_of_gdp", 3.5, None)]),
        # a year before "to" is no range: the ends must be within a factor of ten
        ("en", "Italy's defence budget rose from 2019 to €50bn.", [("IT", "amount", 5e10, "EUR")]),
    ],
)
def test_first_end_of_a_range_takes_the_unit_of_the_second(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Germany's defence budget will be €90 billion next year. By 2029 it will reach 150 billion.",
         [("DE", "amount", 9e10, "EUR"), ("DE", "amount", 1.5e11, "EUR")]),
        ("fr", "Le budget de la défense du Japon atteindra 9 billions de yens. Il était de 5 billions en 2020.",
         [("JP", "amount", 9e12, "JPY"), ("JP", "amount", 5e12, "JPY")]),
        # a scaled count of people or troops is not money
        ("en", "Japan's defence budget hit $55bn. The country has 1.2 million troops and 300 million people.",
         [("JP", "amount", 5.5e10, "USD")]),
        ("es", "El gasto militar de España fue de 12.000 millones de euros. Hay 120 mil soldados.",
         [("ES", "amount", 1.2e10, "EUR")]),
    ],
)
def test_currency_implied_by_an_earlier_amount_of_the_paragraph(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


def test_implied_currency_never_crosses_a_paragraph():
    defence, _ = run("Germany's defence budget will be €90 billion.\nBy 2029 it will reach 150 billion.", "en")
    assert facts(defence) == [("DE", "amount", 9e10, "EUR")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Les dépenses de défense doivent augmenter. Au sommet de La Haye, les alliés se sont engagés à 3,5 %, plus 1,5 % pour les infrastructures."),
        ("en", "Defence spending is rising fast. At The Hague, NATO members committed to 3.5%, plus 1.5% for resilience."),
        ("en", "Spain refused the target. NATO allies agreed to spend 3.5% of GDP by 2035."),
        ("es", "España se negó. Los socios de la OTAN acordaron destinar el 3,5 % del PIB a defensa."),
        ("it", "La Spagna si oppone all'obiettivo Nato del 3,5% del Pil per la difesa."),
    ],
)
def test_allied_target_has_no_country(lang, text):
    defence, _ = run(text, lang)
    assert facts(defence) == [(None, "share_of_gdp", 3.5, None)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Germany spent 2.1% of GDP on defence last year. In 2014 it spent only 1.1% of GDP.",
         [("DE", "share_of_gdp", 2.1, None), ("DE", "share_of_gdp", 1.1, None)]),
        ("fr", "La France consacre 2,1 % de son PIB à sa défense. C'est bien plus que les 1,3 % de 2019.",
         [("FR", "share_of_gdp", 2.1, None), ("FR", "share_of_gdp", 1.3, None)]),
        ("de", "Deutschland gab 2014 nur 1,1 Prozent des BIP für Verteidigung aus.", [("DE", "share_of_gdp", 1.1, None)]),
        ("es", "En 2014, España gastaba apenas el 0,9 % del PIB en defensa.", [("ES", "share_of_gdp", 0.9, None)]),
        ("it", "Nel 2014 l'Italia spendeva solo l'1,1% del Pil per la difesa.", [("IT", "share_of_gdp", 1.1, None)]),
    ],
)
def test_historical_shares_of_gdp(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("it", "La spesa militare dell'Italia è aumentata del 12%.", ("IT", "growth_pct", 12.0, None)),
        ("es", "El gasto militar de España creció un 10 % el año pasado.", ("ES", "growth_pct", 10.0, None)),
        ("en", "Japan's military spending increased 9.4 per cent in 2024.", ("JP", "growth_pct", 9.4, None)),
        ("fr", "En Allemagne, les dépenses militaires ont bondi de 28 % en un an.", ("DE", "growth_pct", 28.0, None)),
        ("de", "Die Militärausgaben Deutschlands stiegen im vergangenen Jahr um 28 Prozent.", ("DE", "growth_pct", 28.0, None)),
    ],
)
def test_growth_verb_in_any_inflection_before_the_figure(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Analysts estimate Italy needs to spend an extra €250bn annually on its militaries.", ("IT", "amount", 2.5e11, "EUR")),
        ("fr", "Selon une étude, la France devrait dépenser 25 milliards d'euros de plus chaque année pour sa défense.", ("FR", "amount", 2.5e10, "EUR")),
        ("de", "Deutschland bräuchte zusätzlich 250 Milliarden Euro pro Jahr für die Verteidigung.", ("DE", "amount", 2.5e11, "EUR")),
        ("es", "España necesitaría 10.000 millones de euros adicionales al año para defensa.", ("ES", "amount", 1e10, "EUR")),
        ("it", "Servirebbero altri 25 miliardi di euro l'anno per la difesa dell'Italia.", ("IT", "amount", 2.5e10, "EUR")),
    ],
)
def test_estimates_of_extra_defence_spending(lang, text, expected):
    defence, _ = run(text, lang)
    assert facts(defence) == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Germany also created a separate €500 billion fund for roads and railways, outside the defence budget."),
        ("de", "Daneben gibt es ein Sondervermögen für Infrastruktur von 500 Milliarden Euro, getrennt vom Verteidigungshaushalt."),
        ("fr", "Hors du budget de la défense, la France a créé un fonds de 5 milliards d'euros."),
        ("es", "Alemania creó un fondo de 500.000 millones de euros para infraestructuras, al margen del presupuesto de defensa."),
        ("it", "La Germania ha creato un fondo speciale da 500 miliardi di euro, al di fuori del bilancio della difesa."),
    ],
)
def test_fund_said_to_be_outside_the_defence_budget_is_not_defence(lang, text):
    defence, other = run(text, lang)
    assert defence == []
    assert [o["kind"] for o in other] == ["amount"]


@pytest.mark.parametrize(
    ("lang", "text", "defence_expected", "other_topic"),
    [
        ("en", "Germany's defence budget will reach €90 billion, while its exports to China fell 5 percent.",
         [("DE", "amount", 9e10, "EUR")], "trade"),
        ("es", "España invertirá dos mil millones de euros en energía y su gasto en defensa subirá un 10 %.",
         [("ES", "growth_pct", 10.0, None)], "investment"),
        ("it", "La spesa per la difesa della Germania è salita del 28% nel 2024, mentre l'export di armi è calato del 4 per cento.",
         [("DE", "growth_pct", 28.0, None)], "trade"),
        ("de", "Die Bundesregierung hat den Wehretat Deutschlands um 7 Prozent aufgestockt; die Exporte nach China sanken um 5 Prozent.",
         [("DE", "growth_pct", 7.0, None)], "trade"),
        ("en", "Trade with Japan reached $200 billion; Japan's defence spending was 80 billion.",
         [("JP", "amount", 8e10, "USD")], "trade"),
    ],
)
def test_new_forms_keep_trade_and_investment_out(lang, text, defence_expected, other_topic):
    defence, other = run(text, lang)
    assert facts(defence) == defence_expected
    assert [o["topic"] for o in other] == [other_topic]


# --- generalisation to unseen phrasings (issue 4, third devset batch): one sentence per general cause ---

@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("en", "Poland's defence budget has doubled since 2022.", [("PL", "growth_pct", 100.0, None)]),
        ("fr", "Le budget des armées de la Belgique a doublé en dix ans.", [("BE", "growth_pct", 100.0, None)]),
        ("de", "Der Wehretat Deutschlands hat sich seit 2022 mehr als verdoppelt.", [("DE", "growth_pct", 100.0, None)]),
        ("es", "El gasto en defensa de España se ha duplicado desde 2018.", [("ES", "growth_pct", 100.0, None)]),
        ("it", "La spesa per la difesa dell'Italia è cresciuta di un terzo in cinque anni.", [("IT", "growth_pct", 33.3333, None)]),
        ("en", "Saab shares have doubled this year.", []),
    ],
)
def test_growth_written_as_a_multiple(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert [(c, k, round(v, 4), cur) for c, k, v, cur in facts(defence)] == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("en", "Norway will spend 100 billion Norwegian crowns on defence next year.", [("NO", "amount", 1e11, "NOK")]),
        ("de", "Polen gibt 2027 rund 190 Milliarden Złoty für die Verteidigung aus.", [("PL", "amount", 1.9e11, "PLN")]),
        ("en", "Algeria's defence budget will reach 3 trillion dinars.", [("DZ", "amount", 3e12, "DZD")]),
        ("es", "Morocco destinará 130.000 millones de dírhams a la defensa.", [("MA", "amount", 1.3e11, "MAD")]),
        ("it", "L'Australia spenderà 60 miliardi di dollari australiani per la difesa.", [("AU", "amount", 6e10, "AUD")]),
        ("de", "Österreich gibt rund einem Prozent des BIP für das Bundesheer aus.", [("AT", "share_of_gdp", 1.0, None)]),
    ],
)
def test_more_currencies_and_number_words(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Japan's defence ministry signed a 1.2 trillion yen contract for long-range missiles."),
        ("en", "Mitsubishi Heavy said its defence orders jumped 40 per cent."),
        ("fr", "La France a confirmé la vente de 12 avions de combat à l'Inde pour 4 milliards d'euros."),
        ("de", "Rheinmetall meldete für die Rüstungssparte einen Umsatz von 10 Milliarden Euro."),
        ("it", "Il contratto da 8 miliardi di euro per i nuovi carri armati dell'Italia è stato firmato."),
        ("en", "Other sums in the debate have nothing to do with military budgets. Italy will receive 3 billion euros next year."),
    ],
)
def test_contracts_sales_revenue_and_negated_context_are_not_defence(lang, text):
    defence, other = run_more(text, lang)
    assert defence == []
    assert other, "the figure is still offered as another figure"


def test_a_purchase_does_not_decide_a_percentage():
    text = "El gasto militar de España, hoy del 1,3 % del PIB, llegará al 2 % en cinco años, tras la compra de fragatas."
    defence, _ = run_more(text, "es")
    assert facts(defence) == [("ES", "share_of_gdp", 1.3, None), ("ES", "share_of_gdp", 2.0, None)]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("fr", "Les alliés ont publié leurs dépenses militaires.\nLe tableau, en part du PIB : Pologne 4,1 % ; Italie 2,0 % ; Belgique 1,3 %.",
         [("PL", "share_of_gdp", 4.1, None), ("IT", "share_of_gdp", 2.0, None), ("BE", "share_of_gdp", 1.3, None)]),
        ("de", "Der Verteidigungshaushalt Deutschlands wächst weiter.\nFür die Verteidigungsquote gilt: 2027: 3,1 %; 2028: 3,4 %.",
         [("DE", "share_of_gdp", 3.1, None), ("DE", "share_of_gdp", 3.4, None)]),
        ("it", "Gli stanziamenti militari dell'Italia crescono. Il ministro dell'Economia ha indicato il profilo in rapporto al Pil: 2027: 2,1%; 2028: 2,3%.",
         [("IT", "share_of_gdp", 2.1, None), ("IT", "share_of_gdp", 2.3, None)]),
    ],
)
def test_shares_listed_as_a_table(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert facts(defence) == expected


def test_share_of_gdp_without_its_own_term_continues_the_defence_paragraph_before():
    text = "Poland's defence budget rises to 200 billion zlotys.\nLithuania has committed to 5.5 per cent of GDP next year, while Latvia and Estonia both aim for five percent."
    defence, _ = run_more(text, "en")
    assert facts(defence) == [("PL", "amount", 2e11, "PLN"), ("LT", "share_of_gdp", 5.5, None),
                              ("EE", "share_of_gdp", 5.0, None), ("LV", "share_of_gdp", 5.0, None)]


def test_share_of_gdp_after_a_debt_paragraph_stays_out():
    defence, _ = run_more("Italy's public debt keeps rising.\nIt stands at 135 per cent of GDP, and 140 per cent is in sight.", "en")
    assert defence == []


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("es", "La ministra de Defensa dijo que España no llegará al 3,5 % pactado por los aliados para 2035.", [(None, "share_of_gdp", 3.5, None)]),
        ("fr", "Les 900 milliards de dollars que les alliés européens et le Canada consacreront à leurs armées progressent de 15 %.",
         [(None, "amount", 9e11, "USD"), (None, "growth_pct", 15.0, None)]),
        ("fr", "Les alliés visent 5 % du PIB pour la sécurité et la défense en 2035, dont 3,5 % pour les armées.",
         [(None, "share_of_gdp", 5.0, None), (None, "share_of_gdp", 3.5, None)]),
        ("fr", "La France a présenté son budget militaire. D'ici 2035, l'Alliance vise 3,5 % du PIB pour la défense.", [(None, "share_of_gdp", 3.5, None)]),
    ],
)
def test_commitments_of_all_allies_named_after_the_figure(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("es", "España dedica 700 euros por habitante a la defensa, frente a los 1.000 euros de Francia.",
         [("ES", "amount", 700.0, "EUR"), ("FR", "amount", 1000.0, "EUR")]),
        ("de", "Die Armee Österreichs ist klein. In der Schweiz sollen die Armeeausgaben auf ein Prozent des BIP steigen.",
         [("CH", "share_of_gdp", 1.0, None)]),
    ],
)
def test_owner_written_after_the_figure_or_as_the_sentence_scope(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("es", "El presupuesto de Defensa de España sube a 15.000 millones de euros.\nCon los programas especiales, el gasto militar alcanzará 33.000 millones, el 2 % del PIB.",
         [("ES", "amount", 1.5e10, "EUR"), ("ES", "amount", 3.3e10, "EUR"), ("ES", "share_of_gdp", 2.0, None)]),
        ("en", "Japan's defence ministry requested 9 trillion yen.\nThe FY2028 request compares with 8.8 trillion yen this year.",
         [("JP", "amount", 9e12, "JPY"), ("JP", "amount", 8.8e12, "JPY")]),
    ],
)
def test_budget_sentence_continues_the_paragraph_before(lang, text, expected):
    defence, _ = run_more(text, lang)
    assert facts(defence) == expected


@pytest.mark.parametrize(
    "lang, text",
    [
        ("de", "Die Verteidigungsausgaben steigen weiter.\nDer Wert liegt inzwischen bei 64 Prozent des BIP."),
        ("es", "El gasto militar de España es bajo.\nLas remesas equivalen al 3 % del PIB."),
    ],
)
def test_share_of_gdp_after_a_defence_paragraph_needs_a_plausible_level_and_no_other_topic(lang, text):
    defence, _ = run_more(text, lang)
    assert defence == []


def test_gates_never_change_what_a_term_list_matches():
    """The first-character gates put before the big alternations only skip offsets where no term can start."""
    from rearth_cli.figures import _alt, _entries, _gate

    rows_by_type: dict[str, list[dict]] = {}
    for row in _entries():
        rows_by_type.setdefault(row["type"], []).append(row)
    for kind in ("currency", "topic_term", "defence_term", "growth", "collective", "scale", "foreign_prep", "target_prep"):
        rows = rows_by_type[kind]
        terms = [r["text"] for r in rows]
        # each term alone, glued to a digit, inside a word, upper-cased and after an apostrophe
        text = " ".join(f"{t} 5{t} x{t}y {t.upper()} l'{t}, ({t})" for t in terms)
        for glued_head in (False, True):
            plain = re.compile(_alt(rows, glued_head=glued_head), re.IGNORECASE)
            gated = re.compile(_gate(rows, glued_head) + _alt(rows, glued_head=glued_head), re.IGNORECASE)
            expected = [m.span() for m in plain.finditer(text)]
            assert expected, kind
            assert [m.span() for m in gated.finditer(text)] == expected, kind
