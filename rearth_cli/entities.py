"""Turns the mentions rearth's rules found (Findings) into the contract's grouped, ordered entities."""

from __future__ import annotations

from functools import lru_cache

from rearth_cli.article import Findings, Mention

GROUPS = (("leader", "leaders"), ("country", "countries"), ("summit", "summits"), ("commodity", "commodities"))


def remove_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Return the mentions without overlaps inside one kind (longest wins, then earliest, then key), sorted by offset."""
    kept: list[Mention] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, m.kind, m.key, m.via)):
        spans = taken.setdefault(mention.kind, [])
        if any(mention.start < end and start < mention.end for start, end in spans):
            continue
        spans.append((mention.start, mention.end))
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end, m.kind, m.key))


@lru_cache(maxsize=None)
def _names(kind: str) -> dict[str, str]:
    """Return key -> display name for summits or commodities from models/ (first entry wins)."""
    from rearth_cli.knowledge import load_entries

    field = "key" if kind == "summit" else "id"
    names: dict[str, str] = {}
    for entry in load_entries(kind):
        names.setdefault(entry[field], entry.get("name") or entry[field])
    return names


@lru_cache(maxsize=None)
def country_name(code: str) -> str:
    """Return the English short name of an ISO code from CLDR ("European Union" for EU), else the code."""
    from babel import Locale

    return Locale("en").territories.get(code, code)


def _mention_dict(mention: Mention, explain: bool) -> dict:
    """Return one mention in contract shape."""
    out = {"start": mention.start, "end": mention.end, "text": mention.text, "via": mention.via}
    if explain:
        out["evidence"] = mention.evidence
    return out


def _group(kind: str, key: str, mentions: list[Mention], findings: Findings, explain: bool) -> dict | None:
    """Return one entity entry in contract shape, or None when a leader has no details."""
    listed = [_mention_dict(m, explain) for m in mentions]
    if kind == "country":
        return {"code": key, "name": country_name(key), "mentions": listed}
    if kind == "summit":
        entry = {"key": key, "name": _names("summit").get(key, key)}
        details = findings.summits.get(key) or {}
        for field in ("where", "when"):
            if details.get(field):
                entry[field] = details[field]
        entry["mentions"] = listed
        return entry
    if kind == "commodity":
        return {"id": key, "name": _names("commodity").get(key, key), "mentions": listed}
    leader = findings.leaders.get(key)
    if not leader or not leader.get("name"):
        return None
    return {"name": leader["name"], "role": leader.get("role"), "country": leader.get("country"), "mentions": listed}


def collect_entities(findings: Findings, explain: bool = False) -> dict:
    """Return {"leaders", "countries", "summits", "commodities"} in contract shape, groups ordered by first mention."""
    mentions = remove_overlaps(list(findings.mentions))
    text = findings.text
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        if text[mention.start:mention.end] != mention.text:
            continue  # never report an offset the contract's consumers could not slice back
        by_key.setdefault((mention.kind, mention.key), []).append(mention)
    result: dict[str, list] = {group: [] for _, group in GROUPS}
    groups = dict(GROUPS)
    for (kind, key), found in sorted(by_key.items(), key=lambda item: (item[1][0].start, item[0])):
        if kind not in groups:
            continue
        entry = _group(kind, key, found, findings, explain)
        if entry is not None:
            result[groups[kind]].append(entry)
    return result
