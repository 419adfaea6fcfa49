"""Shared fixtures: the contract schema validator, paths to samples, and a runner for the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "fr-rare-earths-us-japan.txt"


@pytest.fixture(scope="session")
def validate_record():
    """Return a function that asserts a record is valid against tests/article.schema.json."""
    import jsonschema

    schema = json.loads((ROOT / "tests" / "article.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def check(record: dict) -> dict:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        if record.get("ok") and "text" in record:
            text = record["text"]
            for group in ("leaders", "countries", "summits", "commodities"):
                for item in record["entities"][group]:
                    for mention in item["mentions"]:
                        assert text[mention["start"]:mention["end"]] == mention["text"]
            for figure in record["entities"]["defense_spending"]:
                assert text[figure["start"]:figure["end"]] == figure["text"]
        return record

    return check


def run_rearth(*args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `python -m rearth_cli ARGS` in a real subprocess and return the completed process (bytes)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rearth_cli", *args], input=stdin, capture_output=True,
        cwd=ROOT, env=full_env, timeout=timeout,
    )


def jsonl(output: bytes) -> list[dict]:
    """Return the JSON records of JSON Lines output."""
    return [json.loads(line) for line in output.decode("utf-8").splitlines() if line.strip()]
