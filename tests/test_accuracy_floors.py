"""The evaluation gate: accuracy on the annotated development set and the samples may not fall below pinned floors.

The floors sit a little under the scores measured when they were pinned (see
README "Accuracy"); a change that makes any of them drop fails CI. Raise them
when the tool gets better. tests/heldout is never used for tuning: its floors
only guard against regressions on articles the rules were not fitted to.
"""

from __future__ import annotations

import pytest

from rearth_cli.evaluate import evaluate_folder

from conftest import ROOT

# Pinned F1 floors per field, and the limits that must stay at zero.
DEVSET_FLOORS = {
    "countries": 0.97, "leaders": 0.97, "summits": 0.95, "commodities": 0.97,
    # offtopic: 0.924 measured; the fifth batch's same-beat splices (a bakery's insolvency in a strike story) are missed.
    "defense_spending": 0.95, "offtopic": 0.90,
}
SAMPLES_FLOORS = {
    "countries": 0.97, "leaders": 0.97, "summits": 0.93, "commodities": 0.95,
    "defense_spending": 0.90, "offtopic": 0.95,
}
HELDOUT_FLOORS = {
    "countries": 0.97, "leaders": 0.95, "summits": 0.95, "commodities": 0.93,
    "defense_spending": 0.83, "offtopic": 0.90,
}
RIGHT_COUNTRY_FLOOR = 0.95


@pytest.fixture(scope="module")
def devset_scores():
    return evaluate_folder(ROOT / "tests" / "devset", jobs=2)


@pytest.fixture(scope="module")
def heldout_scores():
    return evaluate_folder(ROOT / "tests" / "heldout", jobs=2)


@pytest.fixture(scope="module")
def samples_scores():
    return evaluate_folder(ROOT / "samples", gold_path=ROOT / "tests" / "devset" / "samples-gold.jsonl", jobs=2)


@pytest.mark.parametrize("field", sorted(DEVSET_FLOORS))
def test_devset_f1_stays_above_its_floor(devset_scores, field):
    assert devset_scores[field]["f1"] >= DEVSET_FLOORS[field], devset_scores[field]


@pytest.mark.parametrize("field", sorted(SAMPLES_FLOORS))
def test_samples_f1_stays_above_its_floor(samples_scores, field):
    assert samples_scores[field]["f1"] >= SAMPLES_FLOORS[field], samples_scores[field]


@pytest.mark.parametrize("field", sorted(HELDOUT_FLOORS))
def test_heldout_f1_stays_above_its_floor(heldout_scores, field):
    assert heldout_scores[field]["f1"] >= HELDOUT_FLOORS[field], heldout_scores[field]


def test_heldout_leaders_keep_their_country_and_no_non_leader(heldout_scores):
    assert heldout_scores["leaders"]["right_country"] >= RIGHT_COUNTRY_FLOOR
    assert heldout_scores["leaders"]["not_leaders_reported"] == 0


def test_no_clean_devset_article_has_a_flagged_paragraph(devset_scores):
    assert devset_scores["offtopic"]["clean_articles_flagged"] == 0, devset_scores["offtopic"]["clean_flagged_examples"]


def test_every_devset_article_has_a_record(devset_scores):
    assert not devset_scores["missing"]


def test_leaders_have_the_right_country_and_no_athlete_or_executive_is_a_leader(devset_scores):
    leaders = devset_scores["leaders"]
    assert leaders["right_country"] >= RIGHT_COUNTRY_FLOOR
    assert leaders["not_leaders_reported"] == 0, leaders["not_leaders_examples"]


def test_no_trade_figure_is_defence_spending_on_the_samples(samples_scores):
    assert samples_scores["defense_spending"]["precision"] >= 0.9
