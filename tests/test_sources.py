"""Finding inputs: folders, feeds, stdin and path lists, in order, with one Source (or error) per article."""

from __future__ import annotations

import io
import json
import os

import pytest

from rearth_cli.errors import Empty, NotText, TooLarge
from rearth_cli.sources import iter_sources, read_paths_list, read_source

ARTICLE = "Lithium: Chile signs with the EU\nSantiago and Brussels signed a lithium supply pact on Monday.\n"


def names(sources):
    return [s.name for s in sources]


def codes(sources):
    return [s.error.code if s.error else None for s in sources]


@pytest.fixture
def news(tmp_path):
    root = tmp_path / "news"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE)
    (root / "b" / "c.md").write_text("# Title\n\nBody text here.\n")
    (root / "b" / "d.html").write_text("<html><body><p>x</p></body></html>")
    (root / "notes.log").write_text("not an article extension")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.txt").write_text(ARTICLE)
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text(ARTICLE)
    return root


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden_and_other_extensions(news):
    found = names(iter_sources([str(news)]))
    assert found == [str(news / "a.txt"), str(news / "b" / "c.md"), str(news / "b" / "d.html")]


def test_glob_chooses_the_files_of_a_folder(news):
    assert names(iter_sources([str(news)], globs=("*.log",))) == [str(news / "notes.log")]
    assert names(iter_sources([str(news)], globs=("b/*",))) == [str(news / "b" / "c.md"), str(news / "b" / "d.html")]


def test_symlink_loops_end_and_broken_links_become_not_found(news):
    os.symlink(news, news / "b" / "loop")
    os.symlink(news / "missing.txt", news / "broken.txt")
    sources = list(iter_sources([str(news)]))
    assert names(sources).count(str(news / "a.txt")) == 1
    broken = [s for s in sources if s.name.endswith("broken.txt")][0]
    with pytest.raises(Exception) as info:
        read_source(broken, 1000)
    assert info.value.code == "not_found" and "link" in info.value.message


def test_missing_path_is_one_not_found_source_and_others_go_on(news):
    sources = list(iter_sources([str(news / "nope.txt"), str(news / "a.txt")]))
    assert codes(sources) == ["not_found", None]


def test_empty_folder_is_reported(tmp_path):
    sources = list(iter_sources([str(tmp_path)]))
    assert codes(sources) == ["empty"]


def test_feed_gives_one_source_per_non_blank_line_named_path_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T", "url": "https://example.org/a", "text": ARTICLE}),
        "",
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second article about cobalt in Congo."}),
    ]
    feed.write_text("\n".join(lines) + "\n")
    sources = list(iter_sources([str(feed)]))
    assert names(sources) == [f"{feed}:{n}" for n in (1, 3, 4, 5, 6)]
    assert codes(sources) == [None, "bad_record", "bad_record", "bad_record", None]
    assert sources[0].title == "T" and sources[0].meta == {"id": "a1", "url": "https://example.org/a"}
    assert read_source(sources[4], 1000).text.startswith("Second article")


def test_an_over_long_feed_line_is_too_large_and_the_next_line_still_read(tmp_path):
    feed = tmp_path / "feed.ndjson"
    feed.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "short one"}) + "\n")
    sources = list(iter_sources([str(feed)], max_bytes=1000))
    assert codes(sources) == ["too_large", None]
    assert names(sources)[1].endswith(":2")


def test_json_array_files_give_one_source_per_item(tmp_path):
    feed = tmp_path / "items.json"
    feed.write_text(json.dumps([{"text": "one"}, {"text": "two"}]))
    assert names(iter_sources([str(feed)])) == [f"{feed}:1", f"{feed}:2"]


def test_binary_feed_is_not_text(tmp_path):
    feed = tmp_path / "x.jsonl"
    feed.write_bytes(b"\x1f\x8b\x08\x00" + bytes(200))
    assert codes(iter_sources([str(feed)])) == ["not_text"]


def test_files_larger_than_max_bytes_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(TooLarge):
        read_source(next(iter_sources([str(big)])), 100)


def test_empty_and_binary_files(tmp_path):
    (tmp_path / "e.txt").write_text("  \n\n")
    (tmp_path / "p.txt").write_bytes(b"%PDF-1.4 binary")
    empty, pdf = iter_sources([str(tmp_path / "e.txt"), str(tmp_path / "p.txt")])
    with pytest.raises(Empty):
        read_source(empty, 1000)
    with pytest.raises(NotText):
        read_source(pdf, 1000)


def test_stdin_text_html_and_feed_are_told_apart_by_content():
    text, = iter_sources(["-"], stdin=io.BufferedReader(io.BytesIO(ARTICLE.encode())))
    assert text.name == "-" and read_source(text, 10_000).text == ARTICLE
    html, = iter_sources(["-"], stdin=io.BufferedReader(io.BytesIO(b"<!DOCTYPE html><html><body><article><p>"
                         + b"Tokyo and Washington signed a rare earths pact on Monday, officials said. " * 3 + b"</p></article></body></html>")))
    assert "Tokyo and Washington" in read_source(html, 10_000).text
    feed = list(iter_sources(["-"], stdin=io.BufferedReader(io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n'))))
    assert names(feed) == ["-:1", "-:2"]


def test_path_lists_by_line_and_by_nul():
    assert read_paths_list(io.BytesIO(b"a.txt\r\nb c.txt\n\n"), False) == ["a.txt", "b c.txt"]
    assert read_paths_list(io.BytesIO(b"a.txt\0with\nnewline.txt\0"), True) == ["a.txt", "with\nnewline.txt"]
