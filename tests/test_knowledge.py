"""The models/ folder, its JSON Lines files, user gazetteers and the description `rearth models` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rearth_cli import knowledge
from rearth_cli.gazetteer import find_mentions

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_COMMODITIES = {
    "rare-earths", "critical-minerals", "raw-materials", "lithium", "cobalt", "nickel", "graphite", "gallium",
    "germanium", "antimony", "tungsten", "copper", "uranium", "magnesium", "neodymium", "dysprosium", "manganese",
    "platinum-group-metals", "iron-ore", "steel", "aluminium", "crude-oil", "natural-gas", "lng", "coal", "soybeans",
    "wheat", "rare-earth-magnets", "semiconductors",
}
SUMMIT_KEYS = {"APEC", "G7", "G20", "NATO", "ASEAN", "BRICS", "SCO", "QUAD", "EU", "UN", "COP", "BILATERAL"}
LANGS = ("fr", "en", "de", "es", "it")


def _lines(path: Path) -> list[dict]:
    """Return the parsed lines of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _language_lists_ok(value) -> bool:
    """Return whether value maps language codes to lists of non-empty strings."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)
        for k, v in value.items())


def test_models_dir_is_the_top_level_folder_and_env_overrides(monkeypatch, tmp_path):
    monkeypatch.delenv(knowledge.ENV_VAR, raising=False)
    assert knowledge.models_dir() == ROOT / "models"
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path))
    assert knowledge.models_dir() == tmp_path
    assert knowledge.load_entries("country") == []


@pytest.mark.parametrize("path", sorted((ROOT / "models").glob("*.jsonl")), ids=lambda p: p.name)
def test_every_shipped_line_has_the_fields_its_type_needs(path):
    for number, entry in enumerate(_lines(path), start=1):
        where = f"{path.name} line {number}"
        assert isinstance(entry.get("type"), str), where
        for field in knowledge.REQUIRED_FIELDS.get(entry["type"], ()):
            assert entry.get(field), f"{where}: no {field}"
        if entry["type"] == "country":
            assert len(entry["code"]) == 2 and entry["code"].isupper(), where
            for field in ("names", "aliases", "short_forms", "capitals", "demonyms", "prefixes",
                          "weak_aliases", "person_name_aliases", "context"):
                if field in entry:
                    assert _language_lists_ok(entry[field]), f"{where}: {field}"
        if entry["type"] in ("summit", "commodity"):
            assert _language_lists_ok(entry["aliases"]), where
        if entry["type"] == "summit":
            assert entry["key"] in SUMMIT_KEYS, where
        if entry["type"] == "commodity":
            assert entry["id"] in CONTRACT_COMMODITIES, where


def test_contract_ids_are_covered_in_five_languages():
    commodities = {e["id"]: e for e in knowledge.load_entries("commodity")}
    assert set(commodities) == CONTRACT_COMMODITIES
    for id_, entry in commodities.items():
        assert all(entry["aliases"].get(lang) for lang in LANGS), id_
    summits = {e["key"] for e in knowledge.load_entries("summit")}
    assert summits == SUMMIT_KEYS
    countries = {e["code"]: e for e in knowledge.load_entries("country")}
    g20 = {"AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA", "ZA", "TR",
           "GB", "US", "EU"}
    assert all(countries["EU"]["short_forms"].get(lang) for lang in LANGS)
    for code in (g20 - {"EU"}) | {"KP", "TW", "UA", "IL", "IR", "PL", "EE", "LV", "LT", "SE", "NO", "FI", "DK", "VN", "PH",
                       "MY", "TH", "CL", "PE", "CD"}:
        assert all(countries[code]["demonyms"].get(lang) for lang in LANGS), code


def test_user_gazetteer_adds_entries(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"type": "commodity", "id": "vanadium", "name": "vanadium", "aliases": {"fr": ["vanadium"]}}\n'
                     '{"type": "country", "code": "JP", "aliases": {"fr": ["Empire du Soleil levant"]}}\n', encoding="utf-8")
    assert knowledge.validate_gazetteer(str(extra)) == 2
    ids = [e["id"] for e in knowledge.load_entries("commodity", (str(extra),))]
    assert ids[-1] == "vanadium" and "vanadium" not in [e["id"] for e in knowledge.load_entries("commodity")]
    mentions, _ = find_mentions("Le vanadium de l'Empire du Soleil levant.", "fr", (str(extra),))
    assert [(m.kind, m.key, m.text) for m in mentions] == [
        ("commodity", "vanadium", "vanadium"), ("country", "JP", "Empire du Soleil levant")]
    assert mentions[0].evidence == f"{extra} vanadium alias fr 'vanadium'"
    rows = knowledge.describe_models((str(extra),))
    assert {"file": str(extra), "type": "commodity", "entries": 1, "source": "user gazetteer"} in rows


@pytest.mark.parametrize("content,message", [
    ('{"type": "leader", "name": "A"}\n{"type": "country", "code": "JP"\n', "line 2: not valid JSON"),
    ('["not", "an", "object"]\n', "line 1: each line must be a JSON object"),
    ('{"type": "commodity", "name": "x"}\n', 'line 1: a "commodity" entry needs a "id" field'),
])
def test_bad_user_gazetteer_names_file_and_line(tmp_path, content, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        knowledge.load_entries("country", (str(bad),))
    assert str(bad) in str(info.value)
    with pytest.raises(ValueError, match=message):
        knowledge.validate_gazetteer(str(bad))


def test_missing_user_gazetteer_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read gazetteer file"):
        knowledge.load_entries("country", (str(tmp_path / "nope.jsonl"),))


def test_describe_models_counts_match_the_files():
    rows = knowledge.describe_models()
    by = {(r["file"], r["type"]): r for r in rows}
    assert by[("models/countries.jsonl", "country")]["entries"] == sum(
        1 for e in _lines(ROOT / "models" / "countries.jsonl") if e["type"] == "country")
    assert by[("models/commodities.jsonl", "commodity")]["entries"] == len(CONTRACT_COMMODITIES)
    assert by[("models/summits.jsonl", "summit")]["source"].startswith("rearth project")
    cldr = by[("babel (CLDR)", "country name")]["entries"]
    assert 190 < cldr < 260
    assert knowledge.describe_models() == rows
