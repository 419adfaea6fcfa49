"""Output formats: one generator of lines per machine format, and the rich report for people."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

FORMATS = ("auto", "rich", "jsonl", "json", "csv", "md")
CSV_COLUMNS = (
    "source", "type", "key", "name", "role", "country", "value", "currency", "target",
    "mention", "start", "end", "via",
)
_KIND_LABELS = {"share_of_gdp": "% of GDP", "amount": "amount", "growth_pct": "% growth"}


def to_json(record: dict) -> str:
    """Return one record as a compact JSON line (stable: key order is the record's)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def jsonl_lines(records: Iterable[dict]) -> Iterator[str]:
    """Yield one JSON line per record."""
    for record in records:
        yield to_json(record) + "\n"


def json_lines(records: Iterable[dict]) -> Iterator[str]:
    """Yield a pretty JSON array of the records, streamed record by record."""
    first = True
    for record in records:
        body = json.dumps(record, ensure_ascii=False, indent=2)
        yield ("[\n" if first else ",\n") + body
        first = False
    yield "[]\n" if first else "\n]\n"


def _csv_line(values: Iterable) -> str:
    """Return one CSV line with Unix line ending."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


def _number(value) -> str:
    """Return a figure without float noise: 8700000000000 rather than 8.7e+12."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_rows(record: dict) -> Iterator[dict]:
    """Yield one row per entity mention (and per defence figure) of a record; one error row for a failed input."""
    source = record["source"]
    if not record.get("ok"):
        error = record["error"]
        yield {"source": source, "type": "error", "key": error["code"], "mention": error["message"]}
        return
    entities = record["entities"]
    for leader in entities["leaders"]:
        for m in leader["mentions"]:
            yield {"source": source, "type": "leader", "key": leader["name"], "name": leader["name"],
                   "role": leader["role"], "country": leader["country"], "mention": m["text"],
                   "start": m["start"], "end": m["end"], "via": m.get("via")}
    for group, kind, key in (("countries", "country", "code"), ("summits", "summit", "key"), ("commodities", "commodity", "id")):
        for item in entities[group]:
            for m in item["mentions"]:
                yield {"source": source, "type": kind, "key": item[key], "name": item["name"],
                       "country": item[key] if kind == "country" else None, "mention": m["text"],
                       "start": m["start"], "end": m["end"], "via": m.get("via")}
    for figure in entities["defense_spending"]:
        yield {"source": source, "type": "defense_spending", "key": figure["kind"], "country": figure["country"],
               "value": _number(figure["value"]), "currency": figure.get("currency"), "target": figure.get("target"),
               "mention": figure["text"], "start": figure["start"], "end": figure["end"]}
    for run in record["offtopic"]:
        yield {"source": source, "type": "offtopic", "key": ",".join(map(str, run["paragraphs"])),
               "value": run["score"], "mention": "; ".join(run["reasons"]), "start": run["start"], "end": run["end"]}


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    """Yield a CSV header and one row per mention, across all records."""
    yield _csv_line(CSV_COLUMNS)
    for record in records:
        for row in csv_rows(record):
            yield _csv_line(row.get(column) for column in CSV_COLUMNS)


def _md_cell(value) -> str:
    """Return a value safe inside a Markdown table cell."""
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list]) -> list[str]:
    """Return the lines of a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def entity_tables(record: dict) -> list[tuple[str, list[str], list[list]]]:
    """Return (title, header, rows) for each non-empty entity group of a record, shared by the md and rich views."""
    entities = record["entities"]

    def first(item: dict) -> str:
        mention = item["mentions"][0]
        return f'"{mention["text"]}" @{mention["start"]}'

    tables = []
    if entities["leaders"]:
        tables.append(("Leaders", ["name", "role", "country", "mentions", "first mention"],
                       [[l["name"], l["role"], l["country"], len(l["mentions"]), first(l)] for l in entities["leaders"]]))
    if entities["countries"]:
        tables.append(("Countries", ["code", "name", "mentions", "first mention"],
                       [[c["code"], c["name"], len(c["mentions"]), first(c)] for c in entities["countries"]]))
    if entities["summits"]:
        tables.append(("Summits", ["key", "name", "mentions", "first mention"],
                       [[s["key"], s["name"], len(s["mentions"]), first(s)] for s in entities["summits"]]))
    if entities["commodities"]:
        tables.append(("Commodities", ["id", "name", "mentions", "first mention"],
                       [[c["id"], c["name"], len(c["mentions"]), first(c)] for c in entities["commodities"]]))
    if entities["defense_spending"]:
        tables.append(("Defence spending", ["country", "kind", "value", "currency", "target", "text"],
                       [[f["country"], _KIND_LABELS.get(f["kind"], f["kind"]), _number(f["value"]), f.get("currency"),
                         f.get("target"), f["text"]] for f in entities["defense_spending"]]))
    return tables


def markdown_lines(records: Iterable[dict], texts: bool = False) -> Iterator[str]:
    """Yield a Markdown report: one section per record with its entity tables and off-topic passages."""
    for record in records:
        lines = [f"## {record['source']}", ""]
        if not record.get("ok"):
            lines += [f"**Error** `{record['error']['code']}`: {record['error']['message']}", ""]
            yield "\n".join(lines) + "\n"
            continue
        language = record["language"]
        lines += [f"- **Title:** {record['title'] or '(none)'}",
                  f"- **Language:** {language['code']} ({language['confidence']:.2f})",
                  f"- **Paragraphs:** {len(record['paragraphs'])}, {record['chars']} characters", ""]
        for title, header, rows in entity_tables(record):
            lines += [f"### {title}", ""] + _md_table(header, rows)
        if record["offtopic"]:
            lines += ["### Off-topic passages", ""]
            lines += _md_table(["paragraphs", "score", "reasons"],
                               [[", ".join(map(str, r["paragraphs"])), f"{r['score']:.2f}", "; ".join(r["reasons"])]
                                for r in record["offtopic"]])
        yield "\n".join(lines) + "\n"
