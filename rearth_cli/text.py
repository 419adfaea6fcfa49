"""Turn the bytes journalists have into one normalised article text: decoding, HTML/Markdown main text, title, paragraphs."""

from __future__ import annotations

import codecs
import re

from rearth_cli.article import Paragraph
from rearth_cli.errors import DecodeError, Empty, NotText

# Magic numbers of the binary files most often saved next to articles.
_BINARY_SIGNATURES = (
    b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM",
    b"II*\x00", b"MM\x00*", b"RIFF", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!", b"BZh",
    b"\xfd7zXZ\x00", b"\x7fELF", b"MZ", b"OggS", b"ID3", b"fLaC", b"\x00\x00\x01\x00",
    b"SQLite format 3",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy code pages journalists meet in old CMS exports; unrestricted detection
# reads latin-1 French as cp775 and short cp1252 text as Farsi (NOTES.md).
_WESTERN_CODEPAGES = ["cp1252", "latin_1", "iso8859_15"]
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u017d\u017e\u0178\u0192\u02c6\u02dc]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<meta|<!--)", re.IGNORECASE)
_TITLE_MAX_CHARS = 160
_TITLE_MAX_WORDS = 25


# Control characters that text does not contain (tab, newlines, form feed and carriage return are text).
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte < 9 or 13 < byte)


def sniff_binary(data: bytes) -> bool:
    """Return True when the bytes look like a binary file rather than text."""
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if any(head.startswith(sig) for sig in _BINARY_SIGNATURES):
        return True
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes) -> str:
    """Return the text of the bytes: BOMs, strict UTF-8, then a Western code page; raise NotText/DecodeError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"the file starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})") from None
    if sniff_binary(data):
        raise NotText("this is a binary file (image, PDF, archive or program), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    else:
        if _MOJIBAKE.search(text):
            import ftfy

            text = ftfy.fix_encoding(text)
    return text


def _decode_legacy(data: bytes) -> str:
    """Return text decoded from a legacy code page chosen by charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_WESTERN_CODEPAGES).best()
    if best is None:
        raise DecodeError("the text encoding could not be recognised (tried UTF-8, UTF-16 and Western code pages)")
    return str(best)


def normalise(text: str) -> str:
    """Return text with a BOM removed, CRLF/CR turned into LF and stray control characters blanked."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Control characters become spaces, so offsets stay meaningful and output stays printable.
    return _CONTROL.sub(" ", text)


def looks_like_html(data: bytes) -> bool:
    """Return True when the bytes start like an HTML document."""
    return bool(_HTML_START.match(data[:1024].lstrip(b"\xef\xbb\xbf")))


def html_main_text(html: str) -> tuple[str | None, str]:
    """Return (title, main text) of a saved web page, without navigation, scripts, comments or footers."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    # Never reach the network; the article is already on disk.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_links=False,
        include_images=False, favor_precision=True, deduplicate=False, config=config,
    ) or ""
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title.strip() if metadata is not None and metadata.title else None
    return title, body


def markdown_text(source: str) -> str:
    """Return the plain text of a Markdown document, one block (heading, paragraph, list item) per line."""
    from markdown_it import MarkdownIt

    lines: list[str] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type != "inline" or token.children is None:
            continue
        parts: list[str] = []
        for child in token.children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                continue
        line = " ".join("".join(parts).split())
        if line:
            lines.append(line)
    return "\n".join(lines)


def with_title_line(title: str | None, body: str) -> str:
    """Return body with the title as its first line, unless it already starts with it."""
    if not title or body.lstrip().startswith(title):
        return body
    return f"{title}\n{body}"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every line of text, without the newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span shrunk to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_hard_wrapped(text: str) -> bool:
    """Return True when lines are broken at a fixed width and paragraphs are separated by blank lines."""
    lines = text.split("\n")
    if not any(not line.strip() for line in lines):
        return False
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 2:
        return False
    width = max(len(line) for block in blocks for line in block)
    if width > 120:
        return False
    # In wrapped text most lines inside a block run close to the width and end mid-sentence.
    broken = sum(1 for line in inner if len(line) >= 0.6 * width and not line.endswith((".", "!", "?", ":", "»", '"')))
    return broken >= 0.5 * len(inner)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each paragraph: non-empty lines, or blank-line blocks in hard-wrapped text."""
    spans: list[tuple[int, int]] = []
    if is_hard_wrapped(text):
        block_start: int | None = None
        block_end = 0
        for start, end in _line_spans(text) + [(len(text), len(text))]:
            if text[start:end].strip():
                block_start = start if block_start is None else block_start
                block_end = end
            elif block_start is not None:
                spans.append(_strip_span(text, block_start, block_end))
                block_start = None
        return spans
    for start, end in _line_spans(text):
        start, end = _strip_span(text, start, end)
        if start < end:
            spans.append((start, end))
    return spans


def find_title(text: str, spans: list[tuple[int, int]]) -> str | None:
    """Return the first paragraph when it reads as a title: short, no final period, followed by more text."""
    if len(spans) < 2:
        return None
    start, end = spans[0]
    first = text[start:end]
    if len(first) > _TITLE_MAX_CHARS or len(first.split()) > _TITLE_MAX_WORDS or "\n" in first:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    return first


def split_paragraphs(text: str) -> list[Paragraph]:
    """Return the article's paragraphs with offsets, language not yet set."""
    return [Paragraph(index, start, end) for index, (start, end) in enumerate(paragraph_spans(text))]


def require_text(text: str) -> str:
    """Return text unchanged, or raise Empty when it has nothing but whitespace."""
    if not text.strip():
        raise Empty("the article is empty (no text once decoded)")
    return text
