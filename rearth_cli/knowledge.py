"""Finds the models/ folder and reads its JSON Lines data files, plus the user's own gazetteer files."""

from __future__ import annotations

import json
import os
from collections import Counter
from functools import lru_cache
from pathlib import Path

ENV_VAR = "REARTH_MODELS"
# Fields an entry of each type needs to be usable; other types are passed through unchecked.
REQUIRED_FIELDS = {
    "country": ("code",),
    "summit": ("key", "name"),
    "commodity": ("id", "name"),
    "leader": ("name",),
    "grammar_words": ("role", "lang", "words"),
}


def models_dir() -> Path:
    """Return the folder holding the shipped data files (REARTH_MODELS overrides)."""
    return _resolve_models_dir(os.environ.get(ENV_VAR) or None)


@lru_cache(maxsize=4)
def _resolve_models_dir(override: str | None) -> Path:
    """Return the models folder for an override (or None), resolved once: it is asked for on every article."""
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    packaged = here / "models"
    if packaged.is_dir():
        return packaged
    return here.parent / "models"


def _read_jsonl(path: Path, label: str) -> tuple[dict, ...]:
    """Return the objects of one JSON Lines file, each tagged with `_file` and `_line`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read gazetteer file {label}: {exc}") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{label} line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
            raise ValueError(f'{label} line {number}: each line must be a JSON object with a "type" string')
        for name in REQUIRED_FIELDS.get(obj["type"], ()):
            if not obj.get(name):
                raise ValueError(f'{label} line {number}: a "{obj["type"]}" entry needs a "{name}" field')
        rows.append({**obj, "_file": label, "_source": label, "_line": number})
    return tuple(rows)


@lru_cache(maxsize=16)
def _all_entries(folder: str, extra: tuple[str, ...]) -> tuple[dict, ...]:
    """Return every entry of the shipped files (sorted by name) followed by the extra files, cached."""
    rows: list[dict] = []
    base = Path(folder)
    if base.is_dir():
        for path in sorted(base.glob("*.jsonl")):
            rows.extend(_read_jsonl(path, f"models/{path.name}"))
    for name in extra:
        rows.extend(_read_jsonl(Path(name), str(name)))
    return tuple(rows)


def validate_gazetteer(path: str) -> int:
    """Return the number of entries in a user gazetteer file, raising ValueError naming the file and line when one is bad."""
    return len(_read_jsonl(Path(path), str(path)))


def load_entries(type_: str, extra: tuple[str, ...] = ()) -> list[dict]:
    """Return the entries of that type from models/*.jsonl and the extra files, in file then line order."""
    return [row for row in _all_entries(str(models_dir()), tuple(extra)) if row["type"] == type_]


def describe_models(extra: tuple[str, ...] = ()) -> list[dict]:
    """Return one row per (file, type) with its entry count and source, for `rearth models`."""
    rows = _all_entries(str(models_dir()), tuple(extra))
    sources: dict[str, str] = {}
    for row in rows:
        if row["type"] == "meta" and row.get("source"):
            sources[row["_file"]] = str(row["source"])
    counts = Counter((row["_file"], row["type"]) for row in rows if row["type"] != "meta")
    extra_labels = {str(name) for name in extra}
    described = []
    for (file, type_), count in counts.items():
        default = "user gazetteer" if file in extra_labels else "rearth project"
        described.append({"file": file, "type": type_, "entries": count, "source": sources.get(file, default)})
    described.append({"file": "babel (CLDR)", "type": "country name", "entries": _cldr_count(),
                      "source": "Unicode CLDR territory names in every language, via babel"})
    return described


def _cldr_count() -> int:
    """Return how many CLDR territories are matched as countries (excluding the filtered codes)."""
    from babel import Locale

    excluded: set[str] = set()
    for row in load_entries("cldr_filter"):
        excluded.update(row.get("exclude", []))
    return sum(1 for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in excluded)
