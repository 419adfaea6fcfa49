"""Scores rearth/article@1 records against the annotated development set (tests/devset) field by field."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

SET_FIELDS = ("countries", "leaders", "summits", "commodities")
FIELDS = (*SET_FIELDS, "defense_spending", "offtopic")
VALUE_TOLERANCE = 0.01


def load_gold(path: str | os.PathLike) -> list[dict]:
    """Return the gold annotations of a gold.jsonl file (or of DIR/gold.jsonl), one dict per article, in file order."""
    path = Path(path)
    if path.is_dir():
        path = path / "gold.jsonl"
    gold = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from error
            if not isinstance(entry, dict) or "file" not in entry:
                raise ValueError(f"{path}:{number}: a gold line needs a \"file\" field")
            gold.append(entry)
    return gold


def source_key(source: str) -> str:
    """Return the name a record's source is matched on: the basename, keeping a feed's ":LINE" suffix."""
    return os.path.basename(source.replace("\\", "/"))


def normalize_name(name: str) -> str:
    """Return a person's name without accents, case, hyphens or repeated spaces, for comparison."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().replace("-", " ").replace(".", " ").split())


def _counts() -> dict:
    """Return an empty true-positive / false-positive / false-negative tally."""
    return {"tp": 0, "fp": 0, "fn": 0}


def _add(tally: dict, predicted: set, expected: set) -> None:
    """Add one article's set comparison to a tally."""
    tally["tp"] += len(predicted & expected)
    tally["fp"] += len(predicted - expected)
    tally["fn"] += len(expected - predicted)


def _rates(tally: dict) -> dict:
    """Return the tally with precision, recall and F1 (1.0 when there was nothing to find and nothing found)."""
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**tally, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _predicted_sets(entities: dict) -> dict[str, set]:
    """Return the set of normalised keys a record reports for each set-valued field."""
    return {
        "countries": {item.get("code") for item in entities.get("countries", []) if item.get("code")},
        "leaders": {normalize_name(item["name"]) for item in entities.get("leaders", []) if item.get("name")},
        "summits": {item.get("key") for item in entities.get("summits", []) if item.get("key")},
        "commodities": {item.get("id") for item in entities.get("commodities", []) if item.get("id")},
    }


def _gold_sets(entry: dict) -> dict[str, set]:
    """Return the set of normalised keys the gold gives for each set-valued field."""
    return {
        "countries": set(entry.get("countries", [])),
        "leaders": {normalize_name(leader["name"]) for leader in entry.get("leaders", [])},
        "summits": set(entry.get("summits", [])),
        "commodities": set(entry.get("commodities", [])),
    }


def _same_figure(predicted: dict, expected: dict) -> bool:
    """Return whether a reported figure matches a gold one on country, kind, currency and value within 1 %."""
    if predicted.get("country") != expected.get("country"):
        return False
    if predicted.get("kind") != expected.get("kind"):
        return False
    if (predicted.get("currency") or None) != (expected.get("currency") or None):
        return False
    value, target = predicted.get("value"), expected.get("value")
    if not isinstance(value, (int, float)) or not isinstance(target, (int, float)):
        return False
    if target == 0:
        return value == 0
    return abs(value - target) <= VALUE_TOLERANCE * abs(target)


def _distinct_figures(figures: list[dict]) -> list[dict]:
    """Return the figures with repeats of the same (country, kind, value, currency) removed, first kept."""
    distinct: list[dict] = []
    for figure in figures:
        if not any(_same_figure(figure, kept) for kept in distinct):
            distinct.append(figure)
    return distinct


def _match_figures(predicted: list[dict], expected: list[dict]) -> tuple[int, int, int]:
    """Return (tp, fp, fn) after pairing each gold figure with at most one reported figure."""
    unmatched = _distinct_figures(predicted)
    tp = 0
    for target in expected:
        for position, figure in enumerate(unmatched):
            if _same_figure(figure, target):
                del unmatched[position]
                tp += 1
                break
    return tp, len(unmatched), len(expected) - tp


def _flagged(record: dict) -> set[int]:
    """Return the indices of the paragraphs a record marks as off-topic."""
    return {
        paragraph.get("index", position)
        for position, paragraph in enumerate(record.get("paragraphs", []))
        if paragraph.get("offtopic")
    }


def _is_not_leader(name: str, not_leaders: list[str]) -> bool:
    """Return whether a reported leader name is one of the article's non-leaders (full name or surname)."""
    reported = normalize_name(name)
    for person in not_leaders:
        full = normalize_name(person)
        if reported == full or reported == full.split()[-1] or full == reported.split()[-1]:
            return True
    return False


class _Scorer:
    """Accumulates tallies for all articles, overall and per language."""

    def __init__(self) -> None:
        self.tallies = {field: _counts() for field in FIELDS}
        self.by_language: dict[str, dict[str, dict]] = {}
        self.leader_matches = 0
        self.leader_right_country = 0
        self.not_leaders_reported: list[str] = []
        self.clean_articles = 0
        self.clean_flagged: list[str] = []

    def _tally(self, language: str, field: str) -> list[dict]:
        """Return the overall and the language's tally for a field."""
        per_language = self.by_language.setdefault(language, {name: _counts() for name in FIELDS})
        return [self.tallies[field], per_language[field]]

    def add(self, entry: dict, record: dict | None) -> None:
        """Score one article: a missing or failed record counts as finding nothing."""
        language = entry.get("language") or "?"
        ok = record is not None and record.get("ok", False)
        entities = (record.get("entities") or {}) if ok else {}
        predicted, expected = _predicted_sets(entities), _gold_sets(entry)
        for field in SET_FIELDS:
            for tally in self._tally(language, field):
                _add(tally, predicted[field], expected[field])

        gold_countries = {normalize_name(leader["name"]): leader.get("country") for leader in entry.get("leaders", [])}
        for leader in entities.get("leaders", []):
            name = normalize_name(leader.get("name") or "")
            if name in gold_countries:
                self.leader_matches += 1
                self.leader_right_country += leader.get("country") == gold_countries[name]
            elif _is_not_leader(leader.get("name") or "", entry.get("not_leaders", [])):
                self.not_leaders_reported.append(f"{entry['file']}: {leader.get('name')}")

        tp, fp, fn = _match_figures(entities.get("defense_spending", []), entry.get("defense_spending", []))
        for tally in self._tally(language, "defense_spending"):
            tally["tp"] += tp
            tally["fp"] += fp
            tally["fn"] += fn

        expected_offtopic = entry.get("offtopic_paragraphs")
        if expected_offtopic is None:
            return
        flagged = _flagged(record) if ok else set()
        for tally in self._tally(language, "offtopic"):
            _add(tally, flagged, set(expected_offtopic))
        if not expected_offtopic:
            self.clean_articles += 1
            if flagged:
                self.clean_flagged.append(entry["file"])

    def result(self, articles: int, missing: list[str], unmatched: list[str]) -> dict:
        """Return the scores as a plain dict."""
        scores: dict = {"articles": articles, "missing": missing, "unmatched": unmatched}
        for field in FIELDS:
            scores[field] = _rates(self.tallies[field])
        scores["leaders"]["matched"] = self.leader_matches
        scores["leaders"]["right_country"] = (
            round(self.leader_right_country / self.leader_matches, 4) if self.leader_matches else 1.0
        )
        scores["leaders"]["not_leaders_reported"] = len(self.not_leaders_reported)
        scores["leaders"]["not_leaders_examples"] = self.not_leaders_reported
        scores["offtopic"]["clean_articles"] = self.clean_articles
        scores["offtopic"]["clean_articles_flagged"] = len(self.clean_flagged)
        scores["offtopic"]["clean_flagged_examples"] = self.clean_flagged
        scores["languages"] = {
            language: {field: _rates(tallies[field]) for field in FIELDS}
            for language, tallies in sorted(self.by_language.items())
        }
        return scores


def score(records: list[dict], gold: list[dict]) -> dict:
    """Return per-field precision, recall and F1 (micro over articles) of the records against the gold annotations."""
    by_source: dict[str, dict] = {}
    for record in records:
        by_source.setdefault(source_key(record.get("source", "")), record)
    scorer = _Scorer()
    missing = []
    for entry in gold:
        record = by_source.get(source_key(entry["file"]))
        if record is None:
            missing.append(entry["file"])
        scorer.add(entry, record)
    known = {source_key(entry["file"]) for entry in gold}
    unmatched = sorted(key for key in by_source if key not in known)
    return scorer.result(len(gold), missing, unmatched)


def gold_inputs(folder: str | os.PathLike, gold: list[dict]) -> list[str]:
    """Return the article paths a gold list names under folder, each file once, in gold order (feeds once)."""
    paths: list[str] = []
    for entry in gold:
        path = os.path.join(os.fspath(folder), entry["file"].partition(":")[0])
        if path not in paths:
            paths.append(path)
    return paths


def evaluate_folder(
    folder: str | os.PathLike,
    *,
    gold_path: str | os.PathLike | None = None,
    fast: bool = False,
    jobs: int | None = None,
) -> dict:
    """Return the scores of rearth's own analysis of the articles a gold file (default FOLDER/gold.jsonl) names."""
    from rearth_cli.analyze import Options, analyze_sources, default_jobs
    from rearth_cli.sources import iter_sources

    gold = load_gold(gold_path if gold_path is not None else Path(folder) / "gold.jsonl")
    # Only the annotated files: the folder also holds the gold file and a README.
    sources = iter_sources(gold_inputs(folder, gold))
    records = list(analyze_sources(sources, Options(fast=fast), jobs=jobs or default_jobs()))
    return score(records, gold)


def format_table(scores: dict) -> str:
    """Return the scores as a plain-text table: one row per field, then F1 per language."""
    lines = [f"{'field':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for field in FIELDS:
        row = scores[field]
        lines.append(
            f"{field:<18}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
            f"{row['tp']:>6}{row['fp']:>6}{row['fn']:>6}"
        )
    leaders, offtopic = scores["leaders"], scores["offtopic"]
    lines.append("")
    lines.append(f"leaders with the right country: {leaders['right_country']:.1%} of {leaders['matched']}")
    lines.append(f"non-leaders reported as leaders: {leaders['not_leaders_reported']}")
    for example in leaders["not_leaders_examples"]:
        lines.append(f"  {example}")
    lines.append(
        f"clean articles with a flagged paragraph: {offtopic['clean_articles_flagged']}"
        f" of {offtopic['clean_articles']}"
    )
    for example in offtopic["clean_flagged_examples"]:
        lines.append(f"  {example}")
    if scores["missing"]:
        lines.append(f"articles without a record: {', '.join(scores['missing'])}")
    languages = scores.get("languages", {})
    if languages:
        lines.append("")
        lines.append("F1 by language " + "".join(f"{field[:9]:>10}" for field in FIELDS))
        for language, rows in languages.items():
            lines.append(f"{language:<15}" + "".join(f"{rows[field]['f1']:>10.3f}" for field in FIELDS))
    lines.append(f"\n{scores['articles']} articles scored")
    return "\n".join(lines)
