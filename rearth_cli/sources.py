"""Turn PATH arguments, folders, stdin and path lists into Sources, one per article, in input order."""

from __future__ import annotations

import fnmatch
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from rearth_cli import text as textlib
from rearth_cli.errors import (
    BadRecord, Empty, NotFound, NotText, PermissionDenied, RearthError, TooLarge,
)

ARTICLE_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
FEED_SUFFIXES = {".jsonl", ".ndjson", ".json"}
INPUT_FORMATS = ("auto", "txt", "md", "html", "jsonl")
_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Source:
    """One article to analyse: a file to read, text already read, or the error that stopped it."""

    name: str
    path: str | None = None
    data: bytes | None = None
    text: str | None = None
    format: str = "auto"
    title: str | None = None
    meta: dict = field(default_factory=dict)
    error: RearthError | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """What reading a Source gives: the text to analyse, an optional title and metadata."""

    text: str
    title: str | None
    meta: dict


def _format_of(path: str, forced: str) -> str:
    """Return the input format of a path from the forced choice or its extension."""
    if forced != "auto":
        return forced
    suffix = os.path.splitext(path)[1].lower()
    if suffix in FEED_SUFFIXES:
        return "jsonl"
    return ARTICLE_SUFFIXES.get(suffix, "auto")


def _os_error(path: str, exc: OSError) -> RearthError:
    """Return the contract error for an OS error on path."""
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return NotFound(f"{path} is a link to a file that does not exist")
        return NotFound(f"no such file or folder: {path}")
    if isinstance(exc, PermissionError):
        return PermissionDenied(f"permission denied: {path} (check the file's read permission)")
    if isinstance(exc, IsADirectoryError):
        return NotText(f"{path} is a folder")
    return NotText(f"{path} cannot be read: {exc.strerror or exc}")


def _wanted(relative: str, globs: tuple[str, ...]) -> bool:
    """Return True when a file found in a folder should be analysed."""
    name = os.path.basename(relative)
    if globs:
        return any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(name, g) for g in globs)
    suffix = os.path.splitext(name)[1].lower()
    return suffix in ARTICLE_SUFFIXES or suffix in FEED_SUFFIXES


def walk_folder(root: str, globs: tuple[str, ...] = ()) -> Iterator[str]:
    """Yield article files under root, depth first in name order (as `find | sort` lists them); hidden entries skipped.

    Iterative, so deep trees cannot hit the recursion limit; each real folder is
    read once, so symlink loops end.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry]] = []

    def enter(folder: str) -> None:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                return  # a symlink loop, or a second link to a folder already read
            seen.add((info.st_dev, info.st_ino))
            stack.append(iter(sorted(os.scandir(folder), key=lambda entry: entry.name)))
        except OSError:
            return

    enter(root)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            enter(entry.path)
        elif _wanted(os.path.relpath(entry.path, root), globs):
            yield entry.path


def read_limited(stream: BinaryIO, max_bytes: int, what: str) -> bytes:
    """Return all bytes of stream, raising TooLarge as soon as it exceeds max_bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"{what} is larger than --max-bytes ({max_bytes} bytes)")
    return data


def _feed_record(name: str, line: bytes | str, number: int) -> Source:
    """Return the Source of one JSON Lines record, or its bad_record error."""
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return Source(name, error=BadRecord(f"line {number} is not valid JSON ({exc.__class__.__name__}: {str(exc)[:80]})"))
    return _feed_object(name, record, f"line {number}")


def _feed_object(name: str, record: object, where: str) -> Source:
    """Return the Source of one decoded feed object, or its bad_record error."""
    if not isinstance(record, dict):
        return Source(name, error=BadRecord(f"{where} is not a JSON object"))
    body = record.get("text")
    if not isinstance(body, str):
        return Source(name, error=BadRecord(f'{where} has no "text" field holding the article text'))
    title = record.get("title") if isinstance(record.get("title"), str) else None
    meta = {key: record[key] for key in ("id", "url") if isinstance(record.get(key), (str, int))}
    return Source(name, text=body, format="record", title=title, meta=meta)


def _skip_line(stream: BinaryIO) -> None:
    """Read and drop the rest of an over-long line."""
    while True:
        chunk = stream.readline(_READ_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def feed_sources(name: str, stream: BinaryIO, max_bytes: int) -> Iterator[Source]:
    """Yield one Source per non-blank record of a JSON Lines (or JSON array) stream, named name:LINE."""
    head = stream.peek(_READ_CHUNK)[:_READ_CHUNK] if hasattr(stream, "peek") else b""
    if head and textlib.sniff_binary(head):
        yield Source(name, error=NotText(f"{name} is a binary file, not a JSON Lines feed"))
        return
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from _json_array_sources(name, stream, max_bytes)
        return
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_line(stream)
            yield Source(f"{name}:{number}", error=TooLarge(f"line {number} is larger than --max-bytes ({max_bytes} bytes)"))
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line.strip():
            yield _feed_record(f"{name}:{number}", line, number)


def _json_array_sources(name: str, stream: BinaryIO, max_bytes: int) -> Iterator[Source]:
    """Yield one Source per object of a JSON array file, named name:N (1-based)."""
    try:
        items = json.loads(read_limited(stream, max_bytes, name))
    except RearthError as exc:
        yield Source(name, error=exc)
        return
    except (ValueError, UnicodeDecodeError) as exc:
        yield Source(name, error=BadRecord(f"{name} is not valid JSON ({str(exc)[:80]})"))
        return
    if not items:
        yield Source(name, error=Empty(f"{name} holds an empty JSON array"))
    for number, item in enumerate(items, 1):
        yield _feed_object(f"{name}:{number}", item, f"item {number}")


def _path_sources(path: str, max_bytes: int, input_format: str) -> Iterator[Source]:
    """Yield the Sources of one file path: itself, or each record of a feed."""
    kind = _format_of(path, input_format)
    if kind != "jsonl":
        yield Source(path, path=path, format=kind)
        return
    try:
        with open(path, "rb") as stream:
            yield from feed_sources(path, stream, max_bytes)
    except OSError as exc:
        yield Source(path, error=_os_error(path, exc))


def iter_sources(
    paths: Iterable[str],
    *,
    globs: tuple[str, ...] = (),
    max_bytes: int = 20_000_000,
    input_format: str = "auto",
    stdin: BinaryIO | None = None,
) -> Iterator[Source]:
    """Yield Sources for PATH arguments: files, folders (recursive), '-' for stdin."""
    for path in paths:
        if path == "-":
            yield from stdin_sources(stdin, max_bytes, input_format)
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield Source(path, error=_os_error(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            found = False
            for file_path in walk_folder(path, globs):
                found = True
                yield from _path_sources(file_path, max_bytes, input_format)
            if not found:
                yield Source(path, error=Empty(f"the folder {path} holds no article files (.txt, .md, .html, .jsonl...)"))
        else:
            yield from _path_sources(path, max_bytes, input_format)


def stdin_sources(stdin: BinaryIO | None, max_bytes: int, input_format: str) -> Iterator[Source]:
    """Yield the Sources read from standard input: one article, or one per record of a feed."""
    if stdin is None:
        yield Source("-", error=NotFound("standard input is not available"))
        return
    if input_format == "jsonl":
        yield from feed_sources("-", stdin, max_bytes)
        return
    try:
        data = read_limited(stdin, max_bytes, "standard input")
    except RearthError as exc:
        yield Source("-", error=exc)
        return
    if input_format == "auto" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        import io

        yield from feed_sources("-", io.BufferedReader(io.BytesIO(data)), max_bytes)
        return
    yield Source("-", data=data, format=input_format)


def read_paths_list(stream: BinaryIO, null_separated: bool) -> list[str]:
    """Return the paths listed one per line (or NUL-separated) in stream, blanks dropped."""
    raw = stream.read()
    separator = b"\0" if null_separated else b"\n"
    paths = []
    for item in raw.split(separator):
        item = item if null_separated else item.rstrip(b"\r")
        if item.strip():
            paths.append(os.fsdecode(item))
    return paths


def read_source(source: Source, max_bytes: int) -> SourceText:
    """Return the decoded text, title and metadata of a Source; raise a RearthError when it cannot be read."""
    if source.error is not None:
        raise source.error
    if source.text is not None:
        return SourceText(source.text, source.title, dict(source.meta))
    data = source.data if source.data is not None else read_file(source.path or source.name, max_bytes)
    if not data.strip():
        raise Empty("the file is empty" if source.path else "the input is empty")
    kind = source.format
    if kind == "auto":
        kind = "html" if textlib.looks_like_html(data) else "txt"
    decoded = textlib.decode(data)
    if kind == "html":
        title, body = textlib.html_main_text(decoded)
        if not body.strip():
            raise Empty("the web page has no article text (only navigation, scripts or boilerplate)")
        return SourceText(textlib.with_title_line(title, body), title, {"format": "html"})
    if kind == "md":
        return SourceText(textlib.markdown_text(decoded), None, {"format": "md"})
    return SourceText(decoded, None, {})


def read_file(path: str, max_bytes: int) -> bytes:
    """Return a file's bytes, refusing folders, special files and files over max_bytes before reading them."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise NotText(f"{path} is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise NotText(f"{path} is not a regular file (device, pipe or socket)")
        if info.st_size > max_bytes:
            raise TooLarge(f"{path} is {info.st_size} bytes, larger than --max-bytes ({max_bytes} bytes)")
        with open(path, "rb") as stream:
            return read_limited(stream, max_bytes, path)
    except OSError as exc:
        raise _os_error(path, exc) from None
