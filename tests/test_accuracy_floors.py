"""The evaluation gate: accuracy on the annotated development set and the samples may not fall below pinned floors.

The floors sit a little under the scores measured when they were pinned (see
README "Accuracy"); a change that makes any of them drop fails CI. Raise them
when the tool gets better.
"""

from __future__ import annotations

import pytest

from rearth_cli.evaluate import evaluate_folder

from conftest import ROOT

# Pinned F1 floors per field, and the limits that must stay at zero.
DEVSET_FLOORS = {
    "countries": 0.95, "leaders": 0.92, "summits": 0.85, "commodities": 0.95,
    "defense_spending": 0.80, "offtopic": 0.80,
}
SAMPLES_FLOORS = {
    "countries": 0.95, "leaders": 0.95, "summits": 0.80, "commodities": 0.95,
    "defense_spending": 0.85, "offtopic": 0.85,
}
RIGHT_COUNTRY_FLOOR = 0.95


@pytest.fixture(scope="module")
def devset_scores():
    return evaluate_folder(ROOT / "tests" / "devset", jobs=2)


@pytest.fixture(scope="module")
def samples_scores():
    return evaluate_folder(ROOT / "samples", gold_path=ROOT / "tests" / "devset" / "samples-gold.jsonl", jobs=2)


@pytest.mark.parametrize("field", sorted(DEVSET_FLOORS))
def test_devset_f1_stays_above_its_floor(devset_scores, field):
    assert devset_scores[field]["f1"] >= DEVSET_FLOORS[field], devset_scores[field]


@pytest.mark.parametrize("field", sorted(SAMPLES_FLOORS))
def test_samples_f1_stays_above_its_floor(samples_scores, field):
    assert samples_scores[field]["f1"] >= SAMPLES_FLOORS[field], samples_scores[field]


def test_every_devset_article_has_a_record(devset_scores):
    assert not devset_scores["missing"]


def test_leaders_have_the_right_country_and_no_athlete_or_executive_is_a_leader(devset_scores):
    leaders = devset_scores["leaders"]
    assert leaders["right_country"] >= RIGHT_COUNTRY_FLOOR
    assert leaders["not_leaders_reported"] == 0, leaders["not_leaders_examples"]


def test_no_trade_figure_is_defence_spending_on_the_samples(samples_scores):
    assert samples_scores["defense_spending"]["precision"] >= 0.9
