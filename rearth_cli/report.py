"""The rich terminal report for a person: source, title, language, entity tables, paragraphs with off-topic ones marked."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rearth_cli.formats import entity_tables

_PREVIEW_CHARS = 160


def _paragraph_rows(record: dict) -> Table:
    """Return the table of paragraphs, off-topic ones struck through and dimmed with the reason."""
    table = Table(show_header=True, header_style="bold", box=None, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("paragraph", ratio=1)
    text = record.get("text", "")
    reasons = {index: run for run in record["offtopic"] for index in run["paragraphs"]}
    for paragraph in record["paragraphs"]:
        body = text[paragraph["start"]:paragraph["end"]]
        if len(body) > _PREVIEW_CHARS:
            body = body[:_PREVIEW_CHARS].rstrip() + "…"
        cell = Text(body)
        if paragraph["offtopic"]:
            cell.stylize("dim strike")
            run = reasons.get(paragraph["index"])
            if run is not None and run["paragraphs"][0] == paragraph["index"]:
                cell.append(f"\n  ↳ off-topic (score {run['score']:.2f}): " + "; ".join(run["reasons"]), style="yellow")
        table.add_row(str(paragraph["index"]), paragraph["language"] or "?", cell)
    return table


def _evidence_table(record: dict) -> Table | None:
    """Return a table of every mention with the rule or models/ entry that found it (--explain)."""
    rows = []
    for group, key in (("leaders", "name"), ("countries", "code"), ("summits", "key"), ("commodities", "id")):
        for item in record["entities"][group]:
            for mention in item["mentions"]:
                if mention.get("evidence"):
                    rows.append((item[key], mention["text"], mention.get("via", ""), mention["evidence"]))
    if not rows:
        return None
    table = Table(title="Evidence", title_justify="left", header_style="bold")
    for column in ("entity", "mention", "via", "evidence"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    return table


def render_record(record: dict, console: Console) -> None:
    """Print one record as a panel of tables."""
    if not record.get("ok"):
        error = record["error"]
        console.print(Text.assemble(("✗ ", "bold red"), (record["source"], "bold"), f"  {error['code']}: {error['message']}"))
        return
    language = record["language"]
    header = Text.assemble(
        ("Title: ", "bold"), record["title"] or "(none)", "\n",
        ("Language: ", "bold"), f"{language['code'] or '?'} ({language['confidence']:.2f})",
        ("   Paragraphs: ", "bold"), str(len(record["paragraphs"])),
        ("   Characters: ", "bold"), str(record["chars"]),
    )
    parts: list = [header]
    for title, columns, rows in entity_tables(record):
        table = Table(title=title, title_justify="left", header_style="bold", expand=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if cell is None else str(cell) for cell in row))
        parts.append(table)
    if not any(record["entities"][group] for group in record["entities"]):
        parts.append(Text("No leaders, countries, summits, commodities or defence figures found.", style="dim"))
    evidence = _evidence_table(record)
    if evidence is not None:
        parts.append(evidence)
    if "text" in record:
        parts.append(_paragraph_rows(record))
    console.print(Panel(Group(*parts), title=Text(record["source"], style="bold cyan"), title_align="left"))


def render_summary(counts: dict[str, int], console: Console) -> None:
    """Print one closing line: how many articles were analysed and how many failed."""
    failed = counts.get("failed", 0)
    style = "red" if failed else "green"
    console.print(Text(f"{counts.get('total', 0)} input(s): {counts.get('ok', 0)} analysed, {failed} failed", style=style))
