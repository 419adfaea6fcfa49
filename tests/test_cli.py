"""The installed command end to end: real subprocesses and click's CliRunner on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rearth_cli.cli import cli

from conftest import ROOT, SAMPLES, SEED, jsonl, run_rearth


@pytest.fixture(scope="module")
def sample_run():
    """Run `rearth analyze samples/ --format jsonl -j2 --include-text` once for the module."""
    return run_rearth("analyze", "samples/", "--format", "jsonl", "-j2", "--include-text")


def sample_files():
    files = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and not p.name.startswith("."))
    expected = []
    for path in files:
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            expected += [f"samples/{path.name}:{n}" for n, line in enumerate(lines, 1) if line.strip()]
        else:
            expected.append(f"samples/{path.name}")
    return expected


def test_samples_give_one_valid_record_per_article_in_input_order(sample_run, validate_record):
    assert sample_run.returncode == 0, sample_run.stderr.decode()
    records = jsonl(sample_run.stdout)
    assert [r["source"] for r in records] == sample_files()
    for record in records:
        validate_record(record)
        assert record["ok"]


def test_samples_languages_are_right(sample_run):
    for record in jsonl(sample_run.stdout):
        name = record["source"].split("/")[-1]
        if ":" in name:
            continue  # feed records: checked below
        assert record["language"]["code"] == name[:2], record["source"]


def test_feed_records_keep_their_id_and_title(sample_run):
    feed = [r for r in jsonl(sample_run.stdout) if ":" in r["source"].split("/")[-1]]
    assert feed, "the samples hold a JSON Lines feed"
    for record in feed:
        assert record["title"] and record["meta"].get("id")


def test_seed_record_has_title_and_paragraphs_as_its_lines(sample_run):
    seed = [r for r in jsonl(sample_run.stdout) if r["source"].endswith(SEED.name)][0]
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert seed["title"] == lines[0]
    assert [seed["text"][p["start"]:p["end"]] for p in seed["paragraphs"]] == lines
    assert all(p["language"] == "fr" for p in seed["paragraphs"])


def test_output_is_byte_identical_across_runs_and_job_counts(sample_run):
    again = run_rearth("analyze", "samples/", "--format", "jsonl", "-j1", "--include-text")
    assert again.stdout == sample_run.stdout


def test_stdin_is_analysed_as_source_dash():
    result = run_rearth("analyze", "-", "--format", "jsonl", stdin=SEED.read_bytes())
    record, = jsonl(result.stdout)
    assert result.returncode == 0 and record["source"] == "-" and record["language"]["code"] == "fr"


def test_files_from_with_nul_separated_list():
    listing = b"\0".join([str(SEED).encode(), b"samples/does-not-exist.txt"]) + b"\0"
    result = run_rearth("analyze", "--files-from", "-", "-0", "--format", "jsonl", stdin=listing)
    records = jsonl(result.stdout)
    assert [r["ok"] for r in records] == [True, False]
    assert records[1]["error"]["code"] == "not_found"
    assert result.returncode == 1
    assert b"samples/does-not-exist.txt: not_found" in result.stderr
    assert b"Traceback" not in result.stderr


def test_no_input_is_a_usage_error():
    result = run_rearth("analyze")
    assert result.returncode == 2 and b"no input" in result.stderr


def test_bad_option_is_a_usage_error():
    assert run_rearth("analyze", "--format", "xml", "samples/").returncode == 2
    assert run_rearth("analyze", "--lang", "french!", str(SEED)).returncode == 2


def test_closing_the_pipe_early_ends_quietly():
    shell = f"{sys.executable} -m rearth_cli analyze samples/ --format jsonl -j1 | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, cwd=ROOT,
                            env={**os.environ}, timeout=300)
    assert len(result.stdout.splitlines()) == 1
    json.loads(result.stdout)
    assert result.stderr == b""
    assert result.returncode == 0


def test_help_and_version_do_not_load_spacy_or_langdetect():
    probe = ("import sys, rearth_cli.cli as c\n"
             "from click.testing import CliRunner\n"
             "CliRunner().invoke(c.cli, ['--help']); CliRunner().invoke(c.cli, ['analyze', '--help'])\n"
             "print(sorted(m for m in ('spacy', 'langdetect', 'trafilatura') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    version = run_rearth("--version")
    assert version.stdout.decode().startswith("rearth ")


def test_fast_mode_analyses_without_importing_spacy_and_finds_the_same_entities():
    probe = ("import sys, json, rearth_cli.cli as c\n"
             "from click.testing import CliRunner\n"
             f"r = CliRunner().invoke(c.cli, ['analyze', '--fast', '--format', 'jsonl', {str(SEED)!r}])\n"
             "print(json.dumps([sorted(m for m in ('spacy', 'thinc') if m in sys.modules), json.loads(r.stdout)['entities']]))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    loaded, fast_entities = json.loads(out.stdout)
    assert loaded == []
    full = json.loads(CliRunner().invoke(cli, ["analyze", "--format", "jsonl", str(SEED)]).stdout)
    assert fast_entities == full["entities"]
    assert [leader["name"] for leader in fast_entities["leaders"]][:2] == ["Donald Trump", "Sanae Takaichi"]


def test_cli_runner_csv_has_one_row_per_mention_with_unix_newlines():
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "\r\n" not in result.stdout
    header, *rows = result.stdout.splitlines()
    assert header.startswith("source,type,key,name,role,country,value,currency,target,mention,start,end,via")
    types = {row.split(",")[1] for row in rows}
    assert {"leader", "country", "commodity"} <= types


def test_cli_runner_json_is_one_array(validate_record):
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "json"])
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    validate_record(records[0])


def test_markdown_report_names_the_entities():
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "md"])
    assert result.exit_code == 0
    assert "### Leaders" in result.stdout and "Donald Trump" in result.stdout


def test_rich_report_respects_no_color_and_width():
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "rich"], env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert "Donald Trump" in result.stdout and "Takaichi" in result.stdout


def test_lang_option_overrides_detection():
    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--format", "jsonl", "--lang", "it"])
    assert json.loads(result.stdout)["language"] == {"code": "it", "confidence": 1.0, "method": "given"}


def test_ctrl_c_leaves_only_whole_lines_and_no_traceback(tmp_path):
    import signal
    import time

    for n in range(60):
        (tmp_path / f"a{n:03d}.txt").write_bytes(SEED.read_bytes())
    process = subprocess.Popen([sys.executable, "-m", "rearth_cli", "analyze", str(tmp_path), "--format", "jsonl", "-j2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    first = process.stdout.readline()
    assert json.loads(first)["ok"]
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=120)
    lines = (first + rest).decode("utf-8").splitlines()
    assert 1 <= len(lines) < 60
    for line in lines:
        json.loads(line)
    assert b"Traceback" not in errors
    assert process.returncode == 130


def test_output_is_identical_whatever_python_hash_seed():
    runs = [run_rearth("analyze", "samples/", "tests/devset/", "--format", "jsonl", "--explain", "-j2",
                       env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
