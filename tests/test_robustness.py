"""Hostile inputs: every input gets exactly one record with the right error code, nothing hangs, offsets stay valid."""

from __future__ import annotations

import gzip
import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from rearth_cli import analyze as analyze_module
from rearth_cli.analyze import Options, analyze_sources, analyze_text
from rearth_cli.sources import iter_sources

from conftest import SEED, jsonl, run_rearth

SEED_TEXT = SEED.read_text(encoding="utf-8")


def make_hostile_folder(root, copies: int = 1):
    """Create a folder of good and bad inputs; return {path: expected code or None} in walk order."""
    expected = {}
    for n in range(copies):
        folder = root / f"batch{n:03d}"
        folder.mkdir(parents=True)
        files = {
            "a-good.txt": (SEED_TEXT.encode("utf-8"), None),
            "b-empty.txt": (b"", "empty"),
            "c-blank.md": (b"  \n\n\t\n", "empty"),
            "d-image.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(64), "not_text"),
            "e-archive.txt": (gzip.compress(SEED_TEXT.encode()), "not_text"),
            "f-cp1252.txt": (SEED_TEXT.replace("’", "'").encode("cp1252"), None),
            "g-utf16.txt": (SEED_TEXT.encode("utf-16"), None),
            "h-huge.txt": (b"mot " * 3000, "too_large"),
            "i-crlf.txt": (SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), None),
            "j-pdf.html": (b"%PDF-1.5\n" + os.urandom(64), "not_text"),
        }
        for name, (data, code) in files.items():
            (folder / name).write_bytes(data)
            expected[str(folder / name)] = code
        os.symlink(folder / "missing.txt", folder / "k-dangling.txt")
        expected[str(folder / "k-dangling.txt")] = "not_found"
    return expected


def test_hostile_folder_gives_one_record_per_input_with_the_right_code(tmp_path, validate_record):
    expected = make_hostile_folder(tmp_path)
    feed = tmp_path / "zz-feed.jsonl"
    feed.write_text(json.dumps({"text": SEED_TEXT}) + "\n{broken json\n" + json.dumps({"text": ""}) + "\n")
    expected.update({f"{feed}:1": None, f"{feed}:2": "bad_record", f"{feed}:3": "empty"})
    result = run_rearth("analyze", str(tmp_path), "--format", "jsonl", "--max-bytes", "10000", "-j2", "--include-text")
    records = jsonl(result.stdout)
    assert [r["source"] for r in records] == list(expected)
    for record in records:
        validate_record(record)
        code = expected[record["source"]]
        assert (record.get("error") or {}).get("code") == code, record["source"]
    good = [r for r in records if r["ok"]]
    assert all(r["language"]["code"] == "fr" for r in good)
    # The same article in other encodings gives the same entities as the UTF-8 original.
    assert len({tuple(leader["name"] for leader in r["entities"]["leaders"]) for r in good[:-1]}) == 1
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.decode().strip().splitlines()) == sum(1 for c in expected.values() if c)


def test_five_hundred_mixed_files_with_two_workers_give_five_hundred_records(tmp_path):
    expected = make_hostile_folder(tmp_path, copies=45)
    for n in range(500 - len(expected)):
        path = tmp_path / f"zz{n:03d}.txt"
        path.write_text(f"Note {n}: Tokyo et Washington discutent des terres rares.\n")
        expected[str(path)] = None
    sources = iter_sources([str(tmp_path)], max_bytes=10000)
    records = list(analyze_sources(sources, Options(max_bytes=10000, fast=True), jobs=2))
    assert len(records) == 500
    assert [r["source"] for r in records] == list(expected)
    assert [(r.get("error") or {}).get("code") for r in records] == list(expected.values())


def test_an_unexpected_exception_is_an_internal_record_and_the_run_goes_on(monkeypatch):
    real = analyze_module._finish

    def exploding(article, doc, options):
        if "EXPLODE" in article.text:
            raise RuntimeError("boom")
        return real(article, doc, options)

    monkeypatch.setattr(analyze_module, "_finish", exploding)
    from rearth_cli.sources import Source

    sources = [Source("a", text=SEED_TEXT), Source("b", text="EXPLODE " + SEED_TEXT), Source("c", text=SEED_TEXT)]
    records = list(analyze_sources(sources, Options(), jobs=1))
    assert [r["ok"] for r in records] == [True, False, True]
    assert records[1]["error"]["code"] == "internal" and "boom" in records[1]["error"]["message"]
    assert "Traceback" not in records[1]["error"]["message"]
    debug = analyze_module.analyze_batch([sources[1]], Options(debug=True))[0]
    assert "Traceback" in debug["error"]["message"]


def test_a_worker_that_dies_is_replaced_and_its_article_reported(monkeypatch):
    real = analyze_module.prepare_article

    def dying(text, **kwargs):
        if "KILL-THE-WORKER" in text:
            os._exit(3)
        return real(text, **kwargs)

    # Workers are forked, so they inherit the patched function.
    monkeypatch.setattr(analyze_module, "prepare_article", dying)
    from rearth_cli.sources import Source

    sources = [Source(f"s{n}", text=("KILL-THE-WORKER " if n == 5 else "") + SEED_TEXT) for n in range(12)]
    records = list(analyze_sources(sources, Options(fast=True), jobs=2))
    assert [r["source"] for r in records] == [f"s{n}" for n in range(12)]
    assert [r["ok"] for r in records] == [n != 5 for n in range(12)]
    assert records[5]["error"]["code"] == "internal" and "died" in records[5]["error"]["message"]


def test_a_single_twenty_megabyte_line_is_refused_without_reading_it_whole(tmp_path):
    feed = tmp_path / "one-line.jsonl"
    with open(feed, "wb") as stream:
        stream.write(b'{"text": "' + b"a" * 21_000_000 + b'"}\n{"text": "Tokyo et Washington."}\n')
    sources = list(iter_sources([str(feed)]))
    assert [s.error.code if s.error else None for s in sources] == ["too_large", None]


def test_deep_folders_do_not_hit_the_recursion_limit(tmp_path):
    folder = tmp_path
    for _ in range(1200):
        folder = folder / "d"
        try:
            folder.mkdir()
        except OSError:
            break
    (folder / "deep.txt").write_text("Berlin und Paris.")
    assert [s.name for s in iter_sources([str(tmp_path)])] == [str(folder / "deep.txt")]
    # Remove the tree bottom-up here: pytest's recursive clean-up would hit the recursion limit.
    (folder / "deep.txt").unlink()
    while folder != tmp_path:
        folder.rmdir()
        folder = folder.parent


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(["Japon", "Trump", " ", "\n", "2 %", "du PIB", "d'ici mars", "terres rares",
                                   "日本", "\u200b", "\x00", "ﬁ", "İ", "x" * 300, "\r\n", "OTAN", "é"]), max_size=60).map("".join))
def test_arbitrary_text_gives_a_valid_record_with_valid_offsets(validate_record, text):
    record = analyze_text(text, options=Options(include_text=True, fast=True))
    validate_record(record)
    assert record["ok"] or record["error"]["code"] == "empty"


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_arbitrary_text_with_the_french_model_gives_valid_offsets(validate_record, text):
    record = analyze_text("Le Japon et la Chine. " + text, options=Options(include_text=True, lang="fr"))
    validate_record(record)
