"""The Dask runner gives byte-identical records, in input order, to the local run, and streams with a bounded window."""

from __future__ import annotations

import dataclasses
import json
import pickle
import sys

import pytest

from conftest import SAMPLES, SEED

distributed = pytest.importorskip("dask.distributed")

from rearth_cli.analyze import Options, analyze_sources  # noqa: E402
from rearth_cli.distributed import analyze_on_dask  # noqa: E402
from rearth_cli.errors import Empty  # noqa: E402
from rearth_cli.formats import to_json  # noqa: E402
from rearth_cli.sources import Source, iter_sources  # noqa: E402


@pytest.fixture(scope="module")
def client():
    """Return a client of a one-worker, one-thread, in-process cluster (cheap to start)."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def local_lines() -> list[str]:
    """Return the JSON lines of the local single-process run over samples/."""
    return [to_json(r) for r in analyze_sources(iter_sources([str(SAMPLES)]), Options(), jobs=1)]


def test_sources_pickle_with_their_fields():
    sources = list(iter_sources([str(SAMPLES), str(SAMPLES / "missing.txt")]))
    copies = pickle.loads(pickle.dumps(sources))
    for source, copy in zip(sources, copies, strict=True):
        assert dataclasses.astuple(dataclasses.replace(copy, error=None)) == dataclasses.astuple(dataclasses.replace(source, error=None))
        assert type(copy.error) is type(source.error)
        assert getattr(copy.error, "message", None) == getattr(source.error, "message", None)


def test_dask_records_equal_local_records(client, local_lines):
    records = list(analyze_on_dask(iter_sources([str(SAMPLES)]), Options(), client, batch_size=2, max_in_flight=2))
    assert [to_json(r) for r in records] == local_lines
    # the samples folder holds articles and a feed: more records than files, every one analysed
    assert len(records) > len(list(SAMPLES.iterdir()))
    assert all(r["ok"] for r in records), [r.get("error") for r in records if not r["ok"]]


@pytest.mark.parametrize("send_bytes", [True, False])
def test_file_errors_are_identical_whoever_reads(client, tmp_path, send_bytes):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    sources = [Source(str(SEED), path=str(SEED), format="txt"),
               Source(str(tmp_path / "gone.txt"), path=str(tmp_path / "gone.txt")),
               Source(str(empty), path=str(empty))]
    local = [to_json(r) for r in analyze_sources(sources, Options(), jobs=1)]
    remote = [to_json(r) for r in analyze_on_dask(sources, Options(), client, send_bytes=send_bytes)]
    assert remote == local
    assert [json.loads(r)["ok"] for r in remote] == [True, False, False]


def test_reads_input_lazily_with_a_bounded_window(client):
    consumed: list[int] = []

    def stream():
        for i in range(40):
            consumed.append(i)
            yield Source(f"s{i}", error=Empty(f"empty {i}"))

    records = analyze_on_dask(stream(), Options(), client, batch_size=2, max_in_flight=2)
    first = next(records)
    assert first["source"] == "s0"
    # first batch holds one source, then one more batch of two may be queued
    assert len(consumed) <= 3
    rest = list(records)
    assert [r["source"] for r in [first, *rest]] == [f"s{i}" for i in range(40)]
    assert rest[-1]["error"] == {"code": "empty", "message": "empty 39"}


def test_address_string_opens_and_closes_its_own_client(client):
    address = client.scheduler.address
    records = list(analyze_on_dask([Source("x", error=Empty("nothing"))], Options(), address))
    assert records == [{"schema": "rearth/article@1", "source": "x", "ok": False,
                        "error": {"code": "empty", "message": "nothing"}}]


def test_missing_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(RuntimeError, match=r"pip install 'rearth\[dask\]'"):
        analyze_on_dask([Source("x", error=Empty("nothing"))], Options(), "tcp://127.0.0.1:1")


def test_cli_dask_scheduler_option_gives_the_local_records(client, local_lines):
    from click.testing import CliRunner

    from rearth_cli.cli import cli

    result = CliRunner().invoke(cli, ["analyze", str(SAMPLES), "--format", "jsonl",
                                      "--dask-scheduler", client.scheduler.address])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == local_lines


def test_cli_unreachable_scheduler_is_a_usage_error():
    from click.testing import CliRunner

    from rearth_cli.cli import cli

    result = CliRunner().invoke(cli, ["analyze", str(SEED), "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "Dask scheduler" in result.stderr
