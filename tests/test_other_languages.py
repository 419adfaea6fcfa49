"""Languages without a model or a tokenizer of their own: detected, never a crash, and the gazetteers still apply."""

from __future__ import annotations

import pytest

from rearth_cli.analyze import Options, analyze_text

JAPANESE = ("日米首脳会談\n"
            "高市首相とトランプ大統領は東京で会談し、レアアースの供給網について合意した。中国は輸出規制を強化している。\n")
RUSSIAN = "Путин и Си Цзиньпин встретились в Москве.\nРоссия и Китай подписали соглашение.\n"


def test_japanese_article_gets_its_leaders_country_and_commodity(validate_record):
    record = validate_record(analyze_text(JAPANESE, options=Options(include_text=True)))
    assert record["language"]["code"] == "ja"
    assert {(l["name"], l["country"]) for l in record["entities"]["leaders"]} == {("Sanae Takaichi", "JP"), ("Donald Trump", "US")}
    assert "CN" in {c["code"] for c in record["entities"]["countries"]}
    assert [c["id"] for c in record["entities"]["commodities"]] == ["rare-earths"]


def test_russian_article_names_in_cyrillic(validate_record):
    record = validate_record(analyze_text(RUSSIAN, options=Options(include_text=True)))
    assert record["language"]["code"] == "ru"
    assert [l["name"] for l in record["entities"]["leaders"]] == ["Vladimir Putin", "Xi Jinping"]


@pytest.mark.parametrize("text", [
    "قال الرئيس الأمريكي إن الصين ستفرض قيودا جديدة على صادرات المعادن النادرة\nوقالت الحكومة إنها ستدرس الأمر",
    "한국과 미국은 반도체 공급망 협력에 합의했다\n정부는 국방비를 늘릴 계획이다",
    "รัฐบาลไทยประกาศแผนใหม่เกี่ยวกับแร่หายาก\nนายกรัฐมนตรีกล่าวว่า",
    "Ο πρωθυπουργός ανακοίνωσε αύξηση των αμυντικών δαπανών στο 3% του ΑΕΠ.\nΗ κυβέρνηση θα υποβάλει το σχέδιο.",
])
def test_other_scripts_never_crash(validate_record, text):
    record = validate_record(analyze_text(text, options=Options(include_text=True)))
    assert record["ok"] and record["language"]["code"] is not None
