"""Tests for the development-set scorer and for the consistency of the gold annotations themselves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from click.testing import CliRunner

from rearth_cli.cli import cli
from rearth_cli.evaluate import format_table, load_gold, score, source_key

DEVSET = Path(__file__).parent / "devset"
ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
CONTRACT_SUMMITS = {"APEC", "G7", "G20", "NATO", "ASEAN", "BRICS", "SCO", "QUAD", "EU", "UN", "COP", "BILATERAL"}
CONTRACT_COMMODITIES = {
    "rare-earths", "critical-minerals", "raw-materials", "lithium", "cobalt", "nickel", "graphite", "gallium",
    "germanium", "antimony", "tungsten", "copper", "uranium", "magnesium", "neodymium", "dysprosium", "manganese",
    "platinum-group-metals", "iron-ore", "steel", "aluminium", "crude-oil", "natural-gas", "lng", "coal",
    "soybeans", "wheat", "rare-earth-magnets", "semiconductors",
}


def record(source: str, countries=(), leaders=(), summits=(), commodities=(), figures=(), flagged=(), paragraphs=6):
    """Return a minimal ok contract record with the given entities and flagged paragraph indices."""
    mention = [{"start": 0, "end": 1, "text": "x"}]
    return {
        "schema": "rearth/article@1",
        "source": source,
        "ok": True,
        "paragraphs": [
            {"index": i, "start": i, "end": i + 1, "language": "fr", "offtopic": i in flagged} for i in range(paragraphs)
        ],
        "entities": {
            "countries": [{"code": code, "name": code, "mentions": mention} for code in countries],
            "leaders": [{"name": name, "role": None, "country": country, "mentions": mention} for name, country in leaders],
            "summits": [{"key": key, "name": key, "mentions": mention} for key in summits],
            "commodities": [{"id": cid, "name": cid, "mentions": mention} for cid in commodities],
            "defense_spending": [dict(figure, text="x", start=0, end=1) for figure in figures],
        },
        "offtopic": [],
    }


def gold(file: str, **fields):
    """Return a gold entry with empty defaults."""
    entry = {"file": file, "language": "fr", "countries": [], "leaders": [], "summits": [], "commodities": [],
             "defense_spending": [], "offtopic_paragraphs": [], "not_leaders": []}
    entry.update(fields)
    return entry


def test_one_missing_country_lowers_recall_only():
    scores = score([record("a/fr-1.txt", countries=["JP", "US"])], [gold("fr-1.txt", countries=["JP", "US", "CN"])])
    assert scores["countries"]["precision"] == 1.0
    assert scores["countries"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["countries"]["f1"] == pytest.approx(0.8, abs=1e-4)


def test_micro_average_pools_articles_before_dividing():
    records = [record("fr-1.txt", countries=["JP"]), record("fr-2.txt", countries=["US", "DE", "KR"])]
    golds = [gold("fr-1.txt", countries=["JP", "CN", "RU"]), gold("fr-2.txt", countries=["US", "DE"])]
    scores = score(records, golds)
    assert (scores["countries"]["tp"], scores["countries"]["fp"], scores["countries"]["fn"]) == (3, 1, 2)
    assert scores["countries"]["precision"] == 0.75
    assert scores["countries"]["recall"] == 0.6


def test_leader_names_compare_without_accents_and_hyphens_and_check_country():
    records = [record("x.txt", leaders=[("Lee Jae Myung", "KR"), ("Emmanuel Macron", "US")])]
    golds = [gold("x.txt", leaders=[{"name": "Lee Jae-myung", "country": "KR"},
                                    {"name": "Emmanuel Macron", "country": "FR"}])]
    scores = score(records, golds)
    assert scores["leaders"]["f1"] == 1.0
    assert scores["leaders"]["right_country"] == 0.5


def test_non_leader_reported_is_counted_by_full_name_or_surname():
    records = [record("x.txt", leaders=[("Mbappé", "FR"), ("Jensen Huang", "US"), ("Donald Trump", "US")])]
    golds = [gold("x.txt", leaders=[{"name": "Donald Trump", "country": "US"}],
                  not_leaders=["Kylian Mbappé", "Jensen Huang"])]
    scores = score(records, golds)
    assert scores["leaders"]["not_leaders_reported"] == 2
    assert scores["leaders"]["precision"] == pytest.approx(1 / 3, abs=1e-4)


def test_defence_figures_match_within_one_percent_and_on_currency():
    figures = [
        {"country": "JP", "kind": "amount", "value": 8.75e12, "currency": "JPY"},  # 0.57 % off: a match
        {"country": "DE", "kind": "amount", "value": 8.5e11, "currency": "EUR"},  # wrong currency
        {"country": "DE", "kind": "share_of_gdp", "value": 2.0, "currency": None},
        {"country": "DE", "kind": "share_of_gdp", "value": 2.0, "currency": None},  # same figure twice: once
    ]
    golds = [gold("x.txt", defense_spending=[
        {"country": "JP", "kind": "amount", "value": 8.7e12, "currency": "JPY"},
        {"country": "DE", "kind": "amount", "value": 8.5e11, "currency": "USD"},
        {"country": "DE", "kind": "share_of_gdp", "value": 2.0, "currency": None},
    ])]
    scores = score([record("x.txt", figures=figures)], golds)
    assert (scores["defense_spending"]["tp"], scores["defense_spending"]["fp"], scores["defense_spending"]["fn"]) == (2, 1, 1)


def test_defence_value_two_percent_off_is_not_a_match():
    figure = {"country": "US", "kind": "amount", "value": 1.02e12, "currency": "USD"}
    golds = [gold("x.txt", defense_spending=[{"country": "US", "kind": "amount", "value": 1e12, "currency": "USD"}])]
    assert score([record("x.txt", figures=[figure])], golds)["defense_spending"]["tp"] == 0


def test_offtopic_paragraph_f1_and_clean_article_count():
    records = [record("a.txt", flagged={4, 5}), record("b.txt", flagged={2})]
    golds = [gold("a.txt", offtopic_paragraphs=[3, 4, 5]), gold("b.txt", offtopic_paragraphs=[])]
    scores = score(records, golds)
    assert (scores["offtopic"]["tp"], scores["offtopic"]["fp"], scores["offtopic"]["fn"]) == (2, 1, 1)
    assert scores["offtopic"]["clean_articles"] == 1
    assert scores["offtopic"]["clean_articles_flagged"] == 1


def test_unscored_offtopic_and_missing_or_failed_records():
    golds = [gold("page.html", countries=["US"], offtopic_paragraphs=None), gold("gone.txt", countries=["FR"]),
             gold("bad.txt", countries=["DE"])]
    records = [record("page.html", countries=["US"], flagged={1}), {"schema": "rearth/article@1", "source": "bad.txt",
                                                                     "ok": False, "error": {"code": "empty", "message": "x"}}]
    scores = score(records, golds)
    assert scores["missing"] == ["gone.txt"]
    assert scores["countries"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["offtopic"]["tp"] + scores["offtopic"]["fp"] == 0


def test_feed_records_match_on_name_and_line():
    assert source_key("samples/feed-minerals.jsonl:3") == "feed-minerals.jsonl:3"
    scores = score([record("samples/feed-minerals.jsonl:3", summits=["G7"])],
                   [gold("feed-minerals.jsonl:3", summits=["G7"]), gold("feed-minerals.jsonl:2", summits=["EU"])])
    assert scores["summits"]["recall"] == 0.5


def test_format_table_shows_every_field_and_language():
    scores = score([record("x.txt", countries=["JP"])], [gold("x.txt", countries=["JP", "US"])])
    table = format_table(scores)
    for field in ("countries", "leaders", "summits", "commodities", "defense_spending", "offtopic", "fr"):
        assert field in table
    assert "0.667" in table


def test_load_gold_reports_the_bad_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"file": "a.txt"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=":2:"):
        load_gold(path)


@pytest.mark.parametrize(("folder", "gold_name"), [(DEVSET, "gold.jsonl"), (SAMPLES, "samples-gold.jsonl")])
def test_gold_annotations_are_consistent_with_their_articles(folder, gold_name):
    entries = load_gold(DEVSET / gold_name)
    assert entries
    files = set()
    for entry in entries:
        name, _, line = entry["file"].partition(":")
        files.add(entry["file"])
        path = folder / name
        assert path.is_file(), entry["file"]
        if line:
            text = json.loads(path.read_text(encoding="utf-8").splitlines()[int(line) - 1])["text"]
        else:
            text = path.read_text(encoding="utf-8")
        paragraphs = [part for part in text.splitlines() if part.strip()]
        assert entry["language"] in {"fr", "en", "de", "es", "it"}
        assert all(re.fullmatch(r"[A-Z]{2}", code) for code in entry["countries"]), entry["file"]
        assert len(set(entry["countries"])) == len(entry["countries"]), entry["file"]
        assert set(entry["summits"]) <= CONTRACT_SUMMITS, entry["file"]
        assert set(entry["commodities"]) <= CONTRACT_COMMODITIES, entry["file"]
        for leader in entry["leaders"]:
            assert leader["country"] is None or leader["country"] in entry["countries"] + ["EU"], leader
        for figure in entry["defense_spending"]:
            assert figure["kind"] in {"share_of_gdp", "amount", "growth_pct"}
            assert (figure["currency"] is not None) == (figure["kind"] == "amount"), figure
            assert figure["country"] is None or figure["country"] in entry["countries"], figure
        if entry["offtopic_paragraphs"] is not None and not path.suffix == ".html":
            assert all(0 < index < len(paragraphs) for index in entry["offtopic_paragraphs"]), entry["file"]
        for person in entry["not_leaders"]:
            assert person.split()[-1] in text, (entry["file"], person)
    assert len(files) == len(entries)
    if folder == DEVSET:
        names = {path.name for path in DEVSET.iterdir() if path.suffix == ".txt"}
        assert names == files
        languages = [entry["language"] for entry in entries]
        assert all(languages.count(language) >= 4 for language in ("fr", "en", "de", "es", "it"))


def records_from_gold(entries):
    """Return contract-shaped records that report exactly what the gold says."""
    records = []
    for entry in entries:
        flagged = set(entry["offtopic_paragraphs"] or [])
        records.append(record(
            f"somewhere/{entry['file']}", entry["countries"],
            [(leader["name"], leader["country"]) for leader in entry["leaders"]],
            entry["summits"], entry["commodities"], entry["defense_spending"], flagged, paragraphs=20,
        ))
    return records


def test_the_devset_gold_scores_itself_perfectly_and_one_drop_is_seen():
    entries = load_gold(DEVSET)
    records = records_from_gold(entries)
    scores = score(records, entries)
    assert all(scores[field]["f1"] == 1.0 for field in ("countries", "leaders", "summits", "commodities",
                                                         "defense_spending", "offtopic"))
    assert scores["missing"] == [] and scores["leaders"]["right_country"] == 1.0
    total = sum(len(entry["countries"]) for entry in entries)
    records[0]["entities"]["countries"].pop()
    assert score(records, entries)["countries"]["recall"] == pytest.approx((total - 1) / total, abs=1e-4)


def test_evaluate_command_without_gold_says_how_to_give_it_and_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("Tokyo et Washington signent un accord sur les terres rares.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 2
    assert "--gold" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_command_scores_the_samples_with_their_gold_file():
    result = CliRunner().invoke(cli, ["evaluate", str(ROOT / "samples"), "--gold", str(ROOT / "tests/devset/samples-gold.jsonl"),
                                      "--format", "json", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["leaders"]["f1"] >= 0.95 and scores["offtopic"]["clean_articles_flagged"] == 0


def test_evaluate_command_reports_a_broken_gold_line_without_a_traceback(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    assert "gold.jsonl:2" in result.stderr and "Traceback" not in result.stderr
